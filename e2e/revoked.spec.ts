import { expect, test } from '@playwright/test'
import { coachAndClient } from './fixtures'

test('AX6: a party whose link was replaced sees a read-only page that says why, with no working-looking buttons', async ({
  browser,
}) => {
  const { coach, client, close } = await coachAndClient(browser)
  await coach.canvas.addCard('Shared values', undefined, 'Trust')
  await expect(client.canvas.cardTexts('Shared values')).toHaveText(['Trust'])
  await expect(client.agreement.bar().getByRole('button', { name: /^Agree/ })).toBeVisible()

  const url = new URL(coach.page.url())
  const token = url.hash.replace('#k=', '')
  const id = url.pathname.split('/').pop()!
  const alliance = await coach.page.request.get(`/api/alliances/${id}`, {
    headers: { authorization: `Bearer ${token}` },
  })
  const ben = (
    (await alliance.json()) as { parties: Array<{ id: string; name: string }> }
  ).parties.find((p) => p.name === 'Ben')!
  const rotated = await coach.page.request.post(`/api/alliances/${id}/links`, {
    headers: { authorization: `Bearer ${token}` },
    data: { role: 'party', partyId: ben.id },
  })
  expect(rotated.status()).toBe(201)

  await expect(client.page.getByRole('alert')).toContainText(
    'This link no longer opens the alliance',
  )
  await expect(client.page.getByRole('alert')).toContainText('read-only')
  await expect(client.page.getByRole('button', { name: 'Try again' })).toHaveCount(0)
  await expect(client.agreement.bar().getByRole('button', { name: /^Agree/ })).toHaveCount(0)
  await expect(client.page.getByRole('button', { name: /^Add card/ })).toHaveCount(0)
  await expect(client.page.getByRole('button', { name: 'Card options' })).toHaveCount(0)
  await expect(client.canvas.cardTexts('Shared values')).toHaveText(['Trust'])
  await expect(client.canvas.cardTexts('Shared values').first()).not.toHaveAttribute(
    'contenteditable',
    'true',
  )
  await close()
})
