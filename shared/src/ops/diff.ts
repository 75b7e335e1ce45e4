import { diffWords } from 'diff'
import type { CardId, SectionId } from '../schema/ids'
import { nodesToText } from './cardBody'
import {
  canonicalJson,
  type CanonicalCard,
  type CanonicalContent,
  type CanonicalSection,
} from './content'

/** Where a card sits, in words a person reads. */
export interface Place {
  sectionId: SectionId
  section: string
  party: string | null
}

export interface WordPart {
  text: string
  change: 'same' | 'added' | 'removed'
}

export type CardChange =
  | { kind: 'added'; id: CardId; text: string; where: Place }
  | { kind: 'removed'; id: CardId; text: string; where: Place }
  | {
      kind: 'changed'
      id: CardId
      where: Place
      words: WordPart[]
      /** The words are the same; only bold, italics, lists or links changed. */
      formattingOnly: boolean
      movedFrom: Place | null
    }
  | { kind: 'moved'; id: CardId; text: string; where: Place; from: Place }

export interface SectionDiff {
  sectionId: SectionId
  title: string
  status: 'added' | 'removed' | 'changed' | 'same'
  titleChange: { from: string; to: string } | null
  changes: CardChange[]
}

export interface DiffSummary {
  added: number
  removed: number
  changed: number
  moved: number
}

export interface ContentDiff {
  titleChange: { from: string; to: string } | null
  partyChanges: string[]
  sections: SectionDiff[]
  summary: DiffSummary
  hasChanges: boolean
}

interface Located {
  card: CanonicalCard
  text: string
  body: string
  place: Place
  slot: string
  index: number
}

function locate(content: CanonicalContent): Located[] {
  const out: Located[] = []
  for (const section of content.sections) {
    for (const column of section.columns) {
      column.cards.forEach((card, index) => {
        out.push({
          card,
          text: nodesToText(card.body),
          // Canonical: stored versions have sorted keys, live drafts do not.
          body: canonicalJson(card.body),
          place: {
            sectionId: section.id,
            section: section.title,
            party: section.perParty ? column.party : null,
          },
          slot: `${section.id}|${column.partyId ?? ''}`,
          index,
        })
      })
    }
  }
  return out
}

/** Longest increasing subsequence (indexes into `values`): what kept its relative order. */
function keptInOrder(values: number[]): Set<number> {
  const tails: number[] = []
  const previous: number[] = new Array<number>(values.length).fill(-1)
  for (let i = 0; i < values.length; i++) {
    let lo = 0
    let hi = tails.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (values[tails[mid]!]! < values[i]!) lo = mid + 1
      else hi = mid
    }
    if (lo > 0) previous[i] = tails[lo - 1]!
    tails[lo] = i
  }
  const kept = new Set<number>()
  for (let i = tails[tails.length - 1] ?? -1; i >= 0; i = previous[i]!) kept.add(i)
  return kept
}

function wordParts(before: string, after: string): WordPart[] {
  return diffWords(before, after).map((part) => ({
    text: part.value,
    change: part.added ? 'added' : part.removed ? 'removed' : 'same',
  }))
}

/**
 * What changed from `before` to `after`, per section: cards added, removed, moved and edited
 * (with word-level changes). Cards are matched by id, then leftovers by identical text, so a
 * card deleted and written again reads as unchanged. Written for a coach, not a developer.
 */
