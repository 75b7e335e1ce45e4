/**
 * Benchmark instrumentation (`npm run bench:client`): counts renders of a component, but only
 * when the page has asked for it by defining `window.__allianceRenders`. Otherwise a no-op, so
 * the production build carries one property read per render and nothing else.
 */
export function countRender(name: string): void {
  const counts = (globalThis as { __allianceRenders?: Record<string, number> }).__allianceRenders
  if (counts) counts[name] = (counts[name] ?? 0) + 1
}
