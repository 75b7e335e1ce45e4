import { describe, expect, it } from 'vitest'
import type { PartyId, SectionId } from '../schema/ids'
import type { PartyView } from '../schema/parties'
import { seededDoc } from '../testing'
import { addCard, deleteCard } from './cards'
import { canonicalContent } from './content'
import { isEmptyDraft } from './emptyDraft'

const parties: PartyView[] = [{ id: 'p1' as PartyId, name: 'Coach', color: '#2563eb' }]

describe('isEmptyDraft', () => {
  it('AG14: a canvas with only its template sections is empty', () => {
    expect(isEmptyDraft(canonicalContent(seededDoc('Blank'), parties))).toBe(true)
  })

  it('AG14: one card anywhere, even with no text, makes the draft not empty', () => {
    const doc = seededDoc('One card')
    const card = addCard(doc, { sectionId: 'commitments' as SectionId, partyId: parties[0]!.id })
    expect(isEmptyDraft(canonicalContent(doc, parties))).toBe(false)
    deleteCard(doc, card)
    expect(isEmptyDraft(canonicalContent(doc, parties))).toBe(true)
  })
})
