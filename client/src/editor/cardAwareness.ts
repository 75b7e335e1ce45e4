import type { Awareness } from 'y-protocols/awareness'
import * as Y from 'yjs'

/** The awareness field y-prosemirror keeps the caret in (relative positions, as JSON). */
const CURSOR = 'cursor'

/** Where a caret's relative position lies now: in `body`, elsewhere, or nowhere (deleted). */
function placeOf(body: Y.XmlFragment, json: unknown): 'here' | 'elsewhere' | 'nowhere' {
  if (!json || !body.doc) return 'nowhere'
  const at = Y.createAbsolutePositionFromRelativePosition(
    Y.createRelativePositionFromJSON(json),
    body.doc,
  )
  if (!at) return 'nowhere'
  for (let type: Y.AbstractType<unknown> | null = at.type; type;) {
    if (type === body) return 'here'
    type = (type._item?.parent as Y.AbstractType<unknown> | undefined) ?? null
  }
  return 'elsewhere'
}

/**
 * The awareness one card's caret plugin sees. y-prosemirror clears the person's caret whenever an
 * editor is destroyed, whichever card the caret is in; now that editors come and go as cards
 * scroll past, that would hide the caret of someone typing in another card from everyone else
 * until their next keystroke. Here only the card holding the caret (or a caret whose place no
 * longer exists) may clear it. Everything else goes to the real awareness.
 */
export function awarenessForCard(awareness: Awareness, body: Y.XmlFragment): Awareness {
  const view = Object.create(awareness) as Awareness
  view.setLocalStateField = (field: string, value: unknown): void => {
    if (field === CURSOR && value === null) {
      const cursor = awareness.getLocalState()?.[CURSOR] as { anchor?: unknown } | null | undefined
      if (cursor && placeOf(body, cursor.anchor) === 'elsewhere') return
    }
    awareness.setLocalStateField(field, value)
  }
  return view
}
