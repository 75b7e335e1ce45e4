/**
 * The server's default `MAX_MESSAGE_BYTES`: a websocket message larger than this closes the
 * connection with 4413. The client keeps every change it sends well under it.
 */
export const DEFAULT_MAX_MESSAGE_BYTES = 1024 * 1024
