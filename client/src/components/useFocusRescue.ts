import { useEffect } from 'react'

/** Where focus was, remembered when it arrived, so a home can be found once that node is gone. */
export interface LostFocus {
  element: HTMLElement
  /** The card it was in (`data-card-id`), its column and its place there. */
  cardId: string | null
  column: HTMLElement | null
  cardIndex: number
}

function remember(element: HTMLElement): LostFocus {
  const card = element.closest<HTMLElement>('[data-card-id]')
  const column = element.closest<HTMLElement>('.column')
  const cards = column ? [...column.querySelectorAll('[data-card-id]')] : []
  return {
    element,
    cardId: card?.dataset.cardId ?? null,
    column,
    cardIndex: card ? cards.indexOf(card) : -1,
  }
}

const isLost = (): boolean =>
  document.activeElement === null || document.activeElement === document.body

/**
 * Keeps keyboard focus from dropping to `<body>` when the focused control inside `root` goes
 * away (a deleted card, an Agree button replaced by Withdraw, a disabled button): `choose` names
 * a sensible new home. Removal fires no blur event, so DOM mutations are what we watch.
 */
export function useFocusRescue(
  container: HTMLElement | null,
  choose: (lost: LostFocus, root: HTMLElement) => HTMLElement | null | undefined,
): void {
  useEffect(() => {
    if (!container) return
    let last: LostFocus | null = null
    const onFocusIn = (event: FocusEvent): void => {
      last = remember(event.target as HTMLElement)
    }
    const isGone = (lost: LostFocus): boolean =>
      !lost.element.isConnected || Boolean((lost.element as HTMLButtonElement).disabled)
    const rescue = (): void => {
      if (!last || !isLost() || !isGone(last)) return
      const target = choose(last, container)
      last = null
      target?.focus()
    }
    const onFocusOut = (event: FocusEvent): void => {
      const next = event.relatedTarget as Node | null
      // Focus moved on to somewhere real outside: nothing to rescue.
      if (next && !container.contains(next)) last = null
      if (next) return
      // Focus left for nowhere: a disabled button, or a click on the page's background. Only
      // the first is ours to mend; a person who clicked away keeps the focus where they put it.
      const left = event.target
      setTimeout(() => {
        if (last?.element !== left) return
        if (isGone(last)) rescue()
        else last = null
      }, 0)
    }
    const observer = new MutationObserver(rescue)
    observer.observe(container, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ['disabled'],
    })
    container.addEventListener('focusin', onFocusIn)
    container.addEventListener('focusout', onFocusOut)
    return () => {
      observer.disconnect()
      container.removeEventListener('focusin', onFocusIn)
      container.removeEventListener('focusout', onFocusOut)
    }
  }, [container, choose])
}

/** The first of `selectors` that matches a focusable, enabled element inside `root`. */
export function firstFocusable(root: ParentNode, ...selectors: string[]): HTMLElement | null {
  for (const selector of selectors) {
    const found = [...root.querySelectorAll<HTMLElement>(selector)].find(
      (el) => !(el as HTMLButtonElement).disabled && el.getClientRects().length > 0,
    )
    if (found) return found
  }
  return null
}
