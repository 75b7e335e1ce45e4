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

for (const count of [2]) {
  test(`CV10: ${count} people typing at the same spot each keep their run of words together`, async ({
    browser,
  }) => {
    test.setTimeout(60_000 + count * 15_000)
    const { pages, close } = await peopleInOneCard(browser, count)
    try {
      const final = await typeTogether(pages, count)
      expect(final.startsWith(WORD)).toBe(true)
      for (const run of RUNS.slice(0, count)) expect(final).toContain(run)
    } finally {
      await close()
    }
  })
}

// Not yet: with four or eight at once, words still split now and then ("(gamma beta delta)").
// y-tiptap turns a keystroke into a Yjs insert by diffing the paragraph's old and new text (lib0
// simpleDiff), which cannot tell one space from the next: a space typed just before someone
// else's space is stored after theirs, and the caret is then tied to their character.
for (const count of [4, 8]) {
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
