import { createContext, useContext } from 'react'
import type { CanvasLayout } from '../../../shared/src/ops/layout'
import type { Peer, PresenceUser } from '../state/usePresence'
import type { AllianceConnection } from '../sync/AllianceConnection'

/** What every section, column and card needs from the canvas around it. */
export interface CanvasContextValue {
  conn: AllianceConnection
  layout: CanvasLayout
  me: PresenceUser
  peers: Peer[]
  canEdit: boolean
  /** A card just added here, whose editor should take the focus once. */
  focusCardId: string | null
  setFocusCardId(id: string | null): void
}

export const CanvasContext = createContext<CanvasContextValue | null>(null)

export function useCanvasContext(): CanvasContextValue {
  const value = useContext(CanvasContext)
  if (!value) throw new Error('useCanvasContext outside a CanvasView')
  return value
}
