import * as decoding from 'lib0/decoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { CloseCode } from '../../../shared/src/protocol/closeCodes'
import { MessageType, SyncType } from '../../../shared/src/protocol/messages'
import type { LastRestore, ServerState } from '../../../shared/src/protocol/serverState'
import type { AllianceId } from '../../../shared/src/schema/ids'
import { getMeta } from '../../../shared/src/schema/allianceDoc'
import { MetaKeys } from '../../../shared/src/schema/keys'
import {
  CURRENT_SCHEMA,
  migrateDoc,
  schemaVersionOf,
  type Schema,
} from '../../../shared/src/schema/migrations'
import { canEdit, type Principal } from '../auth/authenticate'
import type { Logger } from '../log'
import type { Metrics } from '../metrics'
import type { AllianceStore } from '../store/AllianceStore'
import { Connection, UPDATE_RATE } from './Connection'
import {
  ackMessage,
  awarenessMessage,
  permissionDeniedMessage,
  serverStateMessage,
  syncMessage,
} from './messages'
import { decodePresence, encodePresence, presenceNews } from './presence'
import { lacksDependencies } from './dependencies'
import { replayStored } from './replay'
import type { RoomSocket } from './RoomSocket'

/** Updates one connection may have waiting for changes the room lacks; past this, 4509. */
const MAX_HELD_UPDATES = 64
const MAX_HELD_UPDATE_BYTES = 4 * 1024 * 1024

/** Messages held while the doc is rebuilt (a few milliseconds); past this, senders retry later. */
const MAX_HELD_MESSAGES = 10_000

/** A well-formed message is read to its last byte; trailing bytes mean it is not one of ours. */
function expectEnd(decoder: decoding.Decoder): void {
  if (decoding.hasContent(decoder)) throw new Error('trailing bytes after the message')
}

export interface RoomLimits {
  maxDocBytes: number
  /** Updates applied in memory but not yet stored; past this, writers are asked to come back. */
  maxPendingBytes: number
  maxAwarenessBytes: number
  maxAwarenessClients: number
  awarenessPerSecond: number
  maxBufferedBytes: number
  /** Compact the update log after this many stored updates. */
  compactEvery: number
}

export interface RoomDeps {
  store: AllianceStore
  logger: Logger
  metrics: Metrics
  limits: RoomLimits
  scheduleFlush(room: Room): void
  onEmpty(room: Room): void
  /** The server-owned state of an alliance, the same for every connection but for `you`. */
  sharedState(id: AllianceId): Promise<Omit<ServerState, 'you'>>
  /** The document schema this server writes; tests hand in their own migration list. */
  schema?: Schema
}

/** An update applied to the in-memory doc, waiting to be appended to the log. */
export interface PendingUpdate {
  seq: number
  update: Uint8Array
  origin: Connection | null
  /** False for bytes stored only for durability (they wait on updates the server lacks). */
  broadcast: boolean
}

/**
 * One open alliance: its Y.Doc, its awareness, and the sockets connected to it.
 *
 * The write path keeps one invariant: nobody sees an update before it is durably stored. An
 * accepted update is applied to the doc and queued with a sequence number; the flusher appends
 * the queue to the log; only then (`commit`) is the update broadcast and acknowledged. Anything
 * else derived from the doc (sync replies, the state vector a client diffs against) is computed
 * at once but held back (`whenDurable`) until everything it may contain is stored.
 */
export class Room {
  /** Replaced only by `rebuild`, after an update failed half-way; read it afresh each time. */
  doc = new Y.Doc()
  readonly awareness = new awarenessProtocol.Awareness(this.doc)
  /** While applying a client's update: what the doc emits, queued only if the apply succeeds. */
  private captured: Uint8Array[] | null = null
  /** Set while the doc is rebuilt from storage; messages and readers wait for it. */
  private rebuilding: Promise<void> | null = null
  private held: Array<[RoomSocket, Uint8Array]> = []
  /** Connections with updates waiting for changes the room lacks (see `holdUpdate`). */
  private readonly withHeldUpdates = new Set<Connection>()
  private readonly conns = new Map<RoomSocket, Connection>()
  /** Which connection speaks for each presence client id: its state leaves with it. */
  private readonly presenceOwners = new Map<number, Connection>()
  private pending: PendingUpdate[] = []
  private inflight: PendingUpdate[] | null = null
  private pendingBytes = 0
  private seq = 0
  private durableSeq = 0
  private readonly waiting: Array<{ seq: number; run: () => void }> = []
  private readonly acking = new Set<Connection>()
  private storedBytes = 0
  private sinceCompaction = 0
  private compacting = false
  /** Written by a newer server: readable, never written by this one (close 4426). */
  private isSchemaTooNew = false
  /** The document's schema version once loaded; only the server changes it (by migrating). */
  private schemaVersion = 0
  private readonly log: Logger
  /** Who last restored a version, told with the server state (SPEC AG17); news, not record. */
  lastRestore: LastRestore | null = null

