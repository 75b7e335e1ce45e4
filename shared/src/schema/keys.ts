/**
 * Names of the shared types and map keys inside an alliance's Y.Doc. Every reader and writer
 * goes through these constants; a string literal elsewhere is a bug waiting to happen.
 */
export const SCHEMA_VERSION = 1

export const DocKeys = {
  meta: 'meta',
  sections: 'sections',
  cards: 'cards',
  /** Facilitation state (timer, spotlight, votes): outside the agreed content and its hash. */
  facilitation: 'facilitation',
} as const

export const MetaKeys = {
  title: 'title',
  template: 'template',
  createdAt: 'createdAt',
  schemaVersion: 'schemaVersion',
  checkIn: 'checkIn',
} as const

export const SectionKeys = {
  id: 'id',
  kind: 'kind',
  title: 'title',
  perParty: 'perParty',
  prompts: 'prompts',
  description: 'description',
} as const

export const CardKeys = {
  id: 'id',
  sectionId: 'sectionId',
  partyId: 'partyId',
  order: 'order',
  color: 'color',
  createdBy: 'createdBy',
  body: 'body',
} as const
