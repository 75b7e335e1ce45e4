import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import {
  bodyToNodes,
  nodesToText,
  setBodyNodes,
  setBodyParagraphs,
  type BodyNode,
} from './cardBody'

function fragment(): Y.XmlFragment {
  const doc = new Y.Doc()
  return doc.getXmlFragment('body')
}

const rich: BodyNode[] = [
  {
    type: 'paragraph',
    content: [
      { type: 'text', text: 'I will be ' },
      { type: 'text', text: 'on time', marks: [{ type: 'bold' }, { type: 'italic' }] },
      { type: 'text', text: ' and ' },
      {
        type: 'text',
        text: 'reachable',
        marks: [{ type: 'link', attrs: { href: 'https://example.com' } }],
      },
    ],
  },
  {
    type: 'bulletList',
    content: [
      {
        type: 'listItem',
        content: [{ type: 'paragraph', content: [{ type: 'text', text: 'one' }] }],
      },
      {
        type: 'listItem',
        content: [{ type: 'paragraph', content: [{ type: 'text', text: 'two' }] }],
      },
    ],
  },
  { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Title' }] },
]

describe('card body', () => {
  it('round-trips rich text through the Y.XmlFragment', () => {
    const body = fragment()
    setBodyNodes(body, rich)
    expect(bodyToNodes(body)).toEqual(rich)
  })

  it('writes plain paragraphs the way Tiptap does and reads their words back', () => {
    const body = fragment()
    setBodyParagraphs(body, ['Hello', '', 'world'])
    expect(bodyToNodes(body)).toEqual([
      { type: 'paragraph', content: [{ type: 'text', text: 'Hello' }] },
      { type: 'paragraph' },
      { type: 'paragraph', content: [{ type: 'text', text: 'world' }] },
    ])
    expect(nodesToText(bodyToNodes(body))).toBe('Hello\n\nworld')
  })

  it('gives the same nodes for the same text whatever the edit history', () => {
    const a = fragment()
    setBodyParagraphs(a, ['Honesty first'])
    const b = fragment()
    setBodyParagraphs(b, ['Honesty'])
    const text = (b.get(0) as Y.XmlElement).get(0) as Y.XmlText
    text.insert(7, ' last')
    text.delete(7, 5)
    text.insert(7, ' first')
    expect(bodyToNodes(b)).toEqual(bodyToNodes(a))
  })

  it('merges adjacent runs with the same marks and sorts marks', () => {
    const body = fragment()
    setBodyParagraphs(body, [''])
    const para = body.get(0) as Y.XmlElement
    const text = new Y.XmlText()
    para.insert(0, [text])
    text.insert(0, 'ab', { italic: {}, bold: {} })
    text.insert(2, 'cd', { bold: {}, italic: {} })
    expect(bodyToNodes(body)).toEqual([
      {
        type: 'paragraph',
        content: [{ type: 'text', text: 'abcd', marks: [{ type: 'bold' }, { type: 'italic' }] }],
      },
    ])
  })

  it('replaces the whole body in one transaction', () => {
    const body = fragment()
    setBodyParagraphs(body, ['old'])
    let updates = 0
    body.doc!.on('update', () => updates++)
    setBodyParagraphs(body, ['new', 'text'])
    expect(updates).toBe(1)
    expect(nodesToText(bodyToNodes(body))).toBe('new\ntext')
  })
})
