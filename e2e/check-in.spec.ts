import fs from 'node:fs'
import { expect, test } from '@playwright/test'
import { coachAndClient } from './fixtures'

test('CI1, CI2: a check-in planned in Berlin shows in New York time with both zones named, and each .ics carries UTC and its own link', async ({
  browser,
}) => {
  const { coach, client, clientLink, close } = await coachAndClient(
    browser,
    ['Ana', 'Ben'],
    [
      { timezoneId: 'Europe/Berlin', locale: 'en-GB' },
      { timezoneId: 'America/New_York', locale: 'en-GB' },
    ],
  )
  await coach.agreement.openHistory()
  await coach.page.getByRole('button', { name: 'Plan the next check-in' }).click()
  await expect(coach.page.getByLabel('Time (Europe/Berlin)')).toBeVisible()
  await coach.page.getByLabel('Date').fill('2026-12-03')
  await coach.page.getByLabel('Time').fill('10:00')
  await coach.page.getByLabel('Repeats').selectOption('monthly')
  await coach.page.getByRole('button', { name: 'Save check-in' }).click()
  const coachPanel = coach.page.getByRole('region', { name: 'Next check-in' })
  await expect(coachPanel.getByTestId('check-in-time')).toHaveText(/10:00 (CET|GMT\+1)$/)
  await expect(coachPanel).toContainText('Your time (Europe/Berlin)')

  // The client, six hours behind, sees the same instant in their own time.
  await client.agreement.openHistory()
  const clientPanel = client.page.getByRole('region', { name: 'Next check-in' })
  await expect(clientPanel.getByTestId('check-in-time')).toHaveText(/04:00 (EST|GMT-5)$/)
  await expect(clientPanel).toContainText('Your time (America/New York)')
  await expect(clientPanel).toContainText('planned for 10:00 in Europe/Berlin')

  // Their calendar file: the instant in UTC, and their own link with its key.
  const [download] = await Promise.all([
    client.page.waitForEvent('download'),
    clientPanel.getByRole('button', { name: 'Add to calendar (.ics)' }).click(),
  ])
  const calendar = fs.readFileSync((await download.path())!, 'utf8').replace(/\r\n /g, '')
  expect(calendar).toContain('DTSTART:20261203T090000Z\r\n')
  expect(calendar).toContain(`URL:${clientLink}\r\n`)
  const coachLinks = await coach.page.evaluate(() => location.hash)
  expect(calendar).not.toContain(coachLinks.slice(3))

  // Changing it from New York keeps the instant readable for Berlin.
  await clientPanel.getByRole('button', { name: 'Change' }).click()
  await expect(client.page.getByLabel('Time')).toHaveValue('04:00')
  await client.page.getByLabel('Time').fill('08:00')
  await client.page.getByRole('button', { name: 'Save check-in' }).click()
  await expect(coachPanel.getByTestId('check-in-time')).toContainText('14:00')
  await expect(coachPanel).toContainText('planned for 08:00 in America/New York')
  await close()
})
