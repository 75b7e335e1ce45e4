import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { readSections, readTitle, seedAlliance } from './allianceDoc'
import { TEMPLATES, TEMPLATE_IDS, isTemplateId } from './templates'

describe('templates', () => {
  it.each(TEMPLATE_IDS)('%s has the core sections of a designed alliance', (id) => {
    const kinds = TEMPLATES[id].sections.map((s) => s.kind)
    expect(kinds).toEqual(expect.arrayContaining(['commitments', 'needs', 'conflict', 'values']))
    const commitments = TEMPLATES[id].sections.find((s) => s.kind === 'commitments')!
    expect(commitments.title).toBe('What you can count on from me')
    expect(commitments.perParty).toBe(true)
    expect(TEMPLATES[id].sections.find((s) => s.kind === 'needs')!.perParty).toBe(true)
  })

  it.each(TEMPLATE_IDS)(
    '%s has unique section ids and guiding questions in every section',
    (id) => {
      const sections = TEMPLATES[id].sections
      expect(new Set(sections.map((s) => s.id)).size).toBe(sections.length)
      for (const s of sections) {
        expect(s.prompts.length).toBeGreaterThanOrEqual(2)
        for (const p of s.prompts) expect(p).toMatch(/\?"?$/)
        expect(s.description.length).toBeGreaterThan(10)
      }
    },
  )

  it.each(TEMPLATE_IDS.filter((id) => TEMPLATES[id].suggestedParties.length > 2))(
    '%s, made for more than two parties, never says "both"',
    (id) => {
      const spec = TEMPLATES[id]
      const words = [
        spec.name,
        spec.summary,
        ...spec.sections.flatMap((s) => [s.title, s.description, ...s.prompts]),
      ]
      for (const text of words) expect(text).not.toMatch(/\bboth\b/i)
    },
  )

  it('asks the questions coaches expect', () => {
    const prompts = TEMPLATE_IDS.flatMap((id) => TEMPLATES[id].sections.flatMap((s) => s.prompts))
    for (const q of [
      'What do you need from me to do your best work?',
      'How do you prefer to receive feedback?',
      'What should we do when we disagree?',
      'How will we know if this relationship is working?',
      'What core values do we share?',
    ]) {
      expect(prompts).toContain(q)
    }
  })

  it('recognises only known template ids', () => {
    expect(isTemplateId('team-charter')).toBe(true)
    expect(isTemplateId('nope')).toBe(false)
    expect(isTemplateId('__proto__')).toBe(false)
  })

  it('seeds the title and the template sections into an empty document', () => {
    const doc = new Y.Doc()
    seedAlliance(doc, { title: 'Sam & Alex', template: 'peers', createdAt: '2026-01-01T00:00:00Z' })
    expect(readTitle(doc)).toBe('Sam & Alex')
    expect(readSections(doc).map((s) => s.kind)).toEqual(
      TEMPLATES.peers.sections.map((s) => s.kind),
    )
    expect(readSections(doc)[0]!.prompts).toEqual(TEMPLATES.peers.sections[0]!.prompts)
  })
})
