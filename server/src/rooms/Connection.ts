import type * as Y from 'yjs'
import type { Principal } from '../auth/authenticate'
import type { RoomSocket } from './RoomSocket'

/**
 * Update-carrying messages per connection. A fast typist in Tiptap sends one update per
 * keystroke, 15–20 a second (measured: server/test/updateRate.test.ts); a sync answer or a
 * paste is one message. Past `perSecond` (after a burst) updates wait their turn; more than
 * `queue` waiting closes the connection with 4429.
 */
export const UPDATE_RATE = { perSecond: 50, burst: 100, queue: 100 } as const

/** One socket's state inside a room. */
export class Connection {
  /** Update-carrying messages received so far; what an ack counts. */
  updatesReceived = 0
  /** [seq, count]: once `seq` is durable, the first `count` updates may be acknowledged. */
  readonly ackQueue: Array<[number, number]> = []
  /** Awareness client ids this connection has set; removed when it leaves. */
  readonly awarenessIds = new Set<number>()
  hasBeenToldReadOnly = false
  /**
   * Updates that build on changes the room does not have yet, in arrival order, kept outside
   * the doc until those arrive (`Room.retryHeldUpdates`); this connection's acks wait for them.
   */
  readonly heldUpdates: Array<{ update: Uint8Array; decoded: ReturnType<typeof Y.decodeUpdate> }> =
    []
  heldBytes = 0
  /** Update-carrying messages over the rate, waiting their turn (see `Room.throttle`). */
  readonly throttled: Uint8Array[] = []
  throttleTimer: NodeJS.Timeout | null = null
  readonly updateRate = new TokenBucket(UPDATE_RATE.perSecond, UPDATE_RATE.burst)
  /** Presence changes this connection made (echoes of other clients' states do not count). */
  readonly presenceChanges = new RateWindow()
  /** Every presence message, echoes included: a backstop against a flood of no-ops. */
  readonly presenceMessages = new RateWindow()

  constructor(
    readonly socket: RoomSocket,
    readonly principal: Principal,
    /** Whether the client asked for our extension messages (acks, server state). */
    readonly extensions: boolean,
    private readonly maxBufferedBytes: number,
    private readonly onSlow: (conn: Connection) => void,
  ) {}

  send(bytes: Uint8Array): void {
    if (!this.socket.isOpen()) return
    // A client that stops reading would make us buffer without bound; let it reconnect instead.
    if (this.socket.bufferedBytes() > this.maxBufferedBytes) {
      this.onSlow(this)
      return
    }
    this.socket.send(bytes)
  }
}

/** A token bucket: `burst` events at once, then `perSecond` on average. */
export class TokenBucket {
  private tokens: number
  private last = Date.now()

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
  ) {
    this.tokens = burst
  }

  /** Takes one token if there is one. */
  take(now: number): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) * this.perSecond) / 1000)
    this.last = now
    if (this.tokens < 1) return false
    this.tokens--
    return true
  }
}

/** A fixed one-second window counter. */
export class RateWindow {
  private start = 0
  private count = 0

  /** Counts one event; false once more than `perSecond` happened in the current second. */
  allow(now: number, perSecond: number): boolean {
    if (now - this.start >= 1000) {
      this.start = now
      this.count = 0
    }
    return ++this.count <= perSecond
  }
}
