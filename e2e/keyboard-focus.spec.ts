import { expect, test, type Page } from '@playwright/test'
import { agreeAs, createAlliance, expectFocusNotOnBody } from './a11y'
import { AgreementPanel } from './pages/AgreementPanel'
import { CanvasPage } from './pages/CanvasPage'
import { HomePage } from './pages/HomePage'

// Keyboard and screen-reader paths: focus never drops to <body>, the header never hides it,
// and what others do is announced, sparingly.

async function openAs(page: Page, link: string): Promise<CanvasPage> {
  await page.goto(link)
  const canvas = new CanvasPage(page)
  await canvas.ready()
  return canvas
}

test('AY2: after deleting a card, undoing, and in the card menu, focus stays on something sensible', async ({
  page,
  request,
}) => {
  const alliance = await createAlliance(request, ['Ana', 'Ben'])
  const canvas = await openAs(page, alliance.parties[0]!.url)
  await canvas.addCard('Shared values', undefined, 'First')
  await canvas.addCard('Shared values', undefined, 'Second')
  const values = canvas.section('Shared values')

  // Esc closes the card menu and gives the focus back to its button.
  await values.getByRole('button', { name: 'Card options' }).first().click()
  await expect(page.getByRole('menu', { name: 'Card options' })).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(page.getByRole('menu')).toHaveCount(0)
  await expect(values.getByRole('button', { name: 'Card options' }).first()).toBeFocused()

  // Delete the first card from its menu: focus goes to the card that took its place.
  await page.keyboard.press('Enter')
  await page.getByRole('menuitem', { name: 'Delete card' }).click()
  await expect(canvas.cardTexts('Shared values')).toHaveText(['Second'])
  await expectFocusNotOnBody(page, 'deleting a card')
  await expect(values.getByRole('button', { name: 'Card options' })).toBeFocused()

  // Delete the last one: focus goes to its column's Add card.
  await page.keyboard.press('Enter')
  await page.getByRole('menuitem', { name: 'Delete card' }).click()
  await expect(canvas.cardTexts('Shared values')).toHaveCount(0)
  await expect(canvas.addButton('Shared values')).toBeFocused()

  // Undo with the button until there is nothing left to undo: the button keeps the focus.
  const undo = page.getByRole('button', { name: 'Undo your last change' })
  await undo.focus()
  for (let i = 0; i < 6; i++) await page.keyboard.press('Enter')
  await expect(canvas.cardTexts('Shared values')).toHaveCount(0)
  await expect(undo).toHaveAttribute('aria-disabled', 'true')
  await expect(undo).toBeFocused()
})

test('AY2: agreeing and sealing move the focus to the next thing to press, never to the page', async ({
  page,
  request,
}) => {
  const alliance = await createAlliance(request, ['Ana', 'Ben'])
  const canvas = await openAs(page, alliance.parties[0]!.url)
  const agreement = new AgreementPanel(page)
  await canvas.addCard('Shared values', undefined, 'Honesty')
  await canvas.expectSaved()
  const agree = agreement.bar().getByRole('button', { name: 'Agree to this draft' })
  await agree.focus()
  // Agree is busy until the draft's hash is computed; a key pressed before is ignored.
  await expect(agree).toHaveAttribute('aria-disabled', 'false')
  await page.keyboard.press('Enter')
  const withdraw = agreement.bar().getByRole('button', { name: 'Withdraw my agreement' })
  await expect(withdraw).toBeFocused()
  // The button shows as soon as the pushed state says "agreed", and stays busy until the
  // request itself has answered: a key pressed meanwhile is ignored, as it is for a person.
  await expect(withdraw).toHaveAttribute('aria-disabled', 'false')

  await page.keyboard.press('Enter')
  await expect(agree).toBeFocused()
  await expect(agree).toHaveAttribute('aria-disabled', 'false')
  await agreeAs(request, page, alliance.id, alliance.parties[1]!.token)
  await page.keyboard.press('Enter')
  await agreement.expectSealed(1)
  await expectFocusNotOnBody(page, 'sealing')
  await expect(agreement.bar().getByRole('button', { name: 'View version 1' })).toBeFocused()
})

