import type { AgreementRecord } from '../protocol/api'
import { isTextNode, type BodyNode, type ElementNode, type TextNode } from './cardBody'
import type { CanonicalContent } from './content'
import { listNames } from './names'

/** "2026-03-03 10:04 UTC": one spelling of a time, whatever the reader's locale. */
export function utcMinute(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`
}

/** A sealed version as a Markdown document: who agreed when, its hashes, then the content. */
export function versionToMarkdown(version: {
  n: number
  sealedAt: string
  contentHash: string
  chainHash: string
  agreements: AgreementRecord[]
  content: CanonicalContent
}): string {
  const body = contentToMarkdown(version.content)
  const [heading, ...rest] = body.split('\n')
  const agreed = listNames(
    version.agreements.map((a) => `${escapeText(a.name)} (${utcMinute(a.at)})`),
  )
  return [
    heading,
    '',
    `**Version ${version.n}**, agreed by ${agreed}. Sealed ${utcMinute(version.sealedAt)}.`,
    '',
    `Content hash \`${version.contentHash}\`, chain hash \`${version.chainHash}\`.`,
    '',
    '---',
    ...rest,
  ].join('\n')
}

/** Renders canonical content as a Markdown document: headings for sections and parties, cards as bullets. */
export function contentToMarkdown(content: CanonicalContent): string {
  const out: string[] = [`# ${escapeText(content.title || 'Untitled alliance')}`, '']
  for (const section of content.sections) {
    out.push(`## ${escapeText(section.title)}`, '')
    for (const column of section.columns) {
      if (section.perParty) out.push(`### ${escapeText(column.party ?? 'Former party')}`, '')
      if (column.cards.length === 0) {
        out.push('_No cards._', '')
        continue
      }
      for (const card of column.cards) {
        const lines = blocksToMarkdown(card.body)
        if (lines.length === 0) lines.push('_(empty card)_')
        out.push(`- ${lines[0]}`, ...lines.slice(1).map((l) => (l ? `  ${l}` : '')))
      }
      out.push('')
    }
  }
  return `${out.join('\n').trimEnd()}\n`
}

/** Markdown lines for a card body (block nodes). */
export function blocksToMarkdown(nodes: BodyNode[]): string[] {
  const lines: string[] = []
  for (const node of nodes) {
    if (isTextNode(node)) {
      lines.push(inlineToMarkdown([node]))
      continue
    }
    const block = blockToMarkdown(node)
    if (block.length === 0) continue
    if (lines.length) lines.push('')
    lines.push(...block)
  }
  return lines
}

function blockToMarkdown(node: ElementNode): string[] {
  const content = node.content ?? []
  switch (node.type) {
    case 'paragraph': {
      const text = inlineToMarkdown(content)
      return text ? text.split('\n') : []
    }
    case 'heading':
      return [`${'#'.repeat(Number(node.attrs?.level ?? 1) + 3)} ${inlineToMarkdown(content)}`]
    case 'bulletList':
    case 'orderedList': {
      const start = Number(node.attrs?.start ?? 1)
      return content.flatMap((item, i) => {
        const marker = node.type === 'bulletList' ? '-' : `${start + i}.`
        const lines = isTextNode(item) ? [item.text] : blocksToMarkdown(item.content ?? [])
        const pad = ' '.repeat(marker.length + 1)
        return lines.map((line, j) => (j === 0 ? `${marker} ${line}` : line ? pad + line : ''))
      })
    }
    case 'blockquote':
      return blocksToMarkdown(content).map((line) => (line ? `> ${line}` : '>'))
    case 'codeBlock':
      return [
        '```',
        ...content
          .map((n) => (isTextNode(n) ? n.text : ''))
          .join('')
          .split('\n'),
        '```',
      ]
    case 'horizontalRule':
      return ['---']
    default:
      return blocksToMarkdown(content)
  }
}

function inlineToMarkdown(nodes: BodyNode[]): string {
  return nodes
    .map((node) => {
      if (!isTextNode(node))
        return node.type === 'hardBreak' ? '  \n' : inlineToMarkdown(node.content ?? [])
      return markText(node)
    })
    .join('')
}

function markText(node: TextNode): string {
  const types = new Set((node.marks ?? []).map((m) => m.type))
  if (types.has('code')) return `\`${node.text.replace(/`/g, 'ˋ')}\``
  let text = escapeText(node.text)
  if (types.has('bold')) text = `**${text}**`
  if (types.has('italic')) text = `*${text}*`
  if (types.has('strike')) text = `~~${text}~~`
  const link = node.marks?.find((m) => m.type === 'link')
  if (link && typeof link.attrs?.href === 'string')
    text = `[${text}](${link.attrs.href.replace(/[()\s]/g, encodeURIComponent)})`
  return text
}

function escapeText(text: string): string {
  return text.replace(/([\\`*_[\]#<>|])/g, '\\$1')
}
