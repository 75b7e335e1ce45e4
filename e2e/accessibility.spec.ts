import { expect, test, type Page } from '@playwright/test'
import { agreeAs, createAlliance, expectNoAxeViolations } from './a11y'
import { AgreementPanel } from './pages/AgreementPanel'
import { CanvasPage } from './pages/CanvasPage'

// 0 axe-core violations (WCAG 2.1 A and AA) on every page and in every state people meet.
// One axe run over a whole canvas takes seconds on a shared machine: these tests get room.
test.describe.configure({ timeout: 90_000 })

async function openAs(page: Page, link: string): Promise<CanvasPage> {
  await page.goto(link)
  const canvas = new CanvasPage(page)
  await canvas.ready()
  return canvas
}

test('AY1: the home page and the error pages have no axe violations', async ({ page, request }) => {
  await page.goto('/')
  await expect(page.getByRole('button', { name: 'Create the canvas' })).toBeVisible()
  await expectNoAxeViolations(page, 'the home page')

  const { id } = await createAlliance(request, ['Ana', 'Ben'])
  await page.goto(`/a/${id}`)
  await expect(page.getByRole('heading', { name: 'This link is missing its key' })).toBeVisible()
  await expectNoAxeViolations(page, 'the missing-key page')

  await page.goto(`/a/${id}#k=${'x'.repeat(32)}`)
  await expect(
    page.getByRole('heading', { name: 'This link does not open the alliance' }),
  ).toBeVisible()
  await expectNoAxeViolations(page, 'the bad-link page')

  await page.goto('/nowhere/at/all')
  await expect(page.getByRole('heading', { name: 'Not here' })).toBeVisible()
  await expectNoAxeViolations(page, 'the not-found page')
})

test('AY1: the canvas, a card being edited, the card menu and the share panel have no axe violations', async ({
  page,
  request,
}) => {
  const alliance = await createAlliance(request, ['Ana', 'Ben'])
  const canvas = await openAs(page, alliance.facilitator.url)
  await expectNoAxeViolations(page, 'the canvas')

  await canvas.addCard('Shared values', undefined, 'Honesty over comfort')
  await expect(page.getByRole('toolbar', { name: 'Text formatting' })).toBeVisible()
  await expectNoAxeViolations(page, 'the canvas with a card being edited')

  await page.getByRole('button', { name: 'Card options' }).first().click()
  await expect(page.getByRole('menu', { name: 'Card options' })).toBeVisible()
  await expectNoAxeViolations(page, 'the open card menu')
  await page.keyboard.press('Escape')

  await page.getByRole('button', { name: 'Share links' }).click()
  await expect(page.getByRole('dialog', { name: 'Share this alliance' })).toBeVisible()
  await expectNoAxeViolations(page, 'the share panel')
})

test('AY1: every state of the agreement bar has no axe violations: nobody, some, stale, sealed', async ({
  page,
  request,
}) => {
  const alliance = await createAlliance(request, ['Ana', 'Ben', 'Cleo'])
  const [ana, ben, cleo] = alliance.parties
  const canvas = await openAs(page, ana!.url)
  const agreement = new AgreementPanel(page)
  await canvas.addCard('Shared values', undefined, 'Honesty over comfort')
  await canvas.expectSaved()
  await page.keyboard.press('Escape')
  await expectNoAxeViolations(page, 'the agreement bar: nobody agreed')

  await agreeAs(request, page, alliance.id, ben!.token)
  await page.getByRole('button', { name: '1 of 3 agreed' }).click()
  await expect(agreement.stateOf('Ben')).toHaveText('✓ agreed')
  await expectNoAxeViolations(page, 'the agreement bar: some agreed, each party shown')
  await page.keyboard.press('Escape')

  await canvas.addCard('Shared values', undefined, 'Curiosity')
  await page.keyboard.press('Escape')
  await page.getByRole('button', { name: '0 of 3 agreed' }).click()
  await expect(agreement.stateOf('Ben')).toHaveText('agreed to an earlier draft')
  await expectNoAxeViolations(page, 'the agreement bar: a stale agreement')

  for (const party of [ben!, cleo!]) await agreeAs(request, page, alliance.id, party.token)
  await agreement.agree()
  await agreement.expectSealed(1)
  await expectNoAxeViolations(page, 'the agreement bar: sealed (the moment)')
  await page.getByRole('button', { name: 'Dismiss' }).click()
  await expect(agreement.bar()).toContainText('Version 1, agreed by')
  await expectNoAxeViolations(page, 'the agreement bar: sealed')
})

test('AY1: the history, a version, the check-in and a diff have no axe violations', async ({
  page,
  request,
}) => {
  const alliance = await createAlliance(request, ['Ana', 'Ben'])
  const canvas = await openAs(page, alliance.parties[0]!.url)
  const agreement = new AgreementPanel(page)
  await canvas.addCard('Shared values', undefined, 'Honesty over comfort')
  await page.keyboard.press('Escape')
  for (const party of alliance.parties) await agreeAs(request, page, alliance.id, party.token)
  await agreement.expectSealed(1)

  await agreement.openHistory()
  await expect(page.getByRole('article', { name: 'Version 1' })).toBeVisible()
  await expectNoAxeViolations(page, 'a version in the history')

  await page.getByRole('button', { name: 'Plan the next check-in' }).click()
  await expect(page.getByRole('button', { name: 'Save check-in' })).toBeVisible()
  await expectNoAxeViolations(page, 'planning the check-in')
  await page.getByRole('button', { name: 'Save check-in' }).click()
  await expect(page.getByRole('button', { name: 'Add to calendar (.ics)' })).toBeVisible()
  await expectNoAxeViolations(page, 'the planned check-in')

  await agreement.backToCanvas()
  await canvas.addCard('What I need from you', 'Ana', 'Time to think')
  await page.keyboard.press('Escape')
  await page.getByRole('button', { name: 'See what changed' }).click()
  await expect(page.getByRole('region', { name: 'Changes in What I need from you' })).toBeVisible()
  await expectNoAxeViolations(page, 'the diff')
})

test('AY1: the canvas on a phone (390×844, touch) has no axe violations', async ({
  browser,
  request,
}) => {
  const alliance = await createAlliance(request, ['Ana', 'Ben'])
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    hasTouch: true,
    isMobile: true,
  })
  const page = await context.newPage()
  await openAs(page, alliance.parties[0]!.url)
  await expectNoAxeViolations(page, 'the phone canvas')
  await context.close()
})
