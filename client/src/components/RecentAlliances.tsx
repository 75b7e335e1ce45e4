import { useId, useState } from 'react'
import { forgetAlliance, recentAlliances, type SavedAlliance } from '../session'

const ROLE: Record<SavedAlliance['role'], string> = {
  facilitator: 'facilitator',
  party: 'party',
  observer: 'observer',
}

/**
 * Every alliance opened on this device, newest first: searchable by title, each with its role,
 * where its agreement stood when last seen, and a way to forget it here.
 */
export function RecentAlliances() {
  const [all, setAll] = useState(recentAlliances)
  const [query, setQuery] = useState('')
  const [forgetting, setForgetting] = useState<string | null>(null)
  const ids = useId()
  if (all.length === 0) return null
  const words = query.trim().toLowerCase()
  const shown = words
    ? all.filter((a) => (a.title || 'Untitled alliance').toLowerCase().includes(words))
    : all

  function forget(id: string): void {
    forgetAlliance(id)
    setAll(recentAlliances())
    setForgetting(null)
  }

  return (
    <section className="recent panel" aria-labelledby={`${ids}-recent`}>
      <h2 id={`${ids}-recent`}>Recently opened</h2>
      {all.length > 3 && (
        <input
          type="search"
          className="recent-search"
          aria-label="Search recently opened alliances"
          placeholder={`Search ${all.length} alliances`}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
      )}
      {shown.length === 0 && <p className="hint">No alliance here matches “{query.trim()}”.</p>}
      <ul aria-label="Recently opened alliances">
        {shown.map((a) => {
          const title = a.title || 'Untitled alliance'
          return (
            <li key={a.id}>
              <a href={`/a/${a.id}#k=${a.token}`}>{title}</a>
              <span className="recent-meta">
                {ROLE[a.role] ?? a.role}
                {a.agreement ? ` · ${a.agreement}` : ''} ·{' '}
                {new Date(a.openedAt).toLocaleDateString()}
              </span>
              {forgetting === a.id ? (
                <span className="recent-forget" role="group" aria-label={`Forget ${title}?`}>
                  {a.links ? 'Its links are kept only on this device. ' : ''}
                  <button type="button" className="button-quiet" onClick={() => forget(a.id)}>
                    Forget it
                  </button>
                  <button
                    type="button"
                    className="button-quiet"
                    onClick={() => setForgetting(null)}
                  >
                    Keep it
                  </button>
                </span>
              ) : (
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Forget ${title} on this device`}
                  onClick={() => setForgetting(a.id)}
                >
                  ×
                </button>
              )}
            </li>
          )
        })}
      </ul>
    </section>
  )
}
