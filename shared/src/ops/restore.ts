import { generateNKeysBetween } from 'fractional-indexing'
import * as Y from 'yjs'
import { getCardsMap, getMeta, getSectionsArray, readCard, readTitle } from '../schema/allianceDoc'
import { CardKeys, MetaKeys, SectionKeys } from '../schema/keys'
import { bodyToNodes, setBodyNodes } from './cardBody'
import { canonicalJson, type CanonicalContent } from './content'

/**
 * Makes the live draft show `content` again ("start again from v2"), as one forward edit: cards
 * are moved, rewritten, re-created or deleted, never swapped for stored bytes. Cards that already
 * read the same keep their history. Afterwards the draft's content hash equals the version's,
 * and it needs everyone's agreement again like any other draft.
 */
export function restoreContent(
  doc: Y.Doc,
  content: CanonicalContent,
  origin: unknown = null,
): void {
  doc.transact(() => {
    if (readTitle(doc) !== content.title) getMeta(doc).set(MetaKeys.title, content.title)
    const sections = new Map<string, Y.Map<unknown>>()
    for (const map of getSectionsArray(doc)) {
      if (map instanceof Y.Map && typeof map.get(SectionKeys.id) === 'string')
        sections.set(map.get(SectionKeys.id) as string, map)
    }
    for (const section of content.sections) {
      const map = sections.get(section.id)
      if (map && map.get(SectionKeys.title) !== section.title)
        map.set(SectionKeys.title, section.title)
    }

    const cards = getCardsMap(doc)
    const wanted = new Set(
      content.sections.flatMap((s) =>
        s.columns.flatMap((c) => c.cards.map((card) => card.id as string)),
      ),
    )
    for (const id of [...cards.keys()]) if (!wanted.has(id)) cards.delete(id)

    for (const section of content.sections) {
      for (const column of section.columns) {
        const orders = generateNKeysBetween(null, null, column.cards.length)
        column.cards.forEach((card, i) => {
          let map = cards.get(card.id)
          let existing = readCard(map)
          if (!map || !existing) {
            const fresh = new Y.Map<unknown>()
            fresh.set(CardKeys.id, card.id)
            fresh.set(CardKeys.color, 'yellow')
            fresh.set(CardKeys.createdBy, null)
            fresh.set(CardKeys.body, new Y.XmlFragment())
            cards.set(card.id, fresh)
            map = fresh
            existing = null
          }
          map.set(CardKeys.sectionId, section.id)
          map.set(CardKeys.partyId, column.partyId)
          map.set(CardKeys.order, orders[i]!)
          const body = map.get(CardKeys.body) as Y.XmlFragment
          // Canonical on both sides: a stored version's keys are sorted, a live body's are not.
          if (!existing || canonicalJson(bodyToNodes(body)) !== canonicalJson(card.body)) {
            setBodyNodes(body, card.body)
          }
        })
      }
    }
  }, origin)
}
