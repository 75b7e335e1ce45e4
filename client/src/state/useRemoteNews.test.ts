import { describe, expect, it } from 'vitest'
import { describeChanges } from './useRemoteNews'

const titles: Record<string, string> = { needs: 'Needs', values: 'Shared values' }
const title = (id: string): string => titles[id] ?? id

describe('AY3: remote changes told in words', () => {
  it('names who added a card and where', () => {
    expect(describeChanges([{ kind: 'added', sectionId: 'needs', who: 'Jordan' }], title)).toBe(
      'Jordan added a card to Needs.',
    )
  })

  it('gathers several changes of one kind into one sentence', () => {
    const added = { kind: 'added', sectionId: 'needs', who: 'Jordan' } as const
    const removed = { kind: 'removed', sectionId: 'values', who: null } as const
    expect(describeChanges([added, added, added, removed], title)).toBe(
      'Jordan added 3 cards to Needs. A card was removed from Shared values.',
    )
  })

  it('says "and other changes" instead of reading out a long list', () => {
    const many = ['a', 'b', 'c', 'd'].map((who) => ({
      kind: 'added' as const,
      sectionId: 'needs',
      who,
    }))
    expect(describeChanges(many, title)).toBe(
      'a added a card to Needs. b added a card to Needs. c added a card to Needs. And other changes.',
    )
  })
})
