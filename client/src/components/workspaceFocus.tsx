import { useEffect, useState } from 'react'
import type { CanvasLayout } from '../../../shared/src/ops/layout'
import { firstFocusable, type LostFocus } from './useFocusRescue'

/** Focuses the first element matching `selector` once React has drawn it (within ~10 frames). */
export function focusSoon(selector: string, frames = 10): void {
  requestAnimationFrame(() => {
    const element = document.querySelector<HTMLElement>(selector)
    if (element) element.focus()
    else if (frames > 0) focusSoon(selector, frames - 1)
  })
}

/** Typing in a field or a card never toggles anything. */
const isTyping = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement &&
  target.closest('input, textarea, select, [contenteditable="true"], [role="menu"], dialog') !==
    null

/**
 * Present mode, for a screen-shared call: larger text, no toolbars. P toggles it (outside text
 * fields), Esc leaves it.
 */
export function usePresentMode(): [boolean, () => void] {
  const [presenting, setPresenting] = useState(false)
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.metaKey || event.ctrlKey || event.altKey || isTyping(event.target)) return
      if (event.key === 'p' || event.key === 'P') setPresenting((v) => !v)
      else if (event.key === 'Escape') setPresenting(false)
      else return
      event.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
  return [presenting, () => setPresenting((v) => !v)]
}

/**
 * Keys in a card's text that a keyboard user needs to get out: Tab moves on to the next control
 * (Tiptap would indent a list item, trapping them in the list), Esc leaves the text for the
 * card's own controls. Listening in the capture phase keeps the editor from seeing these keys.
 */
export function useCardKeys(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      const text = event.target instanceof HTMLElement ? event.target.closest('.card-text') : null
      if (!text || event.altKey || event.ctrlKey || event.metaKey) return
      if (event.key === 'Tab') {
        event.stopPropagation()
      } else if (event.key === 'Escape') {
        const card = text.closest('[data-card-id]')
        const control = card?.querySelector<HTMLElement>('.drag-handle, .card-menu-button')
        if (!control) return
        event.preventDefault()
        event.stopPropagation()
        control.focus()
      }
    }
    window.addEventListener('keydown', onKey, true)
    return () => window.removeEventListener('keydown', onKey, true)
  }, [])
}

/**
 * The sticky header's height as `--header-height`, which the page's scroll padding uses: a
 * control that takes the focus is never scrolled under the header.
 */
export function useHeaderHeight(element: HTMLElement | null): void {
  useEffect(() => {
    if (!element) return
    const root = document.documentElement
    const observer = new ResizeObserver(() => {
      const sticky = getComputedStyle(element).position === 'sticky'
      root.style.setProperty('--header-height', `${sticky ? element.offsetHeight : 0}px`)
    })
    observer.observe(element)
    return () => {
      observer.disconnect()
      root.style.removeProperty('--header-height')
    }
  }, [element])
}

/**
 * Where focus goes when the focused card control disappears (deleted, moved, undone): the same
 * card where it now is, else the card now in its place, the one before, or its column's Add.
 */
export function canvasFocusHome(lost: LostFocus, canvas: HTMLElement): HTMLElement | null {
  const handleOf = (card: Element | null | undefined): HTMLElement | null =>
    card?.querySelector<HTMLElement>('.card-menu-button') ??
    card?.querySelector<HTMLElement>('.drag-handle') ??
    null
  if (lost.cardId) {
    const same = canvas.querySelector(`[data-card-id="${CSS.escape(lost.cardId)}"]`)
    if (same) return handleOf(same)
  }
  if (lost.column?.isConnected) {
    const cards = lost.column.querySelectorAll('[data-card-id]')
    const neighbour = cards[Math.min(lost.cardIndex, cards.length - 1)]
    return handleOf(neighbour) ?? firstFocusable(lost.column, '.add-card')
  }
  return canvas
}

/** Links that appear when tabbed to: past the header to the canvas, or straight to a section. */
export function SkipLinks({ layout }: { layout: CanvasLayout }) {
  const go = (selector: string) => (event: React.MouseEvent) => {
    // The URL fragment holds the link's key: jump by focus, never by changing the hash.
    event.preventDefault()
    document.querySelector<HTMLElement>(selector)?.focus()
  }
  return (
    <nav className="skip-links" aria-label="Skip links">
      <a href="#canvas" onClick={go('main.canvas')}>
        Skip to the canvas
      </a>
      <a href="#agreement" onClick={go('.agreement-actions button')}>
        Skip to the agreement
      </a>
      {layout.sections.map(({ section }) => (
        <a
          key={section.id}
          href={`#${section.id}`}
          onClick={go(`[data-section-id="${CSS.escape(section.id)}"] h2`)}
        >
          Skip to {section.title}
        </a>
      ))}
    </nav>
  )
}
