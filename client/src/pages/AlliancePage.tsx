import { useEffect, useState } from 'react'
import type { AllianceResponse } from '../../../shared/src/protocol/api'
import { api, ApiError } from '../api'
import { MessagePage } from '../components/MessagePage'
import { Workspace } from '../components/Workspace'
import { saveAlliance, savedAlliance, tokenFromHash } from '../session'
import { AllianceConnection } from '../sync/AllianceConnection'

function linkProblem(error: unknown): string {
  if (!(error instanceof ApiError)) return 'Something went wrong while opening this alliance.'
  switch (error.code) {
    case 'NOT_AUTHENTICATED':
      return 'This link is not valid (any more). Ask the person who shared it for a new one.'
    case 'FORBIDDEN':
      return 'This link belongs to a different alliance.'
    case 'ALLIANCE_NOT_FOUND':
      return 'This alliance does not exist. Check that the whole link was copied.'
    default:
      return error.message
  }
}

/** /a/:id — opens an alliance with the link's token and hands a live connection to the workspace. */
export function AlliancePage({ allianceId }: { allianceId: string }) {
  const saved = savedAlliance(allianceId)
  const token = tokenFromHash(window.location.hash) ?? saved?.token ?? null
  // The creator who also takes part edits as their party; facilitation goes by the facilitator link.
  const socketToken =
    saved && saved.token === token && saved.asPartyToken ? saved.asPartyToken : token
  const [view, setView] = useState<AllianceResponse | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const [conn, setConn] = useState<AllianceConnection | null>(null)

  useEffect(() => {
    if (!token) return
    let cancelled = false
    api.getAlliance(allianceId, token).then(
      (v) => {
        if (cancelled) return
        setView(v)
        saveAlliance({
          id: allianceId,
          title: v.title,
          role: v.you.role,
          token,
          openedAt: new Date().toISOString(),
        })
      },
      (error: unknown) => {
        // Offline: the websocket and the device's copy can still show the canvas.
        if (!cancelled && !(error instanceof ApiError && error.code === 'NETWORK'))
          setProblem(linkProblem(error))
      },
    )
    return () => {
      cancelled = true
    }
  }, [allianceId, token])

  useEffect(() => {
    if (!socketToken) return
    const connection = new AllianceConnection(allianceId, socketToken)
    // The connection is an external system whose lifetime is exactly this effect's.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setConn(connection)
    return () => {
      connection.destroy()
      setConn(null)
    }
  }, [allianceId, socketToken])

  if (!token || problem) {
    return (
      <MessagePage
        title={token ? 'This link does not open the alliance' : 'This link is missing its key'}
      >
        {problem ??
          'Alliance links end with #k= followed by a key. Ask the person who shared it to send the whole link.'}
      </MessagePage>
    )
  }
  if (!conn) return null
  return (
    <Workspace
      conn={conn}
      allianceId={allianceId}
      token={token}
      socketToken={socketToken!}
      role={view?.you.role ?? null}
    />
  )
}
