import { expect, test, type Browser, type Page } from '@playwright/test'
import { agreeAs, createAlliance } from './a11y'
import { AgreementPanel } from './pages/AgreementPanel'
import { CanvasPage } from './pages/CanvasPage'

// Screen-share at 1280×720, present mode, forced colours, reduced motion, and a 390-px phone.
test.describe.configure({ timeout: 90_000 })

const NAMES = [
  'Ana', 'Ben', 'Cleo', 'Dev', 'Eli', 'Fay', 'Gus', 'Hal', 'Ida', 'Jon',
  'Kai', 'Lea', 'Max', 'Noa', 'Oli', 'Pia', 'Quin', 'Ravi', 'Sam', 'Tea',
  'Uma', 'Vic', 'Wes', 'Xia', 'Yann', 'Zoe', 'Abe', 'Bea', 'Cal', 'Dora',
] // prettier-ignore

async function openAs(browser: Browser, link: string, options = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, ...options })
  const page = await context.newPage()
  await page.goto(link)
  await new CanvasPage(page).ready()
  return page
}

const headerHeight = (page: Page) =>
  page.locator('.workspace-header').evaluate((el) => el.getBoundingClientRect().height)

for (const count of [2, 8, 30]) {
  test(`AY4: at 1280×720 with ${count} parties the header and agreement bar take at most 15% of the height in every state`, async ({
    browser,
    request,
  }) => {
    const alliance = await createAlliance(request, NAMES.slice(0, count), 'Our team charter')
    const page = await openAs(browser, alliance.parties[0]!.url)
    const canvas = new CanvasPage(page)
    const agreement = new AgreementPanel(page)
    const heights: Record<string, number> = {}
    await canvas.addCard('Shared values', undefined, 'Honesty over comfort')
    await page.keyboard.press('Escape')
    heights.nobody = await headerHeight(page)
    await agreeAs(request, page, alliance.id, alliance.parties[1]!.token)
    await expect(agreement.bar()).toContainText(`1 of ${count} agreed`)
    heights.some = await headerHeight(page)
    await canvas.addCard('Shared values', undefined, 'Curiosity')
    await page.keyboard.press('Escape')
    await expect(agreement.bar()).toContainText(
      count <= 2 ? 'agreed to an earlier draft' : `0 of ${count} agreed`,
    )
    heights.stale = await headerHeight(page)
    for (const party of alliance.parties) await agreeAs(request, page, alliance.id, party.token)
    await agreement.expectSealed(1)
    heights.sealedMoment = await headerHeight(page)
    await page.getByRole('button', { name: 'Dismiss' }).click()
    heights.sealed = await headerHeight(page)
    await canvas.addCard('Shared values', undefined, 'Courage')
    await page.keyboard.press('Escape')
    await expect(agreement.bar()).toContainText('The draft has changed since')
    heights.changedSince = await headerHeight(page)
    console.log(`header + agreement bar at 1280×720, ${count} parties:`, JSON.stringify(heights))
    for (const [state, height] of Object.entries(heights))
      expect(height, `${state}: ${height}px of 720`).toBeLessThanOrEqual(720 * 0.15)
    await page.context().close()
  })
}

test('AY4: with many parties the bar says "n of m agreed" and shows each party on demand', async ({
  browser,
  request,
}) => {
  const alliance = await createAlliance(request, NAMES.slice(0, 8))
  const page = await openAs(browser, alliance.parties[0]!.url)
  await new CanvasPage(page).addCard('Shared values', undefined, 'Honesty')
  await page.keyboard.press('Escape')
  await agreeAs(request, page, alliance.id, alliance.parties[3]!.token)
  const toggle = page.getByRole('button', { name: '1 of 8 agreed' })
  await expect(toggle).toHaveAttribute('aria-expanded', 'false')
  await expect(page.locator('.party-agreement')).toHaveCount(0)
  await toggle.click()
  await expect(new AgreementPanel(page).stateOf('Dev')).toHaveText('✓ agreed')
  await expect(new AgreementPanel(page).stateOf('Hal')).toHaveText('not yet')
  await page.keyboard.press('Escape')
  await expect(toggle).toBeFocused()
  await expect(page.locator('.party-agreement')).toHaveCount(0)
  await page.context().close()
})

