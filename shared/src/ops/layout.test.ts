import { describe, expect, it } from 'vitest'
import type { CardId, PartyId, SectionId } from '../schema/ids'
import type { PartyView } from '../schema/parties'
import { seededDoc } from '../testing'
import { addCard, moveCard, setCardColor } from './cards'
import { setBodyParagraphs } from './cardBody'
import { getCardsMap } from '../schema/allianceDoc'
import { canvasLayout, reuseUnchanged } from './layout'

const values = 'values' as SectionId
const commitments = 'commitments' as SectionId
const alex = 'alex' as PartyId
const parties: PartyView[] = [{ id: alex, name: 'Alex', color: '#2563eb' }]

const cardsOf = (layout: ReturnType<typeof canvasLayout>, sectionId: SectionId) =>
  layout.sections.find((s) => s.section.id === sectionId)!.columns[0]!.cards

describe('layout identity across changes', () => {
  it('returns the previous layout itself when nothing on the canvas changed', () => {
    const doc = seededDoc()
    addCard(doc, { sectionId: values, partyId: null, text: ['Honesty'] })
    const first = canvasLayout(doc, parties)
    expect(reuseUnchanged(first, canvasLayout(doc, parties))).toBe(first)
  })

  it('keeps every untouched card, column and section when one card is recoloured', () => {
    const doc = seededDoc()
    const a = addCard(doc, { sectionId: values, partyId: null, text: ['Honesty'] })
    addCard(doc, { sectionId: values, partyId: null, text: ['Courage'] })
    addCard(doc, { sectionId: commitments, partyId: alex, text: ['On time'] })
    const before = canvasLayout(doc, parties)
    setCardColor(doc, a, 'pink')
    const after = reuseUnchanged(before, canvasLayout(doc, parties))

    expect(after).not.toBe(before)
    const [changed, untouched] = cardsOf(after, values)
    expect(changed!.color).toBe('pink')
    expect(changed).not.toBe(cardsOf(before, values)[0])
    expect(untouched).toBe(cardsOf(before, values)[1])
    const section = (l: typeof before, id: SectionId) => l.sections.find((s) => s.section.id === id)
    expect(section(after, commitments)).toBe(section(before, commitments))
  })

  it('typing inside a card keeps the card record (its body is the same shared text)', () => {
    const doc = seededDoc()
    const a = addCard(doc, { sectionId: values, partyId: null, text: ['Hon'] })
    const before = canvasLayout(doc, parties)
    setBodyParagraphs(getCardsMap(doc).get(a)!.get('body') as never, ['Honesty'])
    expect(reuseUnchanged(before, canvasLayout(doc, parties))).toBe(before)
  })

  it('a moved card gives new columns on both sides and keeps the cards that stayed', () => {
    const doc = seededDoc()
    const a = addCard(doc, { sectionId: values, partyId: null, text: ['Honesty'] })
    const b = addCard(doc, { sectionId: values, partyId: null, text: ['Courage'] })
    const before = canvasLayout(doc, parties)
    moveCard(doc, b as CardId, { sectionId: commitments, partyId: alex, index: 0 })
    const after = reuseUnchanged(before, canvasLayout(doc, parties))
    expect(cardsOf(after, values).map((c) => c.id)).toEqual([a])
    expect(cardsOf(after, values)[0]).toBe(cardsOf(before, values)[0])
    expect(cardsOf(after, commitments).map((c) => c.id)).toEqual([b])
  })
})
