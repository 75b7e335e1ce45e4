import { useSyncExternalStore } from 'react'
import type { Awareness } from 'y-protocols/awareness'
import type { Role } from '../../../shared/src/protocol/api'

/** What each person publishes about themselves (awareness: presence only, never trusted). */
export interface PresenceUser {
  name: string
  color: string
  role: Role
  partyId: string | null
}

export interface Pointer {
  sectionId: string
  /** Position inside the section, as fractions of its width and height. */
  x: number
  y: number
}

export interface Peer extends PresenceUser {
  clientId: number
  editing: string | null
  /** The card this person deleted last, so a writer in it can be told who did. */
  deleted: string | null
}

export const PresenceFields = {
  user: 'user',
  editing: 'editing',
  pointer: 'pointer',
  deleted: 'deleted',
} as const

const stringField = (value: unknown): string | null =>
  typeof value === 'string' ? value.slice(0, 64) : null

function readPeers(awareness: Awareness): Peer[] {
  const peers: Peer[] = []
  for (const [clientId, state] of awareness.getStates()) {
    if (clientId === awareness.clientID) continue
    const user = state[PresenceFields.user] as Partial<PresenceUser> | undefined
    if (!user || typeof user.name !== 'string') continue
    peers.push({
      clientId,
      name: user.name.slice(0, 60),
      color:
        typeof user.color === 'string' && /^#[0-9a-f]{6}$/i.test(user.color)
          ? user.color
          : '#64748b',
      role: user.role === 'facilitator' || user.role === 'observer' ? user.role : 'party',
      partyId: typeof user.partyId === 'string' ? user.partyId : null,
      editing: stringField(state[PresenceFields.editing]),
      deleted: stringField(state[PresenceFields.deleted]),
    })
  }
  return peers.sort((a, b) => a.name.localeCompare(b.name) || a.clientId - b.clientId)
}

const cache = new WeakMap<Awareness, { key: string; peers: Peer[] }>()

/**
 * The other people here now. Re-renders only when who is here (or what they edit) changes,
 * not on every pointer move.
 */
export function usePeers(awareness: Awareness): Peer[] {
  return useSyncExternalStore(
    (listener) => {
      awareness.on('change', listener)
      return () => awareness.off('change', listener)
    },
    () => {
      const peers = readPeers(awareness)
      const key = JSON.stringify(peers)
      const cached = cache.get(awareness)
      if (cached && cached.key === key) return cached.peers
      cache.set(awareness, { key, peers })
      return peers
    },
  )
}

export function readPointers(
  awareness: Awareness,
): Array<{ clientId: number; user: PresenceUser; pointer: Pointer }> {
  const out: Array<{ clientId: number; user: PresenceUser; pointer: Pointer }> = []
  for (const peer of readPeers(awareness)) {
    const pointer = awareness.getStates().get(peer.clientId)?.[PresenceFields.pointer] as
      Pointer | null | undefined
    if (
      pointer &&
      typeof pointer.sectionId === 'string' &&
      Number.isFinite(pointer.x) &&
      Number.isFinite(pointer.y)
    ) {
      out.push({ clientId: peer.clientId, user: peer, pointer })
    }
  }
  return out
}
