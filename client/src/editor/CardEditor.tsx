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
import { useOnScreen } from '../state/useOnScreen'
import { FormatToolbar } from './FormatToolbar'
import { awarenessForCard } from './cardAwareness'
import { StaticCardText, type Wake } from './StaticCardText'

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
 * One card's text. On screen (or near it), focused, or just added, it is a live editor; anywhere
 * else a static rendering of the same text, which turns into the editor on focus or click. A
 * canvas of hundreds of cards then runs a few dozen editors, not hundreds.
 */
export function CardEditor({ card, label, autoFocus, onAutoFocused }: CardEditorProps) {
  const { canEdit } = useCanvasContext()
  const ref = useRef<HTMLDivElement>(null)
  const onScreen = useOnScreen(ref)
  const [focused, setFocused] = useState(false)
  const [wake, setWake] = useState<Wake | null>(null)
  const live = onScreen || focused || autoFocus || wake !== null
  return (
    <div
      className="card-editor"
      ref={ref}
      // Focus anywhere inside (the text or its toolbar) keeps the toolbar open. Focus arriving
      // ends an autofocus or a wake (Tiptap focuses a frame later; till then it must stay live).
      onFocus={(e) => {
        setFocused(true)
        // The static text taking focus is what wakes the editor; the editor's focus ends it.
        if ((e.target as HTMLElement).closest('.card-static')) return
        setWake(null)
        if (autoFocus) onAutoFocused()
      }}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setFocused(false)
      }}
    >
      {live ? (
        <LiveCardEditor
          card={card}
          label={label}
          autoFocus={autoFocus}
          focused={focused}
          wake={wake}
        />
      ) : (
        <StaticCardText body={card.body} label={label} canEdit={canEdit} onWake={setWake} />
      )}
    </div>
  )
}

/**
 * Tiptap bound to one card's own Y.XmlFragment. Typing goes straight into the CRDT; Tiptap's
 * per-editor undo (from the Collaboration extension) undoes only this person's typing.
 */
function LiveCardEditor({
  card,
  label,
  autoFocus,
  focused,
  wake,
}: Omit<CardEditorProps, 'onAutoFocused'> & { focused: boolean; wake: Wake | null }) {
  const { conn, me, canEdit } = useCanvasContext()
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
          provider: { awareness: awarenessForCard(conn.awareness, card.body) },
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
    if (editor && autoFocus) editor.commands.focus('end')
  }, [editor, autoFocus])

  // Woken from its static rendering: the caret goes where the person clicked (or to the start).
  useEffect(() => {
    if (!editor || !wake) return
    const at = wake.at ? editor.view.posAtCoords({ left: wake.at.x, top: wake.at.y }) : null
    editor.commands.focus(at ? at.pos : 'start')
  }, [editor, wake])

  useEffect(() => {
    editor?.setOptions({
      editorProps: {
        attributes: textboxAttributes(label),
      },
    })
  }, [editor, label])

  return (
    <>
      <EditorContent editor={editor} />
      {canEdit && editor && focused && <FormatToolbar editor={editor} />}
    </>
  )
}
