import path from 'node:path'
import { z } from 'zod'
import { DEFAULT_MAX_MESSAGE_BYTES } from '../../shared/src/protocol/limits'

const bytes = (fallback: number) => z.coerce.number().int().positive().default(fallback)

/** The environment, validated once at start; a bad value stops the server with a clear message. */
const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  PUBLIC_URL: z.url().optional(),
  ALLOWED_ORIGINS: z.string().optional(),
  CREATE_TOKEN: z.string().min(16, 'CREATE_TOKEN must be at least 16 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SQLITE_SYNCHRONOUS: z.enum(['full', 'normal']).default('full'),
  MAX_MESSAGE_BYTES: bytes(DEFAULT_MAX_MESSAGE_BYTES),
  MAX_DOC_BYTES: bytes(10 * 1024 * 1024),
  MAX_CONNECTIONS_PER_IP: z.coerce.number().int().positive().default(200),
  UNLOAD_AFTER_MS: z.coerce.number().int().min(0).default(10_000),
})

export interface Config {
  port: number
  host: string
  dataDir: string
  /** Where people reach the app; links are built from it. Defaults to http://localhost:PORT. */
  publicUrl: string | null
  /** Origins allowed to open a websocket; the public URL's origin and localhost by default. */
  allowedOrigins: string[] | null
  createToken: string | null
  logLevel: string
  sqliteSynchronous: 'full' | 'normal'
  maxMessageBytes: number
  maxDocBytes: number
  maxConnectionsPerIp: number
  unloadAfterMs: number
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
    throw new Error(`Invalid configuration:\n${problems.join('\n')}`)
  }
  const e = parsed.data
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    publicUrl: e.PUBLIC_URL?.replace(/\/+$/, '') ?? null,
    allowedOrigins: e.ALLOWED_ORIGINS
      ? e.ALLOWED_ORIGINS.split(',')
          .map((o) => o.trim())
          .filter(Boolean)
      : null,
    createToken: e.CREATE_TOKEN ?? null,
    logLevel: e.LOG_LEVEL,
    sqliteSynchronous: e.SQLITE_SYNCHRONOUS,
    maxMessageBytes: e.MAX_MESSAGE_BYTES,
    maxDocBytes: e.MAX_DOC_BYTES,
    maxConnectionsPerIp: e.MAX_CONNECTIONS_PER_IP,
    unloadAfterMs: e.UNLOAD_AFTER_MS,
  }
}

/** Defaults for tests and embedding: everything `loadConfig` would give, overridable. */
export function defaultConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({}), ...overrides }
}
