import { createContext, useContext } from 'react'
import type { CanvasLayout } from '../../../shared/src/ops/layout'
import type { Peer, PresenceUser } from '../state/usePresence'
import type { ValueStore } from '../state/store'
import type { AllianceConnection } from '../sync/AllianceConnection'

/**
 * What every section, column and card needs from the canvas around it. The value itself changes
 * only when the connection, the person or their right to edit does; what changes often (the
 * layout, who writes where, which card takes the focus) sits in stores, so that a change
 * re-renders only the cards it concerns (read them with `useStore`).
 */
export interface CanvasContextValue {
  conn: AllianceConnection
  me: PresenceUser
  canEdit: boolean
  layout: ValueStore<CanvasLayout>
  /** The other people writing in each card (cards with nobody: absent). */
  writers: ValueStore<ReadonlyMap<string, readonly Peer[]>>
  /** A card just added here, whose editor should take the focus once. */
  focusCardId: ValueStore<string | null>
}

export const CanvasContext = createContext<CanvasContextValue | null>(null)

export function useCanvasContext(): CanvasContextValue {
  const value = useContext(CanvasContext)
  if (!value) throw new Error('useCanvasContext outside a CanvasView')
  return value
}
