import { useEffect, useMemo, useState } from 'react'
import { canonicalContent, hashContent } from '../../../shared/src/ops/content'
import { describeSummary, diffContent } from '../../../shared/src/ops/diff'
import { isEmptyDraft } from '../../../shared/src/ops/emptyDraft'
import type { VersionDetail, VersionSummary } from '../../../shared/src/protocol/api'
import type { ServerState } from '../../../shared/src/protocol/serverState'
import { api, ApiError } from '../api'
import type { Draft } from '../state/useDraft'
import type { AllianceConnection, SyncStatus } from '../sync/AllianceConnection'
import { formatDate, listNames } from './format'
import { PartyStandings } from './PartyStandings'
import { useAgreementNews } from './useAgreementNews'
import { firstFocusable, useFocusRescue, type LostFocus } from './useFocusRescue'
import { DismissButton } from './DismissButton'

export type PartyAgreement = 'agreed' | 'earlier' | 'not-yet'

/** Where each party stands with this exact draft. */
export function agreementOf(
  state: ServerState,
  partyId: string,
  draftHash: string | null,
): PartyAgreement {
  const agreement = state.agreements.find((a) => a.partyId === partyId)
  if (!agreement) return 'not-yet'
  return agreement.contentHash === draftHash ? 'agreed' : 'earlier'
}

export type HistoryRequest =
  { mode: 'view'; n: number } | { mode: 'compare'; from: string; to: string }

interface AgreementBarProps {
  conn: AllianceConnection
  allianceId: string
  state: ServerState
  draft: Draft | null
  status: SyncStatus
  /** The token that agrees: this person's party link (null for facilitators and observers). */
  partyToken: string | null
  readToken: string
  onOpenHistory(request?: HistoryRequest): void
}

/** Fetches (once) the content of the latest version, to say what changed since. */
function useLatestVersion(
  allianceId: string,
  token: string,
  latest: VersionSummary | undefined,
): VersionDetail | null {
  const [detail, setDetail] = useState<VersionDetail | null>(null)
  const n = latest?.n
  useEffect(() => {
    if (!n) return
    let cancelled = false
    api.version(allianceId, token, n).then(
      (v) => !cancelled && setDetail(v),
      () => undefined,
    )
    return () => {
      cancelled = true
    }
  }, [allianceId, token, n])
  return detail && detail.n === n ? detail : null
}

/**
 * The agreement bar: who has agreed to this exact draft, who to an earlier one, Agree and
 * Withdraw, what changed since the last version, and the moment a version is sealed.
 */
