import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react'
import {
  deleteCard,
  moveCard,
  setCardColor,
  slotKey,
  type Slot,
} from '../../../shared/src/ops/cards'
import { CARD_COLORS, type CardRecord } from '../../../shared/src/schema/allianceDoc'
import { useStore } from '../state/store'
import { useCanvasContext } from './CanvasContext'

/**
 * The card's menu: colour, move up/down, move to another section or column, delete. It is also
 * the keyboard path for everything a mouse user does by dragging.
 */
export function CardMenu({ card, slot, index }: { card: CardRecord; slot: Slot; index: number }) {
  const { conn, layout: layoutStore } = useCanvasContext()
  const [open, setOpen] = useState(false)
  // Only an open menu follows the layout: hundreds of closed menus need not re-render on a move.
  const layout = useStore(layoutStore, (l) => l, open)
  // "Move to" is a second page of the same menu: a menu may hold only menu items.
  const [moving, setMoving] = useState(false)
  const menuId = useId()
  const rootRef = useRef<HTMLDivElement>(null)
  const buttonRef = useRef<HTMLButtonElement>(null)
  const column = layout?.sections
    .find((s) => s.section.id === slot.sectionId)
    ?.columns.find((c) => c.partyId === slot.partyId)
  const size = column?.cards.length ?? 1

  useEffect(() => {
    if (!open) return
    const first = moving
      ? rootRef.current?.querySelector<HTMLElement>('[role="menuitemradio"][aria-checked="true"]')
      : rootRef.current?.querySelector<HTMLElement>('[role="menuitem"], [role="menuitemradio"]')
    first?.focus()
    const onDown = (event: MouseEvent): void => {
      if (!rootRef.current?.contains(event.target as Node)) {
        setOpen(false)
        setMoving(false)
      }
    }
    document.addEventListener('mousedown', onDown)
    return () => document.removeEventListener('mousedown', onDown)
  }, [open, moving])

  const close = (): void => {
    setOpen(false)
    setMoving(false)
    buttonRef.current?.focus()
  }
  const act = (fn: () => void): void => {
    fn()
    close()
  }

  function onMenuKey(event: KeyboardEvent<HTMLDivElement>): void {
    if (event.key === 'Escape') {
      event.preventDefault()
      // Esc steps back from "Move to" first, then closes the menu.
      if (moving) setMoving(false)
      else close()
      return
    }
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return
    event.preventDefault()
    const items = [
      ...(rootRef.current?.querySelectorAll<HTMLElement>('[role^="menuitem"]:not(:disabled)') ??
        []),
    ]
    const at = items.indexOf(document.activeElement as HTMLElement)
    const next = items[(at + (event.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length]
    next?.focus()
  }

  const targets = (layout?.sections ?? []).flatMap(({ section, columns }) =>
    columns.map((c) => ({
      key: slotKey({ sectionId: section.id, partyId: c.partyId }),
      slot: { sectionId: section.id, partyId: c.partyId },
      label: section.perParty ? `${section.title} · ${c.label}` : section.title,
    })),
  )

  return (
    <div className="card-menu" ref={rootRef}>
      <button
        type="button"
        ref={buttonRef}
        className="icon-button card-menu-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-label="Card options"
        onClick={() => (open ? close() : setOpen(true))}
      >
        ⋯
      </button>
      {open && moving && (
        <div
          className="menu"
          role="menu"
          id={menuId}
          aria-label="Move the card to"
          onKeyDown={onMenuKey}
        >
          <button type="button" role="menuitem" onClick={() => setMoving(false)}>
            ← Back
          </button>
          {targets.map((t) => (
            <button
              key={t.key}
              type="button"
              role="menuitemradio"
              className="menu-target"
              aria-checked={t.key === slotKey(slot)}
              onClick={() =>
                act(() =>
                  moveCard(
                    conn.doc,
                    card.id,
                    { ...t.slot, index: Number.MAX_SAFE_INTEGER },
                    conn.localOrigin,
                  ),
                )
              }
            >
              {t.label}
            </button>
          ))}
        </div>
      )}
      {open && !moving && (
        <div
          className="menu"
          role="menu"
          id={menuId}
          aria-label="Card options"
          onKeyDown={onMenuKey}
        >
          <div className="menu-colors" role="group" aria-label="Colour">
            {CARD_COLORS.map((color) => (
              <button
                key={color}
                type="button"
                role="menuitemradio"
                aria-checked={card.color === color}
                aria-label={color}
                className={`swatch color-${color}`}
                onClick={() => act(() => setCardColor(conn.doc, card.id, color, conn.localOrigin))}
              />
            ))}
          </div>
          <button
            type="button"
            role="menuitem"
            disabled={index === 0}
            onClick={() =>
              act(() =>
                moveCard(conn.doc, card.id, { ...slot, index: index - 1 }, conn.localOrigin),
              )
            }
          >
            Move up
          </button>
          <button
            type="button"
            role="menuitem"
            disabled={index >= size - 1}
            onClick={() =>
              act(() =>
                moveCard(conn.doc, card.id, { ...slot, index: index + 1 }, conn.localOrigin),
              )
            }
          >
            Move down
          </button>
          <button
            type="button"
            role="menuitem"
            aria-haspopup="menu"
            onClick={() => setMoving(true)}
          >
            Move to another section…
          </button>
          <button
            type="button"
            role="menuitem"
            className="menu-danger"
            onClick={() => act(() => deleteCard(conn.doc, card.id, conn.localOrigin))}
          >
            Delete card
          </button>
        </div>
      )}
    </div>
  )
}
