import type * as Y from 'yjs'
import { getMeta } from './allianceDoc'
import { MetaKeys } from './keys'

export const CADENCES = ['none', 'weekly', 'fortnightly', 'monthly', 'quarterly'] as const
export type Cadence = (typeof CADENCES)[number]

/** The next check-in: a local date and time, and how often it repeats. Not part of the agreement. */
export interface CheckIn {
  date: string
  time: string
  cadence: Cadence
}

const DATE = /^\d{4}-\d{2}-\d{2}$/
const TIME = /^\d{2}:\d{2}$/

export function readCheckIn(doc: Y.Doc): CheckIn | null {
  const value = getMeta(doc).get(MetaKeys.checkIn) as Partial<CheckIn> | undefined
  if (
    !value ||
    typeof value !== 'object' ||
    typeof value.date !== 'string' ||
    !DATE.test(value.date)
  )
    return null
  return {
    date: value.date,
    time: typeof value.time === 'string' && TIME.test(value.time) ? value.time : '10:00',
    cadence: (CADENCES as readonly string[]).includes(value.cadence as string)
      ? (value.cadence as Cadence)
      : 'none',
  }
}

export function writeCheckIn(doc: Y.Doc, checkIn: CheckIn | null, origin: unknown = null): void {
  doc.transact(() => getMeta(doc).set(MetaKeys.checkIn, checkIn), origin)
}
