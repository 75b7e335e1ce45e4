import { describe, expect, it } from 'vitest'
import { compareOrder, orderAt } from './order'

describe('orderAt', () => {
  it('places a key before, between and after existing keys', () => {
    const first = orderAt([], 0)
    const after = orderAt([first], 1)
    const before = orderAt([first, after], 0)
    const middle = orderAt([first, after], 1)
    expect([before, first, middle, after]).toEqual([before, first, middle, after].slice().sort())
    expect(new Set([before, first, middle, after]).size).toBe(4)
  })

  it('clamps an index past the end to the end', () => {
    const a = orderAt([], 0)
    expect(orderAt([a], 99) > a).toBe(true)
    expect(orderAt([a], -5) < a).toBe(true)
  })

  it('places a card dropped inside a run of equal keys right after the run', () => {
    const a = orderAt([], 0)
    const c = orderAt([a], 1)
    const key = orderAt([a, a, c], 1)
    expect(key > a).toBe(true)
    expect(key < c).toBe(true)
  })

  it('still returns a key that sorts after a malformed neighbour', () => {
    const key = orderAt(['not a key!'], 1)
    expect(key > 'not a key!').toBe(true)
  })

  it('breaks ties by id so every replica shows the same order', () => {
    const cards = [
      { order: 'a1', id: 'z' },
      { order: 'a1', id: 'b' },
      { order: 'a0', id: 'q' },
    ]
    expect(cards.sort(compareOrder).map((c) => c.id)).toEqual(['q', 'b', 'z'])
  })
})
