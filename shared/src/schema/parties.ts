import type { PartyId } from './ids'

/** A party as every client sees it (server-owned; never written into the CRDT). */
export interface PartyView {
  id: PartyId
  name: string
  color: string
}

/** Distinct, readable on white and on sticky notes; `#rrggbb` so carets accept them. */
export const PARTY_COLORS = [
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
] as const

export function partyColor(position: number): string {
  return PARTY_COLORS[position % PARTY_COLORS.length]!
}

/** The default names when an alliance is created without any: "Party 1", "Party 2". */
export function defaultPartyNames(count = 2): string[] {
  return Array.from({ length: count }, (_, i) => `Party ${i + 1}`)
}
