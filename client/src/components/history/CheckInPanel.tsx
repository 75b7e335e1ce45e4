import { useState, useSyncExternalStore } from 'react'
import { checkInIcs } from '../../../../shared/src/ops/ics'
import { readTitle } from '../../../../shared/src/schema/allianceDoc'
import { getMeta } from '../../../../shared/src/schema/allianceDoc'
import {
  CADENCES,
  checkInWallClock,
  readCheckIn,
  writeCheckIn,
  type Cadence,
  type CheckIn,
} from '../../../../shared/src/schema/checkIn'
import type { WallClock } from '../../../../shared/src/ops/zonedTime'
import { saveFile } from '../../api'
import type { AllianceConnection } from '../../sync/AllianceConnection'

const CADENCE_LABEL: Record<Cadence, string> = {
  none: 'Once',
  weekly: 'Every week',
  fortnightly: 'Every two weeks',
  monthly: 'Every month',
  quarterly: 'Every three months',
}

/** This browser's IANA time zone: where this person plans and reads the check-in. */
const localZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone

function useCheckIn(conn: AllianceConnection): CheckIn | null {
  const json = useSyncExternalStore(
    (listener) => {
      getMeta(conn.doc).observe(listener)
      return () => getMeta(conn.doc).unobserve(listener)
    },
    () => JSON.stringify(readCheckIn(conn.doc, localZone())),
  )
  return JSON.parse(json) as CheckIn | null
}

const inTwoWeeks = (): string => new Date(Date.now() + 14 * 864e5).toISOString().slice(0, 10)

/** The check-in in this viewer's local time, its zone named, and where it was planned. */
function CheckInWhen({ checkIn }: { checkIn: CheckIn }) {
  const zone = localZone()
  const when = new Date(checkIn.at).toLocaleString(undefined, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  })
  const planned =
    checkIn.zone === null
      ? 'planned before time zones were recorded'
      : checkIn.zone === zone
        ? null
        : `planned for ${checkInWallClock(checkIn, checkIn.zone).time} in ${checkIn.zone.replace(/_/g, ' ')}`
  return (
    <p className="check-in-when">
      <span data-testid="check-in-time">{when}</span>
      <br />
      <span className="hint">
        Your time ({zone.replace(/_/g, ' ')}){planned ? ` · ${planned}` : ''} ·{' '}
        {CADENCE_LABEL[checkIn.cadence]}
      </span>
    </p>
  )
}

type Editing = WallClock & { cadence: Cadence }

/** The next check-in, shared on the canvas (outside the agreement), and its calendar file. */
export function CheckInPanel({
  conn,
  allianceId,
  token,
  canEdit,
}: {
  conn: AllianceConnection
  allianceId: string
  /** This person's own key: their calendar entry opens the canvas with it. */
  token: string
  canEdit: boolean
}) {
  const checkIn = useCheckIn(conn)
  const [editing, setEditing] = useState<Editing | null>(null)
  const shown = editing

  function download(): void {
    if (!checkIn) return
    const ics = checkInIcs({
      title: readTitle(conn.doc) || 'Alliance',
      checkIn,
      // Their own link, key included: the file is theirs, and a link without a key opens nothing.
      url: `${location.origin}/a/${allianceId}#k=${token}`,
      uid: `${allianceId}-check-in@alliance-canvas`,
    })
    saveFile('alliance-check-in.ics', new Blob([ics], { type: 'text/calendar' }))
  }

  return (
    <section className="check-in" aria-labelledby="check-in-title">
      <h2 id="check-in-title">Next check-in</h2>
      {!editing && checkIn && <CheckInWhen checkIn={checkIn} />}
      {!editing && !checkIn && <p className="hint">Not planned yet.</p>}
      {editing && shown && (
        <form
          className="check-in-form"
          onSubmit={(e) => {
            e.preventDefault()
            const { cadence, ...wall } = editing
            writeCheckIn(conn.doc, { wall, zone: localZone(), cadence }, conn.localOrigin)
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
            Time ({localZone().replace(/_/g, ' ')})
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
                setEditing(
                  checkIn
                    ? { ...checkInWallClock(checkIn, localZone()), cadence: checkIn.cadence }
                    : { date: inTwoWeeks(), time: '10:00', cadence: 'monthly' },
                )
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
