import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { bodyToNodes } from '../../shared/src/ops/cardBody'
import { addCard, cardsBySlot, deleteCard, moveCard, type Slot } from '../../shared/src/ops/cards'
import { readSections } from '../../shared/src/schema/allianceDoc'
import type { CardId, PartyId } from '../../shared/src/schema/ids'
import { prng } from '../../shared/src/testing'
import { memoryRooms } from './memoryRoom'
import type { MemoryClient } from './memorySocket'

/**
 * Seeded random edits from several in-memory clients of one room, with messages delivered in
 * random amounts at random moments, storage flushed at random moments, and clients dropping
 * their connection (losing what was on the wire) and coming back, and appends that fail. After
 * every delivery, the client holds nothing of anyone else that is not stored yet. At the end every client,
 * the room, and a fresh load from storage hold the same document. Replay a failure with
 * FUZZ_SEED=<seed>; FUZZ_RUNS=<n> runs more seeds.
 */
const render = (doc: Y.Doc): unknown =>
  [...cardsBySlot(doc).entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([slot, cards]) => [slot, cards.map((c) => [c.id, bodyToNodes(c.body)])])

/** An edit of someone else that `client` holds and storage does not, described; or null. */
function unstoredSeenBy(client: MemoryClient, stored: Map<number, number>): string | null {
  const own = client.doc.clientID
  for (const [id, clock] of Y.decodeStateVector(Y.encodeStateVector(client.doc))) {
    if (id !== own && clock > (stored.get(id) ?? 0)) {
      return `client ${id} up to clock ${clock}, stored up to ${stored.get(id) ?? 0}`
    }
  }
  return null
}

async function run(seed: number, steps = 250): Promise<void> {
  const random = prng(seed)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!
  let failNextAppend = false
  const rooms = await memoryRooms((sqlite) => {
    const store = Object.create(sqlite) as typeof sqlite
    store.appendUpdates = async (batches) => {
      if (failNextAppend) {
        failNextAppend = false
        throw new Error('disk full (test)')
      }
      return sqlite.appendUpdates(batches)
    }
    return store
  })
  const room = await rooms.open()
  const sections = readSections(room.doc)
  const clients: MemoryClient[] = Array.from({ length: 2 + Math.floor(random() * 3) }, () =>
    rooms.client(room),
  )
  for (const c of clients) c.connect()
  const log: string[] = []
  const slot = (): Slot => {
    const section = pick(sections)
    return { sectionId: section.id, partyId: section.perParty ? ('A-p1' as PartyId) : null }
  }
  const anyCard = (doc: Y.Doc): CardId | null => {
    const ids = [...doc.getMap('cards').keys()] as CardId[]
    return ids.length ? pick(ids) : null
  }

  const storedClocks = async (): Promise<Map<number, number>> => {
    const stored = await rooms.sqlite.loadDoc(room.id)
    const doc = new Y.Doc()
    if (stored.state) Y.applyUpdate(doc, stored.state)
    for (const row of stored.log) Y.applyUpdate(doc, row.data)
    return Y.decodeStateVector(Y.encodeStateVector(doc))
  }

  for (let step = 0; step < steps; step++) {
    const c = pick(clients)
    const who = clients.indexOf(c)
    const roll = random()
    if (roll < 0.15) {
      addCard(c.doc, { ...slot(), index: Math.floor(random() * 3), text: [`card ${step}`] })
      log.push(`${who} add`)
    } else if (roll < 0.25) {
      const id = anyCard(c.doc)
      if (!id) continue
      moveCard(c.doc, id, { ...slot(), index: Math.floor(random() * 3) })
      log.push(`${who} move ${id}`)
    } else if (roll < 0.3) {
      const id = anyCard(c.doc)
      if (id) deleteCard(c.doc, id)
      log.push(`${who} delete ${id}`)
    } else if (roll < 0.45) {
      const id = anyCard(c.doc)
      const body = id && (c.doc.getMap('cards').get(id) as Y.Map<unknown>).get('body')
      const para = body instanceof Y.XmlFragment ? body.get(0) : null
      const text = para instanceof Y.XmlElement ? para.get(0) : null
      if (!(text instanceof Y.XmlText)) continue
      text.insert(Math.floor(random() * (text.length + 1)), pick([' we', ' agree', '!']))
      log.push(`${who} type in ${id}`)
    } else if (roll < 0.65) {
      const n = 1 + Math.floor(random() * 3)
      c.deliverToServer(n)
      log.push(`${who} → server ${n}`)
    } else if (roll < 0.85) {
      const n = 1 + Math.floor(random() * 3)
      c.deliverToClient(n)
      log.push(`server → ${who} ${n}`)
      // SY1, SY2: what a client learns from the server (anyone else's edits) is already stored.
      const unstored = unstoredSeenBy(c, await storedClocks())
      if (unstored) {
        console.error(`room fuzz failed for FUZZ_SEED=${seed}; steps:\n${log.join('\n')}`)
        expect.fail(`client ${who} received an unstored edit: ${unstored}`)
      }
    } else if (roll < 0.87) {
      await rooms.flush()
      log.push('flush')
    } else if (roll < 0.9) {
      // The next append fails; the flusher retries it (with backoff) on a later flush.
      failNextAppend = true
      log.push('storage fails once')
    } else if (c.isConnected) {
      c.disconnect()
      log.push(`${who} drops`)
    } else {
      c.connect()
      log.push(`${who} reconnects`)
    }
  }

  // Everyone back, and every message delivered, until nothing moves any more.
  for (const c of clients) if (!c.isConnected) c.connect()
  for (let round = 0; round < 20; round++) {
    for (const c of clients) c.deliverToServer()
    await rooms.flush()
    for (const c of clients) c.deliverToClient()
    const quiet = clients.every((c) => c.toServer.length === 0 && c.toClient.length === 0)
    if (quiet && !room.hasUnstoredUpdates) break
  }

  const fresh = await rooms.load(room.id)
  try {
    for (const doc of [...clients.map((c) => c.doc), fresh.doc]) {
      expect(render(doc)).toEqual(render(room.doc))
      expect(Y.encodeStateVector(doc)).toEqual(Y.encodeStateVector(room.doc))
    }
    for (const c of clients) expect(c.isSaved).toBe(true)
  } catch (error) {
    console.error(`room fuzz failed for FUZZ_SEED=${seed}; steps:\n${log.join('\n')}`)
    throw error
  }
}

describe('a room under random edits, delivery, storage and reconnects', () => {
  const runs = Number(process.env.FUZZ_RUNS ?? 4)
  const firstSeed = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 1e9))
  console.info(`room fuzz: FUZZ_SEED=${firstSeed} (seeds ${firstSeed}…${firstSeed + runs - 1})`)
  for (let seed = firstSeed; seed < firstSeed + runs; seed++) {
    it(`seed ${seed}: clients converge with the room and with a fresh load from storage`, () =>
      run(seed))
  }
})
