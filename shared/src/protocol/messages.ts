/**
 * Websocket message types. 0–3 are the standard y-websocket ones; 100+ are ours. A client opts
 * into ours with the `ext=1` query parameter, so a stock WebsocketProvider (which logs an error
 * for any type it does not know) still connects cleanly without them.
 */
export const MessageType = {
  Sync: 0,
  Awareness: 1,
  Auth: 2,
  QueryAwareness: 3,
  /** varUint n: the first n update-carrying messages of this connection are durably stored. */
  Ack: 100,
  /** varString JSON `ServerState`: server-owned state (parties, agreements, versions). */
  ServerState: 101,
} as const

/** y-protocols sync sub-types, inside a Sync message. */
export const SyncType = { Step1: 0, Step2: 1, Update: 2 } as const

export const EXTENSIONS_PARAM = 'ext'
export const EXTENSIONS_VALUE = '1'
