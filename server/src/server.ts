import http from 'node:http'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { CloseCode } from '../../shared/src/protocol/closeCodes'
import type { Schema } from '../../shared/src/schema/migrations'
import { AgreementService } from './agreements/AgreementService'
import { AllianceService } from './alliances/AllianceService'
import type { Config } from './config'
import { createApp } from './http/app'
import { createLogger, type Logger } from './log'
import { createMetrics } from './metrics'
import type { RoomLimits } from './rooms/Room'
import { RoomRegistry } from './rooms/RoomRegistry'
import { WriteFlusher } from './rooms/WriteFlusher'
import type { AllianceStore } from './store/AllianceStore'
import { SqliteStore } from './store/SqliteStore'
import { attachWebsocket } from './ws/attachWebsocket'
import { originPolicy } from './ws/origin'

const here = path.dirname(fileURLToPath(import.meta.url))
export const DEFAULT_CLIENT_DIR = path.resolve(here, '../../dist/client')

export interface RunningServer {
  port: number
  /** http://host:port, for tests and the start-up log line. */
  url: string
  store: AllianceStore
  registry: RoomRegistry
  logger: Logger
  /** Graceful stop: refuse new work, store everything, close sockets with 1012, close storage. */
  close(): Promise<void>
}

export interface ServerOptions {
  store?: AllianceStore
  logger?: Logger
  clientDir?: string
  limits?: Partial<RoomLimits>
  /** The document schema and its migrations (tests use their own list). */
  schema?: Schema
}

/** Starts the whole server (HTTP, websockets, rooms, storage) and resolves once it listens. */
export async function startServer(
  config: Config,
  options: ServerOptions = {},
): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config.logLevel)
  const store =
    options.store ?? SqliteStore.open(config.dataDir, { synchronous: config.sqliteSynchronous })
  const metrics = createMetrics()
  const flusher = new WriteFlusher(store, metrics, logger)
  let service: AllianceService | null = null
  const registry = new RoomRegistry({
    store,
    logger,
    metrics,
    flusher,
    unloadAfterMs: config.unloadAfterMs,
    limits: {
      maxDocBytes: config.maxDocBytes,
      maxPendingBytes: 64 * 1024 * 1024,
      maxAwarenessBytes: 16 * 1024,
      maxAwarenessClients: 8,
      awarenessPerSecond: 60,
      maxBufferedBytes: 16 * 1024 * 1024,
      compactEvery: 500,
      ...options.limits,
    },
    sharedState: (id) => service!.sharedState(id),
    ...(options.schema ? { schema: options.schema } : {}),
  })
  service = new AllianceService(store, registry)
  const agreements = new AgreementService(store, registry, service)
  let draining = false
  // Every open websocket, counted by ws itself (upgrades we handle never emit 'connection').
  let openSockets = (): number => 0

  const app = createApp({
    store,
    service,
    agreements,
    logger,
    metrics,
    createToken: config.createToken,
    publicUrl: config.publicUrl,
    clientDir: options.clientDir ?? DEFAULT_CLIENT_DIR,
    health: () => ({
      ok: !draining,
      alliancesLoaded: registry.size,
      connections: openSockets(),
      storage: flusher.isFailing ? 'failing' : 'ok',
    }),
  })
  const server = http.createServer(app)
  const wss = attachWebsocket(server, {
    store,
    registry,
    logger,
    metrics,
    maxMessageBytes: config.maxMessageBytes,
    maxConnectionsPerIp: config.maxConnectionsPerIp,
    origins: originPolicy(config.allowedOrigins, config.publicUrl),
    isDraining: () => draining,
  })
  openSockets = () => wss.clients.size

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(config.port, config.host, () => resolve())
    })
  } catch (error) {
    // Nothing was served: release the database so the caller can report and exit cleanly.
    wss.close()
    if (!options.store) await store.close()
    throw error
  }
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : config.port
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host

  let closing: Promise<void> | null = null
  return {
    port,
    url: `http://${host}:${port}`,
    store,
    registry,
    logger,
    close: () =>
      (closing ??= (async () => {
        draining = true
        server.close()
        await registry.closeAll(CloseCode.ServiceRestart, 'server restarting')
        wss.close()
        server.closeAllConnections()
        await store.close()
      })()),
  }
}
