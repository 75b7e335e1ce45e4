import { createHash, randomBytes } from 'node:crypto'

/** 24 random bytes (192 bits), base64url: 32 characters that survive a URL fragment unchanged. */
export function newToken(): string {
  return randomBytes(24).toString('base64url')
}

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{32}$/

export const isWellFormedToken = (token: string): boolean => TOKEN_PATTERN.test(token)

/**
 * Tokens are stored only as SHA-256 hashes. They are random and long, so no salt is needed, and
 * lookup by hash means no secret is ever compared byte by byte in JavaScript.
 */
export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest()
}
