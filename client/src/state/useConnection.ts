import { useSyncExternalStore } from 'react'
import type { ServerState } from '../../../shared/src/protocol/serverState'
import type { AllianceConnection, SyncStatus } from '../sync/AllianceConnection'

/** Connection state and errors for the whole UI: components never watch sockets themselves. */
export function useSyncStatus(conn: AllianceConnection): SyncStatus {
  return useSyncExternalStore(conn.subscribeStatus, conn.getStatus)
}

/** Parties and who "you" are, as the server says (never read from the CRDT). */
export function useServerState(conn: AllianceConnection): ServerState | null {
  return useSyncExternalStore(conn.subscribeServerState, conn.getServerState)
}
