import { describe, expect, it } from 'vitest'
import { PARTY_COLORS, readablePartyColor } from '../../shared/src/schema/parties'
import { FACILITATOR_COLOR, OBSERVER_COLOR } from './palette'
import css from './styles.css?raw'

// The colours that ship: read from the stylesheet itself, so a change there is checked here.
const rootVar = (name: string): string => {
  const match = new RegExp(`--${name}:\\s*(#[0-9a-f]{6})`, 'i').exec(css)
  if (!match) throw new Error(`--${name} is not a #rrggbb colour in styles.css`)
  return match[1]!
}
const cardColors = [...css.matchAll(/--sticky-(\w+):\s*(#[0-9a-f]{6})/gi)].map((m) => ({
  name: m[1]!,
  hex: m[2]!,
}))

/** WCAG 2.x relative luminance and contrast ratio. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  })
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (hi! + 0.05) / (lo! + 0.05)
}

describe('AY6: colour contrast of the palette (WCAG 1.4.3, 4.5:1)', () => {
  it('knows every card colour of the stylesheet', () => {
    expect(cardColors.map((c) => c.name)).toEqual([
      'yellow',
      'pink',
      'blue',
      'green',
      'purple',
      'orange',
      'white',
    ])
  })

  const people = [
    ...PARTY_COLORS.map((c, i) => [`party colour ${i + 1} (${c})`, c] as const),
    ['the facilitator', FACILITATOR_COLOR] as const,
    ['an observer', OBSERVER_COLOR] as const,
  ]
  it.each(people)('%s reads at 4.5:1 as "is writing" text on every card colour', (_name, color) => {
    for (const card of cardColors)
      expect(contrast(color, card.hex), `on ${card.name}`).toBeGreaterThanOrEqual(4.5)
  })

  it.each(people)('white names on %s (avatars, caret labels) read at 4.5:1', (_name, color) => {
    expect(contrast('#ffffff', color)).toBeGreaterThanOrEqual(4.5)
  })

  it('placeholders and drag dots (--ink-faint) read at 4.5:1 on every card colour', () => {
    for (const card of cardColors)
      expect(contrast(rootVar('ink-faint'), card.hex), card.name).toBeGreaterThanOrEqual(4.5)
  })

  it('"✓ agreed" (--ok-ink) reads at 4.5:1 on its light green', () => {
    const agreedBackground = /\.party-agreement\.is-agreed \{[^}]*background: (#[0-9a-f]{6})/i.exec(
      css,
    )![1]!
    expect(contrast(rootVar('ok-ink'), agreedBackground)).toBeGreaterThanOrEqual(4.5)
  })

  it('parties stored with the first, lighter palette are shown in its readable twin', () => {
    expect(readablePartyColor('#2563eb')).toBe(PARTY_COLORS[0])
    expect(readablePartyColor('#047857')).toBe(PARTY_COLORS[9])
    expect(readablePartyColor('#123456')).toBe('#123456')
  })
})
