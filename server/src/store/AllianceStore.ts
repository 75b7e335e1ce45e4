import type { AllianceId, PartyId } from '../../../shared/src/schema/ids'
import type { AgreementRecord, Role } from '../../../shared/src/protocol/api'

export interface AllianceRow {
  id: AllianceId
  title: string
  template: string
  createdAt: string
}

export interface PartyRow {
  id: PartyId
  allianceId: AllianceId
  name: string
  color: string
  position: number
  createdAt: string
}

export interface TokenRow {
  /** SHA-256 of the token; the token itself is never stored. */
  hash: Buffer
  allianceId: AllianceId
  role: Role
  partyId: PartyId | null
  createdAt: string
}

/** A stored document: the compacted state (if any), then the log rows after it, in order. */
export interface StoredDoc {
  state: Uint8Array | null
  log: Array<{ seq: number; data: Uint8Array }>
}

/** A party's pending agreement: the draft it agreed to (hash and canonical content JSON). */
export interface AgreementRow {
  partyId: PartyId
  contentHash: string
  content: string
  at: string
}

/** A sealed version. Insert-only: the database refuses updates and deletes. */
export interface VersionRow {
  allianceId: AllianceId
  n: number
  contentHash: string
  /** Y.encodeStateAsUpdate of the draft that was agreed. */
  state: Uint8Array
  stateHash: string
  /** Canonical content JSON, card ids included. */
  content: string
  markdown: string
  agreements: AgreementRecord[]
  sealedAt: string
  prevChainHash: string
  chainHash: string
}

export type VersionSummaryRow = Omit<VersionRow, 'state' | 'content' | 'markdown'>

export interface AgreeInput {
  allianceId: AllianceId
  partyId: PartyId
  at: string
  contentHash: string
  content: string
  /** The parties the hash was computed with; if they changed meanwhile, nothing is recorded. */
  partyIds: PartyId[]
  /** Builds the version when this agreement completes the set (called inside the transaction). */
  seal(n: number, prevChainHash: string, agreements: AgreementRecord[]): VersionRow
}

export type AgreeOutcome =
  | { status: 'pending' }
  | { status: 'sealed'; version: VersionRow }
  | { status: 'parties-changed' }
  | { status: 'already-sealed'; n: number }

export interface NewAlliance {
  alliance: AllianceRow
  parties: PartyRow[]
  tokens: TokenRow[]
  /** The seeded template: the document's first update. */
  initialUpdate: Uint8Array
}

/**
 * Everything the server keeps. SQLite is the embedded default; every implementation passes the
 * same contract suite (store/contract.test.ts). Methods are async so a networked store fits.
 */
export interface AllianceStore {
  /** Alliance, parties, tokens and the first document update, in one transaction. */
  createAlliance(input: NewAlliance): Promise<void>
  getAlliance(id: AllianceId): Promise<AllianceRow | null>
  findToken(hash: Buffer): Promise<TokenRow | null>
  /** Current parties, in the order they were added. */
  listParties(id: AllianceId): Promise<PartyRow[]>
  /**
   * Adds a party with its token, unless the alliance already has `maxParties` current parties
   * (checked in the same transaction, so two concurrent adds cannot both pass): false then.
   */
  addParty(party: PartyRow, token: TokenRow, maxParties?: number): Promise<boolean>

  /** Compacted state first, then the log. Throws when the store cannot be read: never "empty". */
  loadDoc(id: AllianceId): Promise<StoredDoc>
  /** Appends every batch in one transaction; durable when the promise resolves. */
  appendUpdates(
    batches: ReadonlyArray<{ allianceId: AllianceId; updates: Uint8Array[] }>,
  ): Promise<void>
  /**
   * Replaces the stored state and every log row with `state`, atomically. The caller guarantees
   * `state` contains every update stored so far (the room compacts only with nothing in flight).
   */
  compact(id: AllianceId, state: Uint8Array): Promise<void>
  /** Moves log rows that cannot be applied out of the way, keeping their bytes for inspection. */
  quarantine(id: AllianceId, seqs: number[], reason: string): Promise<void>
  /**
   * Records a party's agreement and, if every current party now agrees to the same hash, seals
   * the next version: all in one transaction, so two last agreements at once seal one version.
   */
  agree(input: AgreeInput): Promise<AgreeOutcome>
  /** Withdraws a pending agreement; false when there was none. */
  withdraw(allianceId: AllianceId, partyId: PartyId): Promise<boolean>
  listAgreements(allianceId: AllianceId): Promise<AgreementRow[]>
  listVersions(allianceId: AllianceId): Promise<VersionSummaryRow[]>
  getVersion(allianceId: AllianceId, n: number): Promise<VersionRow | null>
  /** Every version with its bytes, in stored order, for verification. */
  fullVersions(allianceId: AllianceId): Promise<VersionRow[]>
  /** Replaces the links of one role (and party): the old ones stop working at once. */
  rotateToken(token: TokenRow, at: string): Promise<void>
  /** Removes a party: its links stop working and its pending agreement goes. */
  removeParty(allianceId: AllianceId, partyId: PartyId, at: string): Promise<boolean>

  /** Bytes the document takes in storage (state plus log). A loaded Room counts these itself. */
  docBytes(id: AllianceId): Promise<number>
  close(): Promise<void>
}
