import type * as Y from 'yjs'
import type { CardId, PartyId, SectionId } from '../schema/ids'
import type { PartyView } from '../schema/parties'
import type { SectionKind } from '../schema/templates'
import { bodyToNodes, type BodyNode } from './cardBody'
import { canvasLayout } from './layout'

/**
 * The agreed content of a canvas in canonical form: title, sections in order, columns with their
 * party, cards in order with their formatted text. Card ids, colours, prompts and facilitation
 * state are not part of it: the same visible words give the same content, whatever the history.
 */
export interface CanonicalContent {
  v: 1
  title: string
  sections: CanonicalSection[]
}

export interface CanonicalSection {
  id: SectionId
  kind: SectionKind
  title: string
  perParty: boolean
  columns: Array<{ partyId: PartyId | null; party: string | null; cards: CanonicalCard[] }>
}

export interface CanonicalCard {
  /** Kept for diffs and restores; left out of the hash, which covers only what people see. */
  id: CardId
  body: BodyNode[]
}

/**
 * @param readBody how to read a card body; the browser passes a cached reading, so re-reading the
 *   draft after typing re-reads only the cards that changed.
 */
export function canonicalContent(
  doc: Y.Doc,
  parties: readonly PartyView[],
  readBody: (body: Y.XmlFragment) => BodyNode[] = bodyToNodes,
): CanonicalContent {
  const layout = canvasLayout(doc, parties)
  return {
    v: 1,
    title: layout.title,
    sections: layout.sections.map(({ section, columns }) => ({
      id: section.id,
      kind: section.kind,
      title: section.title,
      perParty: section.perParty,
      columns: columns.map((column) => ({
        partyId: column.partyId,
        party: column.party?.name ?? null,
        cards: column.cards.map((card) => ({ id: card.id, body: readBody(card.body) })),
      })),
    })),
  }
}

/** JSON with object keys sorted at every level: one spelling for one value. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const sorted: Record<string, unknown> = {}
      for (const key of Object.keys(v).sort()) sorted[key] = (v as Record<string, unknown>)[key]
      return sorted
    }
    return v
  })
}

/** Lower-case hex SHA-256 of a string's UTF-8 bytes, with Web Crypto (browser and Node alike). */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

/** The content hash of the draft: what an agreement is tied to. */
export async function contentHash(doc: Y.Doc, parties: readonly PartyView[]): Promise<string> {
  return hashContent(canonicalContent(doc, parties))
}

export function hashContent(content: CanonicalContent): Promise<string> {
  return sha256Hex(hashInput(content))
}

/**
 * The exact string the content hash is taken of: canonical JSON of the content without card
 * ids. Exposed so the server can hash it synchronously with Node's crypto and get the same value.
 */
export function hashInput(content: CanonicalContent): string {
  return canonicalJson({
    ...content,
    sections: content.sections.map((section) => ({
      ...section,
      columns: section.columns.map((column) => ({
        ...column,
        cards: column.cards.map((card) => ({ body: card.body })),
      })),
    })),
  })
}