  private constructor(
    readonly id: AllianceId,
    private readonly deps: RoomDeps,
  ) {
    this.log = deps.logger.child({ alliance: id })
    // The server has no presence of its own.
    this.awareness.setLocalState(null)
  }

  /** Loads an alliance from storage. Throws rather than ever returning an empty stand-in. */
  static async load(id: AllianceId, deps: RoomDeps): Promise<Room> {
    const stored = await deps.store.loadDoc(id)
    const room = new Room(id, deps)
    const { poisoned } = replayStored(room.doc, stored)
    if (poisoned.length) {
      room.log.error({ seqs: poisoned }, 'stored updates cannot be applied; quarantined')
      await deps.store.quarantine(id, poisoned, 'failed to apply on load')
      deps.metrics.quarantined.inc(poisoned.length)
    }
    room.storedBytes =
      (stored.state?.length ?? 0) + stored.log.reduce((n, row) => n + row.data.length, 0)
    room.sinceCompaction = stored.log.length
    room.doc.on('update', room.onDocUpdate)
    room.awareness.on('update', room.onAwarenessUpdate)
    room.migrate()
    return room
  }

  /**
   * Brings an older document up to this server's schema (DESIGN §4): one forward edit, queued
   * and stored like any other, so it runs once. A newer document is opened read-only.
   */
  private migrate(): void {
    const outcome = migrateDoc(this.doc, this.deps.schema ?? CURRENT_SCHEMA)
    this.schemaVersion = schemaVersionOf(this.doc)
    if (outcome.status === 'migrated') this.log.info(outcome, 'document schema migrated')
    if (outcome.status === 'too-new') {
      this.isSchemaTooNew = true
      this.log.warn(outcome, 'document schema is newer than this server; opened read-only')
    }
  }

  /** Whether this server may write the document (false when a newer server wrote it). */
  get isWritable(): boolean {
    return !this.isSchemaTooNew
  }

  get connectionCount(): number {
    return this.conns.size
  }

  get hasUnstoredUpdates(): boolean {
    return this.pending.length > 0 || this.inflight !== null
  }

  addConnection(socket: RoomSocket, principal: Principal, extensions: boolean): Connection {
    const conn = new Connection(
      socket,
      principal,
      extensions,
      this.deps.limits.maxBufferedBytes,
      (slow) => this.refuse(slow, CloseCode.TooSlow, 'connection too slow'),
    )
    this.conns.set(socket, conn)
    // Our state vector goes out only once everything it covers is stored: the client then
    // sends back exactly what we lack, and cannot mistake an unstored update for a saved one.
    const sendStep1 = (): void => {
      const step1 = syncMessage(SyncType.Step1, Y.encodeStateVector(this.doc))
      this.whenDurable(() => conn.send(step1))
    }
    if (this.rebuilding) void this.rebuilding.then(sendStep1)
    else sendStep1()
    const present = [...this.awareness.getStates().keys()]
    if (present.length) conn.send(awarenessMessage(this.awareness, present))
    if (extensions) void this.sendServerState([conn])
    return conn
  }

  removeConnection(socket: RoomSocket): void {
    const conn = this.conns.get(socket)
    if (!conn) return
    this.conns.delete(socket)
    this.acking.delete(conn)
    // Never acknowledged; the client's next sync sends them again.
    this.withHeldUpdates.delete(conn)
    conn.throttled.length = 0
    if (conn.throttleTimer) clearTimeout(conn.throttleTimer)
    const owned = [...conn.awarenessIds]
    if (owned.length) awarenessProtocol.removeAwarenessStates(this.awareness, owned, null)
    for (const id of owned) this.disown(id)
    if (this.conns.size === 0) this.deps.onEmpty(this)
  }

