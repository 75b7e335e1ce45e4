import { useMemo, useSyncExternalStore } from 'react'
import type * as Y from 'yjs'
import { getCardsMap, getMeta, getSectionsArray } from '../../../shared/src/schema/allianceDoc'
import { canvasLayout, reuseUnchanged, type CanvasLayout } from '../../../shared/src/ops/layout'
import type { PartyView } from '../../../shared/src/schema/parties'

const versions = new WeakMap<
  Y.Doc,
  { version: number; subscribe: (listener: () => void) => () => void }
>()

/**
 * A counter that changes whenever the canvas structure changes: cards added, moved, recoloured
 * or deleted, sections or the title edited. Typing inside a card does not change it: each card
 * editor renders its own text, and re-laying out the canvas per keystroke would be waste.
 */
function structureVersion(doc: Y.Doc) {
  let entry = versions.get(doc)
  if (entry) return entry
  const listeners = new Set<() => void>()
  const bump = (): void => {
    entry!.version++
    for (const listener of listeners) listener()
  }
  const cards = getCardsMap(doc)
  const onCards = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>): void => {
    if (events.some((e) => e.target === cards || e.target.parent === cards)) bump()
  }
  entry = {
    version: 0,
    subscribe: (listener) => {
      if (listeners.size === 0) {
        cards.observeDeep(onCards)
        getSectionsArray(doc).observeDeep(bump)
        getMeta(doc).observe(bump)
      }
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
        if (listeners.size === 0) {
          cards.unobserveDeep(onCards)
          getSectionsArray(doc).unobserveDeep(bump)
          getMeta(doc).unobserve(bump)
        }
      }
    },
  }
  versions.set(doc, entry)
  return entry
}

/** The last layout shown per document, so the next one can keep what did not change. */
const lastLayout = new WeakMap<Y.Doc, CanvasLayout>()

/**
 * The canvas as the UI shows it (the same layout the content hash covers). Cards, columns and
 * sections that did not change keep their identity from one layout to the next, so memoised
 * components skip them.
 */
export function useCanvasLayout(doc: Y.Doc, parties: readonly PartyView[]): CanvasLayout {
  const entry = structureVersion(doc)
  const version = useSyncExternalStore(entry.subscribe, () => entry.version)
  return useMemo(() => {
    const layout = reuseUnchanged(lastLayout.get(doc) ?? null, canvasLayout(doc, parties))
    lastLayout.set(doc, layout)
    return layout
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `version` is the doc's change signal
  }, [doc, parties, version])
}