export function diffContent(before: CanonicalContent, after: CanonicalContent): ContentDiff {
  const a = locate(before)
  const b = locate(after)
  const matchOf = new Map<Located, Located>()
  const aById = new Map(a.map((x) => [x.card.id as string, x]))
  for (const y of b) {
    const x = aById.get(y.card.id)
    if (x) {
      matchOf.set(y, x)
      aById.delete(y.card.id)
    }
  }
  const leftovers = new Map<string, Located[]>()
  for (const x of aById.values()) leftovers.set(x.body, [...(leftovers.get(x.body) ?? []), x])
  for (const y of b) {
    if (matchOf.has(y)) continue
    const x = leftovers.get(y.body)?.shift()
    if (x) matchOf.set(y, x)
  }
  const matchedA = new Set(matchOf.values())

  // Within each column, cards that kept their place relative to the others are not "moved".
  const reordered = new Set<Located>()
  const bySlot = new Map<string, Located[]>()
  for (const y of b) {
    const x = matchOf.get(y)
    if (x && x.slot === y.slot) bySlot.set(y.slot, [...(bySlot.get(y.slot) ?? []), y])
  }
  for (const ys of bySlot.values()) {
    const kept = keptInOrder(ys.map((y) => matchOf.get(y)!.index))
    ys.forEach((y, i) => !kept.has(i) && reordered.add(y))
  }

  const changesBySection = new Map<string, CardChange[]>()
  const push = (sectionId: string, change: CardChange): void => {
    changesBySection.set(sectionId, [...(changesBySection.get(sectionId) ?? []), change])
  }
  const summary: DiffSummary = { added: 0, removed: 0, changed: 0, moved: 0 }
  for (const y of b) {
    const x = matchOf.get(y)
    const id = y.card.id
    if (!x) {
      summary.added++
      push(y.place.sectionId, { kind: 'added', id, text: y.text, where: y.place })
      continue
    }
    const moved = x.slot !== y.slot || reordered.has(y)
    if (x.body !== y.body) {
      summary.changed++
      push(y.place.sectionId, {
        kind: 'changed',
        id,
        where: y.place,
        words: wordParts(x.text, y.text),
        formattingOnly: x.text === y.text,
        movedFrom: moved ? x.place : null,
      })
    } else if (moved) {
      summary.moved++
      push(y.place.sectionId, { kind: 'moved', id, text: y.text, where: y.place, from: x.place })
    }
  }
  for (const x of a) {
    if (matchedA.has(x)) continue
    summary.removed++
    push(x.place.sectionId, { kind: 'removed', id: x.card.id, text: x.text, where: x.place })
  }

  const sectionsBefore = new Map(before.sections.map((s) => [s.id as string, s]))
  const sectionsAfter = new Map(after.sections.map((s) => [s.id as string, s]))
  const order: CanonicalSection[] = [
    ...after.sections,
    ...before.sections.filter((s) => !sectionsAfter.has(s.id)),
  ]
  const sections = order.map((section): SectionDiff => {
    const old = sectionsBefore.get(section.id)
    const now = sectionsAfter.get(section.id)
    const changes = changesBySection.get(section.id) ?? []
    const titleChange =
      old && now && old.title !== now.title ? { from: old.title, to: now.title } : null
    const status = !old
      ? 'added'
      : !now
        ? 'removed'
        : changes.length || titleChange
          ? 'changed'
          : 'same'
    return { sectionId: section.id, title: section.title, status, titleChange, changes }
  })

  const partiesBefore = partyNames(before)
  const partiesAfter = partyNames(after)
  const partyChanges: string[] = []
  for (const [id, name] of partiesAfter) {
    const old = partiesBefore.get(id)
    if (old === undefined) partyChanges.push(`${name} joined`)
    else if (old !== name) partyChanges.push(`${old} is now called ${name}`)
  }
  for (const [id, name] of partiesBefore)
    if (!partiesAfter.has(id)) partyChanges.push(`${name} left`)

  const titleChange = before.title !== after.title ? { from: before.title, to: after.title } : null
  const hasChanges =
    titleChange !== null ||
    partyChanges.length > 0 ||
    sections.some((s) => s.status !== 'same') ||
    summary.added + summary.removed + summary.changed + summary.moved > 0
  return { titleChange, partyChanges, sections, summary, hasChanges }
}

function partyNames(content: CanonicalContent): Map<string, string> {
  const names = new Map<string, string>()
  for (const section of content.sections) {
    if (!section.perParty) continue
    for (const column of section.columns)
      if (column.partyId && column.party) names.set(column.partyId, column.party)
  }
  return names
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`

/** "2 cards edited, 1 added": the one-line summary shown in the agreement bar. */
export function describeSummary(diff: ContentDiff): string {
  const { added, removed, changed, moved } = diff.summary
  const parts: string[] = []
  if (changed) parts.push(`${plural(changed, 'card', 'cards')} edited`)
  if (added) parts.push(parts.length ? `${added} added` : `${plural(added, 'card', 'cards')} added`)
  if (removed)
    parts.push(parts.length ? `${removed} removed` : `${plural(removed, 'card', 'cards')} removed`)
  if (moved) parts.push(parts.length ? `${moved} moved` : `${plural(moved, 'card', 'cards')} moved`)
  if (diff.titleChange) parts.push('title changed')
  if (diff.sections.some((s) => s.titleChange)) parts.push('section titles changed')
  parts.push(...diff.partyChanges)
  return parts.length ? parts.join(', ') : 'no changes'
}
