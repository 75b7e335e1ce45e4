import type { AllianceId, PartyId } from '../schema/ids'
import type { PartyView } from '../schema/parties'
import type { Role, VersionSummary } from './api'

/**
 * Server-owned state pushed to every connection (MessageType.ServerState). Clients only read
 * it; they change it through the authenticated REST API. It is never part of the CRDT, where
 * any client could forge it.
 */
export interface ServerState {
  allianceId: AllianceId
  you: { role: Role; partyId: PartyId | null }
  parties: PartyView[]
  /** Pending agreements: each party's latest "I agree", with the draft hash it was for. */
  agreements: Array<{ partyId: PartyId; contentHash: string; at: string }>
  /** Every sealed version, oldest first. */
  versions: VersionSummary[]
}
