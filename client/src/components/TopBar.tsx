import { useState, useSyncExternalStore } from 'react'
import { TITLE_MAX } from '../../../shared/src/protocol/api'
import { getMeta } from '../../../shared/src/schema/allianceDoc'
import { MetaKeys } from '../../../shared/src/schema/keys'
import type { Peer, PresenceUser } from '../state/usePresence'
import type { AllianceConnection, SyncStatus } from '../sync/AllianceConnection'
import { Logo } from './Logo'
import { PresenceAvatars } from './PresenceAvatars'
import { StatusPill } from './StatusPill'

interface TopBarProps {
  conn: AllianceConnection
  title: string
  canEdit: boolean
  status: SyncStatus
  me: PresenceUser
  peers: Peer[]
  onShare: (() => void) | null
  onPresent(): void
}

export function TopBar({
  conn,
  title,
  canEdit,
  status,
  me,
  peers,
  onShare,
  onPresent,
}: TopBarProps) {
  return (
    <header className="topbar">
      <Logo compact />
      <TitleField conn={conn} title={title} canEdit={canEdit} />
      <div className="topbar-tools">
        {canEdit && <UndoButtons conn={conn} />}
        <PresenceAvatars me={me} peers={peers} />
        <StatusPill status={status} />
        <button
          type="button"
          className="button-quiet present-button"
          onClick={onPresent}
          title="Present: larger text, no toolbars (P)"
          aria-keyshortcuts="P"
        >
          Present
        </button>
        {onShare && (
          <button
            type="button"
            className="button-primary"
            data-focus-return="share"
            onClick={onShare}
          >
            Share links
          </button>
        )}
      </div>
    </header>
  )
}

/** The alliance title: edited locally while focused, written on Enter or blur (one change). */
function TitleField({
  conn,
  title,
  canEdit,
}: {
  conn: AllianceConnection
  title: string
  canEdit: boolean
}) {
  const [draft, setDraft] = useState<string | null>(null)
  const commit = (): void => {
    const next = (draft ?? '').trim()
    if (draft !== null && next && next !== title) {
      conn.doc.transact(
        () => getMeta(conn.doc).set(MetaKeys.title, next.slice(0, TITLE_MAX)),
        conn.localOrigin,
      )
    }
    setDraft(null)
  }
  if (!canEdit) return <h1 className="title-static">{title || 'Untitled alliance'}</h1>
  // The page's h1 is the alliance title; where it is editable, the field stands in for it.
  return (
    <>
      <h1 className="visually-hidden">{title || 'Untitled alliance'}</h1>
      <input
        className="title-input"
        aria-label="Alliance title"
        value={draft ?? title}
        maxLength={TITLE_MAX}
        onFocus={() => setDraft(title)}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') e.currentTarget.blur()
          if (e.key === 'Escape') {
            setDraft(null)
            e.currentTarget.blur()
          }
        }}
      />
    </>
  )
}

function useUndoState(conn: AllianceConnection): { canUndo: boolean; canRedo: boolean } {
  const snapshot = useSyncExternalStore(
    (listener) => {
      const events = ['stack-item-added', 'stack-item-popped', 'stack-cleared'] as const
      for (const e of events) conn.undo.on(e, listener)
      return () => {
        for (const e of events) conn.undo.off(e, listener)
      }
    },
    () => `${conn.undo.canUndo()}:${conn.undo.canRedo()}`,
  )
  return { canUndo: snapshot.startsWith('true'), canRedo: snapshot.endsWith('true') }
}

function UndoButtons({ conn }: { conn: AllianceConnection }) {
  const { canUndo, canRedo } = useUndoState(conn)
  const mod = /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl+'
  return (
    <div className="undo-buttons" role="group" aria-label="Undo and redo your own changes">
      <button
        type="button"
        className="icon-button"
        // aria-disabled, not disabled: undoing the last change must not drop the focus.
        aria-disabled={!canUndo}
        onClick={() => canUndo && conn.undo.undo()}
        aria-label="Undo your last change"
        title={`Undo your last change (${mod}Z)`}
      >
        ↶
      </button>
      <button
        type="button"
        className="icon-button"
        aria-disabled={!canRedo}
        onClick={() => canRedo && conn.undo.redo()}
        aria-label="Redo"
        title={`Redo (${mod}Shift+Z)`}
      >
        ↷
      </button>
    </div>
  )
}
