import * as Y from 'yjs'
import { seedAlliance } from './schema/allianceDoc'
import type { TemplateId } from './schema/templates'

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

/** A fresh alliance document seeded from a template, as the server creates one. */
export function seededDoc(title = 'T', template: TemplateId = 'coach-client'): Y.Doc {
  const doc = new Y.Doc()
  seedAlliance(doc, { title, template, createdAt: '2026-01-01T00:00:00Z' })
  return doc
}
