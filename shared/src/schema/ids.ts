/** Ids get their own types so a CardId can't go where a SectionId belongs. */
export type AllianceId = string & { readonly __brand: 'AllianceId' }
export type PartyId = string & { readonly __brand: 'PartyId' }
export type SectionId = string & { readonly __brand: 'SectionId' }
export type CardId = string & { readonly __brand: 'CardId' }

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'

/** A random url-safe id of `length` characters (6 bits each) from the platform's CSPRNG. */
export function randomId(length: number): string {
  const bytes = new Uint8Array(length)
  crypto.getRandomValues(bytes)
  let id = ''
  for (const byte of bytes) id += ALPHABET[byte & 63]
  return id
}

/** Alliance ids are 16 characters: 96 random bits, unguessable, safe in a URL path. */
export const ALLIANCE_ID_PATTERN = /^[A-Za-z0-9_-]{16}$/

export function newAllianceId(): AllianceId {
  return randomId(16) as AllianceId
}

export function isAllianceId(value: string): value is AllianceId {
  return ALLIANCE_ID_PATTERN.test(value)
}

export function newPartyId(): PartyId {
  return randomId(10) as PartyId
}

export function newCardId(): CardId {
  return randomId(12) as CardId
}
