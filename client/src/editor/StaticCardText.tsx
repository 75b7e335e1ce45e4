import type { MouseEvent } from 'react'
import type * as Y from 'yjs'
import type { BodyNode } from '../../../shared/src/ops/cardBody'
import { renderNodes } from '../components/history/BodyView'
import { useBodyNodes } from '../state/bodyNodes'

/** Where a static card was asked to become an editor: a click point, or the keyboard. */
export interface Wake {
  at: { x: number; y: number } | null
}

const isEmpty = (nodes: BodyNode[]): boolean =>
  nodes.length === 0 ||
  (nodes.length === 1 && nodes[0]!.type === 'paragraph' && !('content' in nodes[0]!))

/**
 * A card's text as formatted, read-only HTML: what an off-screen card shows instead of a live
 * editor (which costs collaboration plugins and caret tracking per card). It has the editor's
 * markup, classes, role and label, so nothing moves and assistive technology meets the same
 * labelled text box; focus, a click or a key makes it the editor, with the caret where clicked.
 */
export function StaticCardText({
  body,
  label,
  canEdit,
  onWake,
}: {
  body: Y.XmlFragment
  label: string
  canEdit: boolean
  onWake(wake: Wake): void
}) {
  const nodes = useBodyNodes(body)
  function onMouseDown(event: MouseEvent): void {
    if (!canEdit || event.button !== 0) return
    // No native focus here: the editor that replaces this takes it, at the clicked spot.
    event.preventDefault()
    onWake({ at: { x: event.clientX, y: event.clientY } })
  }
  return (
    <div>
      <div
        className="card-text card-static"
        role="textbox"
        aria-multiline="true"
        aria-label={label}
        tabIndex={canEdit ? 0 : undefined}
        translate="no"
        onMouseDown={onMouseDown}
        onFocus={() => canEdit && onWake({ at: null })}
        // The live editor does not follow links on click either.
        onClick={(event) => event.preventDefault()}
      >
        {isEmpty(nodes) ? (
          <p className="is-empty is-editor-empty" data-placeholder={canEdit ? 'Write here…' : ''}>
            <br />
          </p>
        ) : (
          renderNodes(nodes)
        )}
      </div>
    </div>
  )
}
