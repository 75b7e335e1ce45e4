import { useDroppable } from '@dnd-kit/core'
import { memo, useMemo } from 'react'
import { SortableContext, verticalListSortingStrategy } from '@dnd-kit/sortable'
import { addCard, slotKey } from '../../../shared/src/ops/cards'
import type { ColumnLayout } from '../../../shared/src/ops/layout'
import {
  CARD_COLORS,
  type CardColor,
  type SectionRecord,
} from '../../../shared/src/schema/allianceDoc'
import { useCanvasContext } from './CanvasContext'
import type { DropData } from './CanvasView'
import { CardView } from './CardView'

/** New cards in a party's column take a colour of their own, so columns are told apart at a glance. */
function defaultColor(column: ColumnLayout, partyIndex: number): CardColor {
  if (!column.partyId) return 'yellow'
  const palette: CardColor[] = ['blue', 'pink', 'green', 'purple', 'orange', 'yellow']
  return palette[partyIndex % palette.length] ?? CARD_COLORS[0]
}

/** One column of a section: a party's (per-party sections) or the shared one. */
export const CardColumn = memo(function CardColumn({
  section,
  column,
  partyIndex,
}: {
  section: SectionRecord
  column: ColumnLayout
  /** Its place among the section's columns: picks the colour of new cards. */
  partyIndex: number
}) {
  const { conn, me, canEdit, focusCardId } = useCanvasContext()
  // One object for the column's life, so its cards (memoised) see an unchanged prop.
  const slot = useMemo(
    () => ({ sectionId: section.id, partyId: column.partyId }),
    [section.id, column.partyId],
  )
  const data: DropData = { type: 'column', slot, size: column.cards.length }
  const { setNodeRef, isOver } = useDroppable({
    id: `column:${slotKey(slot)}`,
    data,
    disabled: !canEdit,
  })
  const isMine = column.partyId !== null && column.partyId === me.partyId
  const where = section.perParty ? `${column.label}’s column of ${section.title}` : section.title

  function add(): void {
    const id = addCard(
      conn.doc,
      { ...slot, color: defaultColor(column, partyIndex), createdBy: me.partyId ?? me.role },
      conn.localOrigin,
    )
    focusCardId.set(id)
  }

  return (
    <div
      ref={setNodeRef}
      className={`column${isOver ? ' is-over' : ''}${isMine ? ' is-mine' : ''}`}
    >
      {section.perParty && (
        <h3 className="column-header">
          <span
            className="party-dot"
            style={{ background: column.party?.color ?? '#94a3b8' }}
            aria-hidden="true"
          />
          {column.label}
          {isMine && <span className="you-tag">you</span>}
        </h3>
      )}
      <SortableContext
        id={slotKey(slot)}
        items={column.cards.map((c) => c.id)}
        strategy={verticalListSortingStrategy}
      >
        <ul className="cards" aria-label={`Cards in ${where}`}>
          {column.cards.map((card, index) => (
            <CardView key={card.id} card={card} slot={slot} index={index} where={where} />
          ))}
        </ul>
      </SortableContext>
      {column.cards.length === 0 && !canEdit && <p className="empty-column">No cards yet.</p>}
      {canEdit && (
        <button
          type="button"
          className="add-card"
          onClick={add}
          aria-label={`Add card to ${where}`}
        >
          <span aria-hidden="true">+</span> Add card
        </button>
      )}
    </div>
  )
})
