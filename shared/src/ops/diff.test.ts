import type * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { seededDoc } from '../testing'
import { getMeta } from '../schema/allianceDoc'
import type { PartyId, SectionId } from '../schema/ids'
import type { PartyView } from '../schema/parties'
import { setBodyNodes, setBodyParagraphs } from './cardBody'
import { addCard, deleteCard, getCard, moveCard } from './cards'
import { canonicalContent, canonicalJson } from './content'
import { describeSummary, diffContent, type CardChange } from './diff'

const parties: PartyView[] = [
  { id: 'p1' as PartyId, name: 'Ana', color: '#000000' },
  { id: 'p2' as PartyId, name: 'Ben', color: '#111111' },
]
const values = 'values' as SectionId
const conflict = 'conflict' as SectionId
const commitments = 'commitments' as SectionId

const seeded = (): Y.Doc => seededDoc('Us')
const snapshot = (doc: Y.Doc) => canonicalContent(doc, parties)
const kinds = (changes: CardChange[]) => changes.map((c) => c.kind)

describe('diff between two drafts or versions', () => {
  it('finds nothing between equal content, stored (canonical JSON) or live', () => {
    const doc = seeded()
    addCard(doc, { sectionId: values, partyId: null, text: ['Honesty'] })
    // A stored version went through canonical JSON: same content, keys in another order.
    const stored = JSON.parse(canonicalJson(snapshot(doc))) as ReturnType<typeof snapshot>
    const diff = diffContent(stored, snapshot(doc))
    expect(diff.hasChanges).toBe(false)
    expect(describeSummary(diff)).toBe('no changes')
    expect(diff.sections.every((s) => s.status === 'same')).toBe(true)
  })

  it('reports added, removed and edited cards per section, with word changes', () => {
    const doc = seeded()
    const edited = addCard(doc, {
      sectionId: values,
      partyId: null,
      text: ['We tell the truth kindly'],
    })
    const removed = addCard(doc, { sectionId: values, partyId: null, text: ['Punctuality'] })
    const before = snapshot(doc)
    setBodyParagraphs(getCard(doc, edited)!.body, ['We tell the truth gently'])
    deleteCard(doc, removed)
    addCard(doc, { sectionId: conflict, partyId: null, text: ['Pause, then talk'] })
    const diff = diffContent(before, snapshot(doc))
    expect(diff.summary).toEqual({ added: 1, removed: 1, changed: 1, moved: 0 })
    expect(describeSummary(diff)).toBe('1 card edited, 1 added, 1 removed')
    const valuesDiff = diff.sections.find((s) => s.sectionId === values)!
    expect(valuesDiff.status).toBe('changed')
    expect(kinds(valuesDiff.changes)).toEqual(['changed', 'removed'])
    const change = valuesDiff.changes[0]!
    expect(change.kind === 'changed' && change.words).toEqual([
      { text: 'We tell the truth ', change: 'same' },
      { text: 'kindly', change: 'removed' },
      { text: 'gently', change: 'added' },
    ])
    expect(kinds(diff.sections.find((s) => s.sectionId === conflict)!.changes)).toEqual(['added'])
  })

  it('reports a card moved to another party’s column, and a reorder, as moves', () => {
    const doc = seeded()
    const a = addCard(doc, { sectionId: commitments, partyId: parties[0]!.id, text: ['A'] })
    addCard(doc, { sectionId: values, partyId: null, text: ['x'] })
    addCard(doc, { sectionId: values, partyId: null, text: ['y'] })
    const z = addCard(doc, { sectionId: values, partyId: null, text: ['z'] })
    const before = snapshot(doc)
    moveCard(doc, a, { sectionId: commitments, partyId: parties[1]!.id, index: 0 })
    moveCard(doc, z, { sectionId: values, partyId: null, index: 0 })
    const diff = diffContent(before, snapshot(doc))
    expect(diff.summary).toEqual({ added: 0, removed: 0, changed: 0, moved: 2 })
    const move = diff.sections.find((s) => s.sectionId === commitments)!.changes[0]!
    expect(move).toMatchObject({ kind: 'moved', from: { party: 'Ana' }, where: { party: 'Ben' } })
    expect(diff.sections.find((s) => s.sectionId === values)!.changes).toHaveLength(1)
  })

  it('matches a card deleted and written again as unchanged', () => {
    const doc = seeded()
    const card = addCard(doc, { sectionId: values, partyId: null, text: ['Courage'] })
    const before = snapshot(doc)
    deleteCard(doc, card)
    addCard(doc, { sectionId: values, partyId: null, text: ['Courage'] })
    expect(diffContent(before, snapshot(doc)).hasChanges).toBe(false)
  })

  it('notices formatting-only edits, title changes and party changes', () => {
    const doc = seeded()
    const card = addCard(doc, { sectionId: values, partyId: null, text: ['Bold move'] })
    const before = snapshot(doc)
    setBodyNodes(getCard(doc, card)!.body, [
      {
        type: 'paragraph',
        content: [{ type: 'text', text: 'Bold move', marks: [{ type: 'bold' }] }],
      },
    ])
    getMeta(doc).set('title', 'Us, again')
    const after = canonicalContent(doc, [parties[0]!, { ...parties[1]!, name: 'Benjamin' }])
    const diff = diffContent(before, after)
    const change = diff.sections.find((s) => s.sectionId === values)!.changes[0]!
    expect(change).toMatchObject({ kind: 'changed', formattingOnly: true })
    expect(diff.titleChange).toEqual({ from: 'Us', to: 'Us, again' })
    expect(diff.partyChanges).toEqual(['Ben is now called Benjamin'])
    expect(describeSummary(diff)).toBe('1 card edited, title changed, Ben is now called Benjamin')
  })
})