  /** Dispatches one binary message. Nothing a client sends may throw out of here. */
  handleMessage(socket: RoomSocket, data: Uint8Array): void {
    const conn = this.conns.get(socket)
    if (!conn) return
    if (this.rebuilding) return this.hold(conn, data)
    try {
      const decoder = decoding.createDecoder(data)
      const type = decoding.readVarUint(decoder)
      switch (type) {
        case MessageType.Sync:
          return this.handleSync(conn, decoder)
        case MessageType.Awareness:
          return this.handleAwareness(conn, decoder)
        case MessageType.QueryAwareness:
          expectEnd(decoder)
          return conn.send(awarenessMessage(this.awareness, [...this.awareness.getStates().keys()]))
        default:
          return this.refuse(conn, CloseCode.BadMessage, `unknown message type ${type}`)
      }
    } catch (error) {
      this.log.debug({ err: error }, 'malformed message')
      this.refuse(conn, CloseCode.BadMessage, 'malformed message')
    }
  }

  private handleSync(conn: Connection, decoder: decoding.Decoder): void {
    const type = decoding.readVarUint(decoder)
    switch (type) {
      case SyncType.Step1: {
        const stateVector = decoding.readVarUint8Array(decoder)
        expectEnd(decoder)
        const reply = syncMessage(SyncType.Step2, Y.encodeStateAsUpdate(this.doc, stateVector))
        return this.whenDurable(() => conn.send(reply))
      }
      case SyncType.Step2:
      case SyncType.Update: {
        const update = decoding.readVarUint8Array(decoder)
        expectEnd(decoder)
        return this.handleUpdate(conn, update)
      }
      default:
        return this.refuse(conn, CloseCode.BadMessage, `unknown sync message ${type}`)
    }
  }

  /** Every update-carrying message goes through the rate limit (`UPDATE_RATE`), in order. */
  private handleUpdate(conn: Connection, update: Uint8Array): void {
    if (conn.throttled.length > 0 || !conn.updateRate.take(Date.now())) {
      return this.throttle(conn, update)
    }
    this.processUpdate(conn, update)
  }

  /** Over the rate: the update waits its turn; too many waiting closes the connection (4429). */
  private throttle(conn: Connection, update: Uint8Array): void {
    if (conn.throttled.length >= UPDATE_RATE.queue) {
      return this.refuse(conn, CloseCode.TooMany, 'too many updates')
    }
    conn.throttled.push(update)
    if (!conn.throttleTimer) this.drainThrottled(conn)
  }

  private drainThrottled(conn: Connection): void {
    conn.throttleTimer = setTimeout(() => {
      conn.throttleTimer = null
      while (conn.throttled.length && !this.rebuilding && conn.updateRate.take(Date.now())) {
        if (!this.conns.has(conn.socket)) return
        try {
          this.processUpdate(conn, conn.throttled.shift()!)
        } catch (error) {
          this.log.debug({ err: error }, 'malformed message')
          return this.refuse(conn, CloseCode.BadMessage, 'malformed message')
        }
      }
      if (conn.throttled.length && this.conns.has(conn.socket)) this.drainThrottled(conn)
    }, 1000 / UPDATE_RATE.perSecond)
  }

  private processUpdate(conn: Connection, update: Uint8Array): void {
    conn.updatesReceived++
    if (!canEdit(conn.principal)) {
      // An empty update (two zero bytes) is how a client answers a sync with nothing to add.
      if (update.length > 2 && !conn.hasBeenToldReadOnly) {
        conn.hasBeenToldReadOnly = true
        conn.send(permissionDeniedMessage('Observers can watch but not edit this canvas.'))
      }
      return this.queueAck(conn)
    }
    if (this.isSchemaTooNew && update.length > 2) {
      return this.refuse(conn, CloseCode.SchemaTooNew, 'the alliance has a newer schema')
    }
    const { maxPendingBytes, maxDocBytes } = this.deps.limits
    if (this.pendingBytes + update.length > maxPendingBytes) {
      return this.refuse(conn, CloseCode.StorageUnavailable, 'storage is behind; retry shortly')
    }
    if (this.storedBytes + this.pendingBytes + update.length > maxDocBytes) {
      return this.refuse(conn, CloseCode.TooBig, 'the alliance document is too large')
    }
    // Decode fully before touching the doc: an update that fails to decode is never applied,
    // so it is never stored or broadcast.
    const decoded = Y.decodeUpdate(update)
    if (lacksDependencies(this.doc, decoded)) return this.holdUpdate(conn, update, decoded)
    if (!this.integrate(conn, update)) return
    // An ack counts this connection's messages in order: none while an earlier one is held.
    if (conn.heldUpdates.length === 0) this.queueAck(conn)
    this.retryHeldUpdates()
  }

