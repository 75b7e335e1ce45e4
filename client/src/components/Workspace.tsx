import { CloseCode } from '../../../shared/src/protocol/closeCodes'
import { useCallback, useEffect, useMemo, useState } from 'react'
import type { Role } from '../../../shared/src/protocol/api'
import type { ServerState } from '../../../shared/src/protocol/serverState'
import { useCanvasLayout } from '../state/useCanvas'
import { useDeletedWhileWriting } from '../state/useDeletedWhileWriting'
import { useDraft } from '../state/useDraft'
import { useServerState, useSyncStatus } from '../state/useConnection'
import { PresenceFields, usePeers, type PresenceUser } from '../state/usePresence'
import { useRemoteNews } from '../state/useRemoteNews'
import { describeServerNews } from '../state/serverNews'
import type { AllianceConnection } from '../sync/AllianceConnection'
import { AgreementBar, type HistoryRequest } from './AgreementBar'
import { CanvasView } from './CanvasView'
import { HistoryView } from './history/HistoryView'
import { Logo } from './Logo'
import { MessagePage } from './MessagePage'
import { FACILITATOR_COLOR, OBSERVER_COLOR } from '../palette'
import { agreementLabel, saveAlliance, takeJustCreated } from '../session'
import { SharePanel } from './SharePanel'
import { TopBar } from './TopBar'
import { useFocusRescue } from './useFocusRescue'
import {
  canvasFocusHome,
  focusSoon,
  SkipLinks,
  useCardKeys,
  useHeaderHeight,
  usePresentMode,
} from './workspaceFocus'
import { DismissButton } from './DismissButton'

const NO_PARTIES: never[] = []

function identityOf(state: ServerState): PresenceUser {
  const party = state.parties.find((p) => p.id === state.you.partyId)
  if (party) return { name: party.name, color: party.color, role: 'party', partyId: party.id }
  if (state.you.role === 'facilitator')
    return { name: 'Facilitator', color: FACILITATOR_COLOR, role: 'facilitator', partyId: null }
  return { name: 'Observer', color: OBSERVER_COLOR, role: 'observer', partyId: null }
}

/** Mod+Z / Mod+Shift+Z outside a card's text: undo this person's own canvas changes. */
function useCanvasUndoKeys(conn: AllianceConnection, enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return
    const onKey = (event: KeyboardEvent): void => {
      if (!(event.metaKey || event.ctrlKey) || event.altKey) return
      const target = event.target as HTMLElement | null
      if (target?.closest('input, textarea, select, [contenteditable="true"]')) return
      const key = event.key.toLowerCase()
      if (key === 'z' && !event.shiftKey) conn.undo.undo()
      else if ((key === 'z' && event.shiftKey) || key === 'y') conn.undo.redo()
      else return
      event.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [conn, enabled])
}

export interface WorkspaceProps {
  conn: AllianceConnection
  allianceId: string
  token: string
  /** The token the socket uses: the person's party link when they take part. */
  socketToken: string
  /** The role of the link in the address bar (the facilitator sees the share panel). */
  role: Role | null
}

