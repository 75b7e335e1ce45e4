import { describe, expect, it } from 'vitest'
import { Awareness } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { addCard } from '../../../shared/src/ops/cards'
import { getCardsMap } from '../../../shared/src/schema/allianceDoc'
import type { SectionId } from '../../../shared/src/schema/ids'
import { seededDoc } from '../../../shared/src/testing'
import { awarenessForCard } from './cardAwareness'

const values = 'values' as SectionId

function twoCards() {
  const doc = seededDoc()
  const a = addCard(doc, { sectionId: values, partyId: null, text: ['First card'] })
  const b = addCard(doc, { sectionId: values, partyId: null, text: ['Second card'] })
  const body = (id: string) => getCardsMap(doc).get(id)!.get('body') as Y.XmlFragment
  const awareness = new Awareness(doc)
  /** A caret at the start of a card's text, as y-prosemirror writes it. */
  const caretIn = (fragment: Y.XmlFragment) => {
    const text = (fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText
    const at = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, 0))
    awareness.setLocalStateField('cursor', { anchor: at, head: at })
  }
  return { doc, awareness, bodyA: body(a), bodyB: body(b), caretIn, a }
}

describe('card awareness', () => {
  it('an editor leaving the page does not clear a caret that sits in another card', () => {
    const { awareness, bodyA, bodyB, caretIn } = twoCards()
    caretIn(bodyA)
    awarenessForCard(awareness, bodyB).setLocalStateField('cursor', null)
    expect(awareness.getLocalState()?.cursor).not.toBeNull()
  })

  it('the card holding the caret clears it', () => {
    const { awareness, bodyA, caretIn } = twoCards()
    caretIn(bodyA)
    awarenessForCard(awareness, bodyA).setLocalStateField('cursor', null)
    expect(awareness.getLocalState()?.cursor).toBeNull()
  })

  it('a caret in a deleted card is cleared by any card', () => {
    const { doc, awareness, bodyA, bodyB, caretIn, a } = twoCards()
    caretIn(bodyA)
    getCardsMap(doc).delete(a)
    awarenessForCard(awareness, bodyB).setLocalStateField('cursor', null)
    expect(awareness.getLocalState()?.cursor).toBeNull()
  })

  it('passes every other field and listener through to the real awareness', () => {
    const { awareness, bodyB } = twoCards()
    const view = awarenessForCard(awareness, bodyB)
    let changes = 0
    view.on('change', () => changes++)
    view.setLocalStateField('user', { name: 'Ana' })
    expect(awareness.getLocalState()?.user).toEqual({ name: 'Ana' })
    expect(changes).toBe(1)
    expect(view.getStates()).toBe(awareness.getStates())
  })
})
