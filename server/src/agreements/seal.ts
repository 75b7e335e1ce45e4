import type { AgreementRecord } from '../../../shared/src/protocol/api'
import { canonicalJson, type CanonicalContent } from '../../../shared/src/ops/content'
import { versionToMarkdown } from '../../../shared/src/ops/markdown'
import type { AllianceId } from '../../../shared/src/schema/ids'
import type { VersionRow } from '../store/AllianceStore'
import { chainHash, sha256Hex } from './chain'

/** The draft as it is at this instant: content, its hash, and the bytes that reproduce it. */
export interface DraftSnapshot {
  content: CanonicalContent
  contentHash: string
  state: Uint8Array
}

/**
 * The version row that seals `draft` as version `n` after `prevChainHash`: state hash, Markdown
 * and chain hash all computed here, so sealing and verification tests build rows the same way.
 */
export function buildVersion(input: {
  allianceId: AllianceId
  n: number
  prevChainHash: string
  agreements: AgreementRecord[]
  draft: DraftSnapshot
  sealedAt: string
}): VersionRow {
  const { allianceId, n, prevChainHash, agreements, draft, sealedAt } = input
  const stateHash = sha256Hex(draft.state)
  const chain = chainHash({
    prevChainHash,
    n,
    contentHash: draft.contentHash,
    stateHash,
    agreements,
  })
  const markdown = versionToMarkdown({
    n,
    sealedAt,
    contentHash: draft.contentHash,
    chainHash: chain,
    agreements,
    content: draft.content,
  })
  return {
    allianceId,
    n,
    contentHash: draft.contentHash,
    state: draft.state,
    stateHash,
    content: canonicalJson(draft.content),
    markdown,
    agreements,
    sealedAt,
    prevChainHash,
    chainHash: chain,
  }
}