test('AY2: history opens at its top with focus on its heading; going back and restoring keep the focus', async ({
  page,
  request,
}) => {
  const alliance = await createAlliance(request, ['Ana', 'Ben'])
  const canvas = await openAs(page, alliance.parties[0]!.url)
  const agreement = new AgreementPanel(page)
  await canvas.addCard('Shared values', undefined, 'Honesty')
  await page.keyboard.press('Escape')
  for (const party of alliance.parties) await agreeAs(request, page, alliance.id, party.token)
  await agreement.expectSealed(1)
  await canvas.addCard('What I need from you', 'Ana', 'Time')
  await page.keyboard.press('Escape')

  await page.evaluate(() => window.scrollTo(0, 600))
  await agreement.openHistory()
  await expect(page.getByRole('heading', { name: 'History', level: 1 })).toBeFocused()
  expect(await page.evaluate(() => window.scrollY)).toBe(0)

  await agreement.backToCanvas()
  await expect(agreement.bar().getByRole('button', { name: /^History/ })).toBeFocused()

  await agreement.openHistory()
  await page.getByRole('button', { name: 'Restore as a new draft…' }).click()
  await page.getByRole('button', { name: 'Restore version 1' }).click()
  await expect(page.getByText('Version 1 is back as the draft')).toBeFocused()
})

test('AY2: closing the share panel with Esc gives the focus to "Share links", also right after creating', async ({
  page,
}) => {
  const home = new HomePage(page)
  await home.open()
  await page.getByRole('textbox', { name: 'Title' }).fill('Ana & Ben')
  await page.getByLabel('Party 1 name').fill('Ana')
  await page.getByLabel('Party 2 name').fill('Ben')
  await page.getByRole('button', { name: 'Create the canvas' }).click()
  const share = page.getByRole('dialog', { name: 'Share this alliance' })
  await expect(share).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(share).toBeHidden()
  await expect(page.getByRole('button', { name: 'Share links' })).toBeFocused()

  await page.keyboard.press('Enter')
  await expect(share).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(page.getByRole('button', { name: 'Share links' })).toBeFocused()
})

test('AY2: the page has an h1, skip links, a visible focus ring on card text, and Tab or Esc leave a card', async ({
  page,
  request,
}) => {
  const alliance = await createAlliance(request, ['Ana', 'Ben'], 'Maya & Jordan')
  const canvas = await openAs(page, alliance.parties[0]!.url)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Maya & Jordan')

  await page.keyboard.press('Tab')
  const skip = page.getByRole('link', { name: 'Skip to the canvas' })
  await expect(skip).toBeFocused()
  await expect(skip).toBeInViewport()
  await page.getByRole('link', { name: 'Skip to Shared values' }).focus()
  await expect(page.getByRole('link', { name: 'Skip to Shared values' })).toBeInViewport()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { name: 'Shared values' })).toBeFocused()
  await expect(page).toHaveURL(/#k=/)

  await canvas.addCard('Shared values', undefined, 'One')
  const text = canvas.cardTexts('Shared values').first()
  const ring = await text.evaluate((el) => {
    const style = getComputedStyle(el)
    return { width: parseFloat(style.outlineWidth), color: style.outlineColor }
  })
  expect(ring.width).toBeGreaterThanOrEqual(2)
  expect(ring.color).not.toMatch(/rgba\(0, 0, 0, 0\)|transparent/)

  // A list item: Tab leaves the card (it does not indent), Shift+Tab comes back.
  await page.getByRole('button', { name: 'Bulleted list' }).click()
  await page.keyboard.type(' and two')
  await page.keyboard.press('Tab')
  await expect(text).not.toBeFocused()
  await expect(text.locator('ul ul')).toHaveCount(0)
  await page.keyboard.press('Shift+Tab')
  await expect(text).toBeFocused()
  // Esc leaves the text for the card's own controls.
  await page.keyboard.press('Escape')
  await expect(text).not.toBeFocused()
  await expectFocusNotOnBody(page, 'Esc in a card')
})

