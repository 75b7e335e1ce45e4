import {
  closestCorners,
  DndContext,
  pointerWithin,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type Announcements,
  type CollisionDetection,
  type DragEndEvent,
  type DragStartEvent,
} from '@dnd-kit/core'
import { sortableKeyboardCoordinates } from '@dnd-kit/sortable'
import { memo, useLayoutEffect, useMemo, useRef, useState, type PointerEvent } from 'react'
import type { CanvasLayout } from '../../../shared/src/ops/layout'
import { moveCard, slotKey, type Slot } from '../../../shared/src/ops/cards'
import { bodyToNodes, nodesToText } from '../../../shared/src/ops/cardBody'
import type { CardRecord } from '../../../shared/src/schema/allianceDoc'
import type { CardId } from '../../../shared/src/schema/ids'
import { PresenceFields, type Peer, type PresenceUser } from '../state/usePresence'
import { ValueStore } from '../state/store'
import type { AllianceConnection } from '../sync/AllianceConnection'
import { CanvasContext, type CanvasContextValue } from './CanvasContext'
import { RemotePointers } from './RemotePointers'
import { SectionFrame } from './SectionFrame'

/**
 * Where a dragged card would land: what the pointer is over, and over nothing, nowhere (dropped
 * on the background, the card goes back where it was instead of into the nearest section).
 * Keyboard drags have no pointer: they step between the nearest targets.
 */
const dropTarget: CollisionDetection = (args) =>
  args.pointerCoordinates ? pointerWithin(args) : closestCorners(args)

/** Data attached to draggables and droppables, read back on drop. */
export type DropData =
  { type: 'card'; slot: Slot; index: number } | { type: 'column'; slot: Slot; size: number }

interface Placement {
  card: CardRecord
  slot: Slot
  index: number
  where: string
}

/**
 * Scrolling while a card is dragged near the window's edge: a narrower band and a slower
 * speed than dnd-kit's (20%, 10×), so a finger resting near a phone's edge moves the card one
 * section on, not two.
 */
const GENTLE_AUTO_SCROLL = { threshold: { x: 0, y: 0.1 }, acceleration: 3 }

const preview = (card: CardRecord): string => {
  const text = nodesToText(bodyToNodes(card.body))
  return text ? `“${text.length > 40 ? `${text.slice(0, 40)}…` : text}”` : 'an empty card'
}

const sameWriters = (a: readonly Peer[], b: readonly Peer[]): boolean =>
  a.length === b.length &&
  a.every(
    (p, i) => p.clientId === b[i]!.clientId && p.name === b[i]!.name && p.color === b[i]!.color,
  )

/** Who writes in which card, keeping the previous list of every card whose writers are the same. */
function writersByCard(
  peers: readonly Peer[],
  prev: ReadonlyMap<string, readonly Peer[]>,
): ReadonlyMap<string, readonly Peer[]> {
  const next = new Map<string, Peer[]>()
  for (const peer of peers) {
    if (!peer.editing) continue
    const list = next.get(peer.editing)
    if (list) list.push(peer)
    else next.set(peer.editing, [peer])
  }
  const out = new Map<string, readonly Peer[]>()
  for (const [cardId, list] of next) {
    const before = prev.get(cardId)
    out.set(cardId, before && sameWriters(before, list) ? before : list)
  }
  return out
}

