import type { Logger } from '../log'
import type { Metrics } from '../metrics'
import type { AllianceStore } from '../store/AllianceStore'
import type { PendingUpdate, Room } from './Room'

/**
 * Appends the updates of one event-loop turn, across every room, in one store transaction.
 * One batch is in flight at a time. A failed append (locked database, full disk) is put back
 * and retried with backoff; until it succeeds nothing in it is broadcast or acknowledged.
 */
export class WriteFlusher {
  private readonly dirty = new Set<Room>()
  private timer: NodeJS.Immediate | NodeJS.Timeout | null = null
  private running: Promise<void> | null = null
  private failures = 0

  constructor(
    private readonly store: AllianceStore,
    private readonly metrics: Metrics,
    private readonly log: Logger,
  ) {}

  /** True while appends are failing: the server is up but cannot save. */
  get isFailing(): boolean {
    return this.failures > 0
  }

  schedule(room: Room): void {
    this.dirty.add(room)
    this.kick()
  }

  private kick(): void {
    if (this.timer || this.running) return
    const run = (): void => {
      this.timer = null
      this.running = this.flushOnce().finally(() => {
        this.running = null
        if (this.dirty.size) this.kick()
      })
    }
    this.timer = this.failures
      ? setTimeout(run, Math.min(2000, 25 * 2 ** this.failures))
      : setImmediate(run)
  }

  private async flushOnce(): Promise<void> {
    const batches: Array<{ room: Room; taken: PendingUpdate[] }> = []
    for (const room of this.dirty) {
      const taken = room.takePending()
      this.dirty.delete(room)
      // null: that room has a batch in flight or is compacting; it reschedules itself after.
      if (taken === null) continue
      if (taken.length === 0) room.commit(taken)
      else batches.push({ room, taken })
    }
    if (batches.length === 0) return
    const stop = this.metrics.flushSeconds.startTimer()
    try {
      await this.store.appendUpdates(
        batches.map(({ room, taken }) => ({
          allianceId: room.id,
          updates: taken.map((p) => p.update),
        })),
      )
    } catch (error) {
      this.failures++
      this.metrics.flushFailures.inc()
      if (this.failures === 1 || this.failures % 20 === 0) {
        this.log.error({ err: error, failures: this.failures }, 'cannot store updates; retrying')
      }
      for (const { room, taken } of batches) {
        room.requeue(taken)
        this.dirty.add(room)
      }
      return
    }
    stop()
    if (this.failures) this.log.info({ failures: this.failures }, 'storing updates again')
    this.failures = 0
    let count = 0
    let bytes = 0
    for (const { room, taken } of batches) {
      count += taken.length
      for (const p of taken) bytes += p.update.length
      room.commit(taken)
    }
    this.metrics.updates.inc(count)
    this.metrics.updateBytes.inc(bytes)
  }

  /** Resolves once every room's updates are stored; rejects if storage keeps failing. */
  async drain(deadline = Date.now() + 8000): Promise<void> {
    while (this.dirty.size || this.running || this.timer) {
      if (Date.now() > deadline)
        throw new Error('storage did not accept the remaining updates in time')
      if (this.running) {
        await this.running
        continue
      }
      if (this.timer) {
        clearTimeout(this.timer as NodeJS.Timeout)
        clearImmediate(this.timer as NodeJS.Immediate)
        this.timer = null
      }
      if (this.failures) await new Promise((resolve) => setTimeout(resolve, 50))
      this.running = this.flushOnce().finally(() => {
        this.running = null
      })
    }
  }
}
