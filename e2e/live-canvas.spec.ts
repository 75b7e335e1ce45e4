import { expect, test, type Browser } from '@playwright/test'
import { CanvasPage } from './pages/CanvasPage'
import { HomePage } from './pages/HomePage'
import { coachAndClient as twoPeople } from './fixtures'

const COMMITMENTS = 'What you can count on from me'

async function coachAndClient(browser: Browser) {
  const { coach, client, close } = await twoPeople(browser)
  return { coach: coach.canvas, client: client.canvas, close }
}

test('two parties create, join by link and edit one canvas live', async ({ browser }) => {
  const { coach, client, close } = await coachAndClient(browser)
  // Both see who is here.
  await expect(coach.page.getByRole('group', { name: /Here now: Ana \(you\), Ben/ })).toBeVisible()
  await expect(client.page.getByRole('group', { name: /Here now: Ben \(you\), Ana/ })).toBeVisible()

  await coach.addCard(COMMITMENTS, 'Ana', 'I will start every session on time.')
  await client.addCard(COMMITMENTS, 'Ben', 'I will do the work between sessions.')
  await client.addCard('Shared values', undefined, 'Honesty')

  // Each sees the other's text within a moment.
  await expect(client.cardTexts(COMMITMENTS, 'Ana')).toHaveText(
    ['I will start every session on time.'],
    { timeout: 2000 },
  )
  await expect(coach.cardTexts(COMMITMENTS, 'Ben')).toHaveText(
    ['I will do the work between sessions.'],
    { timeout: 2000 },
  )
  await expect(coach.cardTexts('Shared values')).toHaveText(['Honesty'], { timeout: 2000 })

  // The client is typing in "Shared values": the coach sees their caret, with their name.
  await expect(coach.page.locator('.remote-caret-label[data-name="Ben"]')).toBeVisible()
  await expect(coach.page.getByText('Ben is writing…')).toBeVisible()

  // "Saved" only once the server acknowledged the edits.
  await coach.expectSaved()
  await client.expectSaved()

  // A reload loads everything back from the server.
  await client.page.reload()
  await client.ready()
  await expect(client.cardTexts(COMMITMENTS, 'Ana')).toHaveText([
    'I will start every session on time.',
  ])
  await expect(client.cardTexts('Shared values')).toHaveText(['Honesty'])
  await close()
})

test('an observer sees everything live and can change nothing', async ({ browser }) => {
  const { coach, close } = await coachAndClient(browser)
  const observerLink = await coach.linkOf('Observer')
  const observerContext = await browser.newContext()
  const observer = new CanvasPage(await observerContext.newPage())
  await observer.page.goto(observerLink)
  await observer.ready()
  await expect(observer.page.getByText(/watching as an observer/)).toBeVisible()
  await expect(observer.page.getByRole('button', { name: /^Add card/ })).toHaveCount(0)

  await coach.addCard(COMMITMENTS, 'Ana', 'Visible to observers')
  const card = observer.cardTexts(COMMITMENTS, 'Ana')
  await expect(card).toHaveText(['Visible to observers'])
  await expect(card.first()).toHaveAttribute('contenteditable', 'false')
  await card.first().click()
  await observer.page.keyboard.type('tamper')
  // An honest edit after the attempt: once the observer sees it, anything the attempt could have
  // sent reached the server long before, and would have reached the coach too.
  await coach.addCard('Shared values', undefined, 'Honest edit after the attempt')
  await expect(observer.cardTexts('Shared values')).toHaveText(['Honest edit after the attempt'])
  await expect(coach.cardTexts(COMMITMENTS, 'Ana')).toHaveText(['Visible to observers'])
  await expect(observer.cardTexts(COMMITMENTS, 'Ana')).toHaveText(['Visible to observers'])
  await observerContext.close()
  await close()
})

