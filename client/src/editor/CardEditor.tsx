import Collaboration from '@tiptap/extension-collaboration'
import CollaborationCaret from '@tiptap/extension-collaboration-caret'
import { Placeholder } from '@tiptap/extensions'
import { EditorContent, useEditor } from '@tiptap/react'
import StarterKit from '@tiptap/starter-kit'
import { useEffect, useMemo, useRef, useState } from 'react'
import type { CardRecord } from '../../../shared/src/schema/allianceDoc'
import { useCanvasContext } from '../components/CanvasContext'
import { noteStoppedWriting, noteWriting } from '../state/useDeletedWhileWriting'
import { PresenceFields } from '../state/usePresence'
import { useOnScreen } from '../state/useOnScreen'
import { FormatToolbar } from './FormatToolbar'
import { CaretStaysWithOwnTyping } from './caretStaysWithOwnTyping'
import { awarenessForCard } from './cardAwareness'
import { StaticCardText, type Wake } from './StaticCardText'
import type { Slice } from '@tiptap/pm/model'
import { DEFAULT_MAX_MESSAGE_BYTES } from '../../../shared/src/protocol/limits'
import { estimatedUpdateBytes, formatBytes, isTooLargeToSend } from './pasteLimit'

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
  // A paste or drop too large for one websocket message is refused before it touches the card:
  // sent, it would close the connection; stored offline, it would be re-sent on every visit.
  const [refused, setRefused] = useState<string | null>(null)
  const pasteGuard = useMemo(() => {
    const guard = (slice: Slice): boolean => {
      if (!isTooLargeToSend(slice, DEFAULT_MAX_MESSAGE_BYTES)) return false
      setRefused(
        `That is too much to add at once (about ${formatBytes(estimatedUpdateBytes(slice))}; one change can carry up to ${formatBytes(DEFAULT_MAX_MESSAGE_BYTES * 0.75)}). Nothing was added: paste it in smaller parts.`,
      )
      return true
    }
    return {
      handlePaste: (_view: unknown, _event: unknown, slice: Slice) => guard(slice),
      handleDrop: (_view: unknown, _event: unknown, slice: Slice) => guard(slice),
    }
  }, [])
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
        CaretStaysWithOwnTyping,
        CollaborationCaret.configure({
          provider: { awareness: awarenessForCard(conn.awareness, card.body) },
          user: me,
          render: renderCaret,
        }),
      ],
      editable: canEdit,
      editorProps: {
        attributes: textboxAttributes(label),
        ...pasteGuard,
      },
      onUpdate: () => setRefused(null),
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
        ...pasteGuard,
      },
    })
  }, [editor, label, pasteGuard])

  return (
    <>
      <EditorContent editor={editor} />
      {refused && (
        <p className="card-refused" role="alert">
          {refused}
        </p>
      )}
      {canEdit && editor && focused && <FormatToolbar editor={editor} />}
    </>
  )
}
