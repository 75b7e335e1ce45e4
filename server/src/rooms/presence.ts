import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { Awareness } from 'y-protocols/awareness'

/** One client's entry in a y-protocols awareness update. `state` null means "gone". */
export interface PresenceEntry {
  clientId: number
  clock: number
  state: unknown
}

/**
 * Decodes a whole awareness update, every state's JSON included, and throws if any part is
 * malformed or bytes trail. y-protocols' `applyAwarenessUpdate` parses and applies entry by
 * entry, so a broken eighth entry would leave the first seven applied (and owned by nobody);
 * the room checks the whole message with this first and applies it only if it is sound.
 */
export function decodePresence(update: Uint8Array): PresenceEntry[] {
  const decoder = decoding.createDecoder(update)
  const count = decoding.readVarUint(decoder)
  const entries: PresenceEntry[] = []
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder)
    const clock = decoding.readVarUint(decoder)
    const state: unknown = JSON.parse(decoding.readVarString(decoder))
    entries.push({ clientId, clock, state })
  }
  if (decoding.hasContent(decoder)) throw new Error('trailing bytes after the presence update')
  return entries
}

/** The inverse of `decodePresence`: an awareness update carrying exactly these entries. */
export function encodePresence(entries: readonly PresenceEntry[]): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, entries.length)
  for (const e of entries) {
    encoding.writeVarUint(encoder, e.clientId)
    encoding.writeVarUint(encoder, e.clock)
    encoding.writeVarString(encoder, JSON.stringify(e.state))
  }
  return encoding.toUint8Array(encoder)
}

/**
 * The entries that change what `awareness` holds: a newer state, or the removal of a state it
 * has. The rest are echoes (y-websocket sends every change it hears back) and must not touch
 * anything: applied, a removal of a client we already forgot would be remembered again.
 */
export function presenceNews(
  awareness: Awareness,
  entries: readonly PresenceEntry[],
): PresenceEntry[] {
  return entries.filter((e) => {
    const clock = awareness.meta.get(e.clientId)?.clock ?? 0
    return e.state === null ? awareness.states.has(e.clientId) && clock <= e.clock : clock < e.clock
  })
}
