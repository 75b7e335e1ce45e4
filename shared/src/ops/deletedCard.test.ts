import { describe, expect, it } from 'vitest'
import type { SectionId } from '../schema/ids'
import { makePeers, seededDoc, syncAll } from '../testing'
import { bodyToNodes, nodesToText, setBodyParagraphs } from './cardBody'
import { addCard, deleteCard, getCard, listCards, recreateCard } from './cards'
import { createCanvasUndoManager } from './undo'

const values = 'values' as SectionId
const textOf = (doc: Parameters<typeof getCard>[0], id: Parameters<typeof getCard>[1]) =>
  nodesToText(bodyToNodes(getCard(doc, id)!.body))

describe('a card deleted while someone writes in it', () => {
  it('comes back whole, with the words another party wrote in it, when the deleter undoes', () => {
    const [maya, jordan] = makePeers(2, seededDoc())
    const mine = Symbol('maya')
    const undo = createCanvasUndoManager(maya!.doc, mine)
    const card = addCard(jordan!.doc, { sectionId: values, partyId: null, text: ['Jordan wrote'] })
    addCard(jordan!.doc, { sectionId: values, partyId: null, text: ['after'] })
    syncAll([maya!, jordan!])
    deleteCard(maya!.doc, card, mine)
    syncAll([maya!, jordan!])
    expect(getCard(jordan!.doc, card)).toBeNull()

    undo.undo()
    syncAll([maya!, jordan!])
    expect(textOf(jordan!.doc, card)).toBe('Jordan wrote')
    expect(listCards(jordan!.doc, { sectionId: values, partyId: null })[0]!.id).toBe(card)
  })

  it('is put back in its place with what the writer still held, which undo can take back', () => {
    const [maya, jordan] = makePeers(2, seededDoc())
    addCard(jordan!.doc, { sectionId: values, partyId: null, text: ['first'] })
    const card = addCard(jordan!.doc, { sectionId: values, partyId: null, text: ['Jordan'] })
    addCard(jordan!.doc, { sectionId: values, partyId: null, text: ['last'] })
    syncAll([maya!, jordan!])
    const placement = getCard(jordan!.doc, card)!
    deleteCard(maya!.doc, card)
    syncAll([maya!, jordan!])

    const mine = Symbol('jordan')
    const undo = createCanvasUndoManager(jordan!.doc, mine)
    const back = recreateCard(
      jordan!.doc,
      placement,
      (body) => setBodyParagraphs(body, ['Jordan kept writing']),
      mine,
    )
    syncAll([maya!, jordan!])
    expect(back).toBe(card)
    expect(
      listCards(maya!.doc, { sectionId: values, partyId: null }).map((c) =>
        nodesToText(bodyToNodes(c.body)),
      ),
    ).toEqual(['first', 'Jordan kept writing', 'last'])
    undo.undo()
    expect(getCard(jordan!.doc, card)).toBeNull()
  })

  it('keeps different words in a new card next to one already brought back, and adds nothing for the same words', () => {
    const doc = seededDoc()
    const card = addCard(doc, { sectionId: values, partyId: null, text: ['synced part'] })
    const placement = getCard(doc, card)!
    const same = recreateCard(doc, placement, (body) => setBodyParagraphs(body, ['synced part']))
    expect(same).toBe(card)
    expect(listCards(doc, { sectionId: values, partyId: null })).toHaveLength(1)
    const more = recreateCard(doc, placement, (body) =>
      setBodyParagraphs(body, ['synced part and more']),
    )
    expect(more).not.toBe(card)
    expect(
      listCards(doc, { sectionId: values, partyId: null }).map((c) =>
        nodesToText(bodyToNodes(c.body)),
      ),
    ).toEqual(['synced part', 'synced part and more'])
  })
})
