import { useEffect, useState, type RefObject } from 'react'

/**
 * How far outside the viewport a card still counts as on screen: about a screen above and below,
 * so scrolling reaches cards whose editor is already there.
 */
export const ON_SCREEN_MARGIN = '800px 0px'

type Callback = (visible: boolean) => void
let observer: IntersectionObserver | null = null
const callbacks = new Map<Element, Callback>()

/** One observer for every card: hundreds of observers cost more than one watching hundreds. */
function watch(element: Element, callback: Callback): () => void {
  observer ??= new IntersectionObserver(
    (entries) => {
      for (const entry of entries) callbacks.get(entry.target)?.(entry.isIntersecting)
    },
    { rootMargin: ON_SCREEN_MARGIN },
  )
  callbacks.set(element, callback)
  observer.observe(element)
  return () => {
    callbacks.delete(element)
    observer?.unobserve(element)
  }
}

/** Whether an element is on screen or near it (false until first measured). */
export function useOnScreen(ref: RefObject<Element | null>): boolean {
  const [visible, setVisible] = useState(false)
  useEffect(() => {
    const element = ref.current
    if (!element) return
    return watch(element, setVisible)
  }, [ref])
  return visible
}
