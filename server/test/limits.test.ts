import { describe, expect, it } from 'vitest'
import { addCard, deleteCard } from '../../shared/src/ops/cards'
import { contentHash } from '../../shared/src/ops/content'
import { PARTIES_MAX } from '../../shared/src/protocol/api'
import type { SectionId } from '../../shared/src/schema/ids'
import type { PartyView } from '../../shared/src/schema/parties'
import { api, connectClient, createAlliance, startTestServer, waitFor } from './helpers'

const values = 'values' as SectionId
const names = (count: number) => Array.from({ length: count }, (_, i) => ({ name: `Party ${i}` }))

describe('party limit', () => {
  it(`AC2: an alliance is created with at most ${PARTIES_MAX} parties; more is 422 TOO_MANY_PARTIES`, async () => {
    const server = await startTestServer()
    const full = await api(server.url, 'POST', '/api/alliances', {
      body: { parties: names(PARTIES_MAX) },
    })
    expect(full.status).toBe(201)
    const over = await api(server.url, 'POST', '/api/alliances', {
      body: { parties: names(PARTIES_MAX + 1) },
    })
    expect([over.status, over.body.error.code]).toEqual([422, 'TOO_MANY_PARTIES'])
  })

  it(`AC2: adding a party to an alliance of ${PARTIES_MAX} is 422 TOO_MANY_PARTIES; after a removal it works again`, async () => {
    const server = await startTestServer()
    const created = await createAlliance(server.url, { parties: names(PARTIES_MAX) })
    const add = () =>
      api(server.url, 'POST', `/api/alliances/${created.id}/parties`, {
        token: created.facilitator.token,
        body: { name: 'One more' },
      })
    const refused = await add()
    expect([refused.status, refused.body.error.code]).toEqual([422, 'TOO_MANY_PARTIES'])
    const view = await api(server.url, 'GET', `/api/alliances/${created.id}`, {
      token: created.facilitator.token,
    })
    expect(view.body.parties).toHaveLength(PARTIES_MAX)
    const removed = await api(
      server.url,
      'DELETE',
      `/api/alliances/${created.id}/parties/${created.parties[0]!.id}`,
      { token: created.facilitator.token },
    )
    expect(removed.status).toBe(204)
    expect((await add()).status).toBe(201)
  })

  it('AC2: concurrent adds never take an alliance past the limit', async () => {
    const server = await startTestServer()
    const created = await createAlliance(server.url, { parties: names(PARTIES_MAX - 2) })
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        api(server.url, 'POST', `/api/alliances/${created.id}/parties`, {
          token: created.facilitator.token,
          body: { name: `Late ${i}` },
        }),
      ),
    )
    expect(results.map((r) => r.status).sort()).toEqual([201, 201, 422, 422, 422, 422])
  })
})

describe('empty draft', () => {
  it('AG14: an agreement to a draft with no cards is refused with 422 EMPTY_DRAFT, recording nothing', async () => {
    const server = await startTestServer()
    const created = await createAlliance(server.url)
    const client = connectClient(server.url, created.id, created.parties[0]!.token)
    await client.waitForSynced()
    await waitFor(() => client.state() !== null, 'server state')
    const agree = async () =>
      api(server.url, 'POST', `/api/alliances/${created.id}/agreements`, {
        token: created.parties[0]!.token,
        body: {
          contentHash: await contentHash(client.doc, client.state()!.parties as PartyView[]),
        },
      })
    const agreements = async () =>
      (
        await api(server.url, 'GET', `/api/alliances/${created.id}/agreements`, {
          token: created.observer.token,
        })
      ).body
    const blank = await agree()
    expect([blank.status, blank.body.error.code]).toEqual([422, 'EMPTY_DRAFT'])
    expect(await agreements()).toEqual([])

    // A card added and deleted again leaves the draft as empty as before.
    const card = addCard(client.doc, { sectionId: values, partyId: null, text: ['gone'] })
    deleteCard(client.doc, card)
    await client.waitForSaved()
    expect((await agree()).body.error.code).toBe('EMPTY_DRAFT')

    addCard(client.doc, { sectionId: values, partyId: null, text: ['Honesty'] })
    await client.waitForSaved()
    const real = await agree()
    expect([real.status, real.body.status]).toEqual([200, 'pending'])
    expect(await agreements()).toHaveLength(1)
  })
})
