import type { ErrorRequestHandler, RequestHandler } from 'express'
import type { z } from 'zod'
import {
  AllianceError,
  HTTP_STATUS,
  type AllianceErrorCode,
  type ErrorBody,
} from '../../../shared/src/protocol/errors'
import type { Logger } from '../log'

export function errorBody(code: AllianceErrorCode, message: string): ErrorBody {
  return { error: { code, message } }
}

/** Parses a request body with a zod schema; a mismatch becomes VALIDATION_FAILED. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body ?? {})
  if (!result.success) {
    const issue = result.error.issues[0]
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : ''
    throw new AllianceError(
      'VALIDATION_FAILED',
      `${where}${issue?.message ?? 'Invalid request body.'}`,
    )
  }
  return result.data
}

export const notFound: RequestHandler = (_req, res) => {
  res.status(404).json(errorBody('NOT_FOUND', 'No such API endpoint.'))
}

/** The one place an error becomes an HTTP response: JSON with a stable code, always. */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    if (err instanceof AllianceError) {
      res.status(HTTP_STATUS[err.code]).json(errorBody(err.code, err.message))
      return
    }
    const type = (err as { type?: string }).type
    if (type === 'entity.parse.failed') {
      res.status(400).json(errorBody('BAD_REQUEST', 'The request body is not valid JSON.'))
      return
    }
    if (type === 'entity.too.large') {
      res.status(413).json(errorBody('PAYLOAD_TOO_LARGE', 'The request body is too large.'))
      return
    }
    if (type) {
      res.status(400).json(errorBody('BAD_REQUEST', 'The request body could not be read.'))
      return
    }
    log.error({ err, method: req.method, path: req.path }, 'request failed')
    res.status(500).json(errorBody('INTERNAL', 'Something went wrong on the server.'))
  }
}
