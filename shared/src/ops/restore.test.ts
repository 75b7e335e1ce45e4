import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { getMeta, seedAlliance } from '../schema/allianceDoc'
import type { CardId, PartyId, SectionId } from '../schema/ids'
import { makePeers, syncAll } from '../testing'
import { setBodyParagraphs } from './cardBody'
import { addCard, deleteCard, getCard, moveCard } from './cards'
import { canonicalContent, canonicalJson, contentHash } from './content'
import { restoreContent } from './restore'

const parties = [
  { id: 'p1' as PartyId, name: 'Ana', color: '#000000' },
  { id: 'p2' as PartyId, name: 'Ben', color: '#111111' },
]
const values = 'values' as SectionId
const commitments = 'commitments' as SectionId

describe('restore a version as a forward edit', () => {
  it('brings back exactly the version’s content, so the draft hash equals the version hash', async () => {
    const doc = new Y.Doc()
    seedAlliance(doc, {
      title: 'v1 title',
      template: 'coach-client',
      createdAt: '2026-01-01T00:00:00Z',
    })
    const kept = addCard(doc, { sectionId: values, partyId: null, text: ['Honesty'] })
    const deleted = addCard(doc, {
      sectionId: commitments,
      partyId: parties[0]!.id,
      text: ['On time'],
    })
    const prepared = addCard(doc, {
      sectionId: commitments,
      partyId: parties[1]!.id,
      text: ['Prepared'],
    })
    const v1 = canonicalContent(doc, parties)
    const v1Hash = await contentHash(doc, parties)

    getMeta(doc).set('title', 'later title')
    setBodyParagraphs(getCard(doc, kept)!.body, ['Honesty, mostly'])
    deleteCard(doc, deleted)
    moveCard(doc, kept, { sectionId: commitments, partyId: parties[1]!.id, index: 0 })
    addCard(doc, { sectionId: values, partyId: null, text: ['New since v1'] })
    expect(await contentHash(doc, parties)).not.toBe(v1Hash)

    let updates = 0
    doc.on('update', () => updates++)
    // As stored: canonical JSON, keys sorted. A card that already reads the same is not rewritten.
    const paragraphOf = (id: CardId) => (getCard(doc, id)!.body.get(0) as Y.XmlElement)._item!.id
    const preparedParagraph = paragraphOf(prepared)
    restoreContent(doc, JSON.parse(canonicalJson(v1)) as typeof v1)
    expect(updates).toBe(1)
    expect(paragraphOf(prepared)).toEqual(preparedParagraph)
    expect(await contentHash(doc, parties)).toBe(v1Hash)
    expect(canonicalContent(doc, parties)).toEqual(v1)
  })

  it('is an ordinary edit that other replicas receive and converge on', async () => {
    const base = new Y.Doc()
    seedAlliance(base, { title: 'T', template: 'peers', createdAt: '2026-01-01T00:00:00Z' })
    addCard(base, { sectionId: values, partyId: null, text: ['One'] })
    const v1 = canonicalContent(base, parties)
    const [a, b] = makePeers(2, base)
    addCard(b!.doc, { sectionId: values, partyId: null, text: ['Two'] })
    syncAll([a!, b!])
    restoreContent(a!.doc, v1)
    syncAll([a!, b!])
    expect(await contentHash(b!.doc, parties)).toBe(await contentHash(a!.doc, parties))
    expect(canonicalContent(b!.doc, parties)).toEqual(v1)
  })
})
