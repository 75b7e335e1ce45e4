import { describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { setBodyParagraphs } from '../../../shared/src/ops/cardBody'
import { addCard } from '../../../shared/src/ops/cards'
import { canonicalContent, hashInput } from '../../../shared/src/ops/content'
import { getCardsMap } from '../../../shared/src/schema/allianceDoc'
import type { SectionId } from '../../../shared/src/schema/ids'
import { seededDoc } from '../../../shared/src/testing'
import { bodyNodes } from './bodyNodes'

const values = 'values' as SectionId

describe('cached card bodies', () => {
  it('reads a body once until it changes, then reads the change', () => {
    const doc = seededDoc()
    const id = addCard(doc, { sectionId: values, partyId: null, text: ['Honesty'] })
    const body = getCardsMap(doc).get(id)!.get('body') as Y.XmlFragment
    const first = bodyNodes(body)
    expect(bodyNodes(body)).toBe(first)
    setBodyParagraphs(body, ['Honesty first'])
    expect(bodyNodes(body)).not.toBe(first)
    expect(bodyNodes(body)).toEqual([
      { type: 'paragraph', content: [{ type: 'text', text: 'Honesty first' }] },
    ])
  })

  it('the draft read through the cache hashes exactly as a fresh reading, after edits', () => {
    const doc = seededDoc()
    const ids = ['One', 'Two', 'Three'].map((t) =>
      addCard(doc, { sectionId: values, partyId: null, text: [t] }),
    )
    const body = (id: string) => getCardsMap(doc).get(id)!.get('body') as Y.XmlFragment
    const same = () =>
      expect(hashInput(canonicalContent(doc, [], bodyNodes))).toBe(
        hashInput(canonicalContent(doc, [])),
      )
    same()
    setBodyParagraphs(body(ids[1]!), ['Two, rewritten', 'and a second line'])
    same()
    doc.transact(() => getCardsMap(doc).delete(ids[0]!))
    same()
  })
})
