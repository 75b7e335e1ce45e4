/**
 * `npm run bench:client`: how the canvas holds up in a large alliance, in a real Chromium.
 * Starts the real server (its own process, a temporary DATA_DIR, a free port) serving the built
 * client, fills an alliance with N cards through a real y-websocket client in Node, opens it in
 * Chromium through Playwright and measures, inside the page:
 *   - usable: from navigation start until every card is on the page and the main thread answers;
 *   - keystroke to next frame, p50 / p95, typing into one card while another person is present;
 *   - what one remote edit to one card touches: card components re-rendered (React) and card
 *     subtrees whose DOM changed (MutationObserver).
 * A benchmark, not a test: it prints figures. Expects `npm run build` first (the script does it).
 *
 *   npm run bench:client -- --cards 200,500 --keys 60
 */
import type { ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import * as decoding from 'lib0/decoding'
import { chromium, type Browser, type Page } from '@playwright/test'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import type { CreateAllianceResponse } from '../shared/src/protocol/api'
import { EXTENSIONS_PARAM, EXTENSIONS_VALUE, MessageType } from '../shared/src/protocol/messages'
import { SaveTracker, trackingWebSocket } from '../shared/src/protocol/saveTracker'
import { addCard, type Slot } from '../shared/src/ops/cards'
import { getCardsMap, readSections } from '../shared/src/schema/allianceDoc'
import type { PartyId } from '../shared/src/schema/ids'
import { startServerProcess } from '../server/test/serverProcess'

const { values: args } = parseArgs({
  options: {
    cards: { type: 'string', default: '200,500' },
    keys: { type: 'string', default: '100' },
  },
})
const cardCounts = args.cards.split(',').map(Number)
const keystrokes = Number(args.keys)

const CHROMIUM_ARGS = [
  '--disable-gpu',
  '--disable-quic',
  '--no-sandbox',
  '--disable-background-networking',
]

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

async function waitFor(check: () => boolean, what: string, timeout = 20_000): Promise<void> {
  const deadline = Date.now() + timeout
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

async function startServer(): Promise<{ url: string; child: ChildProcess }> {
  const dist = path.resolve('dist/client/index.html')
  if (!fs.existsSync(dist)) throw new Error('No client build: run `npm run build` first.')
  const port = await freePort()
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'alliance-bench-client-'))
  const child = startServerProcess({ PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn' })
  child.once('exit', () => fs.rmSync(dataDir, { recursive: true, force: true }))
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 20_000
  for (;;) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { url, child }
    } catch {
      if (Date.now() > deadline) throw new Error('the server did not start')
    }
    await new Promise((r) => setTimeout(r, 100))
  }
}

/** A second person, in Node: fills the canvas, stays present, makes the remote edit. */
async function remotePerson(url: string, id: string, token: string) {
  const doc = new Y.Doc()
  const tracker = new SaveTracker()
  const provider = new WebsocketProvider(`${url.replace(/^http/, 'ws')}/ws`, id, doc, {
    params: { token, [EXTENSIONS_PARAM]: EXTENSIONS_VALUE },
    disableBc: true,
    WebSocketPolyfill: trackingWebSocket(
      WebSocket,
      tracker,
    ) as unknown as typeof globalThis.WebSocket,
  })
  provider.messageHandlers[MessageType.Ack] = (_e, decoder) =>
    tracker.noteAck(decoding.readVarUint(decoder))
  provider.messageHandlers[MessageType.ServerState] = (_e, decoder) =>
    void decoding.readVarString(decoder)
  await waitFor(() => provider.synced, 'sync')
  provider.awareness.setLocalStateField('user', {
    name: 'Remote',
    color: '#0f766e',
    role: 'facilitator',
    partyId: null,
  })
  return {
    doc,
    provider,
    saved: () => waitFor(() => tracker.sent > 0 && tracker.isSaved, 'the server acknowledgement'),
  }
}

