import fs from 'node:fs'
import { expect, test } from '@playwright/test'
import { coachAndClient } from './fixtures'

const COMMITMENTS = 'What you can count on from me'

test('two parties agree and see version 1 sealed together; an edit makes an agreement stale', async ({
  browser,
}) => {
  const { coach, client, close } = await coachAndClient(browser)
  await client.canvas.addCard(COMMITMENTS, 'Ben', 'I will come prepared.')
  await client.canvas.addCard('Shared values', undefined, 'Honesty over comfort')
  await client.canvas.expectSaved()
  await expect(client.agreement.bar()).toContainText('Not agreed yet')

  // The client agrees: the coach sees it at once.
  await client.agreement.agree()
  await expect(coach.agreement.stateOf('Ben')).toHaveText('✓ agreed')
  await expect(coach.agreement.stateOf('Ana')).toHaveText('not yet')

  // The coach changes one word: the client's agreement is to an earlier draft now, visibly.
  const values = coach.canvas.cardTexts('Shared values').first()
  await values.click()
  await coach.page.keyboard.press('End')
  await coach.page.keyboard.type(', always')
  await expect(client.agreement.stateOf('Ben')).toHaveText('agreed to an earlier draft')
  await expect(coach.agreement.stateOf('Ben')).toHaveText('agreed to an earlier draft')
  // ...with what changed since.
  await coach.agreement
    .bar()
    .locator('li[data-party="Ben"]')
    .getByRole('button', { name: 'what changed' })
    .click()
  const changes = coach.page.getByRole('region', { name: 'Changes in Shared values' })
  await expect(changes.locator('ins')).toHaveText(', always')
  await coach.agreement.backToCanvas()

  // Both agree to the same draft: both see version 1 sealed, at the same moment.
  await coach.canvas.expectSaved()
  await coach.agreement.agree()
  await client.agreement.agree()
  await client.agreement.expectSealed(1)
  await coach.agreement.expectSealed(1)
  await expect(coach.agreement.bar()).toContainText('Version 1, agreed by Ana and Ben')
  await close()
})

test('version 2, the diff between versions, Markdown export, check-in file and restoring version 1', async ({
  browser,
}) => {
  const { coach, client, close } = await coachAndClient(browser)
  await coach.canvas.addCard('Shared values', undefined, 'Curiosity')
  await coach.canvas.expectSaved()
  await coach.agreement.agree()
  await client.agreement.agree()
  await coach.agreement.expectSealed(1)

  // The check-in: the client edits one card and adds another.
  await client.canvas.cardTexts('Shared values').first().click()
  await client.page.keyboard.press('End')
  await client.page.keyboard.type(' and courage')
  await client.canvas.addCard(
    'How we handle conflict',
    undefined,
    'We pause, then talk within a day.',
  )
  await expect(coach.agreement.bar()).toContainText(
    'The draft has changed since: 1 card edited, 1 added',
  )
  await client.canvas.expectSaved()
  await client.agreement.agree()
  await coach.agreement.agree()
  await coach.agreement.expectSealed(2)

  // History: both versions; compare them, word by word.
  await coach.agreement.openHistory()
  await expect(coach.agreement.versionButton(2)).toBeVisible()
  await expect(coach.agreement.versionButton(1)).toBeVisible()
  await coach.page.getByRole('button', { name: 'Compare with the current draft' }).click()
  await coach.page.getByRole('combobox', { name: 'From' }).selectOption('v1')
  await coach.page.getByRole('combobox', { name: 'To' }).selectOption('v2')
  await expect(
    coach.page.getByRole('status').filter({ hasText: 'From version 1 to version 2' }),
  ).toContainText('1 card edited, 1 added')
  await expect(
    coach.page.getByRole('region', { name: 'Changes in Shared values' }).locator('ins'),
  ).toHaveText(' and courage')
  await expect(
    coach.page.getByRole('region', { name: 'Changes in How we handle conflict' }),
  ).toContainText('We pause, then talk within a day.')

  // Version 1, read-only, exported as Markdown.
  await coach.agreement.versionButton(1).click()
  const pane = coach.page.getByRole('article', { name: 'Version 1' })
  await expect(pane.getByText('Read-only · Version 1')).toBeVisible()
  await expect(pane.getByRole('textbox')).toHaveCount(0)
  const [download] = await Promise.all([
    coach.page.waitForEvent('download'),
    pane.getByRole('button', { name: 'Download Markdown' }).click(),
  ])
  expect(download.suggestedFilename()).toBe('Ana-Ben-v1.md')
  const markdown = fs.readFileSync((await download.path())!, 'utf8')
  expect(markdown).toMatch(
    /^# Ana & Ben\n\n\*\*Version 1\*\*, agreed by Ana \(.+\) and Ben \(.+\)\./,
  )
  expect(markdown).toContain('- Curiosity\n')

  // The next check-in, as a calendar file.
  await coach.page.getByRole('button', { name: 'Plan the next check-in' }).click()
  await coach.page.getByLabel('Date').fill('2026-12-03')
  await coach.page.getByLabel('Time').fill('09:30')
  await coach.page.getByLabel('Repeats').selectOption('monthly')
  await coach.page.getByRole('button', { name: 'Save check-in' }).click()
  const [ics] = await Promise.all([
    coach.page.waitForEvent('download'),
    coach.page.getByRole('button', { name: 'Add to calendar (.ics)' }).click(),
  ])
  const calendar = fs.readFileSync((await ics.path())!, 'utf8')
  expect(calendar).toMatch(/DTSTART:20261203T\d{6}Z/)
  expect(calendar).toContain('RRULE:FREQ=MONTHLY')

  // Restore version 1: one explicit action, confirmed, that everyone sees as the new draft.
  await pane.getByRole('button', { name: 'Restore as a new draft…' }).click()
  await coach.page.getByRole('button', { name: 'Restore version 1' }).click()
  await expect(coach.page.getByText('Version 1 is back as the draft.')).toBeVisible()
  await expect(client.canvas.cardTexts('Shared values')).toHaveText(['Curiosity'])
  await expect(client.canvas.cardTexts('How we handle conflict')).toHaveCount(0)
  await expect(client.agreement.bar()).toContainText('It reads exactly like version 1.')
  await expect(client.agreement.stateOf('Ben')).toHaveText('not yet')
  await close()
})

test('the browser and the server compute the same content hash for the same draft', async ({
  browser,
}) => {
  const { coach, client, clientLink, close } = await coachAndClient(browser)
  await coach.canvas.addCard(COMMITMENTS, 'Ana', 'Plain, ')
  await coach.page.keyboard.press('Control+b')
  await coach.page.keyboard.type('bold')
  await coach.page.keyboard.press('Control+b')
  await coach.page.keyboard.press('Enter')
  await coach.page.keyboard.type('- a list item')
  await client.canvas.addCard('Shared values', undefined, 'Ünïcödé “quotes” & emoji-free text')
  await coach.canvas.expectSaved()
  await client.canvas.expectSaved()
  // Both browsers converge on one draft, and so on one hash.
  await expect
    .poll(async () => (await coach.agreement.draftHash()) === (await client.agreement.draftHash()))
    .toBe(true)
  const url = new URL(clientLink)
  const token = new URLSearchParams(url.hash.slice(1)).get('k')!
  const res = await client.page.request.get(`${url.pathname.replace('/a/', '/api/alliances/')}`, {
    headers: { authorization: `Bearer ${token}` },
  })
  const view = await res.json()
  expect(view.draft.contentHash).toBe(await client.agreement.draftHash())
  await close()
})
