import { expect, test, type Browser, type Page } from '@playwright/test'
import { createAlliance } from './a11y'
import { CanvasPage } from './pages/CanvasPage'

const NAMES = ['Ana', 'Bea', 'Cai', 'Dev', 'Eli', 'Fay', 'Gus', 'Hal']
/** What each person types at the same spot: leading spaces and brackets, as in the report. */
const RUNS = [
  ' alpha beta',
  ' (gamma delta)',
  ' [epsilon zeta]',
  ' {eta theta}',
  ' "iota kappa"',
  ' <lambda mu>',
  ' (nu xi)',
  ' [omicron pi]',
]
const WORD = 'Honesty'

/** Each person in their own browser context, on their own party link, all in one card. */
async function peopleInOneCard(browser: Browser, count: number) {
  const context = await browser.newContext()
  const created = await createAlliance(context.request, NAMES.slice(0, count), 'Team')
  await context.close()
  const contexts = await Promise.all(NAMES.slice(0, count).map(() => browser.newContext()))
  const pages = await Promise.all(contexts.map((c) => c.newPage()))
  const first = new CanvasPage(pages[0]!)
  await pages[0]!.goto(created.parties[0]!.url.replace(/^https?:\/\/[^/]+/, ''))
  await first.ready()
  await first.addCard('Shared values', undefined, WORD)
  await first.expectSaved()
  for (const [i, page] of pages.entries()) {
    if (i === 0) continue
    await page.goto(created.parties[i]!.url.replace(/^https?:\/\/[^/]+/, ''))
    await new CanvasPage(page).ready()
    await expect(new CanvasPage(page).cardTexts('Shared values')).toHaveText([WORD])
  }
  return { pages, close: () => Promise.all(contexts.map((c) => c.close())) }
}

/** The caret at the end of the card's one word, i.e. the same spot for everyone. */
async function caretAtEndOfWord(page: Page): Promise<void> {
  const text = new CanvasPage(page).cardTexts('Shared values').first()
  await text.click()
  await expect(page.locator('.card-text:focus')).toBeVisible()
  await page.keyboard.press('End')
}

async function typeTogether(pages: Page[], count: number): Promise<string> {
  for (const page of pages) await caretAtEndOfWord(page)
  // Interleaved keystrokes: everyone types at once, at slightly different speeds.
  await Promise.all(
    pages.map((page, i) => page.keyboard.type(RUNS[i]!, { delay: 25 + ((i * 7) % 20) })),
  )
  const texts = pages.map((page) => new CanvasPage(page).cardTexts('Shared values').first())
  const expectedLength = WORD.length + RUNS.slice(0, count).join('').length
  // Wait until every page has every keystroke, then until they all read the same.
  for (const text of texts) {
    await expect
      .poll(async () => (await text.textContent())!.length, { timeout: 20_000 })
      .toBe(expectedLength)
  }
  const final = (await texts[0]!.textContent())!
  for (const text of texts) await expect(text).toHaveText(final)
  return final
}

/** Someone's typing held back offline, so that it lands before the other's caret on reconnect. */
async function typeWhileOtherIsOffline(online: Page, offline: Page, word: string) {
  const card = (page: Page) =>
    new CanvasPage(page).cardTexts('Shared values').filter({ hasText: word })
  for (const page of [online, offline]) {
    await card(page).click()
    await expect(page.locator('.card-text:focus')).toBeVisible()
    await page.keyboard.press('End')
  }
  await offline.context().setOffline(true)
  await expect(new CanvasPage(offline).status()).toContainText('Offline')
  await online.keyboard.type(' ')
  await new CanvasPage(online).expectSaved()
  await offline.keyboard.type(' (gamma', { delay: 10 })
  await offline.context().setOffline(false)
  // The offline words have reached the online page: only now does it go on typing.
  await expect
    .poll(async () => (await card(online).textContent())!.length, { timeout: 20_000 })
    .toBe(word.length + ' (gamma'.length + 1)
  await online.keyboard.type('alpha', { delay: 10 })
  const length = word.length + ' (gamma'.length + ' alpha'.length
  for (const page of [online, offline]) {
    await expect
      .poll(async () => (await card(page).textContent())!.length, { timeout: 20_000 })
      .toBe(length)
  }
  const final = (await card(online).textContent())!
  await expect(card(offline)).toHaveText(final)
  return final
}

test("CV10: words arriving just before the caret leave it after the person's own last keystroke", async ({
  browser,
}) => {
  test.setTimeout(90_000)
  const { pages, close } = await peopleInOneCard(browser, 2)
  try {
    const [ana, ben] = [pages[0]!, pages[1]!]
    await new CanvasPage(ana).addCard('Shared values', undefined, 'Care')
    await expect(new CanvasPage(ben).cardTexts('Shared values')).toHaveCount(2)
    // Yjs orders two inserts at one spot by their writers' client ids; one of these two rounds
    // puts the offline words before the online person's space, whichever of them has the lower.
    for (const [online, offline, word] of [
      [ana, ben, WORD],
      [ben, ana, 'Care'],
    ] as const) {
      const final = await typeWhileOtherIsOffline(online, offline, word)
      expect(final).toContain(' alpha')
      expect(final).toContain(' (gamma')
    }
  } finally {
    await close()
  }
})

// Not yet: with two, four or eight typing at once, words still split now and then ("(gamma
// beta delta)"; one run in six with two).
// y-tiptap turns a keystroke into a Yjs insert by diffing the paragraph's old and new text (lib0
// simpleDiff), which cannot tell one space from the next: a space typed just before someone
// else's space is stored after theirs, and the caret is then tied to their character.
for (const count of [2, 4, 8]) {
  test.fixme(`CV10: ${count} people typing at the same spot each keep their run of words together`, async ({
    browser,
  }) => {
    test.setTimeout(60_000 + count * 15_000)
    const { pages, close } = await peopleInOneCard(browser, count)
    try {
      const final = await typeTogether(pages, count)
      for (const run of RUNS.slice(0, count)) expect(final).toContain(run)
    } finally {
      await close()
    }
  })
}
