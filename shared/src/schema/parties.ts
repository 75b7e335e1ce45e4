import type { PartyId } from './ids'

/** A party as every client sees it (server-owned; never written into the CRDT). */
export interface PartyView {
  id: PartyId
  name: string
  color: string
}

/**
 * Distinct, and readable (4.5:1) as text on every card colour and behind white text (avatars,
 * caret names); `#rrggbb` so carets accept them.
 */
export const PARTY_COLORS = [
  '#1d4ed8',
  '#9a3412',
  '#166534',
  '#7e22ce',
  '#be185d',
  '#155e75',
  '#854d0e',
  '#4f46e5',
  '#b91c1c',
  '#065f46',
] as const

/** The first palette (before 0.3), too light on some card colours; parties keep their place. */
const EARLIER_COLORS: readonly string[] = [
  '#2563eb',
  '#c2410c',
  '#15803d',
  '#9333ea',
  '#be185d',
  '#0e7490',
  '#a16207',
  '#4f46e5',
  '#b91c1c',
  '#047857',
]

export function partyColor(position: number): string {
  return PARTY_COLORS[position % PARTY_COLORS.length]!
}

/** The colour to show for a stored one: a colour of the first palette becomes its readable twin. */
export function readablePartyColor(stored: string): string {
  const at = EARLIER_COLORS.indexOf(stored.toLowerCase())
  return at === -1 ? stored : PARTY_COLORS[at]!
}

/** The default names when an alliance is created without any: "Party 1", "Party 2". */
export function defaultPartyNames(count = 2): string[] {
  return Array.from({ length: count }, (_, i) => `Party ${i + 1}`)
}
