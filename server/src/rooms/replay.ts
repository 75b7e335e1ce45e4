import * as Y from 'yjs'
import type { StoredDoc } from '../store/AllianceStore'

/**
 * Applies a stored document (compacted state, then the log in order) to `doc`. A state that
 * fails throws (the load fails, never an empty stand-in); a log row that fails is skipped and
 * its seq returned, for the caller to quarantine.
 */
export function replayStored(doc: Y.Doc, stored: StoredDoc): { poisoned: number[] } {
  if (stored.state) Y.applyUpdate(doc, stored.state)
  const poisoned: number[] = []
  for (const row of stored.log) {
    try {
      Y.decodeUpdate(row.data)
      Y.applyUpdate(doc, row.data)
    } catch {
      poisoned.push(row.seq)
    }
  }
  return { poisoned }
}
