import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import type { CardId, PartyId, SectionId } from '../schema/ids'
import { makePeers, syncAll, seededDoc } from '../testing'
import { bodyToNodes, nodesToText } from './cardBody'
import {
  addCard,
  cardsBySlot,
  deleteCard,
  getCard,
  listCards,
  moveCard,
  setCardColor,
  slotKey,
} from './cards'

const commitments = 'commitments' as SectionId
const values = 'values' as SectionId
const alex = 'alex' as PartyId
const sam = 'sam' as PartyId

const seeded = (): Y.Doc => seededDoc('T')

const texts = (doc: Y.Doc, sectionId: SectionId, partyId: PartyId | null = null): string[] =>
  listCards(doc, { sectionId, partyId }).map((c) => nodesToText(bodyToNodes(c.body)))

describe('card operations', () => {
  it('adds cards to the end of a slot, or at an index, with their text', () => {
    const doc = seeded()
    addCard(doc, { sectionId: values, partyId: null, text: ['Honesty'] })
    addCard(doc, { sectionId: values, partyId: null, text: ['Courage'] })
    addCard(doc, { sectionId: values, partyId: null, text: ['Curiosity'], index: 0 })
    expect(texts(doc, values)).toEqual(['Curiosity', 'Honesty', 'Courage'])
  })

  it('keeps per-party columns apart', () => {
    const doc = seeded()
    addCard(doc, { sectionId: commitments, partyId: alex, text: ['On time'] })
    addCard(doc, { sectionId: commitments, partyId: sam, text: ['Full attention'] })
    expect(texts(doc, commitments, alex)).toEqual(['On time'])
    expect(texts(doc, commitments, sam)).toEqual(['Full attention'])
    expect(cardsBySlot(doc).get(slotKey({ sectionId: commitments, partyId: sam }))).toHaveLength(1)
  })

  it('moves a card within its slot and to another section', () => {
    const doc = seeded()
    const a = addCard(doc, { sectionId: values, partyId: null, text: ['A'] })
    addCard(doc, { sectionId: values, partyId: null, text: ['B'] })
    addCard(doc, { sectionId: values, partyId: null, text: ['C'] })
    moveCard(doc, a, { sectionId: values, partyId: null, index: 2 })
    expect(texts(doc, values)).toEqual(['B', 'C', 'A'])
    moveCard(doc, a, { sectionId: commitments, partyId: sam, index: 0 })
    expect(texts(doc, values)).toEqual(['B', 'C'])
    expect(texts(doc, commitments, sam)).toEqual(['A'])
  })

  it('deletes and recolours cards, and reports missing ones', () => {
    const doc = seeded()
    const a = addCard(doc, { sectionId: values, partyId: null, color: 'pink' })
    expect(getCard(doc, a)!.color).toBe('pink')
    expect(setCardColor(doc, a, 'blue')).toBe(true)
    expect(getCard(doc, a)!.color).toBe('blue')
    expect(deleteCard(doc, a)).toBe(true)
    expect(getCard(doc, a)).toBeNull()
    expect(deleteCard(doc, a)).toBe(false)
    expect(moveCard(doc, 'missing' as CardId, { sectionId: values, partyId: null, index: 0 })).toBe(
      false,
    )
  })

  it('two parties moving the same card end in the same section', () => {
    const base = seeded()
    const card = addCard(base, { sectionId: values, partyId: null, text: ['Shared'] })
    const [a, b] = makePeers(2, base)
    moveCard(a!.doc, card, { sectionId: commitments, partyId: alex, index: 0 })
    moveCard(b!.doc, card, { sectionId: commitments, partyId: sam, index: 0 })
    syncAll([a!, b!])
    const placeA = getCard(a!.doc, card)!
    const placeB = getCard(b!.doc, card)!
    expect([placeA.sectionId, placeA.partyId, placeA.order]).toEqual([
      placeB.sectionId,
      placeB.partyId,
      placeB.order,
    ])
  })

  it('concurrent inserts at the same spot show the same order everywhere', () => {
    const base = seeded()
    addCard(base, { sectionId: values, partyId: null, text: ['first'] })
    const peers = makePeers(3, base)
    peers.forEach((p, i) =>
      addCard(p.doc, { sectionId: values, partyId: null, text: [`new ${i}`], index: 1 }),
    )
    syncAll(peers)
    const orders = peers.map((p) => texts(p.doc, values))
    expect(orders[1]).toEqual(orders[0])
    expect(orders[2]).toEqual(orders[0])
    expect(orders[0]![0]).toBe('first')
  })

  it('ignores malformed card entries written by a misbehaving client', () => {
    const doc = seeded()
    doc.getMap('cards').set('junk', 'not a map' as never)
    const bad = new Y.Map<unknown>()
    doc.getMap('cards').set('bad', bad as never)
    bad.set('id', 'bad')
    addCard(doc, { sectionId: values, partyId: null, text: ['ok'] })
    expect(texts(doc, values)).toEqual(['ok'])
  })
})
