import type { LastRestore, ServerState } from '../../../shared/src/protocol/serverState'

/**
 * What others did that the server state shows, said with who did it: "Ben withdrew their
 * agreement.", "The facilitator removed Ben from the alliance." Only a party can withdraw its
 * own agreement and only the facilitator removes parties, so the actor is known. A seal clears
 * the pending agreements too; that is not a withdrawal. A restore names its restorer, as the
 * server recorded them from their link (SPEC AG17).
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
  const restore = after.lastRestore
  if (restore && !sameRestore(before.lastRestore, restore) && !isMine(restore, after))
    news.push(`${restore.by} restored version ${restore.version} as the draft.`)
  return news
}

const sameRestore = (a: LastRestore | undefined, b: LastRestore): boolean =>
  a !== undefined && a.at === b.at && a.version === b.version && a.by === b.by

/** The restorer already sees their own confirmation. */
function isMine(restore: LastRestore, state: ServerState): boolean {
  if (restore.role === 'facilitator') return state.you.role === 'facilitator'
  return restore.partyId !== null && restore.partyId === state.you.partyId
}
