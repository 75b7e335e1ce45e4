import type { ServerState } from '../../../shared/src/protocol/serverState'

/**
 * What others did that the server state shows, said with who did it: "Ben withdrew their
 * agreement.", "The facilitator removed Ben from the alliance." Only a party can withdraw its
 * own agreement and only the facilitator removes parties, so the actor is known. A seal clears
 * the pending agreements too; that is not a withdrawal.
 */
export function describeServerNews(before: ServerState, after: ServerState): string[] {
  const news: string[] = []
  const me = after.you.partyId
  const stillHere = new Set(after.parties.map((p) => p.id))
  for (const party of before.parties) {
    if (!stillHere.has(party.id) && party.id !== me)
      news.push(`The facilitator removed ${party.name} from the alliance.`)
  }
  if (after.versions.length === before.versions.length) {
    const agreed = new Set(after.agreements.map((a) => a.partyId))
    for (const agreement of before.agreements) {
      const party = after.parties.find((p) => p.id === agreement.partyId)
      if (party && party.id !== me && !agreed.has(party.id))
        news.push(`${party.name} withdrew their agreement.`)
    }
  }
  return news
}
