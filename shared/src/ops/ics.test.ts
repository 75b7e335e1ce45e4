import { describe, expect, it } from 'vitest'
import { checkInIcs } from './ics'

describe('check-in calendar file', () => {
  it('is a valid one-hour event in UTC that repeats with the cadence and carries the link with its key', () => {
    const ics = checkInIcs({
      title: 'Ana; Ben, and a very long alliance title that needs folding across lines in the file',
      checkIn: { at: '2026-12-03T08:30:00.000Z', zone: 'Europe/Berlin', cadence: 'fortnightly' },
      url: 'https://alliance.example/a/AAAAAAAAAAAAAAAA#k=abc',
      uid: 'AAAAAAAAAAAAAAAA@alliance-canvas',
      now: new Date('2026-11-21T12:00:00Z'),
    })
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true)
    expect(ics).toContain('DTSTART:20261203T083000Z\r\n')
    expect(ics).toContain('DTEND:20261203T093000Z\r\n')
    expect(ics).toContain('URL:https://alliance.example/a/AAAAAAAAAAAAAAAA#k=abc\r\n')
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
      checkIn: { at: '2026-12-03T23:30:00.000Z', zone: null, cadence: 'none' },
      url: 'u',
      uid: 'x',
    })
    expect(ics).not.toContain('RRULE')
    expect(ics).toContain('DTEND:20261204T003000Z')
  })
})
