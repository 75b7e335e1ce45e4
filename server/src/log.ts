import pino from 'pino'

/**
 * One structured logger. Tokens never reach it: they travel in URL fragments, websocket query
 * strings (which we never log) and Authorization headers (which we never log).
 */
export type Logger = pino.Logger

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: undefined,
    redact: {
      paths: ['token', '*.token', 'headers.authorization', 'req.headers.authorization'],
      censor: '[redacted]',
    },
  })
}
