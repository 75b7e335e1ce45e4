import { expect, test } from '@playwright/test'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { EXTENSIONS_PARAM, EXTENSIONS_VALUE } from '../shared/src/protocol/messages'
import { addCard, type Slot } from '../shared/src/ops/cards'
import { readSections } from '../shared/src/schema/allianceDoc'
import type { PartyId } from '../shared/src/schema/ids'
import { coachAndClient } from './fixtures'

const CARDS = 300

/** Fills the canvas from Node through a real y-websocket client, as a long workshop would. */
async function fillCanvas(link: string): Promise<() => void> {
  const url = new URL(link)
  const id = url.pathname.split('/').pop()!
  const token = new URLSearchParams(url.hash.slice(1)).get('k')!
  const alliance = (await (
    await fetch(`${url.origin}/api/alliances/${id}`, {
      headers: { authorization: `Bearer ${token}` },
    })
  ).json()) as { parties: Array<{ id: PartyId }> }
  const partyIds = alliance.parties.map((p) => p.id)
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(`ws://${url.host}/ws`, id, doc, {
    params: { token, [EXTENSIONS_PARAM]: EXTENSIONS_VALUE },
    disableBc: true,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
  })
  await expect.poll(() => provider.synced).toBe(true)
  const slots = readSections(doc).flatMap((s): Slot[] =>
    s.perParty
      ? partyIds.map((partyId) => ({ sectionId: s.id, partyId }))
      : [{ sectionId: s.id, partyId: null }],
  )
  doc.transact(() => {
    for (let i = 0; i < CARDS; i++) {
      addCard(doc, { ...slots[i % slots.length]!, text: [`Card number ${i + 1}`] })
    }
  })
  return () => provider.destroy()
}

test('CV6: with 300 cards only the cards near the screen run an editor; a card far down still takes typing that the other party sees', async ({
  browser,
}) => {
  // Two browsers rendering 300 cards each: more than the default budget on a busy machine.
  test.setTimeout(90_000)
  const { coach, client, clientLink, close } = await coachAndClient(browser)
  const stop = await fillCanvas(clientLink)
  const cards = coach.page.locator('[data-card-id]')
  await expect(cards).toHaveCount(CARDS, { timeout: 15_000 })
  await expect(client.page.locator('[data-card-id]')).toHaveCount(CARDS, { timeout: 15_000 })

  // Every card is a labelled text box, but only a screenful or so of them is a live editor.
  await expect(coach.page.getByRole('textbox', { name: /^Card \d+ in / })).toHaveCount(CARDS)
  const editors = await coach.page.locator('.ProseMirror').count()
  expect(editors).toBeGreaterThan(0)
  expect(editors).toBeLessThan(80)

  // A card far below, reached by keyboard focus (as Tab reaches it): it turns into the editor,
  // keeps the focus and takes typing at the start of its words.
  const far = coach.page.locator('[data-card-id]').nth(CARDS - 10)
  const farText = far.getByRole('textbox')
  await expect(farText).not.toHaveClass(/ProseMirror/)
  const farWords = await farText.textContent()
  await farText.focus()
  await expect(far.locator('.ProseMirror:focus')).toHaveCount(1)
  await coach.page.keyboard.type('Start: ', { delay: 10 })
  await expect(far.getByRole('textbox')).toHaveText(`Start: ${farWords}`)

  // Back at the top, the last card, far below the screen, is static again: click it and type
  // at the end of its words.
  await coach.page.evaluate(() => window.scrollTo(0, 0))
  const last = coach.page.getByRole('textbox', { name: /^Card \d+ in / }).last()
  await expect(last).not.toHaveClass(/ProseMirror/)
  await last.scrollIntoViewIfNeeded()
  const words = await last.textContent()
  expect(words).toMatch(/^Card number \d+$/)
  await last.click()
  await expect(coach.page.locator('.card-text:focus')).toHaveCount(1)
  await coach.page.keyboard.press('End')
  await coach.page.keyboard.type(' and more', { delay: 10 })
  const lastId = await coach.page.locator('[data-card-id]').last().getAttribute('data-card-id')
  await expect(coach.page.locator(`[data-card-id="${lastId}"] .card-text`)).toHaveText(
    `${words} and more`,
  )

  // The client, scrolled to the top, sees it in the static rendering of that card.
  const theirs = client.page.locator(`[data-card-id="${lastId}"] .card-text`)
  await expect(theirs).toHaveText(`${words} and more`)
  await expect(theirs).not.toHaveClass(/ProseMirror/)
  // Scrolled back up, the editor count stays bounded (editors leave with their cards).
  await coach.page.evaluate(() => window.scrollTo(0, 0))
  await expect.poll(() => coach.page.locator('.ProseMirror').count()).toBeLessThan(80)
  stop()
  await close()
})