test('cards move between sections by keyboard and every party sees the move', async ({
  browser,
}) => {
  const { coach, client, close } = await coachAndClient(browser)
  await coach.addCard('Shared values', undefined, 'First')
  await coach.addCard('Shared values', undefined, 'Second')
  await expect(client.cardTexts('Shared values')).toHaveText(['First', 'Second'])

  // Reorder with the drag handle and the keyboard only: space, arrow up, space. The pauses are a
  // person's: dnd-kit measures the drop targets in the frames after a card is picked up.
  const handle = coach.page.getByRole('button', { name: 'Move card 2 in Shared values' })
  await handle.focus()
  for (const key of ['Space', 'ArrowUp', 'Space']) {
    await coach.page.keyboard.press(key)
    await coach.page.waitForTimeout(150)
  }
  await expect(coach.cardTexts('Shared values')).toHaveText(['Second', 'First'])
  await expect(client.cardTexts('Shared values')).toHaveText(['Second', 'First'])

  // Move to another section from the card's menu.
  const values = coach.section('Shared values')
  await values.getByRole('button', { name: 'Card options' }).first().click()
  await coach.page.getByRole('menuitem', { name: 'Move to another section…' }).click()
  await coach.page
    .getByRole('menu', { name: 'Move the card to' })
    .getByRole('menuitemradio', { name: 'How we handle conflict' })
    .click()
  await expect(client.cardTexts('How we handle conflict')).toHaveText(['Second'])
  await expect(client.cardTexts('Shared values')).toHaveText(['First'])
  await close()
})

test('undo takes back only my own changes', async ({ browser }) => {
  const { coach, client, close } = await coachAndClient(browser)
  await client.addCard('Shared values', undefined, 'Ben’s card')
  await expect(coach.cardTexts('Shared values')).toHaveText(['Ben’s card'])
  await coach.addCard('Shared values', undefined, 'Ana’s card')
  await expect(client.cardTexts('Shared values')).toHaveText(['Ben’s card', 'Ana’s card'])
  await coach.page.getByRole('button', { name: 'Undo your last change' }).click()
  await expect(client.cardTexts('Shared values')).toHaveText(['Ben’s card'])
  await expect(coach.cardTexts('Shared values')).toHaveText(['Ben’s card'])
  await close()
})

test('a link with a wrong or missing key explains itself instead of showing an empty canvas', async ({
  page,
  browser,
}) => {
  const home = new HomePage(page)
  await home.create({ title: 'Key test', parties: ['A', 'B'] })
  const id = new URL(page.url()).pathname.split('/')[2]
  await page.goto(`/a/${id}#k=${'x'.repeat(32)}`)
  await expect(
    page.getByRole('heading', { name: 'This link does not open the alliance' }),
  ).toBeVisible()
  // The creator's browser remembers its link, so the bare address still opens the canvas.
  await page.goto(`/a/${id}`)
  await expect(page.getByRole('main', { name: 'Alliance canvas' })).toBeVisible()
  // Anyone else gets told what is missing.
  const stranger = await browser.newPage()
  await stranger.goto(`/a/${id}`)
  await expect(
    stranger.getByRole('heading', { name: 'This link is missing its key' }),
  ).toBeVisible()
  await stranger.close()
})

test('a card dragged with the mouse lands in another section for everyone', async ({ browser }) => {
  const { coach, client, close } = await coachAndClient(browser)
  await coach.addCard('Shared values', undefined, 'Drag me')
  await coach.page.keyboard.press('Escape')
  const handle = coach.page.getByRole('button', { name: 'Move card 1 in Shared values' })
  const target = coach.addButton('How we handle conflict')
  await target.scrollIntoViewIfNeeded()
  const from = (await handle.boundingBox())!
  const to = (await target.boundingBox())!
  await coach.page.mouse.move(from.x + from.width / 2, from.y + from.height / 2)
  await coach.page.mouse.down()
  await coach.page.mouse.move(from.x + 20, from.y + 20, { steps: 4 })
  await coach.page.mouse.move(to.x + to.width / 2, to.y - 10, { steps: 12 })
  await coach.page.mouse.up()
  await expect(client.cardTexts('How we handle conflict')).toHaveText(['Drag me'])
  await expect(client.cardTexts('Shared values')).toHaveCount(0)
  await close()
})

test('edits made offline stay on the device and are saved on reconnect', async ({ browser }) => {
  const { coach, client, close } = await coachAndClient(browser)
  await client.page.context().setOffline(true)
  await expect(client.status()).toContainText('Offline')
  await client.addCard('Shared values', undefined, 'Written offline')
  await expect(client.status()).toHaveText('Offline · changes kept on this device')
  await client.page.context().setOffline(false)
  await expect(coach.cardTexts('Shared values')).toHaveText(['Written offline'], {
    timeout: 10_000,
  })
  await client.expectSaved()
  await close()
})
