import { useSortable } from '@dnd-kit/sortable'
import { memo, useCallback } from 'react'
import { CSS } from '@dnd-kit/utilities'
import type { Slot } from '../../../shared/src/ops/cards'
import type { CardRecord } from '../../../shared/src/schema/allianceDoc'
import { CardEditor } from '../editor/CardEditor'
import { useCanvasContext } from './CanvasContext'
import type { DropData } from './CanvasView'
import { CardMenu } from './CardMenu'
import { DragHandle } from './DragHandle'
import { countRender } from '../state/renderCount'
import { useStore } from '../state/store'
import type { Peer } from '../state/usePresence'
import { listNames, summariseNames } from '../../../shared/src/ops/names'

const NO_WRITERS: readonly Peer[] = []

/**
 * A sticky note: drag handle, who is writing in it, its menu, and its rich text. Memoised: it
 * re-renders when its own record, place or writers change, not when another card's do.
 */
export const CardView = memo(function CardView({
  card,
  slot,
  index,
  where,
}: {
  card: CardRecord
  slot: Slot
  index: number
  where: string
}) {
  countRender('card')
  const { canEdit, writers: writerStore, focusCardId } = useCanvasContext()
  const writers = useStore(writerStore, (m) => m.get(card.id) ?? NO_WRITERS)!
  const autoFocus = useStore(focusCardId, (id) => id === card.id)!
  const onAutoFocused = useCallback(() => focusCardId.set(null), [focusCardId])
  const data: DropData = { type: 'card', slot, index }
  const {
    attributes,
    listeners,
    setNodeRef,
    setActivatorNodeRef,
    transform,
    transition,
    isDragging,
  } = useSortable({
    id: card.id,
    data,
    disabled: !canEdit,
  })
  return (
    <li
      ref={setNodeRef}
      className={`card color-${card.color}${isDragging ? ' is-dragging' : ''}${writers.length ? ' has-writers' : ''}`}
      style={{
        transform: CSS.Translate.toString(transform),
        transition,
        ...(writers[0] ? { outlineColor: writers[0].color } : {}),
      }}
      data-card-id={card.id}
    >
      <div className="card-top">
        {canEdit && (
          <DragHandle
            body={card.body}
            label={`Move card ${index + 1} in ${where}`}
            setRef={setActivatorNodeRef}
            attributes={attributes}
            listeners={listeners}
          />
        )}
        {writers.length > 0 && (
          // One short line whatever the number of writers: "Ana, Ben and 5 others are writing…".
          <span
            className="card-writers"
            style={{ color: writers[0]!.color }}
            title={listNames(writers.map((w) => w.name))}
          >
            {summariseNames(writers.map((w) => w.name))} {writers.length === 1 ? 'is' : 'are'}{' '}
            writing…
          </span>
        )}
        {canEdit && <CardMenu card={card} slot={slot} index={index} />}
      </div>
      <CardEditor
        card={card}
        label={`Card ${index + 1} in ${where}`}
        autoFocus={autoFocus}
        onAutoFocused={onAutoFocused}
      />
    </li>
  )
})
