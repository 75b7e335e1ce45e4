import * as Y from 'yjs'
import {
  getCardsMap,
  readCard,
  readSections,
  type CardColor,
  type CardRecord,
} from '../schema/allianceDoc'
import { newCardId, type CardId, type PartyId, type SectionId } from '../schema/ids'
import { CardKeys } from '../schema/keys'
import { bodyToNodes, setBodyParagraphs } from './cardBody'
import { compareOrder, orderAt } from './order'

/** Where a card sits: a section and, in per-party sections, a party's column. */
export interface Slot {
  sectionId: SectionId
  partyId: PartyId | null
}

export const slotKey = (slot: Slot): string => `${slot.sectionId}|${slot.partyId ?? ''}`

export interface NewCard extends Slot {
  /** Position in the slot; the end when omitted. */
  index?: number
  color?: CardColor
  createdBy?: string | null
  /** Plain paragraphs to start with (tests, imports); Tiptap writes rich text afterwards. */
  text?: string[]
  id?: CardId
}

/** The cards of one slot in display order. */
export function listCards(doc: Y.Doc, slot: Slot): CardRecord[] {
  return cardsBySlot(doc).get(slotKey(slot)) ?? []
}

/**
 * Every card, grouped by the slot it shows in, each list sorted. A card's party only counts in a
 * per-party section: in a shared section every card is in the one shared column, whatever a
 * client wrote into its partyId.
 */
export function cardsBySlot(doc: Y.Doc): Map<string, CardRecord[]> {
  const perParty = new Map(readSections(doc).map((s) => [s.id as string, s.perParty]))
  const bySlot = new Map<string, CardRecord[]>()
  for (const map of getCardsMap(doc).values()) {
    const card = readCard(map)
    if (!card) continue
    const key = slotKey({
      sectionId: card.sectionId,
      partyId: perParty.get(card.sectionId) ? card.partyId : null,
    })
    const list = bySlot.get(key)
    if (list) list.push(card)
    else bySlot.set(key, [card])
  }
  for (const list of bySlot.values()) list.sort(compareOrder)
  return bySlot
}

export function getCard(doc: Y.Doc, id: CardId): CardRecord | null {
  return readCard(getCardsMap(doc).get(id))
}

/**
 * Adds a card to a slot and returns its id.
 * @param origin transaction origin; the client passes its undo origin so the add can be undone.
 */
export function addCard(doc: Y.Doc, card: NewCard, origin: unknown = null): CardId {
  const id = card.id ?? newCardId()
  const siblings = listCards(doc, card).map((c) => c.order)
  const order = orderAt(siblings, card.index ?? siblings.length)
  doc.transact(() => {
    const map = new Y.Map<unknown>()
    map.set(CardKeys.id, id)
    map.set(CardKeys.sectionId, card.sectionId)
    map.set(CardKeys.partyId, card.partyId)
    map.set(CardKeys.order, order)
    map.set(CardKeys.color, card.color ?? 'yellow')
    map.set(CardKeys.createdBy, card.createdBy ?? null)
    const body = new Y.XmlFragment()
    map.set(CardKeys.body, body)
    getCardsMap(doc).set(id, map)
    // The body must be integrated (attached to the doc) before it can take children.
    if (card.text?.length) setBodyParagraphs(body, card.text)
  }, origin)
  return id
}

/**
 * Moves a card to `index` of a slot (its own or another). Section, party and order are written
 * together in one transaction, so concurrent moves resolve to one whole placement per replica.
 * Returns false when the card does not exist (for example, deleted by someone else).
 */
export function moveCard(
  doc: Y.Doc,
  id: CardId,
  to: Slot & { index: number },
  origin: unknown = null,
): boolean {
  const map = getCardsMap(doc).get(id)
  if (!readCard(map) || !map) return false
  const siblings = listCards(doc, to)
    .filter((c) => c.id !== id)
    .map((c) => c.order)
  const order = orderAt(siblings, to.index)
  doc.transact(() => {
    map.set(CardKeys.sectionId, to.sectionId)
    map.set(CardKeys.partyId, to.partyId)
    map.set(CardKeys.order, order)
  }, origin)
  return true
}

/**
 * Deletes a card. Passing the client's undo origin makes it undoable with the whole body,
 * including words others wrote in it that had reached this replica.
 */
export function deleteCard(doc: Y.Doc, id: CardId, origin: unknown = null): boolean {
  const cards = getCardsMap(doc)
  if (!cards.has(id)) return false
  doc.transact(() => cards.delete(id), origin)
  return true
}

export function setCardColor(
  doc: Y.Doc,
  id: CardId,
  color: CardColor,
  origin: unknown = null,
): boolean {
  const map = getCardsMap(doc).get(id)
  if (!readCard(map) || !map) return false
  doc.transact(() => map.set(CardKeys.color, color), origin)
  return true
}

/** Where a card was and how it looked: enough to put it back after it was deleted. */
export type CardPlacement = Omit<CardRecord, 'body'>

/**
 * Puts a deleted card back where it was, its body written by `fillBody` in the same transaction
 * (the client writes what its editor still held). If the card is back already (someone undid
 * the delete) and `fillBody` gives different words, those go in a new card right after it, so
 * nothing anyone wrote is overwritten. Returns the id of the card that holds the words.
 */
export function recreateCard(
  doc: Y.Doc,
  card: CardPlacement,
  fillBody: (body: Y.XmlFragment) => void,
  origin: unknown = null,
): CardId {
  const existing = getCard(doc, card.id)
  let id = card.id
  doc.transact(() => {
    if (existing) {
      const slot = { sectionId: existing.sectionId, partyId: existing.partyId }
      const index = listCards(doc, slot).findIndex((c) => c.id === existing.id) + 1
      id = addCard(doc, { ...slot, index, color: card.color, createdBy: card.createdBy })
      fillBody(getCard(doc, id)!.body)
      // The same words as the card that is back: nothing to keep twice.
      if (sameBody(existing.body, getCard(doc, id)!.body)) {
        getCardsMap(doc).delete(id)
        id = existing.id
      }
      return
    }
    const map = new Y.Map<unknown>()
    map.set(CardKeys.id, card.id)
    map.set(CardKeys.sectionId, card.sectionId)
    map.set(CardKeys.partyId, card.partyId)
    map.set(CardKeys.order, card.order)
    map.set(CardKeys.color, card.color)
    map.set(CardKeys.createdBy, card.createdBy)
    const body = new Y.XmlFragment()
    map.set(CardKeys.body, body)
    getCardsMap(doc).set(card.id, map)
    fillBody(body)
  }, origin)
  return id
}

const sameBody = (a: Y.XmlFragment, b: Y.XmlFragment): boolean =>
  JSON.stringify(bodyToNodes(a)) === JSON.stringify(bodyToNodes(b))
