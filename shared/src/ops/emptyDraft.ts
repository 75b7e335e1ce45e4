import type { CanonicalContent } from './content'

/**
 * True when the draft has no card at all: there is nothing to agree to. The server refuses to
 * record an agreement on such a draft (`422 EMPTY_DRAFT`); the client can say so before anyone
 * presses Agree. Cards with empty text still count: someone put them there.
 */
export function isEmptyDraft(content: CanonicalContent): boolean {
  return content.sections.every((section) =>
    section.columns.every((column) => column.cards.length === 0),
  )
}
