import { useEffect, useRef, useState } from 'react'
import type * as Y from 'yjs'
import { getCardsMap, readCard, readSections } from '../../../shared/src/schema/allianceDoc'
import type { PartyView } from '../../../shared/src/schema/parties'

/** Others' changes are told at most this often, gathered: a screen reader is not a ticker. */
export const REMOTE_NEWS_EVERY_MS = 2000

interface Change {
  kind: 'added' | 'removed'
  sectionId: string
  who: string | null
}

/** "Jordan added a card to Needs." / "Jordan added 3 cards to Needs. A card was removed from …" */
export function describeChanges(changes: Change[], sectionTitle: (id: string) => string): string {
  const groups = new Map<string, { change: Change; count: number }>()
  for (const change of changes) {
    const key = `${change.kind}|${change.who ?? ''}|${change.sectionId}`
    const group = groups.get(key) ?? { change, count: 0 }
    group.count++
    groups.set(key, group)
  }
  const phrases = [...groups.values()].map(({ change, count }) => {
    const cards = count === 1 ? 'a card' : `${count} cards`
    const where = sectionTitle(change.sectionId)
    if (change.kind === 'added') return `${change.who ?? 'Someone'} added ${cards} to ${where}.`
    return `${count === 1 ? 'A card was' : `${count} cards were`} removed from ${where}.`
  })
  return phrases.length > 3
    ? `${phrases.slice(0, 3).join(' ')} And other changes.`
    : phrases.join(' ')
}

/**
 * Cards that other people added or removed, as one polite sentence every couple of seconds at
 * most. Typing inside cards is not news; your own changes are not either.
 */
export function useRemoteNews(doc: Y.Doc, parties: readonly PartyView[]): string {
  const [news, setNews] = useState('')
  const partiesRef = useRef(parties)
  useEffect(() => {
    partiesRef.current = parties
  }, [parties])

  useEffect(() => {
    const cards = getCardsMap(doc)
    const sectionOf = new Map<string, string>()
    for (const [id, map] of cards) {
      const card = readCard(map)
      if (card) sectionOf.set(id, card.sectionId)
    }
    let pending: Change[] = []
    let timer: ReturnType<typeof setTimeout> | null = null
    const nameOf = (createdBy: string | null): string | null => {
      if (createdBy === 'facilitator') return 'The facilitator'
      return partiesRef.current.find((p) => p.id === createdBy)?.name ?? null
    }
    const flush = (): void => {
      timer = null
      const titles = new Map(readSections(doc).map((s) => [s.id as string, s.title]))
      setNews(describeChanges(pending, (id) => titles.get(id) ?? 'the canvas'))
      pending = []
    }
    const onCards = (event: Y.YMapEvent<Y.Map<unknown>>): void => {
      for (const [id, change] of event.changes.keys) {
        const card = change.action === 'delete' ? null : readCard(cards.get(id))
        const before = sectionOf.get(id)
        if (card) sectionOf.set(id, card.sectionId)
        else sectionOf.delete(id)
        if (event.transaction.local) continue
        if (change.action === 'add' && card)
          pending.push({ kind: 'added', sectionId: card.sectionId, who: nameOf(card.createdBy) })
        if (change.action === 'delete' && before)
          pending.push({ kind: 'removed', sectionId: before, who: null })
      }
      if (pending.length && !timer) timer = setTimeout(flush, REMOTE_NEWS_EVERY_MS)
    }
    cards.observe(onCards)
    return () => {
      cards.unobserve(onCards)
      if (timer) clearTimeout(timer)
    }
  }, [doc])
  return news
}
