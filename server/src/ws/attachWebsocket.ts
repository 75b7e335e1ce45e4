import type { IncomingMessage, Server } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type RawData, type WebSocket } from 'ws'
import { CloseCode } from '../../../shared/src/protocol/closeCodes'
import { AllianceError } from '../../../shared/src/protocol/errors'
import { EXTENSIONS_PARAM, EXTENSIONS_VALUE } from '../../../shared/src/protocol/messages'
import { isAllianceId } from '../../../shared/src/schema/ids'
import { authenticate } from '../auth/authenticate'
import type { Logger } from '../log'
import type { Metrics } from '../metrics'
import type { Room } from '../rooms/Room'
import type { RoomRegistry } from '../rooms/RoomRegistry'
import type { RoomSocket } from '../rooms/RoomSocket'
import type { AllianceStore } from '../store/AllianceStore'
import { isOriginAllowed, type OriginPolicy } from './origin'

export interface WebsocketDeps {
  store: AllianceStore
  registry: RoomRegistry
  logger: Logger
  metrics: Metrics
  maxMessageBytes: number
  maxConnectionsPerIp: number
  origins: OriginPolicy
  isDraining(): boolean
}

/**
 * The largest frame ws reads at all: far above the limit, so that a paste a few times too big
 * still gets our 4413 rather than ws's 1009. Above it a frame is not worth reading to refuse.
 */
export function hardMessageCap(maxMessageBytes: number): number {
  return Math.max(16 * 1024 * 1024, 4 * maxMessageBytes)
}

/** Messages a client may send before its room is ready (auth and load are async). */
const EARLY_MESSAGES_MAX = 100

class WsRoomSocket implements RoomSocket {
  constructor(private readonly ws: WebSocket) {}
  send(bytes: Uint8Array): void {
    this.ws.send(bytes, { binary: true }, () => {
      // A send that fails means the socket is going away; its close handler cleans up.
    })
  }
  close(code: number, reason: string): void {
    this.ws.close(code, reason.slice(0, 120))
  }
  isOpen(): boolean {
    return this.ws.readyState === this.ws.OPEN
  }
  bufferedBytes(): number {
    return this.ws.bufferedAmount
  }
}

const toBytes = (data: RawData): Uint8Array =>
  Array.isArray(data) ? new Uint8Array(Buffer.concat(data)) : new Uint8Array(data as ArrayBuffer)

/** The close code for an error that ends a connection before it joins its room. */
function closeCodeFor(error: unknown): number {
  if (error instanceof AllianceError) {
    switch (error.code) {
      case 'NOT_AUTHENTICATED':
        return CloseCode.Unauthorized
      case 'FORBIDDEN':
        return CloseCode.Forbidden
      case 'ALLIANCE_NOT_FOUND':
        return CloseCode.UnknownAlliance
      default:
        return CloseCode.BadMessage
    }
  }
  return CloseCode.LoadFailed
}

/**
 * Websocket upgrades on /ws/:id. The upgrade is accepted, then checked (alliance id shape, origin,
 * alliance, token) before any document is loaded; a refusal is a close with a fixed 44xx code,
 * which y-websocket treats as permanent and the client shows as a clear message.
 */
export function attachWebsocket(server: Server, deps: WebsocketDeps): WebSocketServer {
  const { logger, metrics } = deps
  // ws closes frames above maxPayload with 1009, a code clients do not explain; up to that hard
  // cap we read the message and close with 4413, which the client shows ("too large to save").
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: hardMessageCap(deps.maxMessageBytes),
    perMessageDeflate: false,
  })
  const perIp = new Map<string, number>()

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy())
    const path = (req.url ?? '').split('?')[0] ?? ''
    if (!path.startsWith('/ws/')) return rejectUpgrade(socket, 404, 'Not Found')
    if (deps.isDraining()) return rejectUpgrade(socket, 503, 'Service Unavailable')
    const ip = req.socket.remoteAddress ?? 'unknown'
    const open = perIp.get(ip) ?? 0
    if (open >= deps.maxConnectionsPerIp) return rejectUpgrade(socket, 429, 'Too Many Requests')
    wss.handleUpgrade(req, socket, head, (ws) => {
      perIp.set(ip, (perIp.get(ip) ?? 0) + 1)
      ws.once('close', () => {
        const left = (perIp.get(ip) ?? 1) - 1
        if (left <= 0) perIp.delete(ip)
        else perIp.set(ip, left)
      })
      void accept(ws, req)
    })
  })

  async function accept(ws: WebSocket, req: IncomingMessage): Promise<void> {
    metrics.connections.inc()
    const socket = new WsRoomSocket(ws)
    const early: Uint8Array[] = []
    let room: Room | null = null
    let closed = false
    const refuse = (code: number, reason: string): void => {
      if (closed) return
      // From here on nothing this socket sends is read; the close handshake finishes on its own.
      closed = true
      early.length = 0
      metrics.refused.inc({ code })
      logger.info({ code, reason }, 'websocket refused')
      ws.close(code, reason)
    }

    ws.on('error', (error) => logger.debug({ err: error }, 'websocket error'))
    ws.on('message', (data, isBinary) => {
      if (closed) return
      if (!isBinary) return refuse(CloseCode.BadMessage, 'text frames are not part of the protocol')
      const bytes = toBytes(data)
      if (bytes.length > deps.maxMessageBytes) return refuse(CloseCode.TooBig, 'message too large')
      if (room) return room.handleMessage(socket, bytes)
      early.push(bytes)
      if (early.length > EARLY_MESSAGES_MAX) {
        refuse(CloseCode.TooMany, 'too many messages before the connection was ready')
      }
    })
    ws.on('close', () => {
      closed = true
      early.length = 0
      metrics.connections.dec()
      room?.removeConnection(socket)
    })

    const url = new URL(req.url ?? '/', 'http://localhost')
    const id = url.pathname.slice('/ws/'.length)
    try {
      // Hostile names (.., %2e%2e, NUL, 10 KB) fail this shape check before any storage access.
      if (!isAllianceId(id)) throw new AllianceError('ALLIANCE_NOT_FOUND', 'unknown alliance')
      if (!isOriginAllowed(req, deps.origins))
        throw new AllianceError('FORBIDDEN', 'origin not allowed')
      if (!(await deps.store.getAlliance(id)))
        throw new AllianceError('ALLIANCE_NOT_FOUND', 'unknown alliance')
      const principal = await authenticate(deps.store, id, url.searchParams.get('token'))
      if (closed) return
      const joined = await deps.registry.acquire(id)
      if (closed) return deps.registry.release(id)
      joined.addConnection(
        socket,
        principal,
        url.searchParams.get(EXTENSIONS_PARAM) === EXTENSIONS_VALUE,
      )
      for (const message of early.splice(0)) joined.handleMessage(socket, message)
      room = joined
    } catch (error) {
      if (!(error instanceof AllianceError))
        logger.error({ err: error, alliance: id }, 'could not open alliance')
      refuse(
        closeCodeFor(error),
        error instanceof AllianceError ? error.message : 'could not open alliance',
      )
    }
  }

  return wss
}

function rejectUpgrade(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
}
