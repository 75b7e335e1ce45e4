import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addCard, listCards } from '../../shared/src/ops/cards'
import { CloseCode } from '../../shared/src/protocol/closeCodes'
import { MessageType, SyncType } from '../../shared/src/protocol/messages'
import type { SectionId } from '../../shared/src/schema/ids'
import { prng } from '../../shared/src/testing'
import { readSections } from '../../shared/src/schema/allianceDoc'
import { TEMPLATES } from '../../shared/src/schema/templates'
import { SqliteStore } from '../src/store/SqliteStore'
import { hardMessageCap } from '../src/ws/attachWebsocket'
import {
  connectClient,
  createAlliance,
  rawSocket,
  startTestServer,
  tempDir,
  waitFor,
} from './helpers'
import { syncMessage } from '../src/rooms/messages'

const values = 'values' as SectionId

async function setup(overrides = {}) {
  const server = await startTestServer(overrides)
  const created = await createAlliance(server.url)
  const path = `/ws/${created.id}?token=${created.parties[0]!.token}`
  const witness = connectClient(server.url, created.id, created.parties[1]!.token)
  await witness.waitForSynced()
  return { server, created, path, witness }
}

/** The server is still up and other parties still sync: a fresh write reaches the witness. */
async function stillServing(
  server: { url: string },
  created: { id: string; parties: Array<{ token: string }> },
  witness: ReturnType<typeof connectClient>,
) {
  const writer = connectClient(server.url, created.id, created.parties[0]!.token)
  await writer.waitForSynced()
  const before = listCards(witness.doc, { sectionId: values, partyId: null }).length
  addCard(writer.doc, { sectionId: values, partyId: null, text: ['still here'] })
  await waitFor(
    () => listCards(witness.doc, { sectionId: values, partyId: null }).length === before + 1,
    'witness sees the write',
  )
  writer.destroy()
}

