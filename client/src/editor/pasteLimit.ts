import type { Slice } from '@tiptap/pm/model'

/** Room left for the message framing and the rest of the same transaction. */
const HEADROOM = 0.75

const encoder = new TextEncoder()

/**
 * Roughly how many bytes the Yjs update for inserting `slice` takes: its text as UTF-8 plus a
 * few bytes per node and mark. An over-estimate on purpose: refusing a paste that would just
 * have fitted is better than one change that closes the connection.
 */
export function estimatedUpdateBytes(slice: Slice): number {
  let bytes = 0
  slice.content.descendants((node) => {
    bytes += node.isText ? encoder.encode(node.text ?? '').length + 8 + 24 * node.marks.length : 32
  })
  return bytes
}

/** Whether a paste or drop of `slice` would make a message larger than the server takes. */
export const isTooLargeToSend = (slice: Slice, maxMessageBytes: number): boolean =>
  estimatedUpdateBytes(slice) > maxMessageBytes * HEADROOM

/** "2.1 MB", "640 KB": sizes as people read them. */
export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / (1024 * 1024)).toFixed(1)} MB`
    : `${Math.ceil(bytes / 1024)} KB`
}
