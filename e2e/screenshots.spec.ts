import { expect, test } from '@playwright/test'
import { CanvasPage } from './pages/CanvasPage'
import { HomePage } from './pages/HomePage'

// `npm run screenshots` regenerates the README's pictures from the real app; skipped otherwise.
test.skip(!process.env.SCREENSHOTS, 'set SCREENSHOTS=1 to regenerate docs/images')

test('README screenshots: the canvas with two people in it', async ({ browser }) => {
  // One long scripted session on a shared machine: more than the default 30 s.
  test.setTimeout(120_000)
  const coachContext = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  const coach = new CanvasPage(await coachContext.newPage())
  const home = new HomePage(coach.page)
  await home.open()
  await coach.page.screenshot({ path: 'docs/images/home.png' })
  await home.create({ title: 'Maya & Jordan: coaching alliance', parties: ['Maya', 'Jordan'] })
  await coach.ready()
  const jordanLink = await coach.linkOf('Jordan')
  const clientContext = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  const client = new CanvasPage(await clientContext.newPage())
  await client.page.goto(jordanLink)
  await client.ready()

  const commitments = 'What you can count on from me'
  await coach.addCard('Shared values', undefined, 'Honesty over comfort')
  await coach.page.keyboard.press('Escape')
  await coach.addCard(
    commitments,
    'Maya',
    'Full attention: phone away, every session starts on time.',
  )
  await coach.addCard(
    commitments,
    'Maya',
    'I will tell you what I see, even when it is uncomfortable.',
  )
  await client.addCard(commitments, 'Jordan', 'I will come with one thing I want to work on.')
  await client.addCard(commitments, 'Jordan', 'I will tell you when a challenge goes too far.')
  await client.page
    .getByRole('list', { name: `Cards in Jordan’s column of ${commitments}` })
    .getByRole('textbox')
    .last()
    .click()
  await client.page.keyboard.press('End')
  await client.page.keyboard.press('Backspace')
  await client.page.keyboard.type(', and why.', { delay: 30 })
  for (const page of [coach.page, client.page]) await page.evaluate(() => window.scrollTo(0, 0))
  await coach.page.locator('.section-description').first().click()
  await coach.page.mouse.move(420, 330, { steps: 3 })
  await expect(client.page.locator('.pointer-label', { hasText: 'Maya' })).toBeVisible()
  await expect(coach.page.locator('.remote-caret-label[data-name="Jordan"]')).toBeVisible()
  await coach.expectSaved()
  await coach.page.waitForTimeout(300)
  await coach.page.screenshot({ path: 'docs/images/canvas.png' })
  await client.page.screenshot({ path: 'docs/images/canvas-client.png' })

  // Agreed versions: both agree (v1), the client edits at the check-in, the coach opens the diff.
  await coach.page.getByRole('button', { name: 'Agree to this draft' }).click()
  await client.page.getByRole('button', { name: 'Agree to this draft' }).click()
  await expect(coach.page.getByText('Version 1 is sealed.', { exact: true })).toBeVisible()
  await coach.page.getByRole('button', { name: 'Dismiss' }).click()
  await client.page.getByRole('button', { name: 'Dismiss' }).click()
  const values = client.page
    .getByRole('list', { name: 'Cards in Shared values' })
    .getByRole('textbox')
    .first()
  await values.click()
  await client.page.keyboard.press('End')
  await client.page.keyboard.type(', said with care', { delay: 20 })
  await client.addCard('How we handle conflict', undefined, 'We pause, then talk within a day.')
  await client.page.getByRole('button', { name: 'Agree to this draft' }).click()
  await expect(
    coach.page.getByText('agreed to an earlier draft').or(coach.page.getByText('✓ agreed')),
  ).toBeVisible()
  for (const page of [coach.page, client.page]) await page.evaluate(() => window.scrollTo(0, 0))
  await coach.page.waitForTimeout(400)
  await coach.page.screenshot({
    path: 'docs/images/agreement-bar.png',
    clip: { x: 0, y: 0, width: 1280, height: 180 },
  })
  await coach.page.getByRole('button', { name: 'See what changed' }).click()
  await expect(coach.page.getByRole('region', { name: 'Changes in Shared values' })).toBeVisible()
  await coach.page.waitForTimeout(300)
  await coach.page.screenshot({ path: 'docs/images/history-diff.png' })
  await coachContext.close()
  await clientContext.close()
})
