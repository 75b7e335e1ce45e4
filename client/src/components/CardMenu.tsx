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
  const menuId = useId()
  const rootRef = useRef<HTMLDivElement>(null)
  const buttonRef = useRef<HTMLButtonElement>(null)
  const column = layout?.sections
    .find((s) => s.section.id === slot.sectionId)
    ?.columns.find((c) => c.partyId === slot.partyId)
  const size = column?.cards.length ?? 1

  useEffect(() => {
    if (!open) return
    rootRef.current
      ?.querySelector<HTMLElement>('[role="menuitem"], [role="menuitemradio"]')
      ?.focus()
    const onDown = (event: MouseEvent): void => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false)
    }
    document.addEventListener('mousedown', onDown)
    return () => document.removeEventListener('mousedown', onDown)
  }, [open])

  const close = (): void => {
    setOpen(false)
    buttonRef.current?.focus()
  }
  const act = (fn: () => void): void => {
    fn()
    close()
  }

  function onMenuKey(event: KeyboardEvent<HTMLDivElement>): void {
    if (event.key === 'Escape') {
      event.preventDefault()
      close()
      return
    }
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return
    event.preventDefault()
    const items = [
      ...(rootRef.current?.querySelectorAll<HTMLElement>('[role^="menuitem"], select') ?? []),
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
        onClick={() => setOpen((v) => !v)}
      >
        ⋯
      </button>
      {open && (
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
          <label className="menu-move-to">
            Move to
            <select
              value={slotKey(slot)}
              onChange={(e) => {
                const target = targets.find((t) => t.key === e.target.value)
                if (target)
                  act(() =>
                    moveCard(
                      conn.doc,
                      card.id,
                      { ...target.slot, index: Number.MAX_SAFE_INTEGER },
                      conn.localOrigin,
                    ),
                  )
              }}
            >
              {targets.map((t) => (
                <option key={t.key} value={t.key}>
                  {t.label}
                </option>
              ))}
            </select>
          </label>
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
