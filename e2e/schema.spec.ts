import { expect, test } from '@playwright/test'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { getMeta } from '../shared/src/schema/allianceDoc'
import { MetaKeys, SCHEMA_VERSION } from '../shared/src/schema/keys'
import { CanvasPage } from './pages/CanvasPage'

/** A plain y-websocket client in Node, as another program (or a newer client) would connect. */
function nodeClient(baseURL: string, id: string, token: string) {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(`${baseURL.replace(/^http/, 'ws')}/ws`, id, doc, {
    params: { token },
    disableBc: true,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
  })
  return { doc, provider }
}

test('SC3: a canvas saved with a newer schema opens read-only and says so', async ({
  page,
  baseURL,
  request,
}) => {
  const res = await request.post('/api/alliances', {
    data: { title: 'From the future', parties: [{ name: 'Ana' }, { name: 'Ben' }] },
  })
  const created = (await res.json()) as {
    id: string
    observer: { token: string }
    parties: Array<{ token: string; url: string }>
  }
  // A newer client writes the document at a schema this build does not know.
  const newer = nodeClient(baseURL!, created.id, created.parties[1]!.token)
  const watcher = nodeClient(baseURL!, created.id, created.observer.token)
  await expect.poll(() => newer.provider.synced).toBe(true)
  getMeta(newer.doc).set(MetaKeys.schemaVersion, SCHEMA_VERSION + 1)
  // Positive event first: the server has the change once another client receives it.
  await expect.poll(() => getMeta(watcher.doc).get(MetaKeys.schemaVersion)).toBe(SCHEMA_VERSION + 1)

  const canvas = new CanvasPage(page)
  await page.goto(created.parties[0]!.url)
  await canvas.ready()
  await expect(page.getByText(/saved by a newer version of Alliance Canvas/)).toBeVisible()
  await expect(page.getByRole('button', { name: /^Add card/ })).toHaveCount(0)
  for (const c of [newer, watcher]) c.provider.destroy()
})
