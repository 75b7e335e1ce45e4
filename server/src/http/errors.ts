import type { ErrorRequestHandler, RequestHandler, Response } from 'express'
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

/** The 4xx status an error carries (body-parser, Express's path decoding, serve-static), if any. */
function clientStatus(err: unknown): number | null {
  const { status, statusCode } = (err ?? {}) as { status?: unknown; statusCode?: unknown }
  const value = typeof status === 'number' ? status : statusCode
  return typeof value === 'number' && value >= 400 && value < 500 ? value : null
}

/** A stable code and a readable message for an error that carries a 4xx status. */
function describeClientError(err: unknown, status: number): ErrorBody {
  const type = (err as { type?: string }).type
  if (type === 'entity.parse.failed')
    return errorBody('BAD_REQUEST', 'The request body is not valid JSON.')
  if (status === 413) return errorBody('PAYLOAD_TOO_LARGE', 'The request body is too large.')
  if (status === 415)
    return errorBody(
      'UNSUPPORTED_MEDIA_TYPE',
      'The request body is in an encoding the server does not read.',
    )
  if (status === 404) return errorBody('NOT_FOUND', 'There is nothing at this address.')
  if (type) return errorBody('BAD_REQUEST', 'The request body could not be read.')
  return errorBody('BAD_REQUEST', 'The request could not be read (is the address well formed?).')
}

/**
 * The one place an error becomes an HTTP response. On the API: JSON with a stable code, always.
 * Elsewhere (page routes), `page` answers in HTML. An error that carries a 4xx status (a bad
 * percent-escape in the path, a body that does not inflate) keeps that status: it is the
 * request's fault, never a 500.
 */
export function errorHandler(
  log: Logger,
  page: (res: Response, status: number) => void,
): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    const isApi = req.originalUrl.startsWith('/api/') || req.originalUrl === '/api'
    if (err instanceof AllianceError) {
      res.status(HTTP_STATUS[err.code]).json(errorBody(err.code, err.message))
      return
    }
    const status = clientStatus(err)
    if (status !== null) {
      log.debug({ err, method: req.method, status }, 'request refused')
      if (isApi) res.status(status).json(describeClientError(err, status))
      else page(res, status)
      return
    }
    log.error({ err, method: req.method, path: req.path }, 'request failed')
    res.status(500).json(errorBody('INTERNAL', 'Something went wrong on the server.'))
  }
}
