import type { SyncStatus } from '../sync/AllianceConnection'

function describe(status: SyncStatus): { text: string; tone: 'ok' | 'busy' | 'warn' | 'error' } {
  switch (status.phase) {
    case 'closed':
      return { text: 'Disconnected', tone: 'error' }
    case 'offline':
      return {
        text: status.hasOfflineChanges ? 'Offline · changes kept on this device' : 'Offline',
        tone: 'warn',
      }
    case 'reconnecting':
      return {
        text: status.hasOfflineChanges
          ? 'Reconnecting · changes kept on this device'
          : 'Reconnecting…',
        tone: 'warn',
      }
    case 'connecting':
      return { text: 'Connecting…', tone: 'busy' }
    case 'connected':
      return status.saved ? { text: 'Saved', tone: 'ok' } : { text: 'Saving…', tone: 'busy' }
  }
}

/**
 * Connection and save state. "Saved" appears only once the server acknowledged every change.
 * Only the connection is announced (a live region beside it): "Saving… Saved" on every
 * keystroke would drown out everything else a screen reader has to say.
 */
export function StatusPill({ status }: { status: SyncStatus }) {
  const { text, tone } = describe(status)
  const connection = describe({ ...status, saved: true }).text
  return (
    <>
      <span
        className={`status-pill tone-${tone}`}
        data-phase={status.phase}
        data-saved={status.saved}
      >
        <span className="status-dot" aria-hidden="true" />
        {text}
      </span>
      <span className="visually-hidden" role="status">
        {connection === 'Saved' ? 'Connected' : connection}
      </span>
    </>
  )
}
