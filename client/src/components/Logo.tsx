/** The mark and name; links home. */
export function Logo({ compact = false }: { compact?: boolean }) {
  return (
    <a className="logo" href="/" aria-label="Alliance Canvas home">
      <svg viewBox="0 0 32 32" width="28" height="28" aria-hidden="true">
        <rect width="32" height="32" rx="8" fill="#1f3a5f" />
        <circle cx="12" cy="16" r="7" fill="none" stroke="#fff4b8" strokeWidth="3" />
        <circle cx="20" cy="16" r="7" fill="none" stroke="#ffd9e1" strokeWidth="3" />
      </svg>
      {!compact && <span>Alliance Canvas</span>}
    </a>
  )
}
