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
