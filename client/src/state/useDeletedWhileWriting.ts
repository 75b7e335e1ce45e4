import type { Node as PmNode } from '@tiptap/pm/model'
import { prosemirrorToYXmlFragment } from '@tiptap/y-tiptap'
import { useCallback, useEffect, useState } from 'react'
import type * as Y from 'yjs'
import { recreateCard, type CardPlacement } from '../../../shared/src/ops/cards'
import { getCardsMap } from '../../../shared/src/schema/allianceDoc'
import type { AllianceConnection } from '../sync/AllianceConnection'

/** The card this person is writing in, and a way to read what their editor holds right now. */
interface WritingIn {
  cardId: string
  /** Read at the moment of deletion: the card may have moved since the person started. */
  placement(): CardPlacement
  content(): PmNode
}

const writing = new WeakMap<AllianceConnection, WritingIn>()

/** The card editor says where this person writes. */
export function noteWriting(conn: AllianceConnection, entry: WritingIn): void {
  writing.set(conn, entry)
}

/** The card editor says this person stopped writing in `cardId`. */
export function noteStoppedWriting(conn: AllianceConnection, cardId: string): void {
  if (writing.get(conn)?.cardId === cardId) writing.delete(conn)
}

/** A card someone else deleted while this person wrote in it, with everything they wrote. */
export interface RescuedCard {
  card: CardPlacement
  content: PmNode
}

/**
 * Watches for someone else deleting the card this person is writing in. The words are read from
 * the editor in the same moment (the document has dropped them already), so they can be put
 * back; the notice tells the writer at once instead of their typing going nowhere.
 */
export function useDeletedWhileWriting(conn: AllianceConnection): {
  rescued: RescuedCard | null
  bringBack(): void
  dismiss(): void
} {
  const [rescued, setRescued] = useState<RescuedCard | null>(null)
  useEffect(() => {
    const cards = getCardsMap(conn.doc)
    const onChange = (event: Y.YMapEvent<Y.Map<unknown>>): void => {
      const current = writing.get(conn)
      if (!current || event.transaction.origin === conn.localOrigin) return
      if (event.changes.keys.get(current.cardId)?.action !== 'delete') return
      writing.delete(conn)
      setRescued({ card: current.placement(), content: current.content() })
    }
    cards.observe(onChange)
    return () => cards.unobserve(onChange)
  }, [conn])

  const bringBack = useCallback(() => {
    if (!rescued) return
    recreateCard(
      conn.doc,
      rescued.card,
      (body) => prosemirrorToYXmlFragment(rescued.content, body),
      conn.localOrigin,
    )
    setRescued(null)
  }, [conn, rescued])
  const dismiss = useCallback(() => setRescued(null), [])
  return { rescued, bringBack, dismiss }
}
