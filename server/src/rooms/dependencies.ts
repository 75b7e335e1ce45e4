import * as Y from 'yjs'

type Decoded = ReturnType<typeof Y.decodeUpdate>

/**
 * True when a decoded update refers to changes `doc` does not have: a gap before a client's
 * first struct, an origin or parent on another client we lack, or a deletion beyond what we
 * know. Yjs would keep such parts "pending" in memory and integrate them whenever the missing
 * changes arrive, or never; a mutated update lands there easily, and pending parts end up in
 * every sync reply, where they can throw inside other replicas. So the room never applies one.
 * Mirrors Yjs's `Item.getMissing`, against our state plus what the update itself brings.
 */
export function lacksDependencies(doc: Y.Doc, decoded: Decoded): boolean {
  const reach = new Map<number, number>()
  const state = (client: number): number => reach.get(client) ?? Y.getState(doc.store, client)
  // A client's structs come in clock order; each must start where we (or the update) are.
  for (const struct of decoded.structs) {
    if (struct instanceof Y.Skip) return true
    const { client, clock } = struct.id
    if (clock > state(client)) return true
    reach.set(client, Math.max(state(client), clock + struct.length))
  }
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) continue
    const parent = struct.parent instanceof Y.ID ? struct.parent : null
    for (const dep of [struct.origin, struct.rightOrigin, parent]) {
      if (dep && dep.client !== struct.id.client && dep.clock >= state(dep.client)) return true
    }
  }
  for (const [client, deletes] of decoded.ds.clients) {
    for (const d of deletes) if (d.clock + d.len > state(client)) return true
  }
  return false
}
