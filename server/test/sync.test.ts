import Database from 'better-sqlite3'
import { describe, expect, it, onTestFinished } from 'vitest'
import * as Y from 'yjs'
import { bodyToNodes, nodesToText } from '../../shared/src/ops/cardBody'
import { addCard, getCard, listCards, moveCard } from '../../shared/src/ops/cards'
import { readSections, readTitle } from '../../shared/src/schema/allianceDoc'
import type { PartyId, SectionId } from '../../shared/src/schema/ids'
import { SqliteStore } from '../src/store/SqliteStore'
import { api, connectClient, createAlliance, startTestServer, waitFor } from './helpers'

const values = 'values' as SectionId
const commitments = 'commitments' as SectionId
const textOf = (doc: Y.Doc, sectionId: SectionId, partyId: PartyId | null = null): string[] =>
  listCards(doc, { sectionId, partyId }).map((c) => nodesToText(bodyToNodes(c.body)))

describe('live sync through the server', () => {
  it('gives a new client the template the server seeded', async () => {
    const server = await startTestServer()
    const created = await createAlliance(server.url, { title: 'Team', template: 'team-charter' })
    const client = connectClient(server.url, created.id, created.facilitator.token)
    await client.waitForSynced()
    expect(readTitle(client.doc)).toBe('Team')
    expect(readSections(client.doc).map((s) => s.kind)[0]).toBe('purpose')
  })

  it('shows one party’s cards and typing to the other', async () => {
    const server = await startTestServer()
    const created = await createAlliance(server.url)
    const [alex, sam] = created.parties
    const a = connectClient(server.url, created.id, alex!.token)
    const b = connectClient(server.url, created.id, sam!.token)
    await Promise.all([a.waitForSynced(), b.waitForSynced()])

    const card = addCard(a.doc, {
      sectionId: commitments,
      partyId: alex!.id,
      text: ['I will be on time'],
    })
    await waitFor(() => textOf(b.doc, commitments, alex!.id).length === 1, 'card at b')
    const body = getCard(b.doc, card)!.body
    const text = (body.get(0) as Y.XmlElement).get(0) as Y.XmlText
    text.insert(text.length, ', always')
    await waitFor(
      () => textOf(a.doc, commitments, alex!.id)[0] === 'I will be on time, always',
      'typing at a',
    )
  })

  it('SY3: acknowledges an update only once it is in the database', async () => {
    const server = await startTestServer()
    const created = await createAlliance(server.url)
    const a = connectClient(server.url, created.id, created.parties[0]!.token)
    await a.waitForSaved()
    // A separate SQLite connection, read at the very moment the acknowledgement arrives.
    const reader = new SqliteStore(SqliteStore.fileIn(server.dataDir))
    onTestFinished(() => reader.close())
    const storedNow = async (): Promise<string[]> => {
      const stored = await reader.loadDoc(created.id)
      const doc = new Y.Doc()
      if (stored.state) Y.applyUpdate(doc, stored.state)
      for (const row of stored.log) Y.applyUpdate(doc, row.data)
      return textOf(doc, values)
    }
    let storedAtAck: Promise<string[]> | null = null
    a.tracker.subscribe(() => {
      // better-sqlite3 reads synchronously inside loadDoc, so this sees the file as it is now.
      if (a.tracker.isSaved && !storedAtAck) storedAtAck = storedNow()
    })
    // Storage is slow for a moment (another writer holds the lock): an early ack would show.
    const locker = new Database(SqliteStore.fileIn(server.dataDir))
    locker.exec('BEGIN EXCLUSIVE')
    addCard(a.doc, { sectionId: values, partyId: null, text: ['Saved for sure'] })
    setTimeout(() => {
      locker.exec('COMMIT')
      locker.close()
    }, 300)
    await a.waitForSaved(10_000)
    expect(await storedAtAck).toEqual(['Saved for sure'])
  })

  it('keeps everything across a server restart', async () => {
    const first = await startTestServer()
    const created = await createAlliance(first.url)
    const a = connectClient(first.url, created.id, created.parties[0]!.token)
    await a.waitForSynced()
    addCard(a.doc, { sectionId: values, partyId: null, text: ['Honesty'] })
    addCard(a.doc, { sectionId: values, partyId: null, text: ['Courage'] })
    await a.waitForSaved()
    a.destroy()
    await first.close()

    const second = await startTestServer({ dataDir: first.dataDir })
    const b = connectClient(second.url, created.id, created.parties[1]!.token)
    await b.waitForSynced()
    expect(textOf(b.doc, values)).toEqual(['Honesty', 'Courage'])
    expect(readSections(b.doc)).toHaveLength(readSections(a.doc).length)
  })

  it('sends a reconnecting client’s offline edits and the edits it missed', async () => {
    const server = await startTestServer()
    const created = await createAlliance(server.url)
    const a = connectClient(server.url, created.id, created.parties[0]!.token)
    const b = connectClient(server.url, created.id, created.parties[1]!.token)
    await Promise.all([a.waitForSynced(), b.waitForSynced()])
    a.provider.disconnect()
    addCard(a.doc, { sectionId: values, partyId: null, text: ['written offline'] })
    addCard(b.doc, { sectionId: values, partyId: null, text: ['written meanwhile'] })
    await b.waitForSaved()
    a.provider.connect()
    await a.waitForSaved()
    await waitFor(
      () => textOf(a.doc, values).length === 2 && textOf(b.doc, values).length === 2,
      'both cards everywhere',
    )
    expect(textOf(a.doc, values)).toEqual(textOf(b.doc, values))
  })

  it('converges when parties move the same cards at the same time', async () => {
    const server = await startTestServer()
    const created = await createAlliance(server.url)
    const clients = created.parties.map((p) => connectClient(server.url, created.id, p.token))
    await Promise.all(clients.map((c) => c.waitForSynced()))
    const ids = ['A', 'B', 'C', 'D'].map((t) =>
      addCard(clients[0]!.doc, { sectionId: values, partyId: null, text: [t] }),
    )
    await waitFor(() => textOf(clients[1]!.doc, values).length === 4, 'cards everywhere')
    moveCard(clients[0]!.doc, ids[0]!, {
      sectionId: commitments,
      partyId: created.parties[0]!.id,
      index: 0,
    })
    moveCard(clients[1]!.doc, ids[0]!, {
      sectionId: commitments,
      partyId: created.parties[1]!.id,
      index: 0,
    })
    moveCard(clients[0]!.doc, ids[1]!, { sectionId: values, partyId: null, index: 3 })
    moveCard(clients[1]!.doc, ids[1]!, { sectionId: values, partyId: null, index: 0 })
    moveCard(clients[1]!.doc, ids[2]!, { sectionId: values, partyId: null, index: 0 })
    await Promise.all(clients.map((c) => c.waitForSaved()))
    const render = (doc: Y.Doc) => JSON.stringify(doc.getMap('cards').toJSON())
    await waitFor(() => render(clients[0]!.doc) === render(clients[1]!.doc), 'convergence')
    const late = connectClient(server.url, created.id, created.observer.token)
    await late.waitForSynced()
    expect(render(late.doc)).toBe(render(clients[0]!.doc))
    expect(getCard(late.doc, ids[0]!)!.sectionId).toBe(commitments)
  })

  it('relays presence between clients and drops a client’s presence when it leaves', async () => {
    const server = await startTestServer()
    const created = await createAlliance(server.url)
    const a = connectClient(server.url, created.id, created.parties[0]!.token)
    const b = connectClient(server.url, created.id, created.parties[1]!.token)
    await Promise.all([a.waitForSynced(), b.waitForSynced()])
    a.provider.awareness.setLocalStateField('user', { name: 'Alex', color: '#2563eb' })
    await waitFor(
      () => b.provider.awareness.getStates().get(a.doc.clientID)?.user?.name === 'Alex',
      'presence at b',
    )
    a.destroy()
    await waitFor(() => !b.provider.awareness.getStates().has(a.doc.clientID), 'presence removed')
  })

  it('pushes server-owned state and updates it when a party is added', async () => {
    const server = await startTestServer()
    const created = await createAlliance(server.url)
    const a = connectClient(server.url, created.id, created.parties[0]!.token)
    await waitFor(() => a.state() !== null, 'server state')
    expect(a.state()!.you).toEqual({ role: 'party', partyId: created.parties[0]!.id })
    expect(a.state()!.parties.map((p) => p.name)).toEqual(['Alex', 'Sam'])
    await api(server.url, 'POST', `/api/alliances/${created.id}/parties`, {
      token: created.facilitator.token,
      body: { name: 'Kim' },
    })
    await waitFor(() => a.state()!.parties.length === 3, 'new party pushed')
  })

  it('works with a stock provider that did not ask for our extensions', async () => {
    const server = await startTestServer()
    const created = await createAlliance(server.url)
    const stock = connectClient(server.url, created.id, created.parties[0]!.token, {
      extensions: false,
    })
    const other = connectClient(server.url, created.id, created.parties[1]!.token)
    await Promise.all([stock.waitForSynced(), other.waitForSynced()])
    addCard(stock.doc, { sectionId: values, partyId: null, text: ['plain'] })
    await waitFor(() => textOf(other.doc, values).length === 1, 'card from the stock client')
    expect(stock.tracker.acked).toBe(0)
    expect(stock.state()).toBeNull()
  })

  it('unloads an alliance after its last client leaves and compacts its log', async () => {
    const server = await startTestServer({ unloadAfterMs: 20 })
    const created = await createAlliance(server.url)
    const a = connectClient(server.url, created.id, created.parties[0]!.token)
    await a.waitForSynced()
    for (let i = 0; i < 10; i++)
      addCard(a.doc, { sectionId: values, partyId: null, text: [`card ${i}`] })
    await a.waitForSaved()
    expect(server.registry.size).toBe(1)
    a.destroy()
    await waitFor(() => server.registry.size === 0, 'unload')
    const stored = await server.store.loadDoc(created.id)
    expect(stored.log).toHaveLength(0)
    const doc = new Y.Doc()
    Y.applyUpdate(doc, stored.state!)
    expect(textOf(doc, values)).toHaveLength(10)
  })
})
