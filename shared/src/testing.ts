import * as Y from 'yjs'

/** Test helpers for pure, in-memory replicas. Not imported by production code. */
export interface Peer {
  doc: Y.Doc
  name: string
}

export function makePeers(count: number, seedFrom?: Y.Doc): Peer[] {
  return Array.from({ length: count }, (_, i) => {
    const doc = new Y.Doc()
    if (seedFrom) Y.applyUpdate(doc, Y.encodeStateAsUpdate(seedFrom))
    return { doc, name: `peer${i}` }
  })
}

/** Exchanges every missing update between all peers (full mesh, both directions). */
export function syncAll(peers: readonly Peer[]): void {
  for (const a of peers) {
    for (const b of peers) {
      if (a === b) continue
      Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc, Y.encodeStateVector(b.doc)))
    }
  }
}

/** Mulberry32: a tiny seeded PRNG so every random test can be replayed from its seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
