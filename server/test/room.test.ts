import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { bodyToNodes, nodesToText } from '../../shared/src/ops/cardBody'
import { addCard, listCards } from '../../shared/src/ops/cards'
import type { AllianceId, SectionId } from '../../shared/src/schema/ids'
import type { AllianceStore } from '../src/store/AllianceStore'
import { memoryRooms } from './memoryRoom'
import type { MemoryClient } from './memorySocket'

const values = 'values' as SectionId
const texts = (doc: Y.Doc): string[] =>
  listCards(doc, { sectionId: values, partyId: null }).map((c) => nodesToText(bodyToNodes(c.body)))

/** A store whose next append waits until the test settles it (fails or goes through). */
function holdableStore(inner: AllianceStore) {
  let held: { release: () => void; fail: () => void } | null = null
  let holdNext = false
  const appended: Uint8Array[][] = []
  const store = Object.create(inner) as AllianceStore
  store.appendUpdates = async (batches) => {
    if (holdNext) {
      holdNext = false
      await new Promise<void>((resolve, reject) => {
        held = { release: resolve, fail: () => reject(new Error('disk full (test)')) }
      })
    }
    await inner.appendUpdates(batches)
    appended.push(batches.flatMap((b) => b.updates))
  }
  return {
    store,
    appended,
    holdNextAppend: () => (holdNext = true),
    held: () => held,
  }
}

/** The clocks of one client's structs in an update, in the order they appear. */
function clocksOf(update: Uint8Array, client: number): number[] {
  return Y.decodeUpdate(update)
    .structs.filter((s) => s.id.client === client)
    .map((s) => s.id.clock)
}

/** Connects clients and exchanges sync steps until each is synced and saved. */
async function handshake(
  rooms: Awaited<ReturnType<typeof memoryRooms>>,
  clients: MemoryClient[],
): Promise<void> {
  for (const c of clients) c.connect()
  for (let round = 0; round < 2; round++) {
    for (const c of clients) c.deliverToServer()
    await rooms.flush()
    for (const c of clients) c.deliverToClient()
  }
}

describe('a room with in-memory sockets', () => {
  it('SY2: holds a newcomer’s sync reply until the edits it contains are stored', async () => {
    const rooms = await memoryRooms()
    const room = await rooms.open()
    const writer = rooms.client(room)
    await handshake(rooms, [writer])

    addCard(writer.doc, { sectionId: values, partyId: null, text: ['not stored yet'] })
    writer.deliverToServer()
    const reader = rooms.client(room)
    reader.connect()
    reader.deliverToServer()
    // Applied in memory, not yet stored: nothing that contains the card may reach the reader.
    reader.deliverToClient()
    expect(texts(reader.doc)).toEqual([])
    expect(room.hasUnstoredUpdates).toBe(true)

    await rooms.flush()
    reader.deliverToClient()
    expect(texts(reader.doc)).toEqual(['not stored yet'])
  })

  it('SY5: a batch that failed to store is retried ahead of the updates that came after it', async () => {
    let holdable!: ReturnType<typeof holdableStore>
    const rooms = await memoryRooms((sqlite) => (holdable = holdableStore(sqlite)).store)
    const room = await rooms.open()
    const writer = rooms.client(room)
    const watcher = rooms.client(room)
    await handshake(rooms, [writer, watcher])

    addCard(writer.doc, { sectionId: values, partyId: null, text: ['first'] })
    writer.deliverToServer()
    holdable.holdNextAppend()
    const failing = rooms.flush().catch(() => undefined)
    await new Promise((resolve) => setImmediate(resolve))
    // While the first batch is in flight, a second edit arrives; then the first batch fails.
    addCard(writer.doc, { sectionId: values, partyId: null, text: ['second'] })
    writer.deliverToServer()
    holdable.held()!.fail()
    await failing
    await rooms.flush()

    const stored = holdable.appended.flat()
    const clocks = stored.flatMap((u) => clocksOf(u, writer.doc.clientID))
    expect(clocks).toEqual([...clocks].sort((a, b) => a - b))
    watcher.deliverToClient()
    expect(texts(watcher.doc)).toEqual(['first', 'second'])
    writer.deliverToClient()
    expect(writer.isSaved).toBe(true)
  })

  it('SY1: the updates of one event-loop turn, across alliances, share one SQLite transaction', async () => {
    const rooms = await memoryRooms()
    const clients: MemoryClient[] = []
    for (const id of ['A', 'B'] as AllianceId[]) {
      const room = await rooms.open(id)
      for (let i = 0; i < 2; i++) {
        clients.push(rooms.client(room))
      }
    }
    await handshake(rooms, clients)
    const db = rooms.sqlite.db
    const rowsBefore = (db.prepare('SELECT COUNT(*) AS n FROM doc_updates').get() as { n: number })
      .n
    // Empty the write-ahead log, so that what follows is all it holds.
    db.pragma('wal_checkpoint(TRUNCATE)')

    for (let i = 0; i < 10; i++) {
      for (const client of clients) {
        addCard(client.doc, { sectionId: values, partyId: null, text: [`card ${i}`] })
        client.deliverToServer()
      }
    }
    await rooms.flush()

    const rows = (db.prepare('SELECT COUNT(*) AS n FROM doc_updates').get() as { n: number }).n
    expect(rows - rowsBefore).toBe(40)
    // Each commit writes its changed pages again, so 40 transactions would leave over 40 frames.
    const [wal] = db.pragma('wal_checkpoint(PASSIVE)') as Array<{ log: number }>
    expect(wal!.log).toBeGreaterThan(0)
    expect(wal!.log).toBeLessThan(20)
  })
})
