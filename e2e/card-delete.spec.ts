import { expect, test } from '@playwright/test'
import { coachAndClient } from './fixtures'

test('CV7: deleting a card someone writes in asks first, tells the writer who did it, and both ways back keep their words', async ({
  browser,
}) => {
  const { coach, client, close } = await coachAndClient(browser)
  await client.canvas.addCard('Shared values', undefined, 'Candour, kindly')
  const coachCard = coach.page.locator('.card').filter({ hasText: 'Candour, kindly' })
  await expect(coachCard).toContainText('Ben is writing')

  // The coach deletes it: the menu names who is writing there and asks.
  await coachCard.getByRole('button', { name: 'Card options' }).click()
  await coach.page.getByRole('menuitem', { name: 'Delete card' }).click()
  await expect(coach.page.getByText('Ben is writing in this card. Delete it anyway?')).toBeVisible()
  await expect(coach.page.getByRole('menuitem', { name: 'Keep it' })).toBeFocused()
  await coach.page.getByRole('menuitem', { name: 'Delete anyway' }).click()
  await expect(coach.canvas.cardTexts('Shared values')).toHaveCount(0)

  // The writer is told, by name, and can bring the card back with every word.
  const notice = client.page
    .getByRole('alert')
    .filter({ hasText: 'deleted the card you were writing in' })
  await expect(notice).toContainText('Ana deleted the card you were writing in')
  await notice.getByRole('button', { name: 'Bring it back' }).click()
  await expect(coach.canvas.cardTexts('Shared values')).toHaveText(['Candour, kindly'])
  await expect(notice).toHaveCount(0)

  // Deleted again with nobody writing: no question; the deleter's undo brings it back whole.
  await client.page
    .getByRole('main', { name: 'Alliance canvas' })
    .click({ position: { x: 5, y: 5 } })
  await expect(coachCard).not.toContainText('is writing')
  await coachCard.getByRole('button', { name: 'Card options' }).click()
  await coach.page.getByRole('menuitem', { name: 'Delete card' }).click()
  await expect(client.canvas.cardTexts('Shared values')).toHaveCount(0)
  await coach.page.keyboard.press('Control+z')
  await expect(client.canvas.cardTexts('Shared values')).toHaveText(['Candour, kindly'])
  await close()
})