test('AY4: body text is at least 16 px at 100%, and present mode (P, or the button) hides the chrome and enlarges the text', async ({
  browser,
  request,
}) => {
  const alliance = await createAlliance(request, ['Ana', 'Ben'])
  const page = await openAs(browser, alliance.parties[0]!.url)
  await new CanvasPage(page).addCard('Shared values', undefined, 'Honesty over comfort')
  await page.keyboard.press('Escape')
  const sizes = await page.evaluate(() =>
    ['.card-text', '.section-description', '.prompts li', '.agreement-headline'].map((selector) => [
      selector,
      parseFloat(getComputedStyle(document.querySelector(selector)!).fontSize),
    ]),
  )
  for (const [selector, size] of sizes) expect(size, String(selector)).toBeGreaterThanOrEqual(16)

  const cardBox = () =>
    page
      .locator('.card-text')
      .first()
      .evaluate((el) => el.getBoundingClientRect().height)
  const before = await cardBox()
  await page.locator('main.canvas').focus()
  await page.keyboard.press('p')
  await expect(page.locator('.workspace-header')).toBeHidden()
  expect(await cardBox()).toBeGreaterThan(before * 1.2)
  await page.keyboard.press('Escape')
  await expect(page.locator('.workspace-header')).toBeVisible()
  await page.getByRole('button', { name: 'Present' }).click()
  await expect(page.locator('.workspace-header')).toBeHidden()
  await page.getByRole('button', { name: /Leave present mode/ }).click()
  await expect(page.getByRole('button', { name: 'Present' })).toBeVisible()
  // Typing a "p" in a card is just a "p".
  await page.locator('.card-text').first().click()
  await page.keyboard.type('p')
  await expect(page.locator('.workspace-header')).toBeVisible()
  await page.context().close()
})

test('AY6: forced colours keep swatches, dots and the selected swatch apart, and outlines on buttons; insertions are underlined', async ({
  browser,
  request,
}) => {
  const alliance = await createAlliance(request, ['Ana', 'Ben'])
  const page = await openAs(browser, alliance.parties[0]!.url, { forcedColors: 'active' })
  const canvas = new CanvasPage(page)
  await canvas.addCard('Shared values', undefined, 'Honesty')
  await page.getByRole('button', { name: 'Card options' }).first().click()
  const swatches = await page.locator('.swatch').evaluateAll((els) =>
    els.map((el) => {
      const style = getComputedStyle(el)
      return {
        background: style.backgroundColor,
        outline: style.outlineStyle,
        border: style.borderStyle,
      }
    }),
  )
  expect(new Set(swatches.map((s) => s.background)).size).toBe(swatches.length)
  const selected = await page
    .locator('.swatch[aria-checked="true"]')
    .evaluate((el) => getComputedStyle(el).outlineStyle)
  expect(selected).toBe('solid')
  expect(swatches.filter((s) => s.outline === 'solid')).toHaveLength(1)
  await page.keyboard.press('Escape')
  const dots = await page
    .locator('.section.is-per-party')
    .first()
    .locator('.column-header .party-dot')
    .evaluateAll((els) => els.map((el) => getComputedStyle(el).backgroundColor))
  expect(new Set(dots).size).toBe(dots.length)
  const quietBorders = await page
    .locator('.icon-button, .add-card, .drag-handle')
    .evaluateAll((els) => els.map((el) => getComputedStyle(el).borderStyle))
  expect(quietBorders.every((b) => b === 'solid')).toBe(true)

  await page.evaluate(() => {
    const ins = document.createElement('ins')
    ins.textContent = 'new words'
    ins.className = 'probe'
    const li = document.createElement('li')
    li.className = 'diff-change'
    li.append(ins)
    document.body.append(li)
  })
  expect(
    await page.locator('ins.probe').evaluate((el) => getComputedStyle(el).textDecorationLine),
  ).toBe('underline')
  await page.context().close()
})

test('AY6: reduced motion stops the seal animation and smooth scrolling', async ({
  browser,
  request,
}) => {
  const alliance = await createAlliance(request, ['Ana', 'Ben'])
  const page = await openAs(browser, alliance.parties[0]!.url, { reducedMotion: 'reduce' })
  await new CanvasPage(page).addCard('Shared values', undefined, 'Honesty')
  await page.keyboard.press('Escape')
  for (const party of alliance.parties) await agreeAs(request, page, alliance.id, party.token)
  await new AgreementPanel(page).expectSealed(1)
  expect(
    await page.locator('.sealed-moment').evaluate((el) => getComputedStyle(el).animationName),
  ).toBe('none')
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).scrollBehavior)).toBe(
    'auto',
  )
  await page.context().close()
})

