/**
 * Websocket close codes. 4400–4499 mirror HTTP 4xx and are permanent: y-websocket's provider
 * stops reconnecting on them. 4500–4599 are transient ("try again later") and it reconnects.
 */
export const CloseCode = {
  BadMessage: 4400,
  Unauthorized: 4401,
  Forbidden: 4403,
  UnknownAlliance: 4404,
  TooBig: 4413,
  /** The alliance was saved by a newer version: this server or client may read, not write. */
  SchemaTooNew: 4426,
  TooMany: 4429,
  LoadFailed: 4500,
  StorageUnavailable: 4503,
  /** An update built on changes the server lacks: the client reconnects and syncs first. */
  Resync: 4509,
  /** The client stopped reading; it reconnects and catches up with a fresh sync. */
  TooSlow: 4508,
  /** Standard code: the server is restarting (SIGTERM); clients reconnect. */
  ServiceRestart: 1012,
} as const
export type CloseCodeValue = (typeof CloseCode)[keyof typeof CloseCode]

/** What the client tells a person when the server closes the connection with `code`. */
export function describeClose(code: number): string {
  switch (code) {
    case CloseCode.Unauthorized:
      return 'This link is not valid (any more). Ask the facilitator for a new one.'
    case CloseCode.Forbidden:
      return 'This link does not give access to this alliance.'
    case CloseCode.UnknownAlliance:
      return 'This alliance does not exist.'
    case CloseCode.TooBig:
      return 'That change is too large to save. Undo it and try something smaller.'
    case CloseCode.SchemaTooNew:
      return 'This alliance was saved by a newer version of Alliance Canvas, so it is read-only here. Reload the page, or ask whoever runs the server to update it.'
    case CloseCode.TooMany:
      return 'Too many changes at once; reload the page to continue.'
    case CloseCode.BadMessage:
      return 'The connection sent something the server could not read; reload the page.'
    case CloseCode.LoadFailed:
      return 'The server could not open this alliance right now. Retrying…'
    case CloseCode.StorageUnavailable:
      return 'The server cannot save right now. Your changes are kept here; retrying…'
    case CloseCode.ServiceRestart:
      return 'The server is restarting. Reconnecting…'
    default:
      return 'Connection lost. Reconnecting…'
  }
}

export const isPermanentClose = (code: number): boolean => code >= 4400 && code < 4500
