import { expect, test } from '@playwright/test'
import { coachAndClient } from './fixtures'

test('LM6: a paste over the message limit is refused with a clear message; the card stays editable and typing still arrives, also after a reload', async ({
  browser,
}) => {
  const { coach, client, close } = await coachAndClient(browser)
  await coach.canvas.addCard('Shared values', undefined, 'Start')
  await coach.canvas.expectSaved()

  // Two megabytes of text, pasted into the card being written.
  await coach.page.locator('.card-text:focus').evaluate((el) => {
    const data = new DataTransfer()
    data.setData('text/plain', 'All work and no play. '.repeat(100_000))
    el.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    )
  })
  await expect(coach.page.getByRole('alert')).toContainText('That is too much to add at once')
  await expect(coach.page.getByRole('alert')).toContainText('paste it in smaller parts')
  await expect(coach.canvas.cardTexts('Shared values')).toHaveText(['Start'])

  // The card stays editable, the connection open, and typing arrives.
  await coach.page.keyboard.type(' and more')
  await expect(client.canvas.cardTexts('Shared values')).toHaveText(['Start and more'])
  await coach.canvas.expectSaved()
  await expect(coach.page.getByRole('alert')).toHaveCount(0)

  // After a reload (the offline copy was not poisoned) it still saves and arrives.
  await coach.page.reload()
  await coach.canvas.ready()
  await coach.canvas.expectSaved()
  await coach.canvas.cardTexts('Shared values').first().click()
  await coach.page.keyboard.press('End')
  await coach.page.keyboard.type(', again')
  await expect(client.canvas.cardTexts('Shared values')).toHaveText(['Start and more, again'])
  await coach.canvas.expectSaved()
  await close()
})
