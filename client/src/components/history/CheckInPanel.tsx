import { useState, useSyncExternalStore } from 'react'
import { checkInIcs } from '../../../../shared/src/ops/ics'
import { readTitle } from '../../../../shared/src/schema/allianceDoc'
import { getMeta } from '../../../../shared/src/schema/allianceDoc'
import {
  CADENCES,
  readCheckIn,
  writeCheckIn,
  type Cadence,
  type CheckIn,
} from '../../../../shared/src/schema/checkIn'
import { saveFile } from '../../api'
import type { AllianceConnection } from '../../sync/AllianceConnection'

const CADENCE_LABEL: Record<Cadence, string> = {
  none: 'Once',
  weekly: 'Every week',
  fortnightly: 'Every two weeks',
  monthly: 'Every month',
  quarterly: 'Every three months',
}

function useCheckIn(conn: AllianceConnection): CheckIn | null {
  const json = useSyncExternalStore(
    (listener) => {
      getMeta(conn.doc).observe(listener)
      return () => getMeta(conn.doc).unobserve(listener)
    },
    () => JSON.stringify(readCheckIn(conn.doc)),
  )
  return JSON.parse(json) as CheckIn | null
}

const inTwoWeeks = (): string => new Date(Date.now() + 14 * 864e5).toISOString().slice(0, 10)

/** The next check-in, shared on the canvas (outside the agreement), and its calendar file. */
export function CheckInPanel({
  conn,
  allianceId,
  canEdit,
}: {
  conn: AllianceConnection
  allianceId: string
  canEdit: boolean
}) {
  const checkIn = useCheckIn(conn)
  const [editing, setEditing] = useState<CheckIn | null>(null)
  const shown = editing ?? checkIn

  function download(): void {
    if (!checkIn) return
    const ics = checkInIcs({
      title: readTitle(conn.doc) || 'Alliance',
      checkIn,
      // The address without a key: each person opens it with their own link.
      url: `${location.origin}/a/${allianceId}`,
      uid: `${allianceId}-check-in@alliance-canvas`,
    })
    saveFile('alliance-check-in.ics', new Blob([ics], { type: 'text/calendar' }))
  }

  return (
    <section className="check-in" aria-labelledby="check-in-title">
      <h2 id="check-in-title">Next check-in</h2>
      {!editing && checkIn && (
        <p>
          {new Date(`${checkIn.date}T${checkIn.time}`).toLocaleString(undefined, {
            weekday: 'short',
            day: 'numeric',
            month: 'short',
            year: 'numeric',
            hour: '2-digit',
            minute: '2-digit',
          })}
          <br />
          <span className="hint">{CADENCE_LABEL[checkIn.cadence]}</span>
        </p>
      )}
      {!editing && !checkIn && <p className="hint">Not planned yet.</p>}
      {editing && shown && (
        <form
          className="check-in-form"
          onSubmit={(e) => {
            e.preventDefault()
            writeCheckIn(conn.doc, editing, conn.localOrigin)
            setEditing(null)
          }}
        >
          <label>
            Date
            <input
              type="date"
              required
              value={shown.date}
              onChange={(e) => setEditing({ ...shown, date: e.target.value })}
            />
          </label>
          <label>
            Time
            <input
              type="time"
              required
              value={shown.time}
              onChange={(e) => setEditing({ ...shown, time: e.target.value })}
            />
          </label>
          <label>
            Repeats
            <select
              value={shown.cadence}
              onChange={(e) => setEditing({ ...shown, cadence: e.target.value as Cadence })}
            >
              {CADENCES.map((c) => (
                <option key={c} value={c}>
                  {CADENCE_LABEL[c]}
                </option>
              ))}
            </select>
          </label>
          <div className="check-in-actions">
            <button type="submit" className="button-primary">
              Save check-in
            </button>
            <button type="button" className="button-quiet" onClick={() => setEditing(null)}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {!editing && (
        <div className="check-in-actions">
          {canEdit && (
            <button
              type="button"
              className="button-quiet"
              onClick={() =>
                setEditing(checkIn ?? { date: inTwoWeeks(), time: '10:00', cadence: 'monthly' })
              }
            >
              {checkIn ? 'Change' : 'Plan the next check-in'}
            </button>
          )}
          {checkIn && (
            <button type="button" className="button-quiet" onClick={download}>
              Add to calendar (.ics)
            </button>
          )}
        </div>
      )}
    </section>
  )
}