describe('bad input on the websocket', () => {
  it('closes sockets that send random bytes with 4400 and keeps serving everyone else', async () => {
    const { server, created, path, witness } = await setup()
    const random = prng(7)
    const codes: number[] = []
    for (let i = 0; i < 40; i++) {
      const raw = await rawSocket(server.url, path)
      const length = 1 + Math.floor(random() * 64)
      const bytes = new Uint8Array(length).map(() => Math.floor(random() * 256))
      // Keep the first byte a known message type half the time, so decoding goes deeper.
      if (i % 2) bytes[0] = i % 4 === 1 ? 0 : 1
      raw.ws.send(bytes)
      const { code } = await raw.closed
      codes.push(code)
    }
    expect(codes.every((c) => c === CloseCode.BadMessage)).toBe(true)
    await stillServing(server, created, witness)
  })

  it('refuses truncated messages, unknown types and text frames with 4400', async () => {
    const { server, created, path, witness } = await setup()
    const doc = new Y.Doc()
    doc.getMap('x').set('k', 'v')
    const valid = syncMessage(SyncType.Update, Y.encodeStateAsUpdate(doc))
    const frames: Array<Uint8Array | string> = [
      valid.slice(0, valid.length - 3),
      new Uint8Array([MessageType.Sync]),
      new Uint8Array([MessageType.Sync, 9, 0]),
      new Uint8Array([50]),
      new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]),
      'hello',
    ]
    for (const frame of frames) {
      const raw = await rawSocket(server.url, path)
      raw.ws.send(frame)
      expect((await raw.closed).code).toBe(CloseCode.BadMessage)
    }
    await stillServing(server, created, witness)
  })

  it('never applies or stores an update that does not decode', async () => {
    const { server, created, path, witness } = await setup()
    const random = prng(11)
    const doc = new Y.Doc()
    addCard(doc, { sectionId: values, partyId: null, text: ['a real update'] })
    const real = Y.encodeStateAsUpdate(doc)
    let refused = 0
    for (let i = 0; i < 30; i++) {
      const mutated = real.slice()
      for (let j = 0; j < 3; j++)
        mutated[Math.floor(random() * mutated.length)] = Math.floor(random() * 256)
      const raw = await rawSocket(server.url, path)
      raw.ws.send(syncMessage(SyncType.Update, mutated))
      raw.ws.send(syncMessage(SyncType.Step1, Y.encodeStateVector(new Y.Doc())))
      const outcome = await Promise.race([
        raw.closed,
        new Promise((r) => setTimeout(() => r(null), 300)),
      ])
      if (outcome) refused++
      raw.ws.terminate()
    }
    // Some mutations still decode (and are valid Yjs data); the rest must be refused, and the
    // stored document must still load.
    expect(refused).toBeGreaterThan(0)
    await stillServing(server, created, witness)
    await server.close()
    const reader = new SqliteStore(SqliteStore.fileIn(server.dataDir))
    const stored = await reader.loadDoc(created.id as never)
    await reader.close()
    const reloaded = new Y.Doc()
    if (stored.state) Y.applyUpdate(reloaded, stored.state)
    for (const row of stored.log) Y.applyUpdate(reloaded, row.data)
    expect(readSections(reloaded).map((s) => s.id)).toEqual(
      TEMPLATES['coach-client'].sections.map((s) => s.id),
    )
  })

  it('LM1: closes any message over the limit with 4413, up to the hard cap; only above it with 1009', async () => {
    const { server, created, path, witness } = await setup({ maxMessageBytes: 64 * 1024 })
    for (const size of [64 * 1024 + 1, 200 * 1024, 2 * 1024 * 1024, hardMessageCap(64 * 1024)]) {
      const over = await rawSocket(server.url, path)
      over.ws.send(new Uint8Array(size))
      expect({ size, code: (await over.closed).code }).toEqual({ size, code: CloseCode.TooBig })
    }
    const far = await rawSocket(server.url, path)
    far.ws.send(new Uint8Array(hardMessageCap(64 * 1024) + 1))
    expect((await far.closed).code).toBe(1009)
    await stillServing(server, created, witness)
  })

  it('refuses an update that would push the document over its size cap', async () => {
    const { server, created, witness } = await setup({ maxDocBytes: 200 * 1024 })
    const writer = connectClient(server.url, created.id, created.parties[0]!.token)
    await writer.waitForSynced()
    addCard(writer.doc, { sectionId: values, partyId: null, text: ['x'.repeat(300 * 1024)] })
    await waitFor(() => writer.closes.length > 0, 'close')
    expect(writer.closes[0]).toBe(CloseCode.TooBig)
    expect(listCards(witness.doc, { sectionId: values, partyId: null })).toHaveLength(0)
    writer.destroy()
    await stillServing(server, created, witness)
  })

  it('drops presence changes over the rate, closes a flood and a connection inventing clients', async () => {
    const { server, path, created, witness } = await setup()
    const { Awareness, encodeAwarenessUpdate } = await import('y-protocols/awareness')
    const presence = (awareness: InstanceType<typeof Awareness>, clientId: number): Uint8Array => {
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, MessageType.Awareness)
      encoding.writeVarUint8Array(encoder, encodeAwarenessUpdate(awareness, [clientId]))
      return encoding.toUint8Array(encoder)
    }
    const doc = new Y.Doc()
    const awareness = new Awareness(doc)
    let seen = 0
    witness.provider.awareness.on('change', ({ updated }: { updated: number[] }) => {
      if (updated.includes(doc.clientID)) seen++
    })
    const flood = await rawSocket(server.url, path)
    for (let i = 0; i < 2000; i++) {
      awareness.setLocalStateField('cursor', i)
      if (flood.ws.readyState === flood.ws.OPEN) flood.ws.send(presence(awareness, doc.clientID))
    }
    expect((await flood.closed).code).toBe(CloseCode.TooMany)
    // At most one second's worth of changes (60) was relayed before the connection was closed.
    expect(seen).toBeLessThanOrEqual(61)
    awareness.destroy()

    const inventor = await rawSocket(server.url, path)
    for (let i = 0; i < 12; i++) {
      const fake = new Y.Doc()
      const a = new Awareness(fake)
      a.setLocalState({ user: { name: `ghost ${i}` } })
      if (inventor.ws.readyState === inventor.ws.OPEN) inventor.ws.send(presence(a, fake.clientID))
      a.destroy()
    }
    expect((await inventor.closed).code).toBe(CloseCode.TooMany)
    await waitFor(
      () =>
        [...witness.provider.awareness.getStates().values()].every(
          (s) => !String(s.user?.name).startsWith('ghost'),
        ),
      'ghosts gone',
    )
    await stillServing(server, created, witness)
  })

  it('caps what a client may send before its connection is ready', async () => {
    const dataDir = tempDir()
    // A store whose token lookup is slow, so the messages really arrive before auth completes.
    class SlowAuthStore extends SqliteStore {
      override async findToken(hash: Buffer) {
        await new Promise((resolve) => setTimeout(resolve, 300))
        return super.findToken(hash)
      }
    }
    const server = await startTestServer(
      { dataDir },
      { store: new SlowAuthStore(SqliteStore.fileIn(dataDir)) },
    )
    const created = await createAlliance(server.url)
    const raw = await rawSocket(server.url, `/ws/${created.id}?token=${created.parties[0]!.token}`)
    const step1 = syncMessage(SyncType.Step1, Y.encodeStateVector(new Y.Doc()))
    for (let i = 0; i < 500; i++) raw.ws.send(step1)
    expect((await raw.closed).code).toBe(CloseCode.TooMany)
    expect(server.registry.size).toBe(0)
  })
})