/** The canvas: sections in a responsive grid; cards move by drag and drop, pointer or keyboard. */
export const CanvasView = memo(function CanvasView({
  conn,
  layout,
  me,
  peers,
  canEdit,
}: {
  conn: AllianceConnection
  layout: CanvasLayout
  me: PresenceUser
  peers: Peer[]
  canEdit: boolean
}) {
  const [layoutStore] = useState(() => new ValueStore(layout))
  const [writers] = useState(() => new ValueStore(writersByCard(peers, new Map())))
  const [focusCardId] = useState(() => new ValueStore<string | null>(null))
  // Before paint, so a card never shows a layout or writers older than its neighbours'.
  useLayoutEffect(() => layoutStore.set(layout), [layoutStore, layout])
  useLayoutEffect(() => writers.set(writersByCard(peers, writers.get())), [writers, peers])
  const [activeId, setActiveId] = useState<string | null>(null)
  // Read once: no drop animation and no smooth keyboard scrolling for people who asked for less motion.
  const [reducedMotion] = useState(
    () => window.matchMedia('(prefers-reduced-motion: reduce)').matches,
  )
  const canvasRef = useRef<HTMLElement>(null)
  const lastPointer = useRef(0)
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(KeyboardSensor, {
      coordinateGetter: sortableKeyboardCoordinates,
      scrollBehavior: reducedMotion ? 'auto' : 'smooth',
    }),
  )

  const placements = useMemo(() => {
    const map = new Map<string, Placement>()
    for (const { section, columns } of layout.sections) {
      for (const column of columns) {
        const slot = { sectionId: section.id, partyId: column.partyId }
        const where = section.perParty ? `${section.title}, ${column.label}` : section.title
        column.cards.forEach((card, index) => map.set(card.id, { card, slot, index, where }))
      }
    }
    return map
  }, [layout])

  const context = useMemo<CanvasContextValue>(
    () => ({ conn, me, canEdit, layout: layoutStore, writers, focusCardId }),
    [conn, me, canEdit, layoutStore, writers, focusCardId],
  )

  const describeTarget = (data: DropData | undefined): string => {
    if (!data) return 'nowhere'
    const column = layout.sections
      .find((s) => s.section.id === data.slot.sectionId)
      ?.columns.find((c) => c.partyId === data.slot.partyId)
    const section = layout.sections.find((s) => s.section.id === data.slot.sectionId)?.section
    const name = section?.perParty
      ? `${section.title}, ${column?.label ?? ''}`
      : (section?.title ?? '')
    return data.type === 'card' ? `${name}, position ${data.index + 1}` : `the end of ${name}`
  }

  const announcements: Announcements = {
    onDragStart: ({ active }) => {
      const from = placements.get(String(active.id))!
      return `Picked up ${preview(from.card)}, card ${from.index + 1} in ${from.where}.`
    },
    // Right after pick-up the card is over its own place: saying so would overwrite "Picked
    // up …" in the live region before a screen reader has read it.
    onDragOver: ({ active, over }) =>
      over?.id === active.id
        ? undefined
        : over
          ? `Over ${describeTarget(over.data.current as DropData)}.`
          : 'Not over a column.',
    onDragEnd: ({ over }) =>
      over ? `Dropped at ${describeTarget(over.data.current as DropData)}.` : 'Dropped back.',
    onDragCancel: () => 'Move cancelled; the card is back where it was.',
  }

  function onDragStart({ active }: DragStartEvent): void {
    setActiveId(String(active.id))
  }

  function onDragEnd({ active, over }: DragEndEvent): void {
    setActiveId(null)
    const from = placements.get(String(active.id))
    const target = over?.data.current as DropData | undefined
    if (!from || !target) return
    const sameSlot = slotKey(from.slot) === slotKey(target.slot)
    // Dropping on a card takes its place (the others shift); on a column, goes to its end.
    const index = target.type === 'card' ? target.index : sameSlot ? target.size - 1 : target.size
    if (sameSlot && index === from.index) return
    moveCard(conn.doc, from.card.id as CardId, { ...target.slot, index }, conn.localOrigin)
  }

  function onPointerMove(event: PointerEvent<HTMLElement>): void {
    if (event.pointerType === 'touch') return
    const now = performance.now()
    if (now - lastPointer.current < 50) return
    lastPointer.current = now
    const section = (event.target as HTMLElement).closest<HTMLElement>('[data-section-id]')
    if (!section) return
    const rect = section.getBoundingClientRect()
    conn.awareness.setLocalStateField(PresenceFields.pointer, {
      sectionId: section.dataset.sectionId,
      x: (event.clientX - rect.left) / rect.width,
      y: (event.clientY - rect.top) / rect.height,
    })
  }

  const active = activeId ? placements.get(activeId) : undefined
  return (
    <CanvasContext.Provider value={context}>
      <DndContext
        sensors={sensors}
        collisionDetection={dropTarget}
        onDragStart={onDragStart}
        onDragEnd={onDragEnd}
        onDragCancel={() => setActiveId(null)}
        autoScroll={GENTLE_AUTO_SCROLL}
        accessibility={{
          announcements,
          screenReaderInstructions: {
            draggable:
              'To move a card, press space or enter to pick it up, use the arrow keys to move it, then space or enter to drop it, or escape to cancel.',
          },
        }}
      >
        <main
          className="canvas"
          ref={canvasRef}
          onPointerMove={onPointerMove}
          onPointerLeave={() => conn.awareness.setLocalStateField(PresenceFields.pointer, null)}
          aria-label="Alliance canvas"
          tabIndex={-1}
        >
          {layout.sections.map((s) => (
            <SectionFrame key={s.section.id} layout={s} />
          ))}
          <RemotePointers awareness={conn.awareness} containerRef={canvasRef} />
        </main>
        <DragOverlay dropAnimation={reducedMotion ? null : undefined}>
          {active ? (
            <div className={`card card-overlay color-${active.card.color}`}>
              {preview(active.card).replace(/[“”]/g, '')}
            </div>
          ) : null}
        </DragOverlay>
      </DndContext>
    </CanvasContext.Provider>
  )
})