export function AgreementBar({
  conn,
  allianceId,
  state,
  draft,
  status,
  partyToken,
  readToken,
  onOpenHistory,
}: AgreementBarProps) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const latest = state.versions[state.versions.length - 1]
  const latestDetail = useLatestVersion(allianceId, readToken, latest)
  const hash = draft?.hash ?? null
  const isLatest = latest !== undefined && hash === latest.contentHash
  const myPartyId = state.you.role === 'party' ? state.you.partyId : null
  const mine = myPartyId ? agreementOf(state, myPartyId, hash) : null
  const changedSince = useMemo(
    () =>
      latestDetail && draft && !isLatest
        ? describeSummary(diffContent(latestDetail.content, draft.content))
        : null,
    [latestDetail, draft, isLatest],
  )
  // The sealed moment says "exactly this text": only while the draft still is that text.
  const sealed = useSealedMoment(state.versions, isLatest)
  // The server refuses agreements on a draft with no cards (EMPTY_DRAFT); say so before.
  const isEmpty = draft !== null && isEmptyDraft(draft.content)
  const news = useAgreementNews(state)
  const [bar, setBar] = useState<HTMLElement | null>(null)
  useFocusRescue(bar, nextInBar)

  async function agree(): Promise<void> {
    if (!partyToken) return
    setBusy(true)
    setError(null)
    try {
      // Hash what is on screen now, not the last debounced value.
      const fresh = await hashContent(canonicalContent(conn.doc, state.parties))
      await api.agree(allianceId, partyToken, fresh)
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Your agreement could not be recorded.')
    } finally {
      setBusy(false)
    }
  }

  async function withdraw(): Promise<void> {
    if (!partyToken) return
    setBusy(true)
    setError(null)
    try {
      await api.withdraw(allianceId, partyToken)
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Your agreement could not be withdrawn.')
    } finally {
      setBusy(false)
    }
  }

  const sameAsOlder =
    !isLatest && hash ? state.versions.find((v) => v.contentHash === hash) : undefined
  const headline = isLatest
    ? `Version ${latest.n}, agreed by ${namesOf(latest)} on ${formatDate(latest.sealedAt)}.`
    : latest
      ? `Version ${latest.n} agreed on ${formatDate(latest.sealedAt)}. The draft has changed since${changedSince ? `: ${changedSince}` : ''}.`
      : 'Not agreed yet. When every party agrees to this exact draft, it becomes version 1.'
  const canAgree = myPartyId !== null && partyToken !== null && !isLatest

  return (
    <>
      <p className="visually-hidden" role="status">
        {news}
      </p>
      <section
        className={`agreement-bar${isLatest ? ' is-sealed' : ''}`}
        aria-label="Agreement"
        data-draft-hash={hash ?? undefined}
        ref={setBar}
      >
        <div className="agreement-main">
          <p className="agreement-headline">
            {isLatest && <SealIcon small />}
            <span title={headline}>
              {headline}
              {sameAsOlder && ` It reads exactly like version ${sameAsOlder.n}.`}
            </span>
            {latest && !isLatest && changedSince && (
              <button
                type="button"
                className="link-button"
                onClick={() =>
                  onOpenHistory({ mode: 'compare', from: `v${latest.n}`, to: 'draft' })
                }
              >
                See what changed
              </button>
            )}
          </p>
          {sealed && (
            <div className="sealed-moment">
              <strong>Version {sealed.n} is sealed.</strong>
              <button
                type="button"
                className="button-quiet"
                onClick={() => onOpenHistory({ mode: 'view', n: sealed.n })}
              >
                View version {sealed.n}
              </button>
              <DismissButton onDismiss={sealed.dismiss} />
            </div>
          )}
          {!isLatest && (
            <PartyStandings
              state={state}
              hash={hash}
              myPartyId={myPartyId}
              onOpenHistory={onOpenHistory}
            />
          )}
          <div className="agreement-actions">
            {canAgree && mine !== 'agreed' && (
              <button
                type="button"
                className="button-agree"
                // aria-disabled, not disabled: a disabled button loses the keyboard focus.
                aria-disabled={busy || !draft || !status.saved || isEmpty}
                aria-describedby={isEmpty ? 'agree-empty-reason' : undefined}
                title={status.saved ? undefined : 'Waiting until your changes are saved'}
                onClick={() => {
                  if (!busy && draft && status.saved && !isEmpty) void agree()
                }}
              >
                {mine === 'earlier' ? 'Agree to this draft again' : 'Agree to this draft'}
              </button>
            )}
            {canAgree && isEmpty && (
              <span className="hint" id="agree-empty-reason">
                Add at least one card before agreeing.
              </span>
            )}
            {canAgree && mine === 'agreed' && (
              <button
                type="button"
                className="button-quiet"
                aria-disabled={busy}
                onClick={() => {
                  if (!busy) void withdraw()
                }}
              >
                Withdraw my agreement
              </button>
            )}
            <button
              type="button"
              className="button-quiet"
              data-focus-return="history"
              onClick={() => onOpenHistory()}
            >
              History{state.versions.length ? ` (${state.versions.length})` : ''}
            </button>
          </div>
        </div>
        {error && (
          <p className="form-error agreement-error" role="alert">
            {error}
          </p>
        )}
      </section>
    </>
  )
}

/** Who agreed to a version: their names, or "all 8 parties" when a list would not fit. */
function namesOf(version: VersionSummary): string {
  const names = version.agreements.map((a) => a.name)
  return names.length > 3 ? `all ${names.length} parties` : listNames(names)
}

/** After Agree, Withdraw or a seal replaced the focused button: the next thing to press. */
const nextInBar = (_lost: LostFocus, bar: HTMLElement): HTMLElement | null =>
  firstFocusable(bar, '.sealed-moment button', '.agreement-actions button')

/**
 * A version sealed while this page is open (not those that existed when it opened). It shows
 * for everyone at the same moment, and goes away when dismissed, after a while, or as soon as
 * the draft differs from it (it would contradict "the draft has changed since").
 */
function useSealedMoment(
  versions: VersionSummary[],
  isCurrent: boolean,
): (VersionSummary & { dismiss(): void }) | null {
  const [countAtOpen] = useState(versions.length)
  const [dismissed, setDismissed] = useState(0)
  const latest = versions[versions.length - 1]
  const fresh =
    latest && isCurrent && versions.length > countAtOpen && latest.n > dismissed ? latest : null
  useEffect(() => {
    if (!fresh) return
    const timer = setTimeout(() => setDismissed(fresh.n), 20_000)
    return () => clearTimeout(timer)
  }, [fresh])
  return fresh ? { ...fresh, dismiss: () => setDismissed(fresh.n) } : null
}

export function SealIcon({ small = false }: { small?: boolean }) {
  const size = small ? 18 : 28
  return (
    <svg className="seal-icon" viewBox="0 0 32 32" width={size} height={size} aria-hidden="true">
      <circle cx="16" cy="16" r="14" fill="#15803d" />
      <path
        d="M9.5 16.5l4.2 4.2 8.8-9.4"
        fill="none"
        stroke="white"
        strokeWidth="3"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  )
}