test('AY2: the sticky header never hides the focused element (60 Shift+Tab stops)', async ({
  page,
  request,
}) => {
  const alliance = await createAlliance(request, ['Ana', 'Ben', 'Cleo'])
  await openAs(page, alliance.parties[0]!.url)
  await page.keyboard.press('End')
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight))
  await page
    .getByRole('button', { name: /^Add card/ })
    .last()
    .focus()
  const hidden: string[] = []
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Shift+Tab')
    const where = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement
      const header = document.querySelector('.workspace-header')!
      // Skip links are drawn over the header on purpose (fixed, on top).
      if (header.contains(el) || el.closest('.skip-links') || el === document.body) return null
      const box = el.getBoundingClientRect()
      const bottom = header.getBoundingClientRect().bottom
      return box.top < bottom - 1 ? `${el.tagName} "${el.textContent?.slice(0, 30)}"` : null
    })
    if (where) hidden.push(where)
  }
  expect(hidden).toEqual([])
})

test('AY3: others’ changes and agreements are announced politely, Saving/Saved is not', async ({
  browser,
  request,
}) => {
  const alliance = await createAlliance(request, ['Ana', 'Jordan'])
  const anaContext = await browser.newContext()
  const ana = await anaContext.newPage()
  await openAs(ana, alliance.parties[0]!.url)
  const jordanContext = await browser.newContext()
  const jordan = await jordanContext.newPage()
  const jordanCanvas = await openAs(jordan, alliance.parties[1]!.url)

  // The regions exist before anything happens (a region born with its text is often not read).
  const liveTexts = () =>
    ana.evaluate(() =>
      Array.from(document.querySelectorAll('[role="status"], [aria-live]')).map(
        (el) => el.textContent,
      ),
    )
  expect(await liveTexts()).toContain('')

  await jordanCanvas.addCard('What I need from you', 'Jordan', 'Quiet mornings')
  await expect(
    ana.getByRole('status').filter({ hasText: 'Jordan added a card to What I need from you.' }),
  ).toHaveCount(1)
  await jordanCanvas.expectSaved()
  await agreeAs(request, jordan, alliance.id, alliance.parties[1]!.token)
  await expect(
    ana.getByRole('status').filter({ hasText: 'Jordan agreed to this draft.' }),
  ).toHaveCount(1)

  // Typing: the pill says Saving…/Saved, but no live region does.
  await jordanCanvas.cardTexts('What I need from you', 'Jordan').first().click()
  await jordan.keyboard.type(' and long walks', { delay: 20 })
  const spoken = await jordan.evaluate(() =>
    Array.from(document.querySelectorAll('[role="status"], [aria-live], [role="alert"]'))
      .map((el) => el.textContent ?? '')
      .join(' | '),
  )
  expect(spoken).not.toMatch(/Saving|Saved/)
  await expect(jordan.locator('.history-main[aria-live]')).toHaveCount(0)
  await anaContext.close()
  await jordanContext.close()
})

test('AY2, AY3: a drag handle names its card, and "Picked up" is not overwritten before it is read', async ({
  page,
  request,
}) => {
  const alliance = await createAlliance(request, ['Ana', 'Ben'])
  const canvas = await openAs(page, alliance.parties[0]!.url)
  await canvas.addCard('Shared values', undefined, 'Honesty over comfort, always')
  await canvas.addCard('Shared values', undefined, 'Curiosity')
  await page.keyboard.press('Escape')
  const handle = page.getByRole('button', {
    name: 'Move card 1 in Shared values: “Honesty over comfort, always”',
  })
  await expect(handle).toHaveCount(1)

  await handle.focus()
  await page.keyboard.press('Space')
  const region = page.locator('[id^="DndLiveRegion"]')
  await expect(region).toHaveText(
    'Picked up “Honesty over comfort, always”, card 1 in Shared values.',
  )
  await page.waitForTimeout(500)
  await expect(region).toContainText('Picked up')
  await page.keyboard.press('ArrowDown')
  await expect(region).toContainText('Over Shared values, position 2')
  await page.keyboard.press('Escape')
  await expect(region).toContainText('Move cancelled')
})