const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true }

test('AY5: on a phone the agreement and Agree stay at hand, questions start folded, touch targets are 44 px', async ({
  browser,
  request,
}) => {
  const alliance = await createAlliance(request, ['Ana', 'Ben'])
  const page = await openAs(browser, alliance.parties[0]!.url, PHONE)
  const agree = page.getByRole('button', { name: 'Agree to this draft' })
  await expect(page.locator('details.prompts').first()).not.toHaveAttribute('open')
  await page.getByRole('button', { name: 'Add card to Shared values' }).tap()
  await page.keyboard.type('Honesty')
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight))
  await expect(agree).toBeInViewport()
  await expect(page.getByRole('button', { name: '0 of 2 agreed' })).toBeInViewport()

  const small = await page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('button, a, summary, select'))
      .filter((el) => {
        const box = el.getBoundingClientRect()
        const visible = box.width > 0 && box.bottom > 0 && box.top < window.innerHeight
        return visible && !el.closest('.skip-links') && (box.width < 44 || box.height < 44)
      })
      .map((el) => `${el.tagName} "${el.getAttribute('aria-label') ?? el.textContent?.trim()}"`),
  )
  expect(small).toEqual([])
  await page.context().close()
})

test('AY5: on a phone the share links fill the width, and tapping a version shows it in view', async ({
  browser,
  request,
}) => {
  const alliance = await createAlliance(request, ['Ana', 'Ben'])
  const page = await openAs(browser, alliance.facilitator.url, PHONE)
  await page.getByRole('button', { name: 'Share links' }).tap()
  const dialog = page.getByRole('dialog', { name: 'Share this alliance' })
  await expect(dialog).toBeVisible()
  await page.getByRole('button', { name: 'New link for Observer' }).tap()
  await page.getByRole('button', { name: /^Make a new link/ }).tap()
  const field = dialog.getByRole('textbox', { name: 'Observer link' })
  const width = await field.evaluate((el) => el.getBoundingClientRect().width)
  expect(width).toBeGreaterThanOrEqual(280)
  await page.keyboard.press('Escape')

  const party = await openAs(browser, alliance.parties[0]!.url, PHONE)
  await new CanvasPage(party).addCard('Shared values', undefined, 'Honesty')
  for (const p of alliance.parties) await agreeAs(request, party, alliance.id, p.token)
  await new AgreementPanel(party).expectSealed(1)
  await party.getByRole('button', { name: /^History/ }).tap()
  await party.getByRole('button', { name: /^Current draft/ }).tap()
  await party.getByRole('button', { name: /^Version 1/ }).tap()
  await expect(party.getByRole('article', { name: 'Version 1' })).toBeInViewport()
  await page.context().close()
  await party.context().close()
})

test('AY5: dragging a card near the bottom edge of a phone scrolls gently (under half a screen a second; dnd-kit’s default flings 800+ px)', async ({
  browser,
  request,
}) => {
  const alliance = await createAlliance(request, ['Ana', 'Ben'])
  const page = await openAs(browser, alliance.parties[0]!.url, {
    viewport: { width: 390, height: 844 },
  })
  await new CanvasPage(page).addCard('What you can count on from me', 'Ana', 'Move me')
  await page.keyboard.press('Escape')
  const handle = page.getByRole('button', {
    name: /^Move card 1 in Ana’s column of What you can count on/,
  })
  await handle.scrollIntoViewIfNeeded()
  const box = (await handle.boundingBox())!
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
  await page.mouse.down()
  await page.mouse.move(box.x + 20, box.y + 30, { steps: 4 })
  const before = await page.evaluate(() => window.scrollY)
  await page.mouse.move(195, 844 - 20, { steps: 8 })
  await page.waitForTimeout(1000)
  const scrolled = (await page.evaluate(() => window.scrollY)) - before
  await page.keyboard.press('Escape')
  await page.mouse.up()
  console.log(`scrolled ${scrolled}px in 1 s holding a card 20 px above the bottom edge`)
  expect(scrolled).toBeGreaterThan(0)
  expect(scrolled).toBeLessThan(844 / 2)
  await page.context().close()
})
