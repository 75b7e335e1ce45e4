import { expect, test } from '@playwright/test'
import { WebsocketProvider } from 'y-websocket'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { createAlliance } from './a11y'
import { CanvasPage } from './pages/CanvasPage'

const NAMES = ['Ana', 'Bea', 'Cai', 'Dev', 'Eli', 'Fay', 'Gus', 'Hal']

test('CV9: with seven people writing in one card it stays in its column, names two and counts the rest, and the toolbar leaves the label visible', async ({
  page,
  request,
  baseURL,
}) => {
  const created = await createAlliance(request, NAMES, 'Team')
  const [ana, ...others] = created.parties
  await page.goto(ana!.url.replace(/^https?:\/\/[^/]+/, ''))
  const canvas = new CanvasPage(page)
  await canvas.ready()
  await canvas.addCard('Shared values', undefined, 'We say what we think, kindly.')
  const card = page.locator('.card').filter({ hasText: 'We say what we think' })
  const cardId = (await card.getAttribute('data-card-id'))!

  // Seven others, as plain y-websocket clients, say they are writing in that card.
  const providers = others.map((party) => {
    const provider = new WebsocketProvider(
      `${baseURL!.replace(/^http/, 'ws')}/ws`,
      created.id,
      new Y.Doc(),
      { params: { token: party.token }, WebSocketPolyfill: WebSocket as never, disableBc: true },
    )
    provider.awareness.setLocalState({
      user: { name: party.name, color: '#1d4ed8', role: 'party', partyId: party.id },
      editing: cardId,
    })
    return provider
  })
  try {
    const label = card.locator('.card-writers')
    await expect(label).toHaveText('Bea, Cai and 5 others are writing…')
    await expect(label).toHaveAttribute('title', 'Bea, Cai, Dev, Eli, Fay, Gus and Hal')

    const column = page.getByRole('list', { name: 'Cards in Shared values' })
    const [cardBox, columnBox] = [(await card.boundingBox())!, (await column.boundingBox())!]
    expect(cardBox.x + cardBox.width).toBeLessThanOrEqual(columnBox.x + columnBox.width + 1)

    // Writing in it too: the formatting toolbar shows, and the label is not under it.
    await card.getByRole('textbox').click()
    const toolbar = page.locator('.format-toolbar')
    await expect(toolbar).toBeVisible()
    const [bar, words] = [(await toolbar.boundingBox())!, (await label.boundingBox())!]
    const overlaps =
      bar.x < words.x + words.width &&
      words.x < bar.x + bar.width &&
      bar.y < words.y + words.height &&
      words.y < bar.y + bar.height
    expect(overlaps).toBe(false)
    const text = (await card.getByRole('textbox').boundingBox())!
    expect(bar.y).toBeGreaterThanOrEqual(text.y + text.height)
  } finally {
    for (const provider of providers) provider.destroy()
  }
})
