import type { Role } from '../../../shared/src/protocol/api'
import { AllianceError } from '../../../shared/src/protocol/errors'
import type { AllianceId, PartyId } from '../../../shared/src/schema/ids'
import type { AllianceStore } from '../store/AllianceStore'
import { hashToken, isWellFormedToken } from './tokens'

/** Who is on the other end of a request or socket, as far as this alliance is concerned. */
export interface Principal {
  allianceId: AllianceId
  role: Role
  partyId: PartyId | null
}

export const canEdit = (p: Principal): boolean => p.role !== 'observer'

/**
 * Resolves a token for one alliance. A missing, malformed, unknown or revoked token is
 * NOT_AUTHENTICATED; a valid token of another alliance is FORBIDDEN.
 */
export async function authenticate(
  store: AllianceStore,
  allianceId: AllianceId,
  token: string | null | undefined,
): Promise<Principal> {
  if (!token) throw new AllianceError('NOT_AUTHENTICATED', 'A link token is required.')
  if (!isWellFormedToken(token)) {
    throw new AllianceError('NOT_AUTHENTICATED', 'This link token is not valid.')
  }
  const row = await store.findToken(hashToken(token))
  if (!row) throw new AllianceError('NOT_AUTHENTICATED', 'This link token is not valid (any more).')
  if (row.allianceId !== allianceId) {
    throw new AllianceError('FORBIDDEN', 'This link belongs to another alliance.')
  }
  return { allianceId, role: row.role, partyId: row.partyId }
}
