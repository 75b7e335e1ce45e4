import { z } from 'zod'
import type { CanonicalContent } from '../ops/content'
import type { AllianceId, PartyId } from '../schema/ids'
import type { PartyView } from '../schema/parties'

export type Role = 'facilitator' | 'party' | 'observer'

export const TITLE_MAX = 120
export const PARTY_NAME_MAX = 60
export const PARTIES_MAX = 30

const name = z
  .string()
  .trim()
  .min(1, 'A party needs a name.')
  .max(PARTY_NAME_MAX, `A name has at most ${PARTY_NAME_MAX} characters.`)

/**
 * POST /api/alliances. The template id and the number of parties (at most `PARTIES_MAX`) are
 * checked separately so they get their own error codes.
 */
export const CreateAllianceBody = z.strictObject({
  title: z
    .string()
    .trim()
    .max(TITLE_MAX, `A title has at most ${TITLE_MAX} characters.`)
    .optional(),
  template: z.string().optional(),
  parties: z
    .array(z.strictObject({ name }))
    .min(1, 'An alliance needs at least one party.')
    .optional(),
})
export type CreateAllianceRequest = z.infer<typeof CreateAllianceBody>

/** POST /api/alliances/:id/links: a new link for a party or for observers; the old one stops working. */
export const RotateLinkBody = z.discriminatedUnion('role', [
  z.strictObject({ role: z.literal('party'), partyId: z.string().min(1).max(40) }),
  z.strictObject({ role: z.literal('observer') }),
])
export type RotateLinkRequest = z.infer<typeof RotateLinkBody>

/** POST /api/alliances/:id/parties */
export const AddPartyBody = z.strictObject({ name })
export type AddPartyRequest = z.infer<typeof AddPartyBody>

export interface Link {
  token: string
  url: string
}

export interface PartyLink extends Link {
  id: PartyId
  name: string
  color: string
}

export interface CreateAllianceResponse {
  id: AllianceId
  title: string
  template: string
  facilitator: Link
  observer: Link
  parties: PartyLink[]
}

export interface AgreementView {
  partyId: PartyId
  at: string
  stale: boolean
}

/** POST /api/alliances/:id/agreements: the hash of the draft the party is looking at. */
export const AgreeBody = z.strictObject({
  contentHash: z.string().regex(/^[0-9a-f]{64}$/, 'contentHash is a SHA-256 in lower-case hex.'),
})

/** A pending agreement with what it agreed to, so "what changed since" can be shown. */
export interface AgreementDetail extends AgreementView {
  contentHash: string
  content: CanonicalContent
}

/** Who agreed to a version, and when; frozen into the version. */
export interface AgreementRecord {
  partyId: PartyId
  name: string
  at: string
}

export interface VersionSummary {
  n: number
  contentHash: string
  chainHash: string
  sealedAt: string
  agreements: AgreementRecord[]
}

export interface VersionDetail extends VersionSummary {
  prevChainHash: string
  /** SHA-256 of the stored Yjs state; part of the chain, so altered bytes are detected. */
  stateHash: string
  content: CanonicalContent
  markdown: string
}

export type AgreeResponse =
  | { status: 'pending'; contentHash: string; agreements: AgreementView[] }
  | { status: 'sealed'; version: VersionSummary }

export interface VerifyResponse {
  ok: boolean
  versions: number
  brokenAt?: number
  reason?: string
}

export interface RestoreResponse {
  contentHash: string
}

export interface AllianceResponse {
  id: AllianceId
  title: string
  template: string
  createdAt: string
  you: { role: Role; partyId: PartyId | null }
  parties: PartyView[]
  draft: { contentHash: string; agreements: AgreementView[] }
  versions: number
}

/** The link people open: the token rides in the fragment, so it never reaches a server log. */
export function allianceLink(publicUrl: string, id: AllianceId, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/a/${id}#k=${token}`
}
