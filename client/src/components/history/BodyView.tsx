import type { ReactNode } from 'react'
import { isTextNode, type BodyNode, type TextNode } from '../../../../shared/src/ops/cardBody'

const SAFE_LINK = /^(https?:|mailto:)/i

function renderText(node: TextNode, key: number): ReactNode {
  let out: ReactNode = node.text
  for (const mark of node.marks ?? []) {
    switch (mark.type) {
      case 'bold':
        out = <strong>{out}</strong>
        break
      case 'italic':
        out = <em>{out}</em>
        break
      case 'strike':
        out = <s>{out}</s>
        break
      case 'code':
        out = <code>{out}</code>
        break
      case 'underline':
        out = <u>{out}</u>
        break
      case 'link': {
        const href = typeof mark.attrs?.href === 'string' ? mark.attrs.href : ''
        // Stored content came from a CRDT anyone could write to: only plain web and mail links.
        if (SAFE_LINK.test(href)) {
          out = (
            <a href={href} target="_blank" rel="noopener noreferrer">
              {out}
            </a>
          )
        }
        break
      }
    }
  }
  return <span key={key}>{out}</span>
}

export function renderNodes(nodes: BodyNode[]): ReactNode[] {
  return nodes.map((node, i) => {
    if (isTextNode(node)) return renderText(node, i)
    const children = renderNodes(node.content ?? [])
    switch (node.type) {
      case 'paragraph':
        return <p key={i}>{children.length ? children : <br />}</p>
      case 'bulletList':
        return <ul key={i}>{children}</ul>
      case 'orderedList':
        return (
          <ol key={i} start={Number(node.attrs?.start ?? 1)}>
            {children}
          </ol>
        )
      case 'listItem':
        return <li key={i}>{children}</li>
      case 'hardBreak':
        return <br key={i} />
      default:
        return <div key={i}>{children}</div>
    }
  })
}

/** A stored card body, rendered read-only (versions, diffs, print). */
export function BodyView({ nodes }: { nodes: BodyNode[] }) {
  return <div className="card-text is-static">{renderNodes(nodes)}</div>
}
