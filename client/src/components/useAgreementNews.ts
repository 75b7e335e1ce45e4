import { useEffect, useRef, useState } from 'react'
import type { ServerState } from '../../../shared/src/protocol/serverState'
import { listNames } from './format'

/** What changed between two server states, in words: an agreement, a withdrawal, a seal. */
export function agreementNews(before: ServerState, after: ServerState): string | null {
  const nameOf = (partyId: string): string =>
    partyId === after.you.partyId
      ? 'You'
      : (after.parties.find((p) => p.id === partyId)?.name ?? 'A party')
  const sealed = after.versions.length > before.versions.length ? after.versions.at(-1) : undefined
  if (sealed) {
    const names = sealed.agreements.map((a) => a.name)
    const who = names.length > 3 ? `All ${names.length} parties` : listNames(names)
    return `Version ${sealed.n} is sealed. ${who} agreed to exactly this text.`
  }
  const news: string[] = []
  for (const a of after.agreements) {
    const was = before.agreements.find((b) => b.partyId === a.partyId)
    if (!was || was.at !== a.at) news.push(`${nameOf(a.partyId)} agreed to this draft.`)
  }
  for (const b of before.agreements) {
    if (!after.agreements.some((a) => a.partyId === b.partyId))
      news.push(
        `${nameOf(b.partyId)} withdrew ${b.partyId === after.you.partyId ? 'your' : 'their'} agreement.`,
      )
  }
  return news.length ? news.join(' ') : null
}

/**
 * The latest agreement news, for a live region that is always on the page: a region that
 * appears together with its text is often not read at all.
 */
export function useAgreementNews(state: ServerState): string {
  const previous = useRef(state)
  const [news, setNews] = useState('')
  useEffect(() => {
    const text = agreementNews(previous.current, state)
    previous.current = state
    // The region announces changes of its text: news arrives from the server, not from render.
    if (text) setNews(text)
  }, [state])
  return news
}
