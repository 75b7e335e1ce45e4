import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { getMeta } from './allianceDoc'
import { checkInWallClock, readCheckIn, writeCheckIn } from './checkIn'
import { MetaKeys } from './keys'

describe('check-in', () => {
  it('stores one instant with the planner zone, read the same in every zone', () => {
    const doc = new Y.Doc()
    writeCheckIn(doc, {
      wall: { date: '2026-12-03', time: '10:00' },
      zone: 'Europe/Berlin',
      cadence: 'monthly',
    })
    for (const viewer of ['Europe/Berlin', 'America/New_York', 'Asia/Tokyo']) {
      expect(readCheckIn(doc, viewer)).toEqual({
        at: '2026-12-03T09:00:00.000Z',
        zone: 'Europe/Berlin',
        cadence: 'monthly',
      })
    }
    const checkIn = readCheckIn(doc, 'UTC')!
    expect(checkInWallClock(checkIn, 'America/New_York')).toEqual({
      date: '2026-12-03',
      time: '04:00',
    })
  })

  it('keeps the planner wall clock in the stored value, which is all older clients read', () => {
    const doc = new Y.Doc()
    writeCheckIn(doc, {
      wall: { date: '2026-12-03', time: '10:00' },
      zone: 'Europe/Berlin',
      cadence: 'none',
    })
    expect(getMeta(doc).get(MetaKeys.checkIn)).toMatchObject({ date: '2026-12-03', time: '10:00' })
  })

  it('reads an old floating check-in (date and time only) in the viewer zone, without naming a zone', () => {
    const doc = new Y.Doc()
    getMeta(doc).set(MetaKeys.checkIn, { date: '2026-12-03', time: '10:00', cadence: 'weekly' })
    expect(readCheckIn(doc, 'Europe/Berlin')).toEqual({
      at: '2026-12-03T09:00:00.000Z',
      zone: null,
      cadence: 'weekly',
    })
    expect(readCheckIn(doc, 'America/New_York')?.at).toBe('2026-12-03T15:00:00.000Z')
  })

  it('ignores what it cannot read: no date, a bad instant, an unknown zone or cadence', () => {
    const doc = new Y.Doc()
    getMeta(doc).set(MetaKeys.checkIn, { time: '10:00' })
    expect(readCheckIn(doc, 'UTC')).toBeNull()
    getMeta(doc).set(MetaKeys.checkIn, { at: 'soon', date: 'x' })
    expect(readCheckIn(doc, 'UTC')).toBeNull()
    getMeta(doc).set(MetaKeys.checkIn, {
      at: '2026-12-03T09:00:00Z',
      zone: 'Mars/Base',
      cadence: 'daily',
    })
    expect(readCheckIn(doc, 'UTC')).toEqual({
      at: '2026-12-03T09:00:00.000Z',
      zone: null,
      cadence: 'none',
    })
    writeCheckIn(doc, null)
    expect(readCheckIn(doc, 'UTC')).toBeNull()
  })
})
