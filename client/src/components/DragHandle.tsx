import type { DraggableAttributes, DraggableSyntheticListeners } from '@dnd-kit/core'
import { useEffect, useState } from 'react'
import type * as Y from 'yjs'
import { nodesToText } from '../../../shared/src/ops/cardBody'
import { bodyNodes } from '../state/bodyNodes'

/** Six dots in one path: on a canvas of hundreds of cards, one node per handle instead of six. */
const GRIP = [2, 8]
  .flatMap((x) => [3, 8, 13].map((y) => `M${x - 1.5} ${y}a1.5 1.5 0 1 0 3 0a1.5 1.5 0 1 0 -3 0`))
  .join('')

/** How long the text must rest before the handle's name follows it (typing is not re-read). */
const SETTLE_MS = 600

/** The first few words of a card, as a screen reader says which card a handle moves. */
export function firstWords(text: string, words = 6): string {
  const all = text.trim().split(/\s+/).filter(Boolean)
  return all.length > words ? `${all.slice(0, words).join(' ')}…` : all.join(' ')
}

/** A card's first words, kept up to date a moment after its text changes. */
function useFirstWords(body: Y.XmlFragment): string {
  const read = (): string => firstWords(nodesToText(bodyNodes(body)))
  const [words, setWords] = useState(read)
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null
    const onChange = (): void => {
      if (timer) clearTimeout(timer)
      timer = setTimeout(() => setWords(firstWords(nodesToText(bodyNodes(body)))), SETTLE_MS)
    }
    body.observeDeep(onChange)
    return () => {
      body.unobserveDeep(onChange)
      if (timer) clearTimeout(timer)
    }
  }, [body])
  return words
}

/**
 * The card's drag handle. Its name says which card it moves ("Move card 2 in Needs: “Time to
 * think…”"); only this small button re-renders when the card's text settles.
 */
export function DragHandle({
  body,
  label,
  setRef,
  attributes,
  listeners,
}: {
  body: Y.XmlFragment
  label: string
  setRef(element: HTMLElement | null): void
  attributes: DraggableAttributes
  listeners: DraggableSyntheticListeners
}) {
  const words = useFirstWords(body)
  return (
    <button
      type="button"
      ref={setRef}
      className="drag-handle"
      {...attributes}
      {...listeners}
      aria-label={words ? `${label}: “${words}”` : `${label} (empty)`}
    >
      <svg viewBox="0 0 10 16" width="10" height="16" aria-hidden="true">
        <path d={GRIP} />
      </svg>
    </button>
  )
}
