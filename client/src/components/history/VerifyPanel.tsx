import { useState } from 'react'
import type { VerifyResponse } from '../../../../shared/src/protocol/api'
import { api } from '../../api'

/** Re-checks the whole chain of versions on the server and says what it found. */
export function VerifyPanel({ allianceId, token }: { allianceId: string; token: string }) {
  const [result, setResult] = useState<VerifyResponse | null>(null)
  const [busy, setBusy] = useState(false)
  return (
    <section className="verify" aria-labelledby="verify-title">
      <h2 id="verify-title">The record</h2>
      <p className="hint">
        Each version is sealed with a hash of its text and of the version before it.
      </p>
      <button
        type="button"
        className="button-quiet"
        disabled={busy}
        onClick={async () => {
          setBusy(true)
          try {
            setResult(await api.verify(allianceId, token))
          } finally {
            setBusy(false)
          }
        }}
      >
        Verify every version
      </button>
      {result && (
        <p className={result.ok ? 'verify-ok' : 'form-error'} role="status">
          {result.ok
            ? `All ${result.versions} version${result.versions === 1 ? '' : 's'} check out: nothing was altered.`
            : `Version ${result.brokenAt} does not check out: ${result.reason}.`}
        </p>
      )}
    </section>
  )
}