  /** Applies an update and queues what it changed; false if its sender was refused for it. */
  private integrate(conn: Connection, update: Uint8Array): boolean {
    for (const emitted of this.applyOrRebuild(update, conn)) this.enqueue(emitted, conn, true)
    if (schemaVersionOf(this.doc) !== this.schemaVersion) {
      // A client wrote the schema version (it could make the alliance read-only for everyone):
      // put it back in the same turn, so storage and every client end with the server's value.
      getMeta(this.doc).set(MetaKeys.schemaVersion, this.schemaVersion)
      this.refuse(conn, CloseCode.Forbidden, 'only the server changes the schema version')
      return false
    }
    return true
  }

  /**
   * An update that builds on changes we lack waits outside the doc (Yjs would keep it "pending"
   * inside, and send it out in every sync reply). Honest clients cause this only in a short
   * race: after a reconnect, what someone types goes out at once, while what they typed offline
   * comes a moment later in their sync answer. Past the cap, the client resyncs (4509).
   */
  private holdUpdate(
    conn: Connection,
    update: Uint8Array,
    decoded: ReturnType<typeof Y.decodeUpdate>,
  ): void {
    if (
      conn.heldUpdates.length >= MAX_HELD_UPDATES ||
      conn.heldBytes + update.length > MAX_HELD_UPDATE_BYTES
    ) {
      return this.refuse(conn, CloseCode.Resync, 'updates build on changes the server lacks')
    }
    conn.heldUpdates.push({ update, decoded })
    conn.heldBytes += update.length
    this.withHeldUpdates.add(conn)
  }

  /** Applies held updates whose dependencies have arrived, in each connection's order. */
  private retryHeldUpdates(): void {
    let progress = true
    while (progress && !this.rebuilding) {
      progress = false
      for (const conn of this.withHeldUpdates) {
        let next = conn.heldUpdates[0]
        while (next && !lacksDependencies(this.doc, next.decoded)) {
          conn.heldUpdates.shift()
          conn.heldBytes -= next.update.length
          try {
            if (!this.integrate(conn, next.update)) return
          } catch (error) {
            this.log.debug({ err: error }, 'held update failed to apply')
            this.refuse(conn, CloseCode.BadMessage, 'malformed message')
            return
          }
          progress = true
          next = conn.heldUpdates[0]
        }
        if (conn.heldUpdates.length === 0) {
          this.withHeldUpdates.delete(conn)
          this.queueAck(conn)
        }
      }
    }
  }

  /**
   * Applies a client's update and returns what the doc emitted, for the caller to queue. Some
   * updates decode but throw half-way through `applyUpdate`, after Yjs integrated (and emitted)
   * part of them. That part is dropped here, and the doc, which now holds it, is rebuilt from
   * what is stored; the throw then closes the sender with 4400. So a refused update is never
   * stored or relayed, and the live doc never differs from storage plus the queue.
   */
  private applyOrRebuild(update: Uint8Array, conn: Connection): Uint8Array[] {
    const captured: Uint8Array[] = []
    this.captured = captured
    try {
      Y.applyUpdate(this.doc, update, conn)
      const { pendingStructs, pendingDs } = this.doc.store
      // `lacksDependencies` should have caught this; if not, the update is refused all the same.
      if (pendingStructs || pendingDs) throw new Error('part of the update cannot be integrated')
    } catch (error) {
      this.rebuild()
      throw error
    } finally {
      this.captured = null
    }
    return captured
  }

  /**
   * Replaces the doc with one loaded from storage, once everything accepted before is stored.
   * Until then messages are held (in order) and `ready()` waits, so nobody reads or writes the
   * doc that holds half an update. Awareness stays: presence is not part of the document.
   */
  private rebuild(): void {
    if (this.rebuilding) return
    this.deps.metrics.rebuilds.inc()
    this.log.warn('an update failed half-way through; rebuilding the document from storage')
    this.doc.off('update', this.onDocUpdate)
    this.rebuilding = (async () => {
      for (;;) {
        await new Promise<void>((resolve) => this.whenDurable(resolve))
        const stored = await this.deps.store.loadDoc(this.id)
        if (this.hasUnstoredUpdates) continue
        const doc = new Y.Doc()
        replayStored(doc, stored)
        doc.on('update', this.onDocUpdate)
        this.doc = doc
        this.awareness.doc = doc
        return
      }
    })()
      .catch((error: unknown) => {
        // Storage cannot be read: nobody may go on with the broken doc; clients reconnect.
        this.log.error({ err: error }, 'could not rebuild the document; closing the room')
        this.closeAll(CloseCode.LoadFailed, 'the alliance must be reloaded')
      })
      .finally(() => {
        this.rebuilding = null
        for (const [socket, data] of this.held.splice(0)) this.handleMessage(socket, data)
      })
  }

