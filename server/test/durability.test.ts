import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { bodyToNodes, nodesToText } from '../../shared/src/ops/cardBody'
import { addCard, listCards } from '../../shared/src/ops/cards'
import { CloseCode } from '../../shared/src/protocol/closeCodes'
import type { SectionId } from '../../shared/src/schema/ids'
import { SqliteStore } from '../src/store/SqliteStore'
import {
  connectClient,
  createAlliance,
  killHard,
  spawnServer,
  startTestServer,
  tempDir,
  waitFor,
} from './helpers'

const values = 'values' as SectionId
const texts = (doc: Y.Doc): string[] =>
  listCards(doc, { sectionId: values, partyId: null }).map((c) => nodesToText(bodyToNodes(c.body)))

/** Polls /metrics until the counter `name` reaches `atLeast`. */
async function waitForMetric(url: string, name: string, atLeast: number): Promise<void> {
  const deadline = Date.now() + 10_000
  for (;;) {
    const text = await fetch(`${url}/metrics`).then((r) => r.text())
    const value = Number(new RegExp(`^${name} (\\d+)`, 'm').exec(text)?.[1] ?? 0)
    if (value >= atLeast) return
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${name} >= ${atLeast}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

async function readBack(url: string, id: string, token: string): Promise<string[]> {
  const reader = connectClient(url, id, token)
  await reader.waitForSynced(10_000)
  const result = texts(reader.doc)
  reader.destroy()
  return result
}

describe('durability', () => {
  // Spawns several server processes: on a loaded machine each start takes seconds.
  it(
    'loses nothing when the server is killed (-9) right after a broadcast',
    { timeout: 60_000 },
    async () => {
      const dataDir = tempDir()
      const first = await spawnServer(dataDir)
      const created = await createAlliance(first.url)
      const a = connectClient(first.url, created.id, created.parties[0]!.token)
      const b = connectClient(first.url, created.id, created.parties[1]!.token)
      await Promise.all([a.waitForSynced(), b.waitForSynced()])
      addCard(a.doc, { sectionId: values, partyId: null, text: ['seen by b, then the crash'] })
      await waitFor(() => texts(b.doc).length === 1, 'broadcast at b')
      await killHard(first.child)
      a.destroy()
      b.destroy()

      const second = await spawnServer(dataDir)
      expect(await readBack(second.url, created.id, created.observer.token)).toEqual([
        'seen by b, then the crash',
      ])
    },
  )

  // Spawns several server processes: on a loaded machine each start takes seconds.
  it(
    'keeps every acknowledged update through kill -9 in the middle of an edit storm',
    { timeout: 60_000 },
    async () => {
      const dataDir = tempDir()
      let server = await spawnServer(dataDir)
      const created = await createAlliance(server.url)
      const acked = new Set<string>()
      for (let round = 0; round < 3; round++) {
        const writer = connectClient(server.url, created.id, created.parties[0]!.token)
        await writer.waitForSynced()
        const sentAt = new Map<string, number>()
        const timer = setInterval(() => {
          for (let i = 0; i < 5; i++) {
            const text = `round ${round} card ${sentAt.size}`
            addCard(writer.doc, { sectionId: values, partyId: null, text: [text] })
            sentAt.set(text, writer.tracker.sent)
          }
        }, 5)
        await waitFor(() => writer.tracker.acked > 40, 'some acknowledgements')
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 50))
        const ackedAtKill = writer.tracker.acked
        await killHard(server.child)
        clearInterval(timer)
        for (const [text, sent] of sentAt) if (sent <= ackedAtKill) acked.add(text)
        writer.destroy()
        server = await spawnServer(dataDir)
      }
      const stored = new Set(await readBack(server.url, created.id, created.observer.token))
      const missing = [...acked].filter((t) => !stored.has(t))
      expect(acked.size).toBeGreaterThan(100)
      expect(missing).toEqual([])
    },
  )

  // Spawns several server processes: on a loaded machine each start takes seconds.
  it('stores everything and closes sockets with 1012 on SIGTERM', { timeout: 60_000 }, async () => {
    const dataDir = tempDir()
    const server = await spawnServer(dataDir)
    const created = await createAlliance(server.url)
    const writer = connectClient(server.url, created.id, created.parties[0]!.token)
    await writer.waitForSynced()
    const timer = setInterval(
      () => addCard(writer.doc, { sectionId: values, partyId: null, text: ['storm'] }),
      2,
    )
    await waitFor(() => writer.tracker.acked > 50, 'storm under way')
    const exited = new Promise<number | null>((resolve) =>
      server.child.once('exit', (code) => resolve(code)),
    )
    const started = Date.now()
    server.child.kill('SIGTERM')
    await waitFor(() => writer.closes.length > 0, 'close from the server', 10_000)
    clearInterval(timer)
    expect(writer.closes[0]).toBe(CloseCode.ServiceRestart)
    expect(await exited).toBe(0)
    expect(Date.now() - started).toBeLessThan(10_000)
    const ackedAtClose = writer.tracker.acked
    writer.provider.disconnect()

    const again = await spawnServer(dataDir)
    const stored = await readBack(again.url, created.id, created.observer.token)
    // Every acknowledged card is there (the first acknowledged message is the sync reply).
    expect(stored.length).toBeGreaterThanOrEqual(ackedAtClose - 1)
  })

  it('holds acknowledgements while the database is locked and stores everything after', async () => {
    const server = await startTestServer()
    const created = await createAlliance(server.url)
    const writer = connectClient(server.url, created.id, created.parties[0]!.token)
    const watcher = connectClient(server.url, created.id, created.parties[1]!.token)
    await Promise.all([writer.waitForSaved(), watcher.waitForSynced()])

    const locker = new Database(SqliteStore.fileIn(server.dataDir))
    locker.exec('BEGIN EXCLUSIVE')
    for (let i = 0; i < 20; i++)
      addCard(writer.doc, { sectionId: values, partyId: null, text: [`locked ${i}`] })
    // Positive event first: the server received the edits and failed to store them, three times.
    await waitForMetric(server.url, 'alliance_flush_failures_total', 3)
    // Nothing was stored, so nothing was acknowledged or shown to anyone else.
    expect(writer.tracker.isSaved).toBe(false)
    expect(texts(watcher.doc)).toEqual([])
    const health = await fetch(`${server.url}/healthz`).then((r) => r.json())
    expect(health.storage).toBe('failing')
    locker.exec('COMMIT')
    locker.close()

    await writer.waitForSaved(10_000)
    await waitFor(() => texts(watcher.doc).length === 20, 'cards after the lock')
    await server.close()
    const again = await startTestServer({ dataDir: server.dataDir })
    expect(await readBack(again.url, created.id, created.observer.token)).toHaveLength(20)
  })

  it('sets a corrupt stored update aside and opens the alliance with the rest', async () => {
    const server = await startTestServer()
    const created = await createAlliance(server.url)
    const writer = connectClient(server.url, created.id, created.parties[0]!.token)
    await writer.waitForSynced()
    addCard(writer.doc, { sectionId: values, partyId: null, text: ['survives'] })
    await writer.waitForSaved()
    writer.destroy()
    await waitFor(() => server.registry.size === 0, 'unload')
    await server.close()

    const db = new Database(SqliteStore.fileIn(server.dataDir))
    db.prepare('INSERT INTO doc_updates (alliance_id, data) VALUES (?, ?)').run(
      created.id,
      Buffer.from([1, 2, 3, 250, 7]),
    )
    db.close()

    const again = await startTestServer({ dataDir: server.dataDir })
    expect(await readBack(again.url, created.id, created.observer.token)).toEqual(['survives'])
    await again.close()
    const check = new Database(SqliteStore.fileIn(server.dataDir))
    const quarantined = check
      .prepare('SELECT COUNT(*) AS n FROM quarantine WHERE alliance_id = ?')
      .get(created.id) as { n: number }
    check.close()
    expect(quarantined.n).toBe(1)
  })

  it('never replaces an alliance that fails to load with an empty one', async () => {
    const server = await startTestServer()
    const created = await createAlliance(server.url)
    const writer = connectClient(server.url, created.id, created.parties[0]!.token)
    await writer.waitForSynced()
    addCard(writer.doc, { sectionId: values, partyId: null, text: ['precious'] })
    await writer.waitForSaved()
    writer.destroy()
    await waitFor(() => server.registry.size === 0, 'unload')
    await server.close()

    // Corrupt the compacted state itself: there is nothing sound to open.
    const db = new Database(SqliteStore.fileIn(server.dataDir))
    const original = db
      .prepare('SELECT state FROM doc_state WHERE alliance_id = ?')
      .get(created.id) as { state: Buffer }
    db.prepare('UPDATE doc_state SET state = ? WHERE alliance_id = ?').run(
      Buffer.from([9, 9, 9]),
      created.id,
    )
    db.close()

    const again = await startTestServer({ dataDir: server.dataDir })
    const client = connectClient(again.url, created.id, created.parties[0]!.token)
    await waitFor(() => client.closes.length > 0, 'refusal')
    expect(client.closes[0]).toBe(CloseCode.LoadFailed)
    client.destroy()
    await again.close()
    const after = new Database(SqliteStore.fileIn(server.dataDir))
    const state = after
      .prepare('SELECT state FROM doc_state WHERE alliance_id = ?')
      .get(created.id) as { state: Buffer }
    after.close()
    expect(Buffer.compare(state.state, Buffer.from([9, 9, 9]))).toBe(0)
    expect(original.state.length).toBeGreaterThan(3)
  })
})
