import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { IndexeddbPersistence } from 'y-indexeddb'
import * as awarenessProtocol from 'y-protocols/awareness'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { createCanvasUndoManager } from '../../../shared/src/ops/undo'
import { getSectionsArray } from '../../../shared/src/schema/allianceDoc'
import { isSchemaTooNew } from '../../../shared/src/schema/migrations'
import { describeClose, isPermanentClose } from '../../../shared/src/protocol/closeCodes'
import {
  EXTENSIONS_PARAM,
  EXTENSIONS_VALUE,
  MessageType,
} from '../../../shared/src/protocol/messages'
import { SaveTracker, trackingWebSocket } from '../../../shared/src/protocol/saveTracker'
import type { ServerState } from '../../../shared/src/protocol/serverState'

export type ConnectionPhase = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'closed'

export interface SyncStatus {
  phase: ConnectionPhase
  /** The canvas has content to show (from the server or from this device's offline copy). */
  ready: boolean
  /** Everything this person changed is durably stored on the server. */
  saved: boolean
  /** Changes made while disconnected, kept on this device until they are saved. */
  hasOfflineChanges: boolean
  /** Why the server closed the connection, in words a person understands. */
  message: string | null
  closeCode: number | null
  /** The server refused an edit (observers). */
  readOnlyNotice: string | null
  /** The document has a newer schema than this code knows: show it, never write to it. */
  schemaTooNew: boolean
}

type Listener = () => void

/** At most 20 presence messages a second leave this client (the server relays up to 60). */
const PRESENCE_INTERVAL_MS = 50

/**
 * One alliance's live connection: the Y.Doc, the y-websocket provider (with our acks and
 * server-state messages), an IndexedDB copy for offline edits, and the canvas undo manager.
 * This is the only code in the client that opens a WebSocket.
 */
export class AllianceConnection {
  readonly doc = new Y.Doc()
  readonly provider: WebsocketProvider
  readonly awareness: awarenessProtocol.Awareness
  readonly tracker = new SaveTracker()
  /** Origin of this person's structural edits; the canvas undo tracks only these. */
  readonly localOrigin = { source: 'canvas' }
  readonly undo: Y.UndoManager
  private readonly offlineCopy: IndexeddbPersistence | null
  private serverState: ServerState | null
  /** Per alliance and link: the same browser may open one alliance with several links. */
  private readonly cacheKey: string
  private status: SyncStatus = {
    phase: 'connecting',
    ready: false,
    saved: false,
    hasOfflineChanges: false,
    message: null,
    closeCode: null,
    readOnlyNotice: null,
    schemaTooNew: false,
  }
  private everConnected = false
  private readonly statusListeners = new Set<Listener>()
  private readonly stateListeners = new Set<Listener>()
  private readonly cleanups: Array<() => void> = []

