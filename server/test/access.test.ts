import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addCard, listCards } from '../../shared/src/ops/cards'
import { CloseCode } from '../../shared/src/protocol/closeCodes'
import type { SectionId } from '../../shared/src/schema/ids'
import {
  api,
  connectClient,
  createAlliance,
  rawSocket,
  rawUpgrade,
  startTestServer,
  waitFor,
} from './helpers'

const values = 'values' as SectionId

describe('websocket access', () => {
  it('lets an observer watch but never write', async () => {
    const server = await startTestServer()
    const created = await createAlliance(server.url)
    const party = connectClient(server.url, created.id, created.parties[0]!.token)
    const observer = connectClient(server.url, created.id, created.observer.token)
    await Promise.all([party.waitForSynced(), observer.waitForSynced()])
    const before = await server.registry.withRoom(created.id, (room) =>
      Y.encodeStateVector(room.doc),
    )

    addCard(observer.doc, { sectionId: values, partyId: null, text: ['sneaky'] })
    await waitFor(() => observer.denied.length > 0, 'read-only notice')
    expect(observer.denied[0]).toMatch(/Observers can watch/)
    await observer.waitForSaved()

    const after = await server.registry.withRoom(created.id, (room) =>
      Y.encodeStateVector(room.doc),
    )
    expect(after).toEqual(before)
    expect(listCards(party.doc, { sectionId: values, partyId: null })).toHaveLength(0)

    // It still receives everything.
    addCard(party.doc, { sectionId: values, partyId: null, text: ['visible'] })
    await waitFor(
      () => listCards(observer.doc, { sectionId: values, partyId: null }).length === 2,
      'party card at observer',
    )
  })

  it('refuses a missing, malformed, unknown or foreign token with 4401 or 4403', async () => {
    const server = await startTestServer()
    const a = await createAlliance(server.url)
    const b = await createAlliance(server.url)
    const cases: Array<[string | null, number]> = [
      [null, CloseCode.Unauthorized],
      ['', CloseCode.Unauthorized],
      ['short', CloseCode.Unauthorized],
      ['A'.repeat(32), CloseCode.Unauthorized],
      [a.parties[0]!.token.slice(0, 31), CloseCode.Unauthorized],
      [b.parties[0]!.token, CloseCode.Forbidden],
    ]
    for (const [token, code] of cases) {
      const client = connectClient(server.url, a.id, token)
      await waitFor(() => client.closes.length > 0, `close for token ${token}`)
      expect({ token, code: client.closes[0] }).toEqual({ token, code })
      // 44xx is permanent: the provider stops reconnecting.
      expect(client.provider.shouldConnect).toBe(false)
      client.destroy()
    }
    expect(server.registry.size).toBe(0)
  })

  it('refuses unknown and hostile alliance names with 4404 before touching storage', async () => {
    const server = await startTestServer()
    const a = await createAlliance(server.url)
    const names = [
      'AAAAAAAAAAAAAAAA',
      '..',
      '%2e%2e',
      '..%2F..%2Fetc',
      '../../etc/passwd',
      'a%00b',
      'x'.repeat(10_000),
    ]
    for (const name of names) {
      const result = await rawUpgrade(server.url, `/ws/${name}?token=${a.facilitator.token}`)
      expect({ name: name.slice(0, 20), ...result }).toEqual({
        name: name.slice(0, 20),
        status: 101,
        closeCode: CloseCode.UnknownAlliance,
      })
    }
    expect(server.registry.size).toBe(0)
  })

  it('refuses a socket from a foreign origin and accepts the same origin', async () => {
    const server = await startTestServer()
    const a = await createAlliance(server.url)
    const path = `/ws/${a.id}?token=${a.parties[0]!.token}`
    const foreign = await rawSocket(server.url, path, { origin: 'https://evil.example' })
    expect((await foreign.closed).code).toBe(CloseCode.Forbidden)
    const same = await rawSocket(server.url, path, { origin: server.url })
    expect((await same.nextMessage())[0]).toBe(0) // the server's sync step 1
  })

  it('only accepts origins from PUBLIC_URL when it is set', async () => {
    const server = await startTestServer({ publicUrl: 'https://alliance.example' })
    const a = await createAlliance(server.url)
    expect(a.parties[0]!.url.startsWith('https://alliance.example/a/')).toBe(true)
    const path = `/ws/${a.id}?token=${a.parties[0]!.token}`
    const local = await rawSocket(server.url, path, { origin: server.url })
    expect((await local.closed).code).toBe(CloseCode.Forbidden)
    const good = await rawSocket(server.url, path, { origin: 'https://alliance.example' })
    expect((await good.nextMessage())[0]).toBe(0)
  })

  it('replaces a party’s or the observers’ link: the old one stops working and its sockets close', async () => {
    const server = await startTestServer()
    const created = await createAlliance(server.url)
    const ben = connectClient(server.url, created.id, created.parties[1]!.token)
    const observer = connectClient(server.url, created.id, created.observer.token)
    const ana = connectClient(server.url, created.id, created.parties[0]!.token)
    await Promise.all([ben.waitForSynced(), observer.waitForSynced(), ana.waitForSynced()])
    const rotate = (token: string, body: unknown) =>
      api(server.url, 'POST', `/api/alliances/${created.id}/links`, { token, body })

    const byParty = await rotate(created.parties[0]!.token, {
      role: 'party',
      partyId: created.parties[1]!.id,
    })
    expect(byParty.status).toBe(403)
    const unknown = await rotate(created.facilitator.token, { role: 'party', partyId: 'nobody' })
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'PARTY_NOT_FOUND'])
    const invalid = await rotate(created.facilitator.token, { role: 'facilitator' })
    expect([invalid.status, invalid.body.error.code]).toEqual([400, 'VALIDATION_FAILED'])

    const rotated = await rotate(created.facilitator.token, {
      role: 'party',
      partyId: created.parties[1]!.id,
    })
    expect(rotated.status).toBe(201)
    expect(rotated.body.url).toBe(`${server.url}/a/${created.id}#k=${rotated.body.token}`)
    await waitFor(() => ben.closes.includes(CloseCode.Unauthorized), 'old link closed')
    expect(ana.provider.wsconnected).toBe(true)
    const old = await api(server.url, 'GET', `/api/alliances/${created.id}`, {
      token: created.parties[1]!.token,
    })
    expect(old.status).toBe(401)
    const fresh = await api(server.url, 'GET', `/api/alliances/${created.id}`, {
      token: rotated.body.token,
    })
    expect(fresh.body.you).toEqual({ role: 'party', partyId: created.parties[1]!.id })

    const observers = await rotate(created.facilitator.token, { role: 'observer' })
    expect(observers.status).toBe(201)
    await waitFor(
      () => observer.closes.includes(CloseCode.Unauthorized),
      'old observer link closed',
    )
    const asObserver = await api(server.url, 'GET', `/api/alliances/${created.id}`, {
      token: observers.body.token,
    })
    expect(asObserver.body.you.role).toBe('observer')
  })

  it('caps connections per address', async () => {
    const server = await startTestServer({ maxConnectionsPerIp: 2 })
    const a = await createAlliance(server.url)
    const path = `/ws/${a.id}?token=${a.parties[0]!.token}`
    await rawSocket(server.url, path)
    await rawSocket(server.url, path)
    await expect(rawSocket(server.url, path)).rejects.toThrow('HTTP 429')
  })
})
