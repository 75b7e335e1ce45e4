import path from 'node:path'
import { expect, test } from '@playwright/test'
import Database from 'better-sqlite3'
import * as Y from 'yjs'
import { getMeta } from '../shared/src/schema/allianceDoc'
import { MetaKeys, SCHEMA_VERSION } from '../shared/src/schema/keys'
import { CanvasPage } from './pages/CanvasPage'

/**
 * Stores a forward edit that raises the document's schema version, straight into the server's
 * SQLite file, as a newer server would have before being rolled back to this one.
 */
function storeNewerSchema(allianceId: string): void {
  const db = new Database(path.join(process.env.E2E_DATA_DIR!, 'alliance-canvas.sqlite'))
  try {
    const doc = new Y.Doc()
    const rows = db
      .prepare('SELECT data FROM doc_updates WHERE alliance_id = ? ORDER BY seq')
      .all(allianceId) as Array<{ data: Buffer }>
    for (const row of rows) Y.applyUpdate(doc, row.data)
    const before = Y.encodeStateVector(doc)
    getMeta(doc).set(MetaKeys.schemaVersion, SCHEMA_VERSION + 1)
    db.prepare('INSERT INTO doc_updates (alliance_id, data) VALUES (?, ?)').run(
      allianceId,
      Buffer.from(Y.encodeStateAsUpdate(doc, before)),
    )
  } finally {
    db.close()
  }
}

test('SC3: a canvas saved with a newer schema opens read-only and says so', async ({
  page,
  request,
}) => {
  const res = await request.post('/api/alliances', {
    data: { title: 'From the future', parties: [{ name: 'Ana' }, { name: 'Ben' }] },
  })
  const created = (await res.json()) as { id: string; parties: Array<{ url: string }> }
  // Created, not yet opened: the next load reads the document from the file.
  storeNewerSchema(created.id)

  const canvas = new CanvasPage(page)
  await page.goto(created.parties[0]!.url)
  await canvas.ready()
  await expect(page.getByText(/saved by a newer version of Alliance Canvas/)).toBeVisible()
  await expect(page.getByRole('button', { name: /^Add card/ })).toHaveCount(0)
})