  constructor(
    readonly allianceId: string,
    token: string,
  ) {
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`
    this.cacheKey = `alliance-canvas:state:${allianceId}:${token.slice(0, 8)}`
    this.serverState = readCachedState(this.cacheKey)
    this.provider = new WebsocketProvider(url, allianceId, this.doc, {
      params: { token, [EXTENSIONS_PARAM]: EXTENSIONS_VALUE },
      WebSocketPolyfill: trackingWebSocket(WebSocket, this.tracker),
      // The server is the one source of truth; tabs sync through it, not around it.
      disableBc: true,
      maxBackoffTime: 5000,
    })
    this.awareness = this.provider.awareness
    this.undo = createCanvasUndoManager(this.doc, this.localOrigin)
    this.offlineCopy =
      typeof indexedDB === 'undefined'
        ? null
        : new IndexeddbPersistence(`alliance-canvas:${allianceId}`, this.doc)
    // Offline copy loaded: with content, the canvas can show before (or without) the server.
    this.offlineCopy?.once('synced', () =>
      this.update({ ready: this.status.ready || getSectionsArray(this.doc).length > 0 }),
    )

    this.installMessageHandlers()
    this.sendOnlyOwnPresence()
    this.watch()
  }

  private installMessageHandlers(): void {
    this.provider.messageHandlers[MessageType.Ack] = (_encoder, decoder) => {
      this.tracker.noteAck(decoding.readVarUint(decoder))
    }
    this.provider.messageHandlers[MessageType.ServerState] = (_encoder, decoder) => {
      const json = decoding.readVarString(decoder)
      this.serverState = JSON.parse(json) as ServerState
      // Kept so the canvas (its party columns) can open offline next time.
      writeCachedState(this.cacheKey, json)
      for (const listener of this.stateListeners) listener()
    }
    this.provider.messageHandlers[MessageType.Auth] = (_encoder, decoder) => {
      decoding.readVarUint(decoder)
      this.update({ readOnlyNotice: decoding.readVarString(decoder) })
    }
  }

  /**
   * y-websocket sends every awareness change it sees, other people's included, back to the
   * server: in a room of n people that is n times the traffic. Send only our own, and at most
   * every PRESENCE_INTERVAL_MS (presence is "latest state wins", so the last one is enough).
   */
  private sendOnlyOwnPresence(): void {
    this.awareness.off('update', this.provider._awarenessUpdateHandler)
    let lastSent = 0
    let timer: ReturnType<typeof setTimeout> | null = null
    const send = (): void => {
      timer = null
      const ws = this.provider.ws
      if (!this.provider.wsconnected || !ws || ws.readyState !== WebSocket.OPEN) return
      lastSent = Date.now()
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, MessageType.Awareness)
      encoding.writeVarUint8Array(
        encoder,
        awarenessProtocol.encodeAwarenessUpdate(this.awareness, [this.doc.clientID]),
      )
      ws.send(encoding.toUint8Array(encoder))
    }
    const onUpdate = (_changes: unknown, origin: unknown): void => {
      if (origin !== 'local' || timer) return
      const wait = PRESENCE_INTERVAL_MS - (Date.now() - lastSent)
      if (wait <= 0) send()
      else timer = setTimeout(send, wait)
    }
    this.awareness.on('update', onUpdate)
    this.cleanups.push(() => {
      this.awareness.off('update', onUpdate)
      if (timer) clearTimeout(timer)
    })
  }

  private watch(): void {
    const onStatus = ({ status }: { status: string }): void => {
      if (status === 'connected') {
        this.everConnected = true
        this.update({ message: null, closeCode: null })
      }
      this.refresh()
    }
    const onSync = (): void => {
      if (this.provider.synced) this.update({ ready: true })
      this.refresh()
    }
    const onClose = (event: CloseEvent | null): void => {
      if (!event) return this.refresh()
      const permanent = isPermanentClose(event.code)
      const message = event.code >= 4000 || event.code === 1012 ? describeClose(event.code) : null
      this.update({ closeCode: event.code, message, ...(permanent ? { phase: 'closed' } : {}) })
      this.refresh()
    }
    const onDocUpdate = (_update: Uint8Array, origin: unknown): void => {
      this.update({ schemaTooNew: isSchemaTooNew(this.doc) })
      if (origin === this.provider || origin === this.offlineCopy) return
      if (!this.provider.wsconnected || !navigator.onLine) this.update({ hasOfflineChanges: true })
    }
    const onNetwork = (): void => {
      if (navigator.onLine && this.status.phase !== 'closed') {
        // Back online: reconnect now rather than when the provider's backoff timer fires. A
        // socket that looked open throughout may have lost what was sent meanwhile, so with
        // anything unacknowledged start a fresh one: its sync sends whatever the server lacks.
        if (this.provider.wsconnected && !this.tracker.isSaved) this.provider.disconnect()
        this.provider.connect()
      }
      this.refresh()
    }
    this.provider.on('status', onStatus)
    this.provider.on('sync', onSync)
    this.provider.on('connection-close', onClose)
    this.doc.on('update', onDocUpdate)
    const untrack = this.tracker.subscribe(() => this.refresh())
    window.addEventListener('online', onNetwork)
    window.addEventListener('offline', onNetwork)
    this.cleanups.push(() => {
      this.provider.off('status', onStatus)
      this.provider.off('sync', onSync)
      this.provider.off('connection-close', onClose)
      this.doc.off('update', onDocUpdate)
      untrack()
      window.removeEventListener('online', onNetwork)
      window.removeEventListener('offline', onNetwork)
    })
  }

  private refresh(): void {
    if (this.status.phase === 'closed') return
    const connected = this.provider.wsconnected
    const phase: ConnectionPhase = !navigator.onLine
      ? 'offline'
      : connected
        ? 'connected'
        : this.everConnected
          ? 'reconnecting'
          : 'connecting'
    const saved = phase === 'connected' && this.provider.synced && this.tracker.isSaved
    const unsentKeptHere = phase !== 'connected' && !this.tracker.isSaved
    this.update({
      phase,
      saved,
      ...(saved ? { hasOfflineChanges: false } : unsentKeptHere ? { hasOfflineChanges: true } : {}),
    })
  }

  private update(patch: Partial<SyncStatus>): void {
    const next = { ...this.status, ...patch }
    const changed = (Object.keys(next) as Array<keyof SyncStatus>).some(
      (k) => next[k] !== this.status[k],
    )
    if (!changed) return
    this.status = next
    for (const listener of this.statusListeners) listener()
  }

  /** Try again after a permanent close (for example, a change that was too large was undone). */
  reconnect(): void {
    this.status = { ...this.status, phase: 'connecting', message: null, closeCode: null }
    this.provider.connect()
    this.refresh()
  }

  readonly subscribeStatus = (listener: Listener): (() => void) => {
    this.statusListeners.add(listener)
    return () => this.statusListeners.delete(listener)
  }
  readonly getStatus = (): SyncStatus => this.status

  readonly subscribeServerState = (listener: Listener): (() => void) => {
    this.stateListeners.add(listener)
    return () => this.stateListeners.delete(listener)
  }
  readonly getServerState = (): ServerState | null => this.serverState

  destroy(): void {
    for (const cleanup of this.cleanups.splice(0)) cleanup()
    this.undo.destroy()
    this.provider.destroy()
    void this.offlineCopy?.destroy()
    this.doc.destroy()
  }
}

function readCachedState(key: string): ServerState | null {
  try {
    const json = localStorage.getItem(key)
    return json ? (JSON.parse(json) as ServerState) : null
  } catch {
    // No cached state is the normal case on a first visit.
    return null
  }
}

function writeCachedState(key: string, json: string): void {
  try {
    localStorage.setItem(key, json)
  } catch {
    // Storage full or disabled: the cache only helps offline starts.
  }
}
