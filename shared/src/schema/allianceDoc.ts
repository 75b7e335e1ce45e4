import * as Y from 'yjs'
import type { CardId, PartyId, SectionId } from './ids'
import { CardKeys, DocKeys, MetaKeys, SCHEMA_VERSION, SectionKeys } from './keys'
import { TEMPLATES, type SectionKind, type SectionSpec, type TemplateId } from './templates'

/** A card as plain data, read from its Y.Map. `body` stays the live Y.XmlFragment. */
export interface CardRecord {
  id: CardId
  sectionId: SectionId
  partyId: PartyId | null
  order: string
  color: CardColor
  createdBy: string | null
  body: Y.XmlFragment
}

export interface SectionRecord {
  id: SectionId
  kind: SectionKind
  title: string
  perParty: boolean
  description: string
  prompts: string[]
}

export const CARD_COLORS = ['yellow', 'pink', 'blue', 'green', 'purple', 'orange', 'white'] as const
export type CardColor = (typeof CARD_COLORS)[number]

export function isCardColor(value: unknown): value is CardColor {
  return typeof value === 'string' && (CARD_COLORS as readonly string[]).includes(value)
}

export const getMeta = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(DocKeys.meta)
export const getSectionsArray = (doc: Y.Doc): Y.Array<Y.Map<unknown>> =>
  doc.getArray(DocKeys.sections)
export const getCardsMap = (doc: Y.Doc): Y.Map<Y.Map<unknown>> => doc.getMap(DocKeys.cards)

export interface SeedOptions {
  title: string
  template: TemplateId
  createdAt: string
}

/**
 * Writes a template into an empty alliance document. The server calls this exactly once, when
 * the alliance is created, and stores the result as the first update: a client never seeds, so
 * a reconnecting or restarted client can never append the template a second time.
 */
export function seedAlliance(doc: Y.Doc, { title, template, createdAt }: SeedOptions): void {
  doc.transact(() => {
    const meta = getMeta(doc)
    meta.set(MetaKeys.schemaVersion, SCHEMA_VERSION)
    meta.set(MetaKeys.title, title)
    meta.set(MetaKeys.template, template)
    meta.set(MetaKeys.createdAt, createdAt)
    getSectionsArray(doc).push(TEMPLATES[template].sections.map(sectionToYMap))
  })
}

function sectionToYMap(spec: SectionSpec): Y.Map<unknown> {
  const map = new Y.Map<unknown>()
  map.set(SectionKeys.id, spec.id)
  map.set(SectionKeys.kind, spec.kind)
  map.set(SectionKeys.title, spec.title)
  map.set(SectionKeys.perParty, spec.perParty)
  map.set(SectionKeys.description, spec.description)
  map.set(SectionKeys.prompts, [...spec.prompts])
  return map
}

export function readTitle(doc: Y.Doc): string {
  const title = getMeta(doc).get(MetaKeys.title)
  return typeof title === 'string' ? title : ''
}

/** Sections in canvas order. Malformed entries (a client can write anything) are skipped. */
export function readSections(doc: Y.Doc): SectionRecord[] {
  const sections: SectionRecord[] = []
  for (const map of getSectionsArray(doc)) {
    if (!(map instanceof Y.Map)) continue
    const id = map.get(SectionKeys.id)
    if (typeof id !== 'string') continue
    const prompts = map.get(SectionKeys.prompts)
    sections.push({
      id: id as SectionId,
      kind: asString(map.get(SectionKeys.kind), 'custom') as SectionKind,
      title: asString(map.get(SectionKeys.title), 'Untitled section'),
      perParty: map.get(SectionKeys.perParty) === true,
      description: asString(map.get(SectionKeys.description), ''),
      prompts: Array.isArray(prompts) ? prompts.filter((p) => typeof p === 'string') : [],
    })
  }
  return sections
}

/** One card read from its map, or null when the entry is not a well-formed card. */
export function readCard(map: unknown): CardRecord | null {
  if (!(map instanceof Y.Map)) return null
  const id = map.get(CardKeys.id)
  const sectionId = map.get(CardKeys.sectionId)
  const body = map.get(CardKeys.body)
  if (typeof id !== 'string' || typeof sectionId !== 'string') return null
  if (!(body instanceof Y.XmlFragment)) return null
  const partyId = map.get(CardKeys.partyId)
  const color = map.get(CardKeys.color)
  const createdBy = map.get(CardKeys.createdBy)
  return {
    id: id as CardId,
    sectionId: sectionId as SectionId,
    partyId: typeof partyId === 'string' ? (partyId as PartyId) : null,
    order: asString(map.get(CardKeys.order), ''),
    color: isCardColor(color) ? color : 'yellow',
    createdBy: typeof createdBy === 'string' ? createdBy : null,
    body,
  }
}

function asString(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback
}
