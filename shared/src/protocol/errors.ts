/** Every API error carries one of these codes; code branches on the code, people read the message. */
export type AllianceErrorCode =
  | 'BAD_REQUEST'
  | 'VALIDATION_FAILED'
  | 'UNKNOWN_TEMPLATE'
  | 'NOT_AUTHENTICATED'
  | 'FORBIDDEN'
  | 'ALLIANCE_NOT_FOUND'
  | 'PARTY_NOT_FOUND'
  | 'NOT_FOUND'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'CONTENT_CHANGED'
  | 'ALREADY_AGREED'
  | 'NOT_A_PARTY'
  | 'EMPTY_DRAFT'
  | 'TOO_MANY_PARTIES'
  | 'VERSION_NOT_FOUND'
  | 'VERSIONS_IMMUTABLE'
  | 'RATE_LIMITED'
  | 'STORAGE_UNAVAILABLE'
  | 'SCHEMA_TOO_NEW'
  | 'INTERNAL'

export const HTTP_STATUS: Readonly<Record<AllianceErrorCode, number>> = {
  BAD_REQUEST: 400,
  VALIDATION_FAILED: 400,
  UNKNOWN_TEMPLATE: 400,
  NOT_AUTHENTICATED: 401,
  FORBIDDEN: 403,
  ALLIANCE_NOT_FOUND: 404,
  PARTY_NOT_FOUND: 404,
  NOT_FOUND: 404,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  CONTENT_CHANGED: 409,
  ALREADY_AGREED: 409,
  NOT_A_PARTY: 403,
  EMPTY_DRAFT: 422,
  TOO_MANY_PARTIES: 422,
  VERSION_NOT_FOUND: 404,
  VERSIONS_IMMUTABLE: 405,
  RATE_LIMITED: 429,
  STORAGE_UNAVAILABLE: 503,
  SCHEMA_TOO_NEW: 409,
  INTERNAL: 500,
}

export class AllianceError extends Error {
  override name = 'AllianceError'
  constructor(
    readonly code: AllianceErrorCode,
    message?: string,
  ) {
    super(message ?? code)
  }
}

/** The JSON body of every API error. */
export interface ErrorBody {
  error: { code: AllianceErrorCode; message: string }
}

export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`)
}
