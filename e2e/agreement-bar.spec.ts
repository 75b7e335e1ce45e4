import { expect, test } from '@playwright/test'
import { coachAndClient } from './fixtures'

test('AG14: Agree stays off on a draft with no cards and says why', async ({ browser }) => {
  const { coach, close } = await coachAndClient(browser)
  const agree = coach.agreement.bar().getByRole('button', { name: /^Agree to this draft/ })
  await expect(agree).toBeDisabled()
  await expect(agree).toHaveAccessibleDescription('Add at least one card before agreeing.')
  await expect(coach.agreement.bar()).toContainText('Add at least one card before agreeing.')
  await coach.canvas.addCard('Shared values', undefined, 'Trust')
  await coach.canvas.expectSaved()
  await expect(agree).toBeEnabled()
  await expect(coach.agreement.bar()).not.toContainText('Add at least one card')
  await close()
})

test('AG15: the "sealed, exactly this text" moment goes away as soon as the draft changes', async ({
  browser,
}) => {
  const { coach, client, close } = await coachAndClient(browser)
  await coach.canvas.addCard('Shared values', undefined, 'Trust')
  await coach.canvas.expectSaved()
  await coach.agreement.agree()
  await client.agreement.agree()
  await client.agreement.expectSealed(1)
  await coach.agreement.expectSealed(1)

  await client.canvas.cardTexts('Shared values').first().click()
  await client.page.keyboard.press('End')
  await client.page.keyboard.type(' and care')
  for (const person of [coach, client]) {
    await expect(person.agreement.bar()).toContainText('The draft has changed since')
    await expect(person.agreement.bar().getByText('Version 1 is sealed.')).toHaveCount(0)
    await expect(person.agreement.bar()).not.toContainText('agreed to exactly this text')
  }
  await close()
})

test('AG16: when a party withdraws its agreement the others are told who did', async ({
  browser,
}) => {
  const { coach, client, close } = await coachAndClient(browser)
  await coach.canvas.addCard('Shared values', undefined, 'Trust')
  await coach.canvas.expectSaved()
  await coach.agreement.agree()
  await expect(client.agreement.stateOf('Ana')).toHaveText('✓ agreed')
  await coach.agreement.bar().getByRole('button', { name: 'Withdraw my agreement' }).click()
  await expect(client.page.locator('.notice[role="status"]')).toContainText(
    'Ana withdrew their agreement.',
  )
  await expect(coach.page.locator('.notice', { hasText: 'withdrew' })).toHaveCount(0)
  await close()
})

test('AG17: when a party restores a version the others are told who did', async ({ browser }) => {
  const { coach, client, close } = await coachAndClient(browser)
  await coach.canvas.addCard('Shared values', undefined, 'Trust')
  await coach.canvas.expectSaved()
  await coach.agreement.agree()
  await client.agreement.agree()
  await client.agreement.expectSealed(1)
  await coach.canvas.cardTexts('Shared values').first().click()
  await coach.page.keyboard.press('End')
  await coach.page.keyboard.type(' and care')
  await coach.canvas.expectSaved()

  await client.agreement.openHistory()
  await client.agreement.versionButton(1).click()
  const pane = client.page.getByRole('article', { name: 'Version 1' })
  await pane.getByRole('button', { name: 'Restore as a new draft…' }).click()
  await client.page.getByRole('button', { name: 'Restore version 1' }).click()
  await expect(client.page.getByText('Version 1 is back as the draft.')).toBeVisible()
  await expect(coach.page.locator('.notice[role="status"]')).toContainText(
    'Ben restored version 1 as the draft.',
  )
  await expect(client.page.locator('.notice', { hasText: 'Ben restored' })).toHaveCount(0)
  await close()
})
