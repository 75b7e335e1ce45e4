import { describe, expect, it } from 'vitest'
import { distinctInitials, initials, listNames, summariseNames } from './names'

describe('names', () => {
  it('lists names in words', () => {
    expect(listNames(['Ana'])).toBe('Ana')
    expect(listNames(['Ana', 'Ben', 'Kim'])).toBe('Ana, Ben and Kim')
  })

  it('summarises many names in one short line', () => {
    expect(summariseNames(['Ana', 'Ben', 'Kim'])).toBe('Ana, Ben and Kim')
    expect(summariseNames(['Ana', 'Ben', 'Kim', 'Lea', 'Max', 'Noa', 'Oli'])).toBe(
      'Ana, Ben and 5 others',
    )
  })

  it('takes two letters for an avatar', () => {
    expect(initials('Ana')).toBe('AN')
    expect(initials('Maya  Lind')).toBe('ML')
    expect(initials('  ')).toBe('?')
  })

  it('gives two people with the same initials different avatars: Facilitator and Fatima', () => {
    expect(distinctInitials(['Facilitator', 'Fatima', 'Ben'])).toEqual(['FAC', 'FAT', 'BE'])
    expect(distinctInitials(['Maya Lind', 'Max Lee'])).toEqual(['MLI', 'MLE'])
  })

  it('numbers people whose names are the same', () => {
    const letters = distinctInitials(['Ana', 'Ana', 'Ben', 'Anabel'])
    expect(letters).toEqual(['AN1', 'AN2', 'BE', 'AN3'])
    expect(new Set(letters).size).toBe(4)
  })
})
