import { useEffect, useMemo, useRef, useState } from 'react'
import type { CanonicalContent } from '../../../../shared/src/ops/content'
import { diffContent } from '../../../../shared/src/ops/diff'
import type { AgreementDetail, VersionDetail } from '../../../../shared/src/protocol/api'
import type { ServerState } from '../../../../shared/src/protocol/serverState'
import { api, ApiError, downloadVersionMarkdown } from '../../api'
import type { Draft } from '../../state/useDraft'
import type { AllianceConnection } from '../../sync/AllianceConnection'
import type { HistoryRequest } from '../AgreementBar'
import { SealIcon } from '../AgreementBar'
import { formatDate, formatDateTime, listNames } from '../format'
import { CheckInPanel } from './CheckInPanel'
import { DiffView } from './DiffView'
import { ReadOnlyContent } from './ReadOnlyContent'
import { VerifyPanel } from './VerifyPanel'

export interface HistoryViewProps {
  conn: AllianceConnection
  allianceId: string
  state: ServerState
  draft: Draft | null
  readToken: string
  /** Token allowed to change the draft (restore); null for observers. */
  editToken: string | null
  request: HistoryRequest | null
  onClose(notice?: string): void
}

/** Loads versions and agreed drafts on demand and keeps them: they never change. */
function useSources(allianceId: string, token: string) {
  const [versions, setVersions] = useState(new Map<number, VersionDetail>())
  const [agreements, setAgreements] = useState<AgreementDetail[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const loadVersion = (n: number): void => {
    if (versions.has(n)) return
    api.version(allianceId, token, n).then(
      (v) => setVersions((m) => new Map(m).set(n, v)),
      (err: unknown) =>
        setError(err instanceof ApiError ? err.message : 'Could not load the version.'),
    )
  }
  const loadAgreements = (): void => {
    if (agreements) return
    api
      .agreements(allianceId, token)
      .then(setAgreements, () => setError('Could not load the agreements.'))
  }
  return { versions, agreements, error, loadVersion, loadAgreements }
}

/**
 * History: every agreed version, read-only; a diff of any two (or of the draft, or of what a
 * party agreed to); restore as a new draft; Markdown, print to PDF; the next check-in.
 */
export function HistoryView({
  conn,
  allianceId,
  state,
  draft,
  readToken,
  editToken,
  request,
  onClose,
}: HistoryViewProps) {
  const latest = state.versions[state.versions.length - 1]
  const [selection, setSelection] = useState<HistoryRequest | null>(
    request ?? (latest ? { mode: 'view', n: latest.n } : null),
  )
  const sources = useSources(allianceId, readToken)
  const headingRef = useRef<HTMLHeadingElement>(null)
  const mainRef = useRef<HTMLElement>(null)
  // History opens at its top, focus on its heading (not wherever the canvas was scrolled to).
  useEffect(() => {
    window.scrollTo({ top: 0, behavior: 'instant' })
    headingRef.current?.focus()
  }, [])
  const select = (next: HistoryRequest): void => {
    setSelection(next)
    // On a phone the list sits above what it opens: bring the version or diff into view.
    if (window.matchMedia('(max-width: 720px)').matches)
      requestAnimationFrame(() => mainRef.current?.scrollIntoView({ block: 'start' }))
  }

  const resolve = (source: string): { label: string; content: CanonicalContent | null } => {
    if (source === 'draft') return { label: 'the current draft', content: draft?.content ?? null }
    if (source.startsWith('agreement:')) {
      const partyId = source.slice('agreement:'.length)
      const name = state.parties.find((p) => p.id === partyId)?.name ?? 'a party'
      const agreement = sources.agreements?.find((a) => a.partyId === partyId)
      return { label: `the draft ${name} agreed to`, content: agreement?.content ?? null }
    }
    const n = Number(source.slice(1))
    return { label: `version ${n}`, content: sources.versions.get(n)?.content ?? null }
  }

  const wanted =
    selection?.mode === 'view'
      ? [`v${selection.n}`]
      : selection
        ? [selection.from, selection.to]
        : []
  const wantedKey = wanted.join(',')
  useEffect(() => {
    for (const source of wantedKey.split(',')) {
      if (/^v\d+$/.test(source)) sources.loadVersion(Number(source.slice(1)))
      if (source.startsWith('agreement:')) sources.loadAgreements()
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- loaders are stable in effect
  }, [wantedKey])

  const choices = [
    { value: 'draft', label: 'Current draft' },
    ...[...state.versions]
      .reverse()
      .map((v) => ({ value: `v${v.n}`, label: `Version ${v.n} (${formatDate(v.sealedAt)})` })),
    ...state.agreements
      .filter((a) => a.contentHash !== draft?.hash)
      .map((a) => ({
        value: `agreement:${a.partyId}`,
        label: `What ${state.parties.find((p) => p.id === a.partyId)?.name ?? 'a party'} agreed to`,
      })),
  ]

  return (
    <div className="history">
      <div className="history-header no-print">
        <button type="button" className="button-quiet" onClick={() => onClose()}>
          ← Back to the canvas
        </button>
        <h1 tabIndex={-1} ref={headingRef}>
          History
        </h1>
      </div>
      <div className="history-body">
        <nav className="version-list no-print" aria-label="Agreed versions">
          <ul>
            <li>
              <button
                type="button"
                aria-current={
                  selection?.mode === 'compare' && selection.to === 'draft' ? 'true' : undefined
                }
                onClick={() =>
                  select({
                    mode: 'compare',
                    from: latest ? `v${latest.n}` : 'draft',
                    to: 'draft',
                  })
                }
              >
                <span className="version-name">Current draft</span>
                <span className="version-meta">
                  {latest ? `compared with version ${latest.n}` : 'not agreed yet'}
                </span>
              </button>
            </li>
            {[...state.versions].reverse().map((v) => (
              <li key={v.n}>
                <button
                  type="button"
                  aria-current={
                    selection?.mode === 'view' && selection.n === v.n ? 'true' : undefined
                  }
                  onClick={() => select({ mode: 'view', n: v.n })}
                >
                  <span className="version-name">
                    <SealIcon small /> Version {v.n}
                  </span>
                  <span className="version-meta">
                    {formatDate(v.sealedAt)} · {listNames(v.agreements.map((a) => a.name))}
                  </span>
                </button>
              </li>
            ))}
          </ul>
          {state.versions.length === 0 && (
            <p className="hint">
              No versions yet. When every party agrees to the same draft, it is sealed as version 1.
            </p>
          )}
          <CheckInPanel
            conn={conn}
            allianceId={allianceId}
            token={readToken}
            canEdit={editToken !== null}
          />
          {state.versions.length > 0 && <VerifyPanel allianceId={allianceId} token={readToken} />}
        </nav>

        <main className="history-main" ref={mainRef} aria-label="Selected version">
          {sources.error && (
            <p className="form-error" role="alert">
              {sources.error}
            </p>
          )}
          {selection?.mode === 'view' && (
            <VersionPane
              key={selection.n}
              allianceId={allianceId}
              version={sources.versions.get(selection.n) ?? null}
              readToken={readToken}
              editToken={editToken}
              onCompare={() =>
                setSelection({ mode: 'compare', from: `v${selection.n}`, to: 'draft' })
              }
              onRestored={(n) =>
                onClose(`Version ${n} is back as the draft. It needs everyone’s agreement again.`)
              }
            />
          )}
          {selection?.mode === 'compare' && (
            <ComparePane
              choices={choices}
              from={selection.from}
              to={selection.to}
              onChange={(from, to) => setSelection({ mode: 'compare', from, to })}
              resolve={resolve}
            />
          )}
          {!selection && (
            <p className="hint">Nothing agreed yet: the history starts with version 1.</p>
          )}
        </main>
      </div>
    </div>
  )
}

function SourceSelect({
  label,
  value,
  choices,
  onChange,
}: {
  label: string
  value: string
  choices: Array<{ value: string; label: string }>
  onChange(value: string): void
}) {
  return (
    <label>
      {label}
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </label>
  )
}

function ComparePane({
  choices,
  from,
  to,
  onChange,
  resolve,
}: {
  choices: Array<{ value: string; label: string }>
  from: string
  to: string
  onChange(from: string, to: string): void
  resolve(source: string): { label: string; content: CanonicalContent | null }
}) {
  const a = resolve(from)
  const b = resolve(to)
  const diff = useMemo(
    () => (a.content && b.content ? diffContent(a.content, b.content) : null),
    [a.content, b.content],
  )
  return (
    <section aria-label="Compare">
      <div className="compare-pickers">
        <SourceSelect
          label="From"
          value={from}
          choices={choices}
          onChange={(value) => onChange(value, to)}
        />
        <SourceSelect
          label="To"
          value={to}
          choices={choices}
          onChange={(value) => onChange(from, value)}
        />
      </div>
      {diff ? (
        <DiffView diff={diff} fromLabel={a.label} toLabel={b.label} />
      ) : (
        <p className="hint">Loading…</p>
      )}
    </section>
  )
}

function VersionPane({
  allianceId,
  version,
  readToken,
  editToken,
  onCompare,
  onRestored,
}: {
  allianceId: string
  version: VersionDetail | null
  readToken: string
  editToken: string | null
  onCompare(): void
  onRestored(n: number): void
}) {
  const [confirming, setConfirming] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  if (!version) return <p className="hint">Loading…</p>

  async function restore(): Promise<void> {
    if (!editToken || !version) return
    setBusy(true)
    setError(null)
    try {
      await api.restore(allianceId, editToken, version.n)
      onRestored(version.n)
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'The version could not be restored.')
      setBusy(false)
    }
  }

  return (
    <article className="version-pane print-area" aria-label={`Version ${version.n}`}>
      <div className="read-only-banner">
        <SealIcon />
        <div>
          <p className="read-only-label">Read-only · Version {version.n}</p>
          <h2>{version.content.title}</h2>
          <p>
            Agreed by{' '}
            {listNames(version.agreements.map((a) => `${a.name} (${formatDateTime(a.at)})`))}.
            Sealed {formatDateTime(version.sealedAt)}.
          </p>
        </div>
      </div>
      <div className="version-actions no-print">
        <button type="button" className="button-quiet" onClick={onCompare}>
          Compare with the current draft
        </button>
        <button
          type="button"
          className="button-quiet"
          onClick={() =>
            downloadVersionMarkdown(allianceId, readToken, version.n).catch(() =>
              setError('The download failed.'),
            )
          }
        >
          Download Markdown
        </button>
        <button type="button" className="button-quiet" onClick={() => window.print()}>
          Print or save as PDF
        </button>
        {editToken && (
          <button type="button" className="button-quiet" onClick={() => setConfirming(true)}>
            Restore as a new draft…
          </button>
        )}
      </div>
      {confirming && (
        <div
          className="confirm no-print"
          role="alertdialog"
          aria-labelledby="restore-title"
          aria-describedby="restore-text"
        >
          <h3 id="restore-title">Start again from version {version.n}?</h3>
          <p id="restore-text">
            The current draft will be changed to read exactly like version {version.n}. Nothing is
            lost: every agreed version stays in the history. Everyone will need to agree again.
          </p>
          <div className="confirm-actions">
            <button type="button" className="button-primary" disabled={busy} onClick={restore}>
              Restore version {version.n}
            </button>
            <button type="button" className="button-quiet" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <ReadOnlyContent content={version.content} />
      <footer className="version-hashes">
        <p>
          Content hash <code>{version.contentHash}</code>
        </p>
        <p>
          Chain hash <code>{version.chainHash}</code>
        </p>
      </footer>
    </article>
  )
}
