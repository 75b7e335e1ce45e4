import type * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { seededDoc } from '../testing'
import { getMeta } from '../schema/allianceDoc'
import type { PartyId, SectionId } from '../schema/ids'
import type { PartyView } from '../schema/parties'
import { setBodyParagraphs } from './cardBody'
import { addCard, deleteCard, getCard, moveCard, setCardColor } from './cards'
import { canonicalContent, canonicalJson, contentHash, sha256Hex } from './content'
import { canvasLayout } from './layout'

const parties: PartyView[] = [
  { id: 'p1' as PartyId, name: 'Coach', color: '#2563eb' },
  { id: 'p2' as PartyId, name: 'Client', color: '#c2410c' },
]
const commitments = 'commitments' as SectionId
const values = 'values' as SectionId

const seeded = (): Y.Doc => seededDoc('Our alliance')

describe('canonical content and its hash', () => {
  it('hashes with SHA-256 as hex', async () => {
    expect(await sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    )
  })

  it('sorts object keys at every level', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[{"y":2,"z":1}]},"b":1}',
    )
  })

  it('gives the same hash for the same visible content whatever the edit history', async () => {
    const a = seeded()
    addCard(a, { sectionId: values, partyId: null, text: ['Honesty'] })
    addCard(a, { sectionId: commitments, partyId: parties[0]!.id, text: ['On time'] })

    const b = seeded()
    const typo = addCard(b, { sectionId: values, partyId: null, text: ['Honsty'] })
    const card = addCard(b, { sectionId: commitments, partyId: parties[1]!.id, text: ['On time'] })
    moveCard(b, card, { sectionId: commitments, partyId: parties[0]!.id, index: 0 })
    setBodyParagraphs(getCard(b, typo)!.body, ['Honesty'])
    const scratch = addCard(b, { sectionId: values, partyId: null, text: ['scratch'] })
    deleteCard(b, scratch)
    setCardColor(b, typo, 'green')

    expect(await contentHash(b, parties)).toBe(await contentHash(a, parties))
  })

  it('changes the hash for any visible change', async () => {
    const doc = seeded()
    const card = addCard(doc, { sectionId: values, partyId: null, text: ['Honesty'] })
    const hashes = new Set<string>([await contentHash(doc, parties)])
    const edits: Array<() => void> = [
      () => setBodyParagraphs(getCard(doc, card)!.body, ['Honesty!']),
      () => addCard(doc, { sectionId: values, partyId: null }),
      () => moveCard(doc, card, { sectionId: commitments, partyId: parties[1]!.id, index: 0 }),
      () => getMeta(doc).set('title', 'Renamed'),
    ]
    for (const edit of edits) {
      edit()
      hashes.add(await contentHash(doc, parties))
    }
    expect(hashes.size).toBe(edits.length + 1)
    const renamed = [parties[0]!, { ...parties[1]!, name: 'Sam' }]
    expect(hashes.has(await contentHash(doc, renamed))).toBe(false)
  })

  it('CH2: reordering cards within one column changes the hash, and ordering them back restores it', async () => {
    const doc = seeded()
    addCard(doc, { sectionId: values, partyId: null, text: ['First'] })
    const second = addCard(doc, { sectionId: values, partyId: null, text: ['Second'] })
    const before = await contentHash(doc, parties)
    moveCard(doc, second, { sectionId: values, partyId: null, index: 0 })
    const swapped = await contentHash(doc, parties)
    expect(swapped).not.toBe(before)
    moveCard(doc, second, { sectionId: values, partyId: null, index: 1 })
    expect(await contentHash(doc, parties)).toBe(before)
  })

  it('leaves facilitation state out of the content', async () => {
    const doc = seeded()
    const before = await contentHash(doc, parties)
    doc.getMap('facilitation').set('timer', { endsAt: 123 })
    expect(await contentHash(doc, parties)).toBe(before)
  })

  it('keeps cards of a party who left visible in their own column', () => {
    const doc = seeded()
    addCard(doc, { sectionId: commitments, partyId: 'gone' as PartyId, text: ['Old promise'] })
    const section = canvasLayout(doc, parties).sections.find((s) => s.section.id === commitments)!
    expect(section.columns.map((c) => c.label)).toEqual(['Coach', 'Client', 'Former party'])
    const content = canonicalContent(doc, parties)
    expect(content.sections[0]!.columns[2]!.cards).toHaveLength(1)
  })
})
