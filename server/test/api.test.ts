import { describe, expect, it } from 'vitest'
import { TEMPLATES } from '../../shared/src/schema/templates'
import { api, createAlliance, startTestServer } from './helpers'

describe('REST API', () => {
  it('creates an alliance from a template with facilitator, observer and party links', async () => {
    const server = await startTestServer()
    const res = await api(server.url, 'POST', '/api/alliances', {
      body: {
        title: 'Coach & client',
        template: 'coach-client',
        parties: [{ name: 'Ana' }, { name: 'Ben' }],
      },
    })
    expect(res.status).toBe(201)
    const created = res.body
    expect(created.id).toMatch(/^[A-Za-z0-9_-]{16}$/)
    expect(created.title).toBe('Coach & client')
    expect(created.parties.map((p: { name: string }) => p.name)).toEqual(['Ana', 'Ben'])
    const tokens = [
      created.facilitator.token,
      created.observer.token,
      ...created.parties.map((p: { token: string }) => p.token),
    ]
    expect(new Set(tokens).size).toBe(4)
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/)
    expect(created.parties[0].url).toBe(
      `${server.url}/a/${created.id}#k=${created.parties[0].token}`,
    )
    expect(created.parties[0].color).toMatch(/^#[0-9a-f]{6}$/)
  })

  it('defaults to the coach-client template and two parties named Party 1 and Party 2', async () => {
    const server = await startTestServer()
    const res = await api(server.url, 'POST', '/api/alliances', { body: {} })
    expect(res.status).toBe(201)
    expect(res.body.template).toBe('coach-client')
    expect(res.body.title).toBe(TEMPLATES['coach-client'].name)
    expect(res.body.parties.map((p: { name: string }) => p.name)).toEqual(['Party 1', 'Party 2'])
  })

  it('refuses bad bodies with a JSON error and a stable code', async () => {
    const server = await startTestServer()
    const cases: Array<[unknown, number, string]> = [
      [{ template: 'nope' }, 400, 'UNKNOWN_TEMPLATE'],
      [{ parties: [] }, 400, 'VALIDATION_FAILED'],
      [{ parties: [{ name: '' }] }, 400, 'VALIDATION_FAILED'],
      [{ parties: [{ name: 'x'.repeat(61) }] }, 400, 'VALIDATION_FAILED'],
      [
        { parties: Array.from({ length: 31 }, (_, i) => ({ name: `P${i}` })) },
        422,
        'TOO_MANY_PARTIES',
      ],
      [{ title: 5 }, 400, 'VALIDATION_FAILED'],
      [{ extra: true }, 400, 'VALIDATION_FAILED'],
      [[1, 2], 400, 'VALIDATION_FAILED'],
    ]
    for (const [body, status, code] of cases) {
      const res = await api(server.url, 'POST', '/api/alliances', { body })
      expect({ body, status: res.status, code: res.body.error.code }).toEqual({
        body,
        status,
        code,
      })
      expect(typeof res.body.error.message).toBe('string')
    }
    const malformed = await api(server.url, 'POST', '/api/alliances', { raw: '{"title":' })
    expect(malformed.status).toBe(400)
    expect(malformed.body.error.code).toBe('BAD_REQUEST')
    const huge = await api(server.url, 'POST', '/api/alliances', {
      raw: JSON.stringify({ title: 'x'.repeat(40_000) }),
    })
    expect(huge.status).toBe(413)
    expect(huge.body.error.code).toBe('PAYLOAD_TOO_LARGE')
  })

  it('shows an alliance to any valid token, with who is asking', async () => {
    const server = await startTestServer()
    const created = await createAlliance(server.url)
    const asParty = await api(server.url, 'GET', `/api/alliances/${created.id}`, {
      token: created.parties[1]!.token,
    })
    expect(asParty.status).toBe(200)
    expect(asParty.body).toMatchObject({
      id: created.id,
      title: 'Test alliance',
      you: { role: 'party', partyId: created.parties[1]!.id },
      parties: [{ name: 'Alex' }, { name: 'Sam' }],
      versions: 0,
    })
    expect(asParty.body.draft.contentHash).toMatch(/^[0-9a-f]{64}$/)
    const asObserver = await api(server.url, 'GET', `/api/alliances/${created.id}`, {
      token: created.observer.token,
    })
    expect(asObserver.body.you).toEqual({ role: 'observer', partyId: null })
  })

  it('answers 401, 403 and 404 for missing, foreign and unknown', async () => {
    const server = await startTestServer()
    const a = await createAlliance(server.url)
    const b = await createAlliance(server.url)
    const noToken = await api(server.url, 'GET', `/api/alliances/${a.id}`)
    expect([noToken.status, noToken.body.error.code]).toEqual([401, 'NOT_AUTHENTICATED'])
    const garbage = await api(server.url, 'GET', `/api/alliances/${a.id}`, {
      token: 'x'.repeat(32),
    })
    expect([garbage.status, garbage.body.error.code]).toEqual([401, 'NOT_AUTHENTICATED'])
    const foreign = await api(server.url, 'GET', `/api/alliances/${a.id}`, {
      token: b.facilitator.token,
    })
    expect([foreign.status, foreign.body.error.code]).toEqual([403, 'FORBIDDEN'])
    const unknown = await api(server.url, 'GET', `/api/alliances/AAAAAAAAAAAAAAAA`, {
      token: a.facilitator.token,
    })
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'ALLIANCE_NOT_FOUND'])
    const hostile = await api(server.url, 'GET', `/api/alliances/..%2f..%2fetc`, {
      token: a.facilitator.token,
    })
    expect([hostile.status, hostile.body.error.code]).toEqual([404, 'ALLIANCE_NOT_FOUND'])
    const nothing = await api(server.url, 'GET', `/api/nothing-here`)
    expect([nothing.status, nothing.body.error.code]).toEqual([404, 'NOT_FOUND'])
  })

  it('lets only the facilitator add a party, who then gets a working link', async () => {
    const server = await startTestServer()
    const created = await createAlliance(server.url)
    const byParty = await api(server.url, 'POST', `/api/alliances/${created.id}/parties`, {
      token: created.parties[0]!.token,
      body: { name: 'Kim' },
    })
    expect([byParty.status, byParty.body.error.code]).toEqual([403, 'FORBIDDEN'])
    const byObserver = await api(server.url, 'POST', `/api/alliances/${created.id}/parties`, {
      token: created.observer.token,
      body: { name: 'Kim' },
    })
    expect(byObserver.status).toBe(403)
    const invalid = await api(server.url, 'POST', `/api/alliances/${created.id}/parties`, {
      token: created.facilitator.token,
      body: { name: '   ' },
    })
    expect([invalid.status, invalid.body.error.code]).toEqual([400, 'VALIDATION_FAILED'])
    const added = await api(server.url, 'POST', `/api/alliances/${created.id}/parties`, {
      token: created.facilitator.token,
      body: { name: 'Kim' },
    })
    expect(added.status).toBe(201)
    expect(added.body).toMatchObject({ name: 'Kim' })
    const view = await api(server.url, 'GET', `/api/alliances/${created.id}`, {
      token: added.body.token,
    })
    expect(view.body.you).toEqual({ role: 'party', partyId: added.body.id })
    expect(view.body.parties.map((p: { name: string }) => p.name)).toEqual(['Alex', 'Sam', 'Kim'])
  })

  it('requires the creation key when CREATE_TOKEN is set', async () => {
    const key = 'k'.repeat(24)
    const server = await startTestServer({ createToken: key })
    const config = await api(server.url, 'GET', '/api/config')
    expect(config.body).toEqual({ createRequiresKey: true })
    const without = await api(server.url, 'POST', '/api/alliances', { body: {} })
    expect([without.status, without.body.error.code]).toEqual([401, 'NOT_AUTHENTICATED'])
    const wrong = await api(server.url, 'POST', '/api/alliances', {
      body: {},
      token: 'x'.repeat(24),
    })
    expect(wrong.status).toBe(401)
    const right = await api(server.url, 'POST', '/api/alliances', { body: {}, token: key })
    expect(right.status).toBe(201)
  })

  it('reports health and metrics', async () => {
    const server = await startTestServer()
    const health = await api(server.url, 'GET', '/healthz')
    expect(health.status).toBe(200)
    expect(health.body).toMatchObject({ ok: true, storage: 'ok' })
    const metrics = await fetch(`${server.url}/metrics`)
    expect(await metrics.text()).toContain('alliance_ws_connections')
  })
})
