import * as Y from 'yjs'
import type { VerifyResponse } from '../../../shared/src/protocol/api'
import {
  canonicalContent,
  canonicalJson,
  hashInput,
  type CanonicalContent,
} from '../../../shared/src/ops/content'
import { versionToMarkdown } from '../../../shared/src/ops/markdown'
import type { PartyId } from '../../../shared/src/schema/ids'
import type { PartyView } from '../../../shared/src/schema/parties'
import type { VersionRow } from '../store/AllianceStore'
import { chainHash, GENESIS, sha256Hex } from './chain'

/** The parties as they were when a version was sealed, read back from its own content. */
function partiesOf(content: CanonicalContent): PartyView[] {
  const parties = new Map<string, PartyView>()
  for (const section of content.sections) {
    if (!section.perParty) continue
    for (const column of section.columns) {
      if (column.partyId && column.party && !parties.has(column.partyId)) {
        parties.set(column.partyId, {
          id: column.partyId as PartyId,
          name: column.party,
          color: '#000000',
        })
      }
    }
  }
  return [...parties.values()]
}

/** Why version `row` does not hold up, or null when it does. */
function problemWith(row: VersionRow, expectedN: number, prevChainHash: string): string | null {
  if (row.n !== expectedN) return `version ${expectedN} is missing`
  if (row.prevChainHash !== prevChainHash) return 'does not link to the version before it'
  if (sha256Hex(row.state) !== row.stateHash) return 'stored bytes were altered'
  let content: CanonicalContent
  try {
    content = JSON.parse(row.content) as CanonicalContent
  } catch {
    return 'stored content is unreadable'
  }
  if (sha256Hex(hashInput(content)) !== row.contentHash)
    return 'stored content does not match its hash'
  const doc = new Y.Doc()
  try {
    Y.applyUpdate(doc, row.state)
  } catch {
    return 'stored bytes do not load'
  }
  const fromState = canonicalContent(doc, partiesOf(content))
  if (canonicalJson(fromState) !== row.content) return 'stored bytes do not reproduce the content'
  if (versionToMarkdown({ ...row, content }) !== row.markdown)
    return 'stored Markdown does not match the content'
  if (chainHash(row) !== row.chainHash)
    return 'chain hash does not match (agreements or hashes altered)'
  return null
}

/**
 * Re-checks a whole chain of versions: each is numbered in sequence, links to the one before,
 * and its bytes, content, Markdown, agreements and hashes agree with each other. Reports the
 * first version that does not.
 */
export function verifyChain(rows: VersionRow[]): VerifyResponse {
  let prev = GENESIS
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!
    const problem = problemWith(row, i + 1, prev)
    if (problem) return { ok: false, versions: rows.length, brokenAt: i + 1, reason: problem }
    prev = row.chainHash
  }
  return { ok: true, versions: rows.length }
}
