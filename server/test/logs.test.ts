import { describe, expect, it } from 'vitest'
import { addCard } from '../../shared/src/ops/cards'
import type { SectionId } from '../../shared/src/schema/ids'
import {
  api,
  connectClient,
  createAlliance,
  rawSocket,
  spawnServer,
  tempDir,
  waitFor,
} from './helpers'

describe('logs', () => {
  it('C8: never contain a token or a card’s words, even at debug level, whatever clients send', async () => {
    const server = await spawnServer(tempDir(), 0, 'debug')
    const a = await createAlliance(server.url)
    const b = await createAlliance(server.url)
    const secretWords = 'Confidential: my manager frightens me'
    const writer = connectClient(server.url, a.id, a.parties[0]!.token)
    await writer.waitForSynced()
    addCard(writer.doc, { sectionId: 'values' as SectionId, partyId: null, text: [secretWords] })
    await writer.waitForSaved()
    // Refusals of every kind, each carrying a token somewhere.
    const refused = [
      connectClient(server.url, a.id, 'x'.repeat(32)),
      connectClient(server.url, a.id, b.parties[0]!.token),
      connectClient(server.url, 'AAAAAAAAAAAAAAAA', a.facilitator.token),
    ]
    await waitFor(() => refused.every((c) => c.closes.length > 0), 'refusals')
    const foreign = await rawSocket(server.url, `/ws/${a.id}?token=${a.observer.token}`, {
      origin: 'https://evil.example',
    })
    await foreign.closed
    await api(server.url, 'GET', `/api/alliances/${a.id}`, { token: b.facilitator.token })
    await api(server.url, 'GET', `/api/alliances/${a.id}`, { token: a.parties[1]!.token })
    await api(server.url, 'POST', `/api/alliances/${a.id}/parties`, {
      token: a.parties[1]!.token,
      body: { name: 'x' },
    })
    const bad = await rawSocket(server.url, `/ws/${a.id}?token=${a.parties[1]!.token}`)
    bad.ws.send(new Uint8Array([0, 2, 200, 1, 2, 3]))
    await bad.closed
    writer.destroy()
    // Positive event first: a last request, sent after every refusal above completed, has been
    // logged; so the lines of everything before it are in the output too.
    await api(server.url, 'GET', '/api/alliances/end-of-test-marker')
    await waitFor(() => server.output().includes('end-of-test-marker'), 'the marker in the logs')

    const logs = server.output()
    expect(logs).toContain('websocket refused')
    expect(logs).toContain('"status":403')
    const secrets = [a, b].flatMap((x) => [
      x.facilitator.token,
      x.observer.token,
      ...x.parties.map((p) => p.token),
    ])
    for (const secret of [...secrets, 'x'.repeat(32), secretWords, 'frightens']) {
      expect({ secret, found: logs.includes(secret) }).toEqual({ secret, found: false })
    }
  })
})
