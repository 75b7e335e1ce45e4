import type * as Y from 'yjs'
import { readSections, readTitle, type CardRecord, type SectionRecord } from '../schema/allianceDoc'
import type { PartyId } from '../schema/ids'
import type { PartyView } from '../schema/parties'
import { cardsBySlot, slotKey } from './cards'

export interface ColumnLayout {
  partyId: PartyId | null
  /** The current party of this column; null for a shared section or a party no longer here. */
  party: PartyView | null
  label: string
  cards: CardRecord[]
}

export interface SectionLayout {
  section: SectionRecord
  columns: ColumnLayout[]
}

export interface CanvasLayout {
  title: string
  sections: SectionLayout[]
}

/**
 * What the canvas shows: sections in order, their columns (one per current party in per-party
 * sections) and the cards in each. The UI renders exactly this and the content hash hashes
 * exactly this, so "what you see" and "what you agree to" cannot drift apart.
 */
export function canvasLayout(doc: Y.Doc, parties: readonly PartyView[]): CanvasLayout {
  const bySlot = cardsBySlot(doc)
  const sections = readSections(doc).map((section): SectionLayout => {
    if (!section.perParty) {
      const cards = bySlot.get(slotKey({ sectionId: section.id, partyId: null })) ?? []
      return { section, columns: [{ partyId: null, party: null, label: section.title, cards }] }
    }
    const columns: ColumnLayout[] = parties.map((party) => ({
      partyId: party.id,
      party,
      label: party.name,
      cards: bySlot.get(slotKey({ sectionId: section.id, partyId: party.id })) ?? [],
    }))
    // Cards of a party who has left (or never had a party) stay visible in their own column.
    const known = new Set<string>(parties.map((p) => p.id))
    const prefix = `${section.id}|`
    const strays = [...bySlot.keys()]
      .filter((key) => key.startsWith(prefix) && !known.has(key.slice(prefix.length)))
      .sort()
    for (const key of strays) {
      const partyId = key.slice(prefix.length)
      columns.push({
        partyId: partyId === '' ? null : (partyId as PartyId),
        party: null,
        label: partyId === '' ? 'Unassigned' : 'Former party',
        cards: bySlot.get(key) ?? [],
      })
    }
    return { section, columns }
  })
  return { title: readTitle(doc), sections }
}

const sameCard = (a: CardRecord, b: CardRecord): boolean =>
  a.id === b.id &&
  a.sectionId === b.sectionId &&
  a.partyId === b.partyId &&
  a.order === b.order &&
  a.color === b.color &&
  a.createdBy === b.createdBy &&
  a.body === b.body

const sameItems = <T>(a: readonly T[], b: readonly T[]): boolean =>
  a.length === b.length && a.every((item, i) => item === b[i])

const sameParty = (a: PartyView | null, b: PartyView | null): boolean =>
  a === b || (a !== null && b !== null && JSON.stringify(a) === JSON.stringify(b))

/**
 * `next`, with every card, column and section that did not change replaced by the very object
 * `prev` held. A canvas of hundreds of cards re-lays out on every structural change; keeping
 * the identity of what stayed the same lets the UI skip re-rendering it (React.memo).
 */
export function reuseUnchanged(prev: CanvasLayout | null, next: CanvasLayout): CanvasLayout {
  if (!prev) return next
  const oldCards = new Map<string, CardRecord>()
  const oldSections = new Map<string, SectionLayout>()
  for (const s of prev.sections) {
    oldSections.set(s.section.id, s)
    for (const c of s.columns) for (const card of c.cards) oldCards.set(card.id, card)
  }
  const sections = next.sections.map((s) => {
    const old = oldSections.get(s.section.id)
    const section =
      old && JSON.stringify(old.section) === JSON.stringify(s.section) ? old.section : s.section
    const columns = s.columns.map((column) => {
      const cards = column.cards.map((card) => {
        const before = oldCards.get(card.id)
        return before && sameCard(before, card) ? before : card
      })
      const was = old?.columns.find((c) => c.partyId === column.partyId)
      return was &&
        was.label === column.label &&
        sameParty(was.party, column.party) &&
        sameItems(was.cards, cards)
        ? was
        : { ...column, cards }
    })
    return old && old.section === section && sameItems(old.columns, columns)
      ? old
      : { section, columns }
  })
  return prev.title === next.title && sameItems(prev.sections, sections)
    ? prev
    : { title: next.title, sections }
}
