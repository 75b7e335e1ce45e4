import type { AllianceId } from '../../../shared/src/schema/ids'
import { Room, type RoomDeps } from './Room'
import type { WriteFlusher } from './WriteFlusher'

interface Entry {
  room: Promise<Room>
  /** Set once loaded; lets synchronous callers find a room without awaiting. */
  loaded: Room | null
  unloadTimer: NodeJS.Timeout | null
  /** Holders other than sockets (a REST request reading the draft). */
  holds: number
}

export type RegistryDeps = Omit<RoomDeps, 'scheduleFlush' | 'onEmpty'> & {
  flusher: WriteFlusher
  unloadAfterMs: number
}

/**
 * Which alliances are loaded. A room loads on first use, stays while anyone is connected (or a
 * request holds it), and unloads `unloadAfterMs` after the last one leaves: flushed, compacted,
 * destroyed. A room that fails to load is forgotten, so the next attempt loads it afresh.
 */
export class RoomRegistry {
  private readonly entries = new Map<AllianceId, Entry>()
  private readonly unloading = new Map<AllianceId, Promise<void>>()
  private readonly roomDeps: RoomDeps

  constructor(private readonly deps: RegistryDeps) {
    this.roomDeps = {
      ...deps,
      scheduleFlush: (room) => deps.flusher.schedule(room),
      onEmpty: (room) => this.scheduleUnload(room.id),
    }
  }

  get size(): number {
    return this.entries.size
  }

  /** The loaded room of an alliance, if any (for pushing state to its sockets). */
  peek(id: AllianceId): Room | null {
    return this.entries.get(id)?.loaded ?? null
  }

  /** Loads (or finds) the room and cancels any pending unload. */
  async acquire(id: AllianceId): Promise<Room> {
    const unloading = this.unloading.get(id)
    if (unloading) await unloading.catch(() => undefined)
    let entry = this.entries.get(id)
    if (!entry) {
      const created: Entry = {
        room: Room.load(id, this.roomDeps),
        loaded: null,
        unloadTimer: null,
        holds: 0,
      }
      entry = created
      this.entries.set(id, created)
      created.room.then(
        (room) => {
          created.loaded = room
          this.deps.metrics.alliancesLoaded.set(this.entries.size)
        },
        () => {
          if (this.entries.get(id) === created) this.entries.delete(id)
        },
      )
    }
    if (entry.unloadTimer) {
      clearTimeout(entry.unloadTimer)
      entry.unloadTimer = null
    }
    return entry.room
  }

  /** Runs `fn` with the room loaded, then lets it unload if nobody is connected. */
  async withRoom<T>(id: AllianceId, fn: (room: Room) => Promise<T> | T): Promise<T> {
    const room = await this.acquire(id)
    const entry = this.entries.get(id)!
    entry.holds++
    try {
      await room.ready()
      return await fn(room)
    } finally {
      entry.holds--
      if (room.connectionCount === 0) this.scheduleUnload(id)
    }
  }

  /** For a caller that acquired a room but will not connect to it after all. */
  release(id: AllianceId): void {
    if (this.entries.get(id)?.loaded?.connectionCount === 0) this.scheduleUnload(id)
  }

  private scheduleUnload(id: AllianceId): void {
    const entry = this.entries.get(id)
    if (!entry || entry.unloadTimer || entry.holds > 0) return
    entry.unloadTimer = setTimeout(() => {
      entry.unloadTimer = null
      void this.unload(id)
    }, this.deps.unloadAfterMs)
    entry.unloadTimer.unref()
  }

  private async unload(id: AllianceId): Promise<void> {
    const entry = this.entries.get(id)
    const room = entry?.loaded
    if (!entry || !room || room.connectionCount > 0 || entry.holds > 0) return
    this.entries.delete(id)
    const done = (async () => {
      try {
        await this.deps.flusher.drain()
        await room.compact()
        room.destroy()
      } catch (error) {
        // Storage is failing: keep the room (and its unstored updates) loaded and try later.
        this.deps.logger.error({ err: error, alliance: id }, 'unload postponed')
        this.entries.set(id, entry)
        this.scheduleUnload(id)
      } finally {
        this.unloading.delete(id)
        this.deps.metrics.alliancesLoaded.set(this.entries.size)
      }
    })()
    this.unloading.set(id, done)
    await done
  }

  /** Shutdown: store everything, close every socket with `code`, compact and destroy. */
  async closeAll(code: number, reason: string): Promise<void> {
    let drained = true
    try {
      await this.deps.flusher.drain()
    } catch (error) {
      drained = false
      this.deps.logger.error({ err: error }, 'shutting down with updates that could not be stored')
    }
    const rooms = [...this.entries.values()]
      .map((e) => e.loaded)
      .filter((r): r is Room => r !== null)
    for (const room of rooms) room.closeAll(code, reason)
    await Promise.all([...this.unloading.values()].map((p) => p.catch(() => undefined)))
    for (const room of rooms) {
      if (drained) await room.compact()
      room.destroy()
    }
    for (const entry of this.entries.values())
      if (entry.unloadTimer) clearTimeout(entry.unloadTimer)
    this.entries.clear()
  }
}
