import { createHash } from 'node:crypto'
import type { AgreementRecord } from '../../../shared/src/protocol/api'
import { canonicalJson } from '../../../shared/src/ops/content'

/** The chain hash before version 1. */
export const GENESIS = '0'.repeat(64)

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex')
}

/**
 * chainHash = sha256(previous chainHash ‖ n ‖ contentHash ‖ stateHash ‖ agreements), the
 * concatenation spelled as canonical JSON so no field can bleed into the next. The state hash is
 * in the chain so that altered bytes are caught, not only altered content.
 */
export function chainHash(link: {
  prevChainHash: string
  n: number
  contentHash: string
  stateHash: string
  agreements: AgreementRecord[]
}): string {
  return sha256Hex(
    canonicalJson([link.prevChainHash, link.n, link.contentHash, link.stateHash, link.agreements]),
  )
}
