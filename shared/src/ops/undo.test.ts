import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { seedAlliance } from '../schema/allianceDoc'
import type { SectionId } from '../schema/ids'
import { makePeers, syncAll } from '../testing'
import { addCard, getCard, listCards, moveCard } from './cards'
import { createCanvasUndoManager } from './undo'

const values = 'values' as SectionId
const conflict = 'conflict' as SectionId

describe('canvas undo', () => {
  it('undoes my own card changes and never another person’s', () => {
    const base = new Y.Doc()
    seedAlliance(base, { title: 'T', template: 'coach-client', createdAt: '2026-01-01T00:00:00Z' })
    const [me, other] = makePeers(2, base)
    const mine = Symbol('mine')
    const undo = createCanvasUndoManager(me!.doc, mine)

    const myCard = addCard(me!.doc, { sectionId: values, partyId: null, text: ['mine'] }, mine)
    syncAll([me!, other!])
    const theirCard = addCard(other!.doc, { sectionId: values, partyId: null, text: ['theirs'] })
    syncAll([me!, other!])
    expect(listCards(me!.doc, { sectionId: values, partyId: null })).toHaveLength(2)

    undo.undo()
    syncAll([me!, other!])
    expect(getCard(other!.doc, myCard)).toBeNull()
    expect(getCard(other!.doc, theirCard)).not.toBeNull()

    undo.redo()
    syncAll([me!, other!])
    expect(getCard(other!.doc, myCard)).not.toBeNull()
  })

  it('undoes a move back to where the card was', () => {
    const doc = new Y.Doc()
    seedAlliance(doc, { title: 'T', template: 'coach-client', createdAt: '2026-01-01T00:00:00Z' })
    const card = addCard(doc, { sectionId: values, partyId: null })
    const mine = Symbol('mine')
    const undo = createCanvasUndoManager(doc, mine)
    moveCard(doc, card, { sectionId: conflict, partyId: null, index: 0 }, mine)
    expect(getCard(doc, card)!.sectionId).toBe(conflict)
    undo.undo()
    expect(getCard(doc, card)!.sectionId).toBe(values)
  })
})
