import type { IncomingMessage } from 'node:http'

export interface OriginPolicy {
  /** Explicit list (ALLOWED_ORIGINS, or PUBLIC_URL's origin); null means "same origin as Host". */
  allowed: string[] | null
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]'])

/**
 * Cross-site websocket hijacking guard. Browsers always send Origin, so a page on another site
 * cannot open a socket with a stolen-by-design capability link. Non-browser clients send no
 * Origin and are let through: they could forge one anyway, and they still need a token.
 */
export function isOriginAllowed(req: IncomingMessage, policy: OriginPolicy): boolean {
  const origin = req.headers.origin
  if (!origin) return true
  let parsed: URL
  try {
    parsed = new URL(origin)
  } catch {
    return false
  }
  if (policy.allowed) return policy.allowed.includes(parsed.origin)
  if (parsed.host === req.headers.host) return true
  // Local development: the Vite dev server on another port proxies to us.
  const host = (req.headers.host ?? '').replace(/:\d+$/, '')
  return LOOPBACK.has(parsed.hostname) && LOOPBACK.has(host)
}

export function originPolicy(
  allowedOrigins: string[] | null,
  publicUrl: string | null,
): OriginPolicy {
  if (allowedOrigins) return { allowed: allowedOrigins.map((o) => new URL(o).origin) }
  if (publicUrl) return { allowed: [new URL(publicUrl).origin] }
  return { allowed: null }
}
