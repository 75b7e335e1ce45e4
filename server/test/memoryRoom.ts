import { onTestFinished } from 'vitest'
import * as Y from 'yjs'
import type { AllianceId, PartyId } from '../../shared/src/schema/ids'
import { seedAlliance } from '../../shared/src/schema/allianceDoc'
import { createLogger } from '../src/log'
import { createMetrics } from '../src/metrics'
import { Room, type RoomDeps } from '../src/rooms/Room'
import { WriteFlusher } from '../src/rooms/WriteFlusher'
import type { AllianceStore } from '../src/store/AllianceStore'
import { SqliteStore } from '../src/store/SqliteStore'
import { MemoryClient } from './memorySocket'
import { tempDir } from './helpers'

/** The one party of each test alliance. */
export const partyOf = (id: AllianceId): PartyId => `${id}-p1` as PartyId

/**
 * Rooms wired as the server wires them (real WriteFlusher, real SqliteStore on a temporary
 * file) but without a network: clients are `MemoryClient`s whose messages the test delivers.
 * `wrap` lets a test put a store of its own (one that fails on demand, say) in front.
 */
export async function memoryRooms(wrap: (store: SqliteStore) => AllianceStore = (s) => s) {
  const sqlite = SqliteStore.open(tempDir())
  const store = wrap(sqlite)
  const logger = createLogger('silent')
  const metrics = createMetrics()
  const flusher = new WriteFlusher(store, metrics, logger)
  const deps: RoomDeps = {
    store,
    logger,
    metrics,
    limits: {
      maxDocBytes: 10 * 1024 * 1024,
      maxPendingBytes: 64 * 1024 * 1024,
      maxAwarenessBytes: 16 * 1024,
      maxAwarenessClients: 8,
      awarenessPerSecond: 60,
      maxBufferedBytes: 16 * 1024 * 1024,
      compactEvery: 500,
    },
    scheduleFlush: (room) => flusher.schedule(room),
    onEmpty: () => undefined,
    sharedState: async (id) => ({ allianceId: id, parties: [], agreements: [], versions: [] }),
  }
  const rooms: Room[] = []
  onTestFinished(async () => {
    for (const room of rooms) room.destroy()
    await sqlite.close()
  })

  return {
    sqlite,
    store,
    flusher,
    /** Creates an alliance seeded from a template, as the server does, and loads its room. */
    async open(id = 'A' as AllianceId): Promise<Room> {
      const seed = new Y.Doc()
      seedAlliance(seed, { title: id, template: 'peers', createdAt: '2026-01-01T00:00:00Z' })
      const createdAt = '2026-01-01T00:00:00Z'
      await sqlite.createAlliance({
        alliance: { id, title: id, template: 'peers', createdAt },
        parties: [
          {
            id: partyOf(id),
            allianceId: id,
            name: 'One',
            color: '#000000',
            position: 0,
            createdAt,
          },
        ],
        tokens: [],
        initialUpdate: Y.encodeStateAsUpdate(seed),
      })
      return this.load(id)
    },
    /** Loads a room from what is stored: the fresh load a restart would do. */
    async load(id: AllianceId): Promise<Room> {
      const room = await Room.load(id, deps)
      rooms.push(room)
      return room
    },
    client(room: Room, doc?: Y.Doc): MemoryClient {
      return new MemoryClient(
        room,
        { allianceId: room.id, role: 'party', partyId: partyOf(room.id) },
        doc,
      )
    },
    /** Stores everything queued so far (as the next event-loop turn would). */
    flush: () => flusher.drain(),
  }
}