  /** Resolves once the doc may be read or written (at once, unless it is being rebuilt). */
  async ready(): Promise<void> {
    while (this.rebuilding) await this.rebuilding
  }

  private hold(conn: Connection, data: Uint8Array): void {
    if (this.held.length >= MAX_HELD_MESSAGES) {
      return this.refuse(conn, CloseCode.StorageUnavailable, 'the alliance is busy; retry shortly')
    }
    this.held.push([conn.socket, data])
  }

  private handleAwareness(conn: Connection, decoder: decoding.Decoder): void {
    const update = decoding.readVarUint8Array(decoder)
    expectEnd(decoder)
    const { maxAwarenessBytes, maxAwarenessClients, awarenessPerSecond } = this.deps.limits
    if (update.length > maxAwarenessBytes) {
      return this.refuse(conn, CloseCode.TooBig, 'presence state too large')
    }
    // y-websocket clients send every remote presence change back (a no-op for us), so in a busy
    // room most presence messages are echoes: only a flood of messages closes the connection.
    const now = Date.now()
    if (!conn.presenceMessages.allow(now, awarenessPerSecond * 10)) {
      return this.refuse(conn, CloseCode.TooMany, 'too many presence messages')
    }
    // Decoded whole (every state's JSON too) before anything is applied: a message that is
    // broken half-way through changes nothing. A throw here closes the socket with 4400.
    const entries = decodePresence(update)
    if (entries.length > maxAwarenessClients) {
      return this.refuse(conn, CloseCode.TooMany, 'too many presence clients')
    }
    const news = presenceNews(this.awareness, entries)
    const claimed = new Set(conn.awarenessIds)
    for (const e of news) if (e.state !== null) claimed.add(e.clientId)
    if (claimed.size > maxAwarenessClients) {
      return this.refuse(conn, CloseCode.TooMany, 'too many presence clients')
    }
    // Past the rate, changes are dropped rather than relayed: presence is "latest state wins",
    // and the next change that fits carries the person's current state anyway.
    if (news.length === 0 || !conn.presenceChanges.allow(now, awarenessPerSecond)) return
    awarenessProtocol.applyAwarenessUpdate(this.awareness, encodePresence(news), conn)
  }

  /** `conn` now speaks for presence client `id` (a reconnecting client takes its id over). */
  private own(conn: Connection, id: number): void {
    const previous = this.presenceOwners.get(id)
    if (previous && previous !== conn) previous.awarenessIds.delete(id)
    this.presenceOwners.set(id, conn)
    conn.awarenessIds.add(id)
  }

  private disown(id: number): void {
    this.presenceOwners.get(id)?.awarenessIds.delete(id)
    this.presenceOwners.delete(id)
  }

