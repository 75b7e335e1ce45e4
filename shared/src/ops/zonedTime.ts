/** A wall-clock date and time in some time zone: `2026-12-03` and `09:30`. */
export interface WallClock {
  date: string
  time: string
}

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    formatters.set(zone, formatter)
  }
  return formatter
}

/** Whether `zone` is an IANA time zone this runtime knows ("Europe/Berlin", "UTC"). */
export function isTimeZone(zone: unknown): zone is string {
  if (typeof zone !== 'string' || zone.length === 0 || zone.length > 64) return false
  try {
    formatterFor(zone)
    return true
  } catch {
    // RangeError: not a time zone Intl knows; the caller treats it as missing.
    return false
  }
}

/** The zone's offset from UTC at `instant`, in milliseconds (Berlin in winter: 3,600,000). */
function offsetAt(zone: string, instant: number): number {
  const parts: Record<string, number> = {}
  for (const part of formatterFor(zone).formatToParts(new Date(instant)))
    if (part.type !== 'literal') parts[part.type] = Number(part.value)
  const asUtc = Date.UTC(
    parts.year!,
    parts.month! - 1,
    parts.day!,
    parts.hour!,
    parts.minute!,
    parts.second!,
  )
  return asUtc - Math.floor(instant / 1000) * 1000
}

/**
 * The instant at which clocks in `zone` show `wall`. A wall time skipped by a daylight-saving
 * jump resolves to the same instant a calendar would pick (the offset before the jump); an
 * ambiguous one (the repeated hour) to its first occurrence.
 * @example zonedToInstant({ date: '2026-12-03', time: '09:30' }, 'Europe/Berlin') // 08:30Z
 */
export function zonedToInstant(wall: WallClock, zone: string): Date {
  const [y, mo, d] = wall.date.split('-').map(Number)
  const [h, mi] = wall.time.split(':').map(Number)
  const asUtc = Date.UTC(y!, mo! - 1, d!, h!, mi!)
  // Two offsets around the guess: the first occurrence is the larger offset that fits.
  const candidates = [offsetAt(zone, asUtc - 864e5 / 2), offsetAt(zone, asUtc + 864e5 / 2)]
  for (const offset of candidates.sort((a, b) => b - a)) {
    const instant = asUtc - offset
    if (offsetAt(zone, instant) === offset) return new Date(instant)
  }
  return new Date(asUtc - candidates[candidates.length - 1]!)
}

/** What clocks in `zone` show at `instant`. */
export function instantToZoned(instant: Date, zone: string): WallClock {
  const shifted = new Date(instant.getTime() + offsetAt(zone, instant.getTime()))
  const iso = shifted.toISOString()
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) }
}
