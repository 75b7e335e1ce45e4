import { useEffect, useId, useRef, useState } from 'react'
import type { ServerState } from '../../../shared/src/protocol/serverState'
import { agreementOf, type HistoryRequest } from './AgreementBar'

/** Up to this many parties, each one's standing shows in the bar itself; more: "5 of 8 agreed". */
const INLINE_PARTIES = 2

interface PartyStandingsProps {
  state: ServerState
  hash: string | null
  myPartyId: string | null
  onOpenHistory(request?: HistoryRequest): void
}

/**
 * Where each party stands with this draft. Two parties show inline; more are summarised
 * ("5 of 8 agreed") with the details one click away, so the bar stays one line when shared on
 * a call (the header and bar take at most 15% of a 720-px screen).
 */
export function PartyStandings({ state, hash, myPartyId, onOpenHistory }: PartyStandingsProps) {
  const [open, setOpen] = useState(false)
  const listId = useId()
  const rootRef = useRef<HTMLDivElement>(null)
  const toggleRef = useRef<HTMLButtonElement>(null)
  const agreed = state.parties.filter((p) => agreementOf(state, p.id, hash) === 'agreed').length
  const total = state.parties.length
  const isInline = total <= INLINE_PARTIES
  const summary = `${agreed} of ${total} agreed`

  useEffect(() => {
    if (!open) return
    const onKey = (event: KeyboardEvent): void => {
      if (event.key !== 'Escape') return
      setOpen(false)
      toggleRef.current?.focus()
    }
    const onDown = (event: MouseEvent): void => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false)
    }
    document.addEventListener('keydown', onKey)
    document.addEventListener('mousedown', onDown)
    return () => {
      document.removeEventListener('keydown', onKey)
      document.removeEventListener('mousedown', onDown)
    }
  }, [open])

  const list = (
    <ul
      className="party-agreements"
      id={listId}
      aria-label={`${agreed} of ${total} parties agree to this draft`}
    >
      {state.parties.map((party) => {
        const standing = agreementOf(state, party.id, hash)
        return (
          <li key={party.id} className={`party-agreement is-${standing}`} data-party={party.name}>
            <span className="party-dot" style={{ background: party.color }} aria-hidden="true" />
            <span className="party-agreement-name">
              {party.id === myPartyId ? `${party.name} (you)` : party.name}
            </span>
            <span className="party-agreement-state">
              {standing === 'agreed'
                ? '✓ agreed'
                : standing === 'earlier'
                  ? 'agreed to an earlier draft'
                  : 'not yet'}
            </span>
            {standing === 'earlier' && (
              <button
                type="button"
                className="link-button"
                onClick={() =>
                  onOpenHistory({ mode: 'compare', from: `agreement:${party.id}`, to: 'draft' })
                }
              >
                what changed
              </button>
            )}
          </li>
        )
      })}
    </ul>
  )

  return (
    <div className={`party-standings${isInline ? ' is-inline' : ''}`} ref={rootRef}>
      <button
        type="button"
        ref={toggleRef}
        className="button-quiet standings-toggle"
        aria-expanded={open}
        aria-controls={open ? listId : undefined}
        onClick={() => setOpen((v) => !v)}
      >
        {summary}
        <span aria-hidden="true"> ▾</span>
      </button>
      {isInline && !open && <div className="standings-inline">{list}</div>}
      {open && <div className="standings-popover">{list}</div>}
    </div>
  )
}