function fill(doc: Y.Doc, count: number, parties: PartyId[]): string[] {
  const slots = readSections(doc).flatMap((s): Slot[] =>
    s.perParty
      ? parties.map((partyId) => ({ sectionId: s.id, partyId }))
      : [{ sectionId: s.id, partyId: null }],
  )
  const ids: string[] = []
  // Round robin, so every section and column gets its share, as a long workshop leaves them.
  doc.transact(() => {
    for (let i = 0; i < count; i++) {
      const slot = slots[i % slots.length]!
      const words = `Card ${i + 1}: we agree to keep each other informed and to ask before we assume.`
      ids.push(addCard(doc, { ...slot, text: i % 3 === 0 ? [words, 'A second line.'] : [words] }))
    }
  })
  return ids
}

/** Inserts text at the start of a card's first paragraph, as a remote typist would. */
function remoteEdit(doc: Y.Doc, cardId: string, text: string): void {
  const body = getCardsMap(doc).get(cardId)?.get('body') as Y.XmlFragment
  const paragraph = body.get(0) as Y.XmlElement
  const run = paragraph.get(0) as Y.XmlText
  run.insert(0, text)
}

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN

interface Figures {
  cards: number
  usable: number
  keyP50: number
  keyP95: number
  editors: number
  typingRenders: number | null
  onScreen: Touched
  offScreen: Touched
}

interface Touched {
  rendered: number | null
  mutated: number
}

/** Card components rendered and card subtrees changed in the page by one remote edit. */
async function touchedByRemoteEdit(
  page: Page,
  cardId: string,
  edit: (cardId: string) => void,
): Promise<Touched> {
  await page.evaluate(() => {
    const w = window as unknown as {
      __allianceRenders: Record<string, number>
      __mutatedCards: Set<string>
      __observer?: MutationObserver
    }
    w.__allianceRenders.card = 0
    w.__mutatedCards = new Set()
    w.__observer?.disconnect()
    w.__observer = new MutationObserver((records) => {
      for (const record of records) {
        const node = record.target instanceof Element ? record.target : record.target.parentElement
        const card = node?.closest<HTMLElement>('[data-card-id]')
        if (card) w.__mutatedCards.add(card.dataset.cardId!)
      }
    })
    w.__observer.observe(document.querySelector('main')!, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
    })
  })
  edit(cardId)
  await page.waitForFunction(
    (id) => document.querySelector(`[data-card-id="${id}"]`)?.textContent?.includes('REMOTE'),
    cardId,
  )
  await page.waitForTimeout(500)
  return page.evaluate(() => {
    const w = window as unknown as {
      __allianceRenders: Record<string, number>
      __mutatedCards: Set<string>
    }
    return { rendered: w.__allianceRenders.card ?? null, mutated: w.__mutatedCards.size }
  })
}

