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
 * The next check-in as an iCalendar file: a one-hour event starting at the check-in's instant,
 * written in UTC (`DTSTART:…Z`) so every calendar shows it in its owner's local time, repeating
 * with the cadence. `url` is the link of the person downloading it, key included: it is their
 * file, and a link without its key cannot open the canvas.
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
  const start = new Date(checkIn.at)
  const end = new Date(start.getTime() + 3600_000)
  const rule = RRULE[checkIn.cadence]
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Alliance Canvas//Check-in//EN',
    'CALSCALE:GREGORIAN',
    'BEGIN:VEVENT',
    `UID:${uid}`,
    `DTSTAMP:${stamp(now)}`,
    `DTSTART:${stamp(start)}`,
    `DTEND:${stamp(end)}`,
    ...(rule ? [`RRULE:${rule}`] : []),
    `SUMMARY:${escapeText(`Alliance check-in: ${title}`)}`,
    `DESCRIPTION:${escapeText(`Revisit your designed alliance together: what is working, what to change, and agree again.\n${url}`)}`,
    `URL:${url}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ]
  return `${lines.map(fold).join('\r\n')}\r\n`
}
