import { describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { bodyToNodes, nodesToText } from '../../shared/src/ops/cardBody'
import { addCard, listCards } from '../../shared/src/ops/cards'
import { CloseCode } from '../../shared/src/protocol/closeCodes'
import { getMeta } from '../../shared/src/schema/allianceDoc'
import type { AllianceId, SectionId } from '../../shared/src/schema/ids'
import { MetaKeys } from '../../shared/src/schema/keys'
import type { Schema } from '../../shared/src/schema/migrations'
import { SqliteStore } from '../src/store/SqliteStore'
import { allianceV1 } from './fixtures/allianceV1'
import { api, connectClient, createAlliance, startTestServer, tempDir, waitFor } from './helpers'

const values = 'values' as SectionId
const texts = (doc: Y.Doc): string[] =>
  listCards(doc, { sectionId: values, partyId: null }).map((c) => nodesToText(bodyToNodes(c.body)))

/** A schema 2 that exists only in this test: it records the document's language in its meta. */
function testSchema(): Schema & { runs: () => number } {
  let runs = 0
  return {
    version: 2,
    migrations: [
      {
        to: 2,
        description: 'meta.locale, defaulting to English',
        migrate(doc) {
          runs++
          const meta = getMeta(doc)
          if (!meta.has('locale')) meta.set('locale', 'en')
        },
      },
    ],
    runs: () => runs,
  }
}

/** An alliance whose stored document is the frozen schema-1 fixture (links from a real server). */
async function storedV1Alliance(dataDir: string) {
  const first = await startTestServer({ dataDir })
  const created = await createAlliance(first.url)
  await first.close()
  const store = SqliteStore.open(dataDir)
  store.db.prepare('DELETE FROM doc_updates WHERE alliance_id = ?').run(created.id)
  await store.appendUpdates([{ allianceId: created.id, updates: [allianceV1()] }])
  await store.close()
  return created
}

async function storedRows(dataDir: string, id: AllianceId): Promise<number> {
  const store = SqliteStore.open(dataDir)
  const stored = await store.loadDoc(id)
  await store.close()
  return (stored.state ? 1 : 0) + stored.log.length
}

describe('document schema (SC)', () => {
  it('SC2: migrates a stored schema-1 document on load, as one stored forward edit, once', async () => {
    const dataDir = tempDir()
    const created = await storedV1Alliance(dataDir)
    const schema = testSchema()

    const server = await startTestServer({ dataDir, unloadAfterMs: 10_000 }, { schema })
    const client = connectClient(server.url, created.id, created.parties[0]!.token)
    await client.waitForSynced()
    const meta = getMeta(client.doc)
    expect([meta.get(MetaKeys.schemaVersion), meta.get('locale')]).toEqual([2, 'en'])
    expect(texts(client.doc)).toEqual(['Written at schema version 1'])
    // The migration is stored: the fixture row, then the migration's one forward edit.
    await waitFor(() => !server.registry.peek(created.id)!.hasUnstoredUpdates, 'stored')
    expect(await storedRows(dataDir, created.id)).toBe(2)
    client.destroy()
    await server.close()

    const again = await startTestServer({ dataDir }, { schema })
    const reader = connectClient(again.url, created.id, created.observer.token)
    await reader.waitForSynced()
    expect(getMeta(reader.doc).get(MetaKeys.schemaVersion)).toBe(2)
    expect(schema.runs()).toBe(1)
  })

  it('SC3: a document newer than the server opens read-only: edits close 4426, agreeing is 409', async () => {
    const dataDir = tempDir()
    const created = await storedV1Alliance(dataDir)
    // A newer server migrated it; then this (older) one came back.
    const newer = await startTestServer({ dataDir }, { schema: testSchema() })
    const first = connectClient(newer.url, created.id, created.parties[0]!.token)
    await first.waitForSynced()
    first.destroy()
    await newer.close()
    const rowsBefore = await storedRows(dataDir, created.id)

    const server = await startTestServer({ dataDir })
    const writer = connectClient(server.url, created.id, created.parties[0]!.token)
    await writer.waitForSynced()
    expect(texts(writer.doc)).toEqual(['Written at schema version 1'])
    addCard(writer.doc, { sectionId: values, partyId: null, text: ['written by an old server'] })
    await waitFor(() => writer.closes.length > 0, 'refusal')
    expect(writer.closes[0]).toBe(CloseCode.SchemaTooNew)

    const agree = await api(server.url, 'POST', `/api/alliances/${created.id}/agreements`, {
      token: created.parties[0]!.token,
      body: { contentHash: 'a'.repeat(64) },
    })
    expect(agree.body.error.code).toBe('SCHEMA_TOO_NEW')
    expect(agree.status).toBe(409)
    await server.close()
    expect(await storedRows(dataDir, created.id)).toBe(rowsBefore)
  })

  it('SC4: a client cannot change the schema version: it is put back and the client closed 4403', async () => {
    const server = await startTestServer()
    const created = await createAlliance(server.url)
    const forger = connectClient(server.url, created.id, created.parties[0]!.token)
    const honest = connectClient(server.url, created.id, created.parties[1]!.token)
    await Promise.all([forger.waitForSynced(), honest.waitForSaved()])
    getMeta(forger.doc).set(MetaKeys.schemaVersion, 99)
    await waitFor(() => forger.closes.length > 0, 'refusal')
    expect(forger.closes[0]).toBe(CloseCode.Forbidden)
    // The alliance stays writable for everyone else, and keeps its version, also after a restart.
    addCard(honest.doc, { sectionId: values, partyId: null, text: ['still writable'] })
    await honest.waitForSaved()
    expect(getMeta(honest.doc).get(MetaKeys.schemaVersion)).toBe(1)
    honest.destroy()
    await server.close()
    const again = await startTestServer({ dataDir: server.dataDir })
    const reader = connectClient(again.url, created.id, created.parties[1]!.token)
    await reader.waitForSynced()
    expect(getMeta(reader.doc).get(MetaKeys.schemaVersion)).toBe(1)
    expect(texts(reader.doc)).toEqual(['still writable'])
    addCard(reader.doc, { sectionId: values, partyId: null, text: ['after the restart'] })
    await reader.waitForSaved()
  })
})
