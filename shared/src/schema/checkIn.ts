import type * as Y from 'yjs'
import { instantToZoned, isTimeZone, zonedToInstant, type WallClock } from '../ops/zonedTime'
import { getMeta } from './allianceDoc'
import { MetaKeys } from './keys'

export const CADENCES = ['none', 'weekly', 'fortnightly', 'monthly', 'quarterly'] as const
export type Cadence = (typeof CADENCES)[number]

/**
 * The next check-in: one instant, the time zone of the person who planned it, and how often it
 * repeats. Not part of the agreement. Each viewer sees the instant in their own local time.
 */
export interface CheckIn {
  /** ISO 8601 in UTC, e.g. "2026-12-03T08:30:00.000Z". */
  at: string
  /**
   * The planner's IANA zone ("Europe/Berlin"), or null for a check-in stored before zones were
   * recorded: that one is a floating wall-clock time, read in each viewer's own zone.
   */
  zone: string | null
  cadence: Cadence
}

/**
 * What is stored: the instant and zone, plus the planner's wall clock (`date`, `time`), which is
 * all that clients from before time zones read. Adding fields keeps them working, so this is not
 * a schema version change.
 */
interface StoredCheckIn extends Partial<WallClock> {
  at?: unknown
  zone?: unknown
  cadence?: unknown
}

const DATE = /^\d{4}-\d{2}-\d{2}$/
const TIME = /^\d{2}:\d{2}$/

const readCadence = (value: unknown): Cadence =>
  (CADENCES as readonly string[]).includes(value as string) ? (value as Cadence) : 'none'

/**
 * The check-in stored in the document, or null. A stored instant wins; an old floating entry
 * (`date` and `time` only) is read in `viewerZone`, which is what its planner saw too.
 */
export function readCheckIn(doc: Y.Doc, viewerZone: string): CheckIn | null {
  const value = getMeta(doc).get(MetaKeys.checkIn) as StoredCheckIn | undefined
  if (!value || typeof value !== 'object') return null
  const cadence = readCadence(value.cadence)
  if (typeof value.at === 'string' && !Number.isNaN(Date.parse(value.at))) {
    return {
      at: new Date(value.at).toISOString(),
      zone: isTimeZone(value.zone) ? value.zone : null,
      cadence,
    }
  }
  if (typeof value.date !== 'string' || !DATE.test(value.date)) return null
  const time = typeof value.time === 'string' && TIME.test(value.time) ? value.time : '10:00'
  const at = zonedToInstant({ date: value.date, time }, viewerZone)
  return Number.isNaN(at.getTime()) ? null : { at: at.toISOString(), zone: null, cadence }
}

/** Plans the check-in at `wall` in the planner's `zone`, or clears it with null. */
export function writeCheckIn(
  doc: Y.Doc,
  plan: { wall: WallClock; zone: string; cadence: Cadence } | null,
  origin: unknown = null,
): void {
  const stored = plan && {
    at: zonedToInstant(plan.wall, plan.zone).toISOString(),
    zone: plan.zone,
    cadence: plan.cadence,
    ...plan.wall,
  }
  doc.transact(() => getMeta(doc).set(MetaKeys.checkIn, stored), origin)
}

/** The check-in's date and time as clocks in `zone` show them (to edit it there). */
export function checkInWallClock(checkIn: CheckIn, zone: string): WallClock {
  return instantToZoned(new Date(checkIn.at), zone)
}
