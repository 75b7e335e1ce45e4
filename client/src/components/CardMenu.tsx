import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react'
import {
  deleteCard,
  moveCard,
  setCardColor,
  slotKey,
  type Slot,
} from '../../../shared/src/ops/cards'
import { listNames } from '../../../shared/src/ops/names'
import { CARD_COLORS, type CardRecord } from '../../../shared/src/schema/allianceDoc'
import { useStore } from '../state/store'
import { PresenceFields } from '../state/usePresence'
import { useCanvasContext } from './CanvasContext'

/**
 * The card's menu: colour, move up/down, move to another section or column, delete. It is also
 * the keyboard path for everything a mouse user does by dragging.
 */
export function CardMenu({ card, slot, index }: { card: CardRecord; slot: Slot; index: number }) {
  const { conn, layout: layoutStore, writers: writerStore } = useCanvasContext()
  const [open, setOpen] = useState(false)
  // Only an open menu follows the layout: hundreds of closed menus need not re-render on a move.
  const layout = useStore(layoutStore, (l) => l, open)
  // Someone else is writing in the card: deleting it asks first, naming them.
  const [confirming, setConfirming] = useState(false)
  const writers = (useStore(writerStore, (m) => m.get(card.id), open) ?? []).map((p) => p.name)
  // "Move to" is a second page of the same menu: a menu may hold only menu items.
  const [moving, setMoving] = useState(false)
  const menuId = useId()
  const confirmId = useId()
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
    setConfirming(false)
    setMoving(false)
    buttonRef.current?.focus()
  }
  const remove = (): void =>
    act(() => {
      // Tells a writer in this card who deleted it (they see a notice with a way back).
      conn.awareness.setLocalStateField(PresenceFields.deleted, card.id)
      deleteCard(conn.doc, card.id, conn.localOrigin)
    })
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
          {confirming ? (
            <div className="menu-confirm" role="group" aria-labelledby={confirmId}>
              <p id={confirmId}>
                {listNames(writers)} {writers.length === 1 ? 'is' : 'are'} writing in this card.
                Delete it anyway?
              </p>
              <button type="button" role="menuitem" className="menu-danger" onClick={remove}>
                Delete anyway
              </button>
              <button type="button" role="menuitem" autoFocus onClick={() => setConfirming(false)}>
                Keep it
              </button>
            </div>
          ) : (
            <button
              type="button"
              role="menuitem"
              className="menu-danger"
              onClick={() => (writers.length ? setConfirming(true) : remove())}
            >
              Delete card
            </button>
          )}
        </div>
      )}
    </div>
  )
}
