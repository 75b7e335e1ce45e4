import * as decoding from 'lib0/decoding'
import { MessageType, SyncType } from './messages'

/**
 * Tracks what the server has durably stored of what this client sent. The server acknowledges
 * with a count of update-carrying messages (sync step 2 and updates) received on the current
 * socket, so the client counts the same messages as they leave. Saved means every one of them
 * has been acknowledged.
 */
export class SaveTracker {
  sent = 0
  acked = 0
  private readonly listeners = new Set<() => void>()

  /** A new socket: the server counts from zero again. */
  reset(): void {
    this.sent = 0
    this.acked = 0
    this.emit()
  }

  noteOutgoing(data: unknown): void {
    if (carriesUpdate(data)) {
      this.sent++
      this.emit()
    }
  }

  noteAck(count: number): void {
    if (count > this.acked) {
      this.acked = count
      this.emit()
    }
  }

  get isSaved(): boolean {
    return this.acked >= this.sent
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private emit(): void {
    for (const listener of this.listeners) listener()
  }
}

function carriesUpdate(data: unknown): boolean {
  let bytes: Uint8Array
  if (data instanceof Uint8Array) bytes = data
  else if (data instanceof ArrayBuffer) bytes = new Uint8Array(data)
  else return false
  try {
    const decoder = decoding.createDecoder(bytes)
    if (decoding.readVarUint(decoder) !== MessageType.Sync) return false
    const type = decoding.readVarUint(decoder)
    return type === SyncType.Step2 || type === SyncType.Update
  } catch {
    return false
  }
}

interface SocketLike {
  send(data: never): void
}
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the mixin pattern requires any[]
type SocketClass = new (...args: any[]) => SocketLike

/**
 * A WebSocket class for y-websocket's `WebSocketPolyfill` option that reports every outgoing
 * message to `tracker`, and resets it for each new socket. Works with the browser's WebSocket
 * and with Node's `ws`.
 */
export function trackingWebSocket<T extends SocketClass>(Base: T, tracker: SaveTracker): T {
  return class TrackingWebSocket extends Base {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the mixin pattern requires any[]
    constructor(...args: any[]) {
      super(...args)
      tracker.reset()
    }
    override send(data: never): void {
      tracker.noteOutgoing(data)
      super.send(data)
    }
  } as T
}
