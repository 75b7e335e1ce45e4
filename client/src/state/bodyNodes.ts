import { useCallback, useSyncExternalStore } from 'react'
import type * as Y from 'yjs'
import { bodyToNodes, type BodyNode } from '../../../shared/src/ops/cardBody'

interface Watched {
  nodes: BodyNode[] | null
  listeners: Set<() => void>
}
const watched = new WeakMap<Y.XmlFragment, Watched>()

/** The observer stays for the body's life, so a cached reading is never stale. */
function watch(body: Y.XmlFragment): Watched {
  let entry = watched.get(body)
  if (!entry) {
    const created: Watched = { nodes: null, listeners: new Set() }
    body.observeDeep(() => {
      created.nodes = null
      for (const listener of created.listeners) listener()
    })
    watched.set(body, created)
    entry = created
  }
  return entry
}

/**
 * A card body's canonical nodes, read once per change of that body. With hundreds of cards, the
 * draft's content (re-read after every pause in typing) then re-reads only the card that changed.
 * The nodes are shared: treat them as read-only.
 */
export function bodyNodes(body: Y.XmlFragment): BodyNode[] {
  const entry = watch(body)
  return (entry.nodes ??= bodyToNodes(body))
}

/** A card body's nodes for rendering: re-renders when (and only when) that body changes. */
export function useBodyNodes(body: Y.XmlFragment): BodyNode[] {
  const entry = watch(body)
  const subscribe = useCallback(
    (listener: () => void) => {
      entry.listeners.add(listener)
      return () => entry.listeners.delete(listener)
    },
    [entry],
  )
  return useSyncExternalStore(subscribe, () => bodyNodes(body))
}
