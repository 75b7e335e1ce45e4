import type { CheckIn } from '../schema/checkIn'

const RRULE: Record<CheckIn['cadence'], string | null> = {
  none: null,
  weekly: 'FREQ=WEEKLY',
  fortnightly: 'FREQ=WEEKLY;INTERVAL=2',
  monthly: 'FREQ=MONTHLY',
  quarterly: 'FREQ=MONTHLY;INTERVAL=3',
}

/** RFC 5545 text: backslash, semicolon, comma and newline escaped. */
function escapeText(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r?\n/g, '\\n')
}

/** RFC 5545 folding: lines of at most 75 octets, continued with a leading space. */
function fold(line: string): string {
  const bytes = new TextEncoder().encode(line)
  if (bytes.length <= 75) return line
  const parts: string[] = []
  let current = ''
  let size = 0
  for (const char of line) {
    const n = new TextEncoder().encode(char).length
    if (size + n > (parts.length ? 74 : 75)) {
      parts.push(current)
      current = ''
      size = 0
    }
    current += char
    size += n
  }
  parts.push(current)
  return parts.join('\r\n ')
}

const stamp = (date: Date): string =>
  date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')

/**
 * The next check-in as an iCalendar file: a one-hour event at the local date and time, repeating
 * with the cadence, with the canvas address in the description.
 */
export function checkInIcs({
  title,
  checkIn,
  url,
  uid,
  now = new Date(),
}: {
  title: string
  checkIn: CheckIn
  url: string
  uid: string
  now?: Date
}): string {
  const start = `${checkIn.date.replace(/-/g, '')}T${checkIn.time.replace(':', '')}00`
  const [hours, minutes] = checkIn.time.split(':').map(Number)
  const endHour = String(Math.min(23, hours! + 1)).padStart(2, '0')
  const end = `${checkIn.date.replace(/-/g, '')}T${endHour}${String(hours! >= 23 ? 59 : minutes!).padStart(2, '0')}00`
  const rule = RRULE[checkIn.cadence]
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Alliance Canvas//Check-in//EN',
    'CALSCALE:GREGORIAN',
    'BEGIN:VEVENT',
    `UID:${uid}`,
    `DTSTAMP:${stamp(now)}`,
    `DTSTART:${start}`,
    `DTEND:${end}`,
    ...(rule ? [`RRULE:${rule}`] : []),
    `SUMMARY:${escapeText(`Alliance check-in: ${title}`)}`,
    `DESCRIPTION:${escapeText(`Revisit your designed alliance together: what is working, what to change, and agree again.\n${url}`)}`,
    `URL:${url}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ]
  return `${lines.map(fold).join('\r\n')}\r\n`
}