async function measure(browser: Browser, url: string, cards: number): Promise<Figures> {
  const created = (await (
    await fetch(`${url}/api/alliances`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        title: `Bench ${cards}`,
        parties: [{ name: 'Ana' }, { name: 'Ben' }],
      }),
    })
  ).json()) as CreateAllianceResponse
  const remote = await remotePerson(url, created.id, created.facilitator.token)
  const ids = fill(
    remote.doc,
    cards,
    created.parties.map((p) => p.id),
  )
  await remote.saved()

  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  const page = await context.newPage()
  await page.addInitScript(() => {
    ;(window as unknown as { __allianceRenders: Record<string, number> }).__allianceRenders = {}
  })
  await page.goto(created.facilitator.url)
  await page.waitForFunction(
    (n) =>
      document.querySelectorAll('[data-card-id]').length === n &&
      document.querySelector('.card-text') !== null,
    cards,
    { polling: 'raf', timeout: 60_000 },
  )
  // Usable: the next task after the next frame runs, so a click would be answered now.
  const usable = await page.evaluate(
    () =>
      new Promise<number>((resolve) =>
        requestAnimationFrame(() => setTimeout(() => resolve(performance.now()))),
      ),
  )

  // Typing into the first card, while the remote person is present.
  const first = page.locator('.card-text').first()
  await first.click()
  await page.waitForFunction(
    () => document.activeElement?.getAttribute('contenteditable') === 'true',
  )
  await page.evaluate(() => {
    const w = window as unknown as { __keyLatencies: number[] }
    w.__keyLatencies = []
    document.addEventListener(
      'keydown',
      (event) => {
        const start = event.timeStamp
        requestAnimationFrame(() =>
          setTimeout(() => w.__keyLatencies.push(performance.now() - start)),
        )
      },
      { capture: true },
    )
  })
  await page.keyboard.press('End')
  await page.evaluate(() => {
    ;(window as unknown as { __allianceRenders: Record<string, number> }).__allianceRenders.card = 0
  })
  for (let i = 0; i < keystrokes; i++)
    await page.keyboard.type('abcdefghij'[i % 10]!, { delay: 30 })
  await page.waitForTimeout(300)
  const latencies = (
    await page.evaluate(() => (window as unknown as { __keyLatencies: number[] }).__keyLatencies)
  ).sort((a, b) => a - b)
  const editors = await page.locator('.ProseMirror').count()
  const typingRenders = await page.evaluate(
    () =>
      (window as unknown as { __allianceRenders: Record<string, number> }).__allianceRenders.card ??
      null,
  )

  // One remote edit to one card on screen (the second card), then to the last card (far below
  // the screen): what else does each touch?
  const cardIds = await page
    .locator('[data-card-id]')
    .evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.cardId!))
  const onScreen = await touchedByRemoteEdit(page, cardIds[1] ?? ids[1]!, (id) =>
    remoteEdit(remote.doc, id, 'REMOTE '),
  )
  const offScreen = await touchedByRemoteEdit(page, cardIds.at(-1) ?? ids.at(-1)!, (id) =>
    remoteEdit(remote.doc, id, 'REMOTE '),
  )

  await context.close()
  remote.provider.destroy()
  return {
    cards,
    usable,
    keyP50: percentile(latencies, 50),
    keyP95: percentile(latencies, 95),
    editors,
    typingRenders,
    onScreen,
    offScreen,
  }
}

function row(cells: Array<string | number>): string {
  const widths = [6, 10, 20, 8, 16, 18, 18]
  return cells.map((c, i) => String(c).padEnd(widths[i]!)).join('  ')
}

async function main(): Promise<void> {
  process.setMaxListeners(0)
  const { url, child } = await startServer()
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  })
  try {
    console.log(
      `Large alliances in Chromium (1280×800), ${keystrokes} keystrokes typed 30 ms apart into one card.`,
    )
    console.log(`Machine: ${os.cpus().length} cores, Node ${process.version}.\n`)
    console.log(
      row([
        'cards',
        'usable',
        'keystroke p50/p95',
        'editors',
        'renders/typing',
        'remote on screen',
        'remote off screen',
      ]),
    )
    for (const cards of cardCounts) {
      const f = await measure(browser, url, cards)
      console.log(
        row([
          f.cards,
          `${f.usable.toFixed(0)} ms`,
          `${f.keyP50.toFixed(1)} / ${f.keyP95.toFixed(1)} ms`,
          f.editors,
          f.typingRenders ?? 'n/a',
          `${f.onScreen.rendered ?? 'n/a'} / ${f.onScreen.mutated}`,
          `${f.offScreen.rendered ?? 'n/a'} / ${f.offScreen.mutated}`,
        ]),
      )
    }
    console.log(
      [
        '',
        'usable: navigation start until every card is on the page and the next task runs.',
        'keystroke: keydown to the task after the next frame. editors: live ProseMirror editors.',
        'renders/typing: card components rendered while typing all the keystrokes.',
        'remote on/off screen: card components rendered / card subtrees whose DOM changed, for',
        'one remote edit to the second card (on screen) and to the last card (far below).',
      ].join('\n'),
    )
  } finally {
    await browser.close()
    child.kill('SIGTERM')
    await new Promise((r) => child.once('exit', r))
  }
  process.exit(0)
}

void main()
