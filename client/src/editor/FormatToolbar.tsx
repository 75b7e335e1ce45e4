import { useEditorState, type Editor } from '@tiptap/react'
import { useState, type MouseEvent } from 'react'

/** Bold, italic, lists and links for the focused card. Buttons keep the editor's focus. */
export function FormatToolbar({ editor }: { editor: Editor }) {
  const active = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      bulletList: e.isActive('bulletList'),
      orderedList: e.isActive('orderedList'),
      link: e.isActive('link'),
    }),
  })
  const [linking, setLinking] = useState(false)
  const [href, setHref] = useState('')
  const keep = (event: MouseEvent): void => event.preventDefault()

  const tools = [
    { key: 'bold', label: 'Bold', text: 'B', run: () => editor.chain().focus().toggleBold().run() },
    {
      key: 'italic',
      label: 'Italic',
      text: 'I',
      run: () => editor.chain().focus().toggleItalic().run(),
    },
    {
      key: 'bulletList',
      label: 'Bulleted list',
      text: '•',
      run: () => editor.chain().focus().toggleBulletList().run(),
    },
    {
      key: 'orderedList',
      label: 'Numbered list',
      text: '1.',
      run: () => editor.chain().focus().toggleOrderedList().run(),
    },
  ] as const

  if (linking) {
    return (
      <form
        className="format-toolbar"
        onSubmit={(e) => {
          e.preventDefault()
          const url = href.trim()
          if (url) editor.chain().focus().extendMarkRange('link').setLink({ href: url }).run()
          setLinking(false)
        }}
      >
        <input
          className="link-input"
          aria-label="Link address"
          placeholder="https://…"
          value={href}
          autoFocus
          onChange={(e) => setHref(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              setLinking(false)
              editor.commands.focus()
            }
          }}
        />
        <button type="submit" className="tool">
          Add link
        </button>
      </form>
    )
  }

  return (
    <div className="format-toolbar" role="toolbar" aria-label="Text formatting">
      {tools.map((tool) => (
        <button
          key={tool.key}
          type="button"
          className={`tool tool-${tool.key}`}
          aria-label={tool.label}
          aria-pressed={active[tool.key]}
          onMouseDown={keep}
          onClick={tool.run}
        >
          {tool.text}
        </button>
      ))}
      <button
        type="button"
        className="tool"
        aria-label={active.link ? 'Remove link' : 'Add link'}
        aria-pressed={active.link}
        onMouseDown={keep}
        onClick={() => {
          if (active.link) editor.chain().focus().unsetLink().run()
          else {
            setHref(editor.getAttributes('link').href ?? '')
            setLinking(true)
          }
        }}
      >
        <svg
          viewBox="0 0 24 24"
          width="15"
          height="15"
          aria-hidden="true"
          fill="none"
          stroke="currentColor"
          strokeWidth="2.2"
          strokeLinecap="round"
        >
          <path d="M10 14a4.5 4.5 0 0 0 6.4 0l3.2-3.2a4.5 4.5 0 0 0-6.4-6.4L11.6 6" />
          <path d="M14 10a4.5 4.5 0 0 0-6.4 0l-3.2 3.2a4.5 4.5 0 0 0 6.4 6.4l1.6-1.6" />
        </svg>
      </button>
    </div>
  )
}
