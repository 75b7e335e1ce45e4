import { useEffect, useState } from 'react'
import type * as Y from 'yjs'
import {
  canonicalContent,
  hashContent,
  type CanonicalContent,
} from '../../../shared/src/ops/content'
import type { PartyView } from '../../../shared/src/schema/parties'
import { bodyNodes } from './bodyNodes'

export interface Draft {
  content: CanonicalContent
  /** SHA-256 of the content, computed here with Web Crypto: what an agreement is tied to. */
  hash: string
}

/**
 * The current draft and its content hash, recomputed shortly after any change (typing
 * included). `null` while the first hash is being computed; briefly stale while typing.
 */
export function useDraft(doc: Y.Doc, parties: readonly PartyView[]): Draft | null {
  const [draft, setDraft] = useState<Draft | null>(null)
  useEffect(() => {
    let cancelled = false
    let timer: ReturnType<typeof setTimeout> | null = null
    let generation = 0
    const compute = (): void => {
      timer = null
      const mine = ++generation
      const content = canonicalContent(doc, parties, bodyNodes)
      void hashContent(content).then((hash) => {
        if (!cancelled && mine === generation) setDraft({ content, hash })
      })
    }
    const schedule = (): void => {
      if (timer) clearTimeout(timer)
      timer = setTimeout(compute, 120)
    }
    compute()
    doc.on('update', schedule)
    return () => {
      cancelled = true
      doc.off('update', schedule)
      if (timer) clearTimeout(timer)
    }
  }, [doc, parties])
  return draft
}
