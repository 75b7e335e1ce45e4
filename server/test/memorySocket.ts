import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { MessageType } from '../../shared/src/protocol/messages'
import type { Principal } from '../src/auth/authenticate'
import type { Room } from '../src/rooms/Room'
import type { RoomSocket } from '../src/rooms/RoomSocket'

/**
 * The server half of an in-memory socket pair: what the room sends waits in `queue` until the
 * test delivers it by hand, so a test decides exactly when (and in what order) anything arrives.
 */
export class MemorySocket implements RoomSocket {
  readonly queue: Uint8Array[] = []
  closed: { code: number; reason: string } | null = null

  send(bytes: Uint8Array): void {
    if (!this.closed) this.queue.push(bytes)
  }
  close(code: number, reason: string): void {
    this.closed ??= { code, reason }
  }
  isOpen(): boolean {
    return this.closed === null
  }
  bufferedBytes(): number {
    return this.queue.reduce((n, m) => n + m.length, 0)
  }
}

/**
 * A y-websocket-style client on an in-memory socket: the same sync protocol as the provider
 * (step 1 on connect, updates as they happen, replies to the server's step 1), with our acks.
 * Messages in both directions wait in queues that the test flushes with `deliverToServer` and
 * `deliverToClient`. `disconnect` drops whatever is still on the wire, as a broken link does.
 */
export class MemoryClient {
  readonly toServer: Uint8Array[] = []
  socket: MemorySocket | null = null
  /** Update-carrying messages sent on the current socket, and how many the server acknowledged. */
  sent = 0
  acked = 0

  constructor(
    readonly room: Room,
    readonly principal: Principal,
    readonly doc = new Y.Doc(),
  ) {
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === this || !this.socket) return
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, MessageType.Sync)
      syncProtocol.writeUpdate(encoder, update)
      this.push(encoding.toUint8Array(encoder))
    })
  }

  get isConnected(): boolean {
    return this.socket !== null && this.socket.isOpen()
  }

  get toClient(): Uint8Array[] {
    return this.socket?.queue ?? []
  }

  connect(): void {
    this.socket = new MemorySocket()
    this.sent = 0
    this.acked = 0
    this.toServer.length = 0
    this.room.addConnection(this.socket, this.principal, true)
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MessageType.Sync)
    syncProtocol.writeSyncStep1(encoder, this.doc)
    this.push(encoding.toUint8Array(encoder))
  }

  disconnect(): void {
    if (!this.socket) return
    this.room.removeConnection(this.socket)
    this.socket = null
    this.toServer.length = 0
  }

  /** Hands up to `count` queued messages to the room, oldest first. */
  deliverToServer(count = Infinity): void {
    const socket = this.socket
    for (let i = 0; i < count && socket?.isOpen() && this.toServer.length; i++) {
      this.room.handleMessage(socket, this.toServer.shift()!)
    }
  }

  /** Reads up to `count` queued messages from the room, oldest first, answering as a provider does. */
  deliverToClient(count = Infinity): void {
    for (let i = 0; i < count && this.socket && this.socket.queue.length; i++) {
      this.receive(this.socket.queue.shift()!)
    }
  }

  get isSaved(): boolean {
    return this.acked >= this.sent
  }

  private push(message: Uint8Array): void {
    const decoder = decoding.createDecoder(message)
    decoding.readVarUint(decoder)
    const type = decoding.readVarUint(decoder)
    if (type === syncProtocol.messageYjsSyncStep2 || type === syncProtocol.messageYjsUpdate) {
      this.sent++
    }
    this.toServer.push(message)
  }

  private receive(message: Uint8Array): void {
    const decoder = decoding.createDecoder(message)
    switch (decoding.readVarUint(decoder)) {
      case MessageType.Sync: {
        const encoder = encoding.createEncoder()
        encoding.writeVarUint(encoder, MessageType.Sync)
        syncProtocol.readSyncMessage(decoder, encoder, this.doc, this)
        if (encoding.length(encoder) > 1) this.push(encoding.toUint8Array(encoder))
        return
      }
      case MessageType.Ack:
        this.acked = Math.max(this.acked, decoding.readVarUint(decoder))
        return
      default:
        // Presence and server state: not what these tests look at.
        return
    }
  }
}
