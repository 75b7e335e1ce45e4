import { describe, expect, it } from 'vitest'
import type { ServerState } from '../../../shared/src/protocol/serverState'
import { describeServerNews } from './serverNews'

const party = (id: string, name: string) => ({ id, name, color: '#1d4ed8' })
const state = (patch: Partial<ServerState>): ServerState =>
  ({
    allianceId: 'a',
    you: { role: 'party', partyId: 'p1' },
    parties: [party('p1', 'Ana'), party('p2', 'Ben'), party('p3', 'Kim')],
    agreements: [],
    versions: [],
    ...patch,
  }) as unknown as ServerState

describe('news from the server state, with who did it', () => {
  it('says who withdrew an agreement and whom the facilitator removed', () => {
    const before = state({
      agreements: [
        { partyId: 'p2', contentHash: 'h', at: 't' },
        { partyId: 'p3', contentHash: 'h', at: 't' },
      ] as ServerState['agreements'],
    })
    const after = state({
      parties: [party('p1', 'Ana'), party('p2', 'Ben')] as ServerState['parties'],
      agreements: [],
    })
    expect(describeServerNews(before, after)).toEqual([
      'The facilitator removed Kim from the alliance.',
      'Ben withdrew their agreement.',
    ])
  })

  it('says nothing when a seal clears the agreements or I withdrew my own', () => {
    const before = state({
      agreements: [
        { partyId: 'p1', contentHash: 'h', at: 't' },
        { partyId: 'p2', contentHash: 'h', at: 't' },
      ] as ServerState['agreements'],
    })
    const sealed = state({ versions: [{ n: 1 }] as unknown as ServerState['versions'] })
    expect(describeServerNews(before, sealed)).toEqual([])
    const mineGone = state({
      agreements: [{ partyId: 'p2', contentHash: 'h', at: 't' }] as ServerState['agreements'],
    })
    expect(describeServerNews(before, mineGone)).toEqual([])
  })

  it('AG17: says who restored which version, except to the restorer', () => {
    const restore = (by: string, role: string, partyId: string | null) =>
      ({ version: 2, by, role, partyId, at: 't1' }) as ServerState['lastRestore']
    const before = state({})
    const byBen = state({ lastRestore: restore('Ben', 'party', 'p2') })
    expect(describeServerNews(before, byBen)).toEqual(['Ben restored version 2 as the draft.'])
    expect(describeServerNews(byBen, byBen)).toEqual([])
    const byMe = state({ lastRestore: restore('Ana', 'party', 'p1') })
    expect(describeServerNews(before, byMe)).toEqual([])
    const byFacilitator = state({ lastRestore: restore('The facilitator', 'facilitator', null) })
    expect(describeServerNews(byBen, byFacilitator)).toEqual([
      'The facilitator restored version 2 as the draft.',
    ])
    const facilitatorSelf = { ...byFacilitator, you: { role: 'facilitator', partyId: null } }
    expect(describeServerNews(byBen, facilitatorSelf as ServerState)).toEqual([])
  })
})
