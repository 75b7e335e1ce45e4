import Collaboration from '@tiptap/extension-collaboration'
import CollaborationCaret from '@tiptap/extension-collaboration-caret'
import { Placeholder } from '@tiptap/extensions'
import { EditorContent, useEditor } from '@tiptap/react'
import StarterKit from '@tiptap/starter-kit'
import { useEffect, useRef, useState } from 'react'
import type { CardRecord } from '../../../shared/src/schema/allianceDoc'
import { useCanvasContext } from '../components/CanvasContext'
import { noteStoppedWriting, noteWriting } from '../state/useDeletedWhileWriting'
import { PresenceFields } from '../state/usePresence'
import { FormatToolbar } from './FormatToolbar'

/**
 * A remote caret: a thin bar in the person's colour with their name above it. The name is drawn
 * by CSS (attr), so it is not part of the card's text for copy, search or screen readers.
 */
function renderCaret(user: { name: string; color: string }): HTMLElement {
  const caret = document.createElement('span')
  caret.className = 'remote-caret'
  caret.setAttribute('aria-hidden', 'true')
  caret.style.borderColor = user.color
  const label = document.createElement('span')
  label.className = 'remote-caret-label'
  label.style.backgroundColor = user.color
  label.dataset.name = user.name
  caret.append(label)
  return caret
}

/** The card text is a labelled, multi-line textbox for assistive technology. */
const textboxAttributes = (label: string) => ({
  role: 'textbox',
  'aria-multiline': 'true',
  'aria-label': label,
  class: 'card-text',
})

interface CardEditorProps {
  card: CardRecord
  label: string
  autoFocus: boolean
  onAutoFocused(): void
}

/**
 * Tiptap bound to one card's own Y.XmlFragment. Typing goes straight into the CRDT; Tiptap's
 * per-editor undo (from the Collaboration extension) undoes only this person's typing.
 */
export function CardEditor({ card, label, autoFocus, onAutoFocused }: CardEditorProps) {
  const { conn, me, canEdit } = useCanvasContext()
  const [focused, setFocused] = useState(false)
  // The latest placement, read if someone deletes the card while this person writes in it.
  const cardRef = useRef(card)
  useEffect(() => {
    cardRef.current = card
  }, [card])
  const editor = useEditor(
    {
      extensions: [
        StarterKit.configure({
          undoRedo: false,
          heading: false,
          codeBlock: false,
          horizontalRule: false,
          blockquote: false,
          link: { openOnClick: false, autolink: true, defaultProtocol: 'https' },
        }),
        Placeholder.configure({ placeholder: canEdit ? 'Write here…' : '' }),
        Collaboration.configure({ fragment: card.body }),
        CollaborationCaret.configure({
          provider: { awareness: conn.awareness },
          user: me,
          render: renderCaret,
        }),
      ],
      editable: canEdit,
      editorProps: {
        attributes: textboxAttributes(label),
      },
      onFocus: ({ editor }) => {
        conn.awareness.setLocalStateField(PresenceFields.editing, card.id)
        noteWriting(conn, {
          cardId: card.id,
          placement: () => {
            const { body: _body, ...placement } = cardRef.current
            return placement
          },
          content: () => editor.state.doc,
        })
      },
      onBlur: () => {
        noteStoppedWriting(conn, card.id)
        if (conn.awareness.getLocalState()?.[PresenceFields.editing] === card.id) {
          conn.awareness.setLocalStateField(PresenceFields.editing, null)
        }
      },
      shouldRerenderOnTransaction: false,
    },
    [card.body, canEdit],
  )

  useEffect(() => {
    if (editor && autoFocus) {
      editor.commands.focus('end')
      onAutoFocused()
    }
  }, [editor, autoFocus, onAutoFocused])

  useEffect(() => {
    editor?.setOptions({
      editorProps: {
        attributes: textboxAttributes(label),
      },
    })
  }, [editor, label])

  return (
    <div
      className="card-editor"
      // Focus anywhere inside (the text or its toolbar) keeps the toolbar open.
      onFocus={() => setFocused(true)}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setFocused(false)
      }}
    >
      <EditorContent editor={editor} />
      {canEdit && editor && focused && <FormatToolbar editor={editor} />}
    </div>
  )
}
