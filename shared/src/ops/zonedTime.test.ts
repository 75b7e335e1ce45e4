import { describe, expect, it } from 'vitest'
import { instantToZoned, isTimeZone, zonedToInstant } from './zonedTime'

describe('wall clocks in time zones', () => {
  it('turns a wall-clock time in a zone into one instant, summer and winter', () => {
    const berlinWinter = zonedToInstant({ date: '2026-12-03', time: '09:30' }, 'Europe/Berlin')
    expect(berlinWinter.toISOString()).toBe('2026-12-03T08:30:00.000Z')
    const berlinSummer = zonedToInstant({ date: '2026-07-03', time: '09:30' }, 'Europe/Berlin')
    expect(berlinSummer.toISOString()).toBe('2026-07-03T07:30:00.000Z')
    const newYork = zonedToInstant({ date: '2026-12-03', time: '09:30' }, 'America/New_York')
    expect(newYork.toISOString()).toBe('2026-12-03T14:30:00.000Z')
    const kolkata = zonedToInstant({ date: '2026-12-03', time: '00:15' }, 'Asia/Kolkata')
    expect(kolkata.toISOString()).toBe('2026-12-02T18:45:00.000Z')
  })

  it('reads a skipped spring-forward time with the offset before the jump, a repeated one as its first occurrence', () => {
    const skipped = zonedToInstant({ date: '2026-03-29', time: '02:30' }, 'Europe/Berlin')
    expect(skipped.toISOString()).toBe('2026-03-29T01:30:00.000Z')
    const repeated = zonedToInstant({ date: '2026-10-25', time: '02:30' }, 'Europe/Berlin')
    expect(repeated.toISOString()).toBe('2026-10-25T00:30:00.000Z')
  })

  it('shows an instant as the clocks of each zone read it', () => {
    const at = new Date('2026-12-03T08:30:00Z')
    expect(instantToZoned(at, 'Europe/Berlin')).toEqual({ date: '2026-12-03', time: '09:30' })
    expect(instantToZoned(at, 'America/Los_Angeles')).toEqual({
      date: '2026-12-03',
      time: '00:30',
    })
    expect(instantToZoned(at, 'Pacific/Auckland')).toEqual({ date: '2026-12-03', time: '21:30' })
  })

  it('knows IANA zones and refuses anything else', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true)
    expect(isTimeZone('UTC')).toBe(true)
    expect(isTimeZone('Mars/Olympus')).toBe(false)
    expect(isTimeZone(3)).toBe(false)
  })
})
