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
  /**
   * The latest restore of an agreed version while the room is open, with who did it, so the
   * others can be told (SPEC AG17). Kept in memory only: it is news; the record is the edit.
   */
  lastRestore?: LastRestore
}

export interface LastRestore {
  /** The version whose content became the draft. */
  version: number
  /** The restorer's name as others see it: a party's name, or "The facilitator". */
  by: string
  role: Role
  partyId: PartyId | null
  at: string
}