  private readonly onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    if (origin instanceof Connection) {
      for (const id of added) this.own(origin, id)
      for (const id of updated) this.own(origin, id)
    }
    // Removed by its client, by its connection leaving, or by y-protocols' 30 s timeout.
    for (const id of removed) this.disown(id)
    // Sent to everyone, the sender included: y-websocket treats its own echo as a keep-alive.
    const message = awarenessMessage(this.awareness, [...added, ...updated, ...removed])
    for (const conn of this.conns.values()) conn.send(message)
    // y-protocols keeps the clock of every client ever seen; forget those that left, so a flood
    // of made-up ids leaves nothing behind (and a client that reconnects is news again).
    for (const id of removed) if (!this.awareness.states.has(id)) this.awareness.meta.delete(id)
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    if (this.captured) this.captured.push(update)
    else this.enqueue(update, origin instanceof Connection ? origin : null, true)
  }

  private enqueue(update: Uint8Array, origin: Connection | null, broadcast: boolean): void {
    this.seq++
    this.pending.push({ seq: this.seq, update, origin, broadcast })
    this.pendingBytes += update.length
    this.deps.scheduleFlush(this)
  }

  /** Runs `run` once everything applied so far is durable; at once if it already is. */
  whenDurable(run: () => void): void {
    if (this.seq <= this.durableSeq) run()
    else this.waiting.push({ seq: this.seq, run })
  }

  private queueAck(conn: Connection): void {
    if (!conn.extensions) return
    const last = conn.ackQueue[conn.ackQueue.length - 1]
    if (last && last[0] === this.seq) last[1] = conn.updatesReceived
    else conn.ackQueue.push([this.seq, conn.updatesReceived])
    this.acking.add(conn)
    if (this.seq <= this.durableSeq) this.releaseAcks()
  }

  private releaseAcks(): void {
    for (const conn of this.acking) {
      let count = -1
      while (conn.ackQueue.length && conn.ackQueue[0]![0] <= this.durableSeq) {
        count = conn.ackQueue.shift()![1]
      }
      if (count >= 0) conn.send(ackMessage(count))
      if (conn.ackQueue.length === 0) this.acking.delete(conn)
    }
  }

  /** Hands the queued updates to the flusher; null while a batch is in flight or compacting. */
  takePending(): PendingUpdate[] | null {
    if (this.inflight || this.compacting) return null
    this.inflight = this.pending
    this.pending = []
    return this.inflight
  }

  /** The batch is durable: now others may see it, and its senders get their acks. */
  commit(batch: PendingUpdate[]): void {
    this.inflight = null
    if (batch.length === 0) return
    let bytes = 0
    for (const item of batch) {
      bytes += item.update.length
      if (!item.broadcast) continue
      const message = syncMessage(SyncType.Update, item.update)
      for (const conn of this.conns.values()) if (conn !== item.origin) conn.send(message)
    }
    this.pendingBytes -= bytes
    this.storedBytes += bytes
    this.sinceCompaction += batch.length
    this.durableSeq = batch[batch.length - 1]!.seq
    while (this.waiting.length && this.waiting[0]!.seq <= this.durableSeq)
      this.waiting.shift()!.run()
    this.releaseAcks()
    if (this.sinceCompaction >= this.deps.limits.compactEvery && this.pending.length === 0) {
      void this.compact()
    }
  }

  /** The batch failed to store: put it back in front, to be retried in the same order. */
  requeue(batch: PendingUpdate[]): void {
    this.inflight = null
    this.pending = batch.concat(this.pending)
  }

  /** Merges the log into one state row. Only with nothing unstored: the state must cover the log. */
  async compact(): Promise<void> {
    if (this.compacting || this.hasUnstoredUpdates || this.rebuilding) return
    this.compacting = true
    try {
      const state = Y.encodeStateAsUpdate(this.doc)
      await this.deps.store.compact(this.id, state)
      this.storedBytes = state.length
      this.sinceCompaction = 0
    } catch (error) {
      this.log.warn({ err: error }, 'compaction failed; the log stays as it is')
    } finally {
      this.compacting = false
      if (this.pending.length) this.deps.scheduleFlush(this)
    }
  }

  /** Pushes the server-owned state (parties, agreements, versions) to every connection. */
  async refreshServerState(): Promise<void> {
    await this.sendServerState([...this.conns.values()].filter((c) => c.extensions))
  }

  /** Reads the state once, then tells each connection who it is. */
  private async sendServerState(conns: Connection[]): Promise<void> {
    if (conns.length === 0) return
    try {
      const shared = await this.deps.sharedState(this.id)
      const lastRestore = this.lastRestore ?? undefined
      for (const conn of conns) {
        const you = { role: conn.principal.role, partyId: conn.principal.partyId }
        conn.send(serverStateMessage({ ...shared, lastRestore, you }))
      }
    } catch (error) {
      this.log.error({ err: error }, 'could not build the server state')
    }
  }

  /** Closes every socket whose principal matches (a removed party, a rotated link). */
  closeWhere(match: (p: Principal) => boolean, code: number, reason: string): void {
    for (const conn of [...this.conns.values()])
      if (match(conn.principal)) this.refuse(conn, code, reason)
  }

  closeAll(code: number, reason: string): void {
    for (const conn of [...this.conns.values()]) {
      conn.socket.close(code, reason)
      this.removeConnection(conn.socket)
    }
  }

  private refuse(conn: Connection, code: number, reason: string): void {
    this.deps.metrics.refused.inc({ code })
    this.log.warn({ code, reason, role: conn.principal.role }, 'closing connection')
    conn.socket.close(code, reason)
    this.removeConnection(conn.socket)
  }

  destroy(): void {
    this.doc.off('update', this.onDocUpdate)
    this.awareness.off('update', this.onAwarenessUpdate)
    this.awareness.destroy()
    this.doc.destroy()
  }
}
