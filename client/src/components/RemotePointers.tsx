import { useEffect, useState, type RefObject } from 'react'
import type { Awareness } from 'y-protocols/awareness'
import { readPointers, type PresenceUser } from '../state/usePresence'

interface Placed {
  clientId: number
  user: PresenceUser
  x: number
  y: number
}

/** Where each remote pointer sits inside `container`, from its section-relative position. */
function place(awareness: Awareness, container: HTMLElement): Placed[] {
  const base = container.getBoundingClientRect()
  const placed: Placed[] = []
  for (const { clientId, user, pointer } of readPointers(awareness)) {
    const section = container.querySelector<HTMLElement>(
      `[data-section-id="${CSS.escape(pointer.sectionId)}"]`,
    )
    if (!section) continue
    const rect = section.getBoundingClientRect()
    placed.push({
      clientId,
      user,
      x: rect.left - base.left + Math.min(1, Math.max(0, pointer.x)) * rect.width,
      y: rect.top - base.top + Math.min(1, Math.max(0, pointer.y)) * rect.height,
    })
  }
  return placed
}

/**
 * Other people's pointers. Positions travel as fractions of a section, so a pointer lands on
 * the same spot of the same section whatever each screen's width and layout.
 */
export function RemotePointers({
  awareness,
  containerRef,
}: {
  awareness: Awareness
  containerRef: RefObject<HTMLElement | null>
}) {
  const [pointers, setPointers] = useState<Placed[]>([])
  useEffect(() => {
    let frame = 0
    const schedule = (): void => {
      if (frame) return
      frame = requestAnimationFrame(() => {
        frame = 0
        if (containerRef.current) setPointers(place(awareness, containerRef.current))
      })
    }
    schedule()
    awareness.on('change', schedule)
    window.addEventListener('resize', schedule)
    return () => {
      awareness.off('change', schedule)
      window.removeEventListener('resize', schedule)
      cancelAnimationFrame(frame)
    }
  }, [awareness, containerRef])

  return (
    <div className="pointers" aria-hidden="true">
      {pointers.map(({ clientId, user, x, y }) => (
        <div key={clientId} className="pointer" style={{ transform: `translate(${x}px, ${y}px)` }}>
          <svg width="18" height="18" viewBox="0 0 18 18">
            <path
              d="M1 1 L1 15 L5 11 L8 17 L10 16 L7 10 L13 10 Z"
              fill={user.color}
              stroke="white"
              strokeWidth="1.2"
            />
          </svg>
          <span className="pointer-label" style={{ background: user.color }}>
            {user.name}
          </span>
        </div>
      ))}
    </div>
  )
}
