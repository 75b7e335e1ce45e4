import { generateKeyBetween } from 'fractional-indexing'

/**
 * The fractional order key for a card placed at `index` in a list whose keys are `orders`
 * (sorted, the moving card itself excluded). Keys compare as plain strings.
 *
 * Two parties inserting at the same spot at once can produce equal keys. Nothing sorts between
 * equal keys, so a card dropped inside such a run goes right after it; ties are broken by card
 * id everywhere, so every replica still shows the same order.
 */
export function orderAt(orders: readonly string[], index: number): string {
  const i = Math.max(0, Math.min(index, orders.length))
  const before = i > 0 ? (orders[i - 1] ?? null) : null
  let after: string | null = null
  for (let j = i; j < orders.length; j++) {
    const candidate = orders[j]!
    if (before === null || candidate > before) {
      after = candidate
      break
    }
  }
  return keyBetween(before, after)
}

function keyBetween(before: string | null, after: string | null): string {
  try {
    return generateKeyBetween(before, after)
  } catch {
    // A malformed key (written by an old or buggy client) fails validation. Fall back to a key
    // that still sorts after `before`; the order stays deterministic, which is what matters.
    return before === null ? 'a0' : `${before}V`
  }
}

/** Sort order of cards: by key, then by id so equal keys order the same on every replica. */
export function compareOrder(
  a: { order: string; id: string },
  b: { order: string; id: string },
): number {
  if (a.order !== b.order) return a.order < b.order ? -1 : 1
  if (a.id !== b.id) return a.id < b.id ? -1 : 1
  return 0
}