/** The alliance as people work in it: top bar, notices, the canvas, the share panel. */
export function Workspace({ conn, allianceId, token, socketToken, role }: WorkspaceProps) {
  const status = useSyncStatus(conn)
  const state = useServerState(conn)
  const peers = usePeers(conn.awareness)
  // Right after creating, the facilitator lands with the links in front of them.
  const [shareOpen, setShareOpen] = useState(() => takeJustCreated(allianceId))
  const identityKey = state ? JSON.stringify(identityOf(state)) : null
  const me = useMemo(
    () => (identityKey ? (JSON.parse(identityKey) as PresenceUser) : null),
    [identityKey],
  )
  const layout = useCanvasLayout(conn.doc, state?.parties ?? NO_PARTIES)
  const draft = useDraft(conn.doc, state?.parties ?? NO_PARTIES)
  const [history, setHistory] = useState<{ request: HistoryRequest | null } | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const deletedCard = useDeletedWhileWriting(conn)
  const deletedBy = deletedCard.rescued
    ? peers.find((p) => p.deleted === deletedCard.rescued!.card.id)?.name
    : undefined
  const canEdit =
    state !== null &&
    state.you.role !== 'observer' &&
    status.phase !== 'closed' &&
    !status.schemaTooNew
  // The server closed this link for good (replaced, or its party removed): nothing works here
  // any more, so nothing should look as if it did.
  const isRevoked =
    status.phase === 'closed' &&
    (status.closeCode === CloseCode.Unauthorized || status.closeCode === CloseCode.Forbidden)
  useCanvasUndoKeys(conn, canEdit)
  const [presenting, togglePresenting] = usePresentMode()
  useCardKeys()
  const remoteNews = useRemoteNews(conn.doc, state?.parties ?? NO_PARTIES)
  // Callback refs: these elements appear only once the canvas has loaded.
  const [header, setHeader] = useState<HTMLElement | null>(null)
  const [body, setBody] = useState<HTMLElement | null>(null)
  useHeaderHeight(header)
  useFocusRescue(body, canvasFocusHome)
  const closeHistory = useCallback((message?: string) => {
    setHistory(null)
    setNotice(message ?? null)
    // Back where the person came from; after a restore, to the notice that says what happened.
    focusSoon(message ? '.workspace-notice' : '[data-focus-return="history"]')
  }, [])

  useEffect(() => {
    if (me) conn.awareness.setLocalStateField(PresenceFields.user, me)
  }, [conn, me])
  // Withdrawals and removals by others, told in a notice that names who did it.
  const [previousState, setPreviousState] = useState(state)
  if (state !== previousState) {
    setPreviousState(state)
    const news = previousState && state ? describeServerNews(previousState, state) : []
    if (news.length) setNotice(news.join(' '))
  }
  // The home page lists this alliance with where its agreement stands.
  const agreement = state && draft ? agreementLabel(state.versions, draft.hash) : null
  useEffect(() => {
    if (agreement) saveAlliance({ id: allianceId, agreement })
  }, [allianceId, agreement])
  useEffect(() => {
    document.title = `${layout.title || 'Alliance'} · Alliance Canvas`
  }, [layout.title])

  if (status.phase === 'closed' && !status.ready) {
    return <MessagePage title="This canvas cannot be opened">{status.message}</MessagePage>
  }
  if (!state || !me || !status.ready) {
    return (
      <div className="loading-page" role="status">
        <Logo />
        <p>Opening the canvas…</p>
      </div>
    )
  }

  return (
    <div className={`workspace${presenting ? ' is-presenting' : ''}`}>
      <SkipLinks layout={layout} />
      <p className="visually-hidden" role="status">
        {remoteNews}
      </p>
      {presenting && (
        <button type="button" className="button-quiet present-exit" onClick={togglePresenting}>
          Leave present mode (Esc)
        </button>
      )}
      <div className="workspace-header" ref={setHeader}>
        <TopBar
          conn={conn}
          title={layout.title}
          canEdit={canEdit}
          status={status}
          me={me}
          peers={peers}
          onShare={role === 'facilitator' && !isRevoked ? () => setShareOpen(true) : null}
          onPresent={togglePresenting}
        />
        {status.phase === 'closed' &&
          (isRevoked ? (
            <div className="notice notice-error" role="alert">
              This link no longer opens the alliance: the facilitator replaced it or removed you.
              The canvas stays on screen, read-only. Ask the facilitator for a new link to take part
              again.
            </div>
          ) : (
            <div className="notice notice-error" role="alert">
              {status.message}
              <button type="button" className="button-quiet" onClick={() => conn.reconnect()}>
                Try again
              </button>
            </div>
          ))}
        <AgreementBar
          conn={conn}
          allianceId={allianceId}
          state={state}
          draft={draft}
          status={status}
          partyToken={state.you.role === 'party' && !isRevoked ? socketToken : null}
          readToken={socketToken}
          onOpenHistory={(request) => setHistory({ request: request ?? null })}
        />
      </div>
      {status.schemaTooNew && (
        <div className="notice" role="note">
          This canvas was saved by a newer version of Alliance Canvas, so it is read-only here.
          Reload the page to get the new version and edit again.
        </div>
      )}
      {state.you.role === 'observer' && (
        <div className="notice" role="note">
          You are watching as an observer. You can see every change live but cannot edit.
        </div>
      )}
      {notice && (
        <div className="notice workspace-notice" role="status" tabIndex={-1}>
          {notice}
          <DismissButton onDismiss={() => setNotice(null)} />
        </div>
      )}
      {deletedCard.rescued && (
        <div className="notice notice-warning" role="alert">
          {deletedBy ?? 'Someone'} deleted the card you were writing in. Your words are kept here
          until you dismiss this.
          {canEdit && (
            <button type="button" className="button-quiet" onClick={deletedCard.bringBack}>
              Bring it back
            </button>
          )}
          <DismissButton onDismiss={deletedCard.dismiss} />
        </div>
      )}
      {history ? (
        <HistoryView
          conn={conn}
          allianceId={allianceId}
          state={state}
          draft={draft}
          readToken={socketToken}
          editToken={canEdit ? socketToken : null}
          request={history.request}
          onClose={closeHistory}
        />
      ) : (
        <div className="workspace-body" ref={setBody}>
          <CanvasView conn={conn} layout={layout} me={me} peers={peers} canEdit={canEdit} />
        </div>
      )}
      {shareOpen && role === 'facilitator' && (
        <SharePanel
          allianceId={allianceId}
          token={token}
          parties={state.parties}
          myPartyId={state.you.partyId}
          onClose={() => {
            setShareOpen(false)
            // Opened on arrival, the panel has no opener to give the focus back to.
            focusSoon('[data-focus-return="share"]')
          }}
        />
      )}
    </div>
  )
}
