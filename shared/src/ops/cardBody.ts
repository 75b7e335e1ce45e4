import * as Y from 'yjs'

/**
 * A card body as plain, canonical data: the same shape as ProseMirror JSON, with marks sorted
 * and empty attributes dropped, so equal-looking text is equal data whatever its edit history.
 */
export type Attrs = Record<string, string | number | boolean>
export interface Mark {
  type: string
  attrs?: Attrs
}
export interface TextNode {
  type: 'text'
  text: string
  marks?: Mark[]
}
export interface ElementNode {
  type: string
  attrs?: Attrs
  content?: BodyNode[]
}
export type BodyNode = TextNode | ElementNode

export const isTextNode = (node: BodyNode): node is TextNode => node.type === 'text'

/** Reads a card's Y.XmlFragment (as Tiptap writes it) into canonical nodes. */
export function bodyToNodes(fragment: Y.XmlFragment): BodyNode[] {
  return readChildren(fragment.toArray())
}

function readChildren(children: Array<Y.XmlElement | Y.XmlText | Y.XmlHook>): BodyNode[] {
  const nodes: BodyNode[] = []
  for (const child of children) {
    if (child instanceof Y.XmlText) {
      for (const op of child.toDelta() as Array<{ insert: unknown; attributes?: object }>) {
        if (typeof op.insert !== 'string' || op.insert === '') continue
        const marks = readMarks(op.attributes)
        const last = nodes[nodes.length - 1]
        if (last && isTextNode(last) && sameMarks(last.marks, marks)) {
          last.text += op.insert
        } else {
          nodes.push(
            marks ? { type: 'text', text: op.insert, marks } : { type: 'text', text: op.insert },
          )
        }
      }
    } else if (child instanceof Y.XmlElement) {
      const node: ElementNode = { type: child.nodeName }
      const attrs = cleanAttrs(child.getAttributes())
      if (attrs) node.attrs = attrs
      const content = readChildren(child.toArray())
      if (content.length) node.content = content
      nodes.push(node)
    }
  }
  return nodes
}

function readMarks(attributes: object | undefined): Mark[] | undefined {
  if (!attributes) return undefined
  const marks: Mark[] = []
  for (const [type, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue
    const attrs =
      typeof value === 'object' ? cleanAttrs(value as Record<string, unknown>) : undefined
    marks.push(attrs ? { type, attrs } : { type })
  }
  marks.sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : 0))
  return marks.length ? marks : undefined
}

function cleanAttrs(raw: Record<string, unknown>): Attrs | undefined {
  const keys = Object.keys(raw).sort()
  const attrs: Attrs = {}
  let any = false
  for (const key of keys) {
    const value = raw[key]
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      attrs[key] = value
      any = true
    }
  }
  return any ? attrs : undefined
}

function sameMarks(a: Mark[] | undefined, b: Mark[] | undefined): boolean {
  return JSON.stringify(a ?? []) === JSON.stringify(b ?? [])
}

/** Replaces a card body with plain paragraphs, in the shape Tiptap itself writes. */
export function setBodyParagraphs(fragment: Y.XmlFragment, paragraphs: string[]): void {
  setBodyNodes(
    fragment,
    paragraphs.map((text) => ({
      type: 'paragraph',
      ...(text ? { content: [{ type: 'text', text } as TextNode] } : {}),
    })),
  )
}

/**
 * Replaces a card body with canonical nodes (the inverse of `bodyToNodes`), for restoring an
 * agreed version as a forward edit. Call inside a transaction to make it one change.
 */
export function setBodyNodes(fragment: Y.XmlFragment, nodes: BodyNode[]): void {
  const apply = (): void => {
    if (fragment.length) fragment.delete(0, fragment.length)
    fragment.insert(0, writeChildren(nodes))
  }
  if (fragment.doc) fragment.doc.transact(apply)
  else apply()
}

function writeChildren(nodes: BodyNode[]): Array<Y.XmlElement | Y.XmlText> {
  const out: Array<Y.XmlElement | Y.XmlText> = []
  let text: Y.XmlText | null = null
  // A Y.XmlText that is not yet in a document reports length 0, so track the offset here.
  let offset = 0
  for (const node of nodes) {
    if (isTextNode(node)) {
      // Consecutive text runs live in one Y.XmlText, as y-prosemirror stores them.
      if (!text) {
        text = new Y.XmlText()
        offset = 0
        out.push(text)
      }
      const attributes: Record<string, unknown> = {}
      for (const mark of node.marks ?? []) attributes[mark.type] = mark.attrs ?? {}
      text.insert(offset, node.text, attributes)
      offset += node.text.length
      continue
    }
    text = null
    const element = new Y.XmlElement(node.type)
    for (const [key, value] of Object.entries(node.attrs ?? {})) {
      element.setAttribute(key, value as string)
    }
    if (node.content?.length) element.insert(0, writeChildren(node.content))
    out.push(element)
  }
  return out
}

/** The words of a card body, blocks separated by newlines: for search, diffs and previews. */
export function nodesToText(nodes: BodyNode[]): string {
  return nodes
    .map((node) => (isTextNode(node) ? node.text : nodeText(node)))
    .join('')
    .trim()
}

function nodeText(node: ElementNode): string {
  if (node.type === 'hardBreak') return '\n'
  const inner = (node.content ?? []).map((n) => (isTextNode(n) ? n.text : nodeText(n))).join('')
  return BLOCK_TYPES.has(node.type) ? `${inner}\n` : inner
}

const BLOCK_TYPES = new Set(['paragraph', 'heading', 'listItem', 'codeBlock', 'blockquote'])
