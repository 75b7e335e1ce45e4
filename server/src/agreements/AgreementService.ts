import * as Y from 'yjs'
import type {
  AgreeResponse,
  AgreementDetail,
  AgreementView,
  RestoreResponse,
  VerifyResponse,
  VersionDetail,
  VersionSummary,
} from '../../../shared/src/protocol/api'
import { CloseCode } from '../../../shared/src/protocol/closeCodes'
import { AllianceError, assertNever } from '../../../shared/src/protocol/errors'
import {
  canonicalContent,
  canonicalJson,
  hashInput,
  type CanonicalContent,
} from '../../../shared/src/ops/content'
import { isEmptyDraft } from '../../../shared/src/ops/emptyDraft'
import { restoreContent } from '../../../shared/src/ops/restore'
import type { AllianceId, PartyId } from '../../../shared/src/schema/ids'
import type { PartyView } from '../../../shared/src/schema/parties'
import type { AllianceService } from '../alliances/AllianceService'
import { canEdit, type Principal } from '../auth/authenticate'
import type { Room } from '../rooms/Room'
import type { RoomRegistry } from '../rooms/RoomRegistry'
import type { AllianceStore, VersionSummaryRow } from '../store/AllianceStore'
import { sha256Hex } from './chain'
import { buildVersion, type DraftSnapshot } from './seal'
import { verifyChain } from './verify'

export type { DraftSnapshot }

/** The draft's content and its hash (what an agreement is tied to), with Node's crypto. */
export function hashDraft(room: Room, parties: readonly PartyView[]): Omit<DraftSnapshot, 'state'> {
  const content = canonicalContent(room.doc, parties)
  return { content, contentHash: sha256Hex(hashInput(content)) }
}

/** Computed synchronously, so content, hash and bytes all describe the same instant. */
export function snapshotDraft(room: Room, parties: readonly PartyView[]): DraftSnapshot {
  return { ...hashDraft(room, parties), state: Y.encodeStateAsUpdate(room.doc) }
}

export const toSummary = (v: VersionSummaryRow): VersionSummary => ({
  n: v.n,
  contentHash: v.contentHash,
  chainHash: v.chainHash,
  sealedAt: v.sealedAt,
  agreements: v.agreements,
})

/** A document saved by a newer server is read-only here: its hash and shape are not ours. */
function requireWritable(room: Room): void {
  if (!room.isWritable) {
    throw new AllianceError(
      'SCHEMA_TOO_NEW',
      'This alliance was saved by a newer version of the server; it is read-only here.',
    )
  }
}

function requireParty(principal: Principal): PartyId {
  if (principal.role !== 'party' || !principal.partyId) {
    throw new AllianceError('NOT_A_PARTY', 'Only a party can agree, with their own link.')
  }
  return principal.partyId
}

/** Who did something, as the others are told it: a party's name, or "The facilitator". */
function actorName(principal: Principal, parties: readonly PartyView[]): string {
  if (principal.role === 'facilitator') return 'The facilitator'
  return parties.find((p) => p.id === principal.partyId)?.name ?? 'A party'
}

/**
 * Agreements and versions (DESIGN §6). The server is the authority: it hashes its own draft,
 * records agreements, seals versions and re-checks the chain; clients only show the result.
 */
export class AgreementService {
  constructor(
    private readonly store: AllianceStore,
    private readonly registry: RoomRegistry,
    private readonly alliances: AllianceService,
  ) {}

  /** A party agrees to the draft whose hash it sent; the last agreement seals a version. */
  async agree(
    principal: Principal,
    clientHash: string,
  ): Promise<{ sealed: boolean; body: AgreeResponse }> {
    const partyId = requireParty(principal)
    const id = principal.allianceId
    const parties = await this.alliances.parties(id)
    const result = await this.registry.withRoom(id, async (room) => {
      requireWritable(room)
      const draft = snapshotDraft(room, parties)
      if (draft.contentHash !== clientHash) {
        throw new AllianceError(
          'CONTENT_CHANGED',
          'The canvas changed while you were agreeing: review it and agree again.',
        )
      }
      if (isEmptyDraft(draft.content)) {
        throw new AllianceError(
          'EMPTY_DRAFT',
          'There is nothing to agree to yet: add a card first.',
        )
      }
      const at = new Date().toISOString()
      const outcome = await this.store.agree({
        allianceId: id,
        partyId,
        at,
        contentHash: draft.contentHash,
        content: canonicalJson(draft.content),
        partyIds: parties.map((p) => p.id),
        seal: (n, prevChainHash, agreements) =>
          buildVersion({ allianceId: id, n, prevChainHash, agreements, draft, sealedAt: at }),
      })
      return { outcome, hash: draft.contentHash }
    })
    const { outcome, hash } = result
    switch (outcome.status) {
      case 'parties-changed':
        throw new AllianceError(
          'CONTENT_CHANGED',
          'The parties changed while you were agreeing: review and agree again.',
        )
      case 'already-sealed':
        throw new AllianceError(
          'ALREADY_AGREED',
          `This draft is already version ${outcome.n}, agreed by everyone.`,
        )
      case 'sealed':
        await this.refresh(id)
        return { sealed: true, body: { status: 'sealed', version: toSummary(outcome.version) } }
      case 'pending':
        await this.refresh(id)
        return {
          sealed: false,
          body: {
            status: 'pending',
            contentHash: hash,
            agreements: await this.agreementViews(id, hash),
          },
        }
      default:
        return assertNever(outcome)
    }
  }

