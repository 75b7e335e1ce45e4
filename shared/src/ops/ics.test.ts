import { describe, expect, it } from 'vitest'
import { checkInIcs } from './ics'

describe('check-in calendar file', () => {
  it('is a valid one-hour event that repeats with the cadence', () => {
    const ics = checkInIcs({
      title: 'Ana; Ben, and a very long alliance title that needs folding across lines in the file',
      checkIn: { date: '2026-12-03', time: '09:30', cadence: 'fortnightly' },
      url: 'https://alliance.example/a/AAAAAAAAAAAAAAAA',
      uid: 'AAAAAAAAAAAAAAAA@alliance-canvas',
      now: new Date('2026-11-21T12:00:00Z'),
    })
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true)
    expect(ics).toContain('DTSTART:20261203T093000\r\n')
    expect(ics).toContain('DTEND:20261203T103000\r\n')
    expect(ics).toContain('RRULE:FREQ=WEEKLY;INTERVAL=2\r\n')
    expect(ics).toContain('DTSTAMP:20261121T120000Z\r\n')
    expect(ics).toContain('SUMMARY:Alliance check-in: Ana\\; Ben\\, and a very long')
    for (const line of ics.split('\r\n'))
      expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75)
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true)
  })

  it('has no repeat rule for a one-off check-in', () => {
    const ics = checkInIcs({
      title: 'T',
      checkIn: { date: '2026-12-03', time: '23:30', cadence: 'none' },
      url: 'u',
      uid: 'x',
    })
    expect(ics).not.toContain('RRULE')
    expect(ics).toContain('DTEND:20261203T235900')
  })
})