  async withdraw(principal: Principal): Promise<void> {
    const partyId = requireParty(principal)
    if (await this.store.withdraw(principal.allianceId, partyId))
      await this.refresh(principal.allianceId)
  }

  /** Pending agreements, each marked stale when the draft has changed since. */
  async agreementViews(id: AllianceId, draftHash: string): Promise<AgreementView[]> {
    return (await this.store.listAgreements(id)).map((a) => ({
      partyId: a.partyId,
      at: a.at,
      stale: a.contentHash !== draftHash,
    }))
  }

  async agreementDetails(principal: Principal): Promise<AgreementDetail[]> {
    const id = principal.allianceId
    const hash = await this.draftHash(id)
    return (await this.store.listAgreements(id)).map((a) => ({
      partyId: a.partyId,
      at: a.at,
      stale: a.contentHash !== hash,
      contentHash: a.contentHash,
      content: JSON.parse(a.content) as CanonicalContent,
    }))
  }

  async draftHash(id: AllianceId): Promise<string> {
    const parties = await this.alliances.parties(id)
    return this.registry.withRoom(id, (room) => hashDraft(room, parties).contentHash)
  }

  async versions(principal: Principal): Promise<VersionSummary[]> {
    return (await this.store.listVersions(principal.allianceId)).map(toSummary)
  }

  async version(principal: Principal, n: number): Promise<VersionDetail> {
    const row = await this.store.getVersion(principal.allianceId, n)
    if (!row) throw new AllianceError('VERSION_NOT_FOUND', `There is no version ${n}.`)
    return {
      ...toSummary(row),
      prevChainHash: row.prevChainHash,
      stateHash: row.stateHash,
      content: JSON.parse(row.content) as CanonicalContent,
      markdown: row.markdown,
    }
  }

  async verify(principal: Principal): Promise<VerifyResponse> {
    return verifyChain(await this.store.fullVersions(principal.allianceId))
  }

  /**
   * "Start again from version n": a forward edit of the live draft that reproduces the version's
   * content, stored and relayed like any edit. It then needs everyone's agreement again.
   */
  async restore(principal: Principal, n: number): Promise<RestoreResponse> {
    if (!canEdit(principal))
      throw new AllianceError('FORBIDDEN', 'Observers cannot change the canvas.')
    const version = await this.version(principal, n)
    const parties = await this.alliances.parties(principal.allianceId)
    const result = await this.registry.withRoom(principal.allianceId, (room) => {
      requireWritable(room)
      restoreContent(room.doc, version.content)
      room.lastRestore = {
        version: n,
        by: actorName(principal, parties),
        role: principal.role,
        partyId: principal.partyId,
        at: new Date().toISOString(),
      }
      return { contentHash: hashDraft(room, parties).contentHash }
    })
    await this.refresh(principal.allianceId)
    return result
  }

  /** Removes a party: its links stop working, its sockets close, its agreement goes. */
  async removeParty(principal: Principal, partyId: PartyId): Promise<void> {
    if (principal.role !== 'facilitator')
      throw new AllianceError('FORBIDDEN', 'Only the facilitator can do this.')
    const parties = await this.alliances.parties(principal.allianceId)
    if (!parties.some((p) => p.id === partyId))
      throw new AllianceError('PARTY_NOT_FOUND', 'No such party.')
    if (parties.length <= 1)
      throw new AllianceError('VALIDATION_FAILED', 'An alliance needs at least one party.')
    await this.store.removeParty(principal.allianceId, partyId, new Date().toISOString())
    const room = this.registry.peek(principal.allianceId)
    room?.closeWhere(
      (p) => p.partyId === partyId,
      CloseCode.Unauthorized,
      'removed from the alliance',
    )
    await this.refresh(principal.allianceId)
  }

  private async refresh(id: AllianceId): Promise<void> {
    await this.registry.peek(id)?.refreshServerState()
  }
}
