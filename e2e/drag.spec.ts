import { expect, test, type Locator, type Page } from '@playwright/test'
import { CanvasPage } from './pages/CanvasPage'
import { HomePage } from './pages/HomePage'

async function dragTo(page: Page, handle: Locator, x: number, y: number): Promise<void> {
  const box = (await handle.boundingBox())!
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
  await page.mouse.down()
  await page.mouse.move(box.x + 20, box.y + 20, { steps: 5 })
  await page.mouse.move(x, y, { steps: 15 })
  await page.mouse.up()
  await expect(page.locator('.card-overlay')).toHaveCount(0)
}

test('CV8: a card dropped on empty background goes back where it was; dropped on a section, it moves there', async ({
  page,
}) => {
  // Tall enough that both sections of the second drag are on screen without scrolling.
  await page.setViewportSize({ width: 1280, height: 2000 })
  await new HomePage(page).create({ title: 'Drag', parties: ['Ana', 'Ben'] })
  const canvas = new CanvasPage(page)
  await canvas.addCard('Shared values', undefined, 'Curiosity')
  const handle = page.getByRole('button', { name: /^Move card 1 in Shared values/ })

  // The gap between the first two sections: near both, inside neither.
  const first = (await page.locator('[data-section-id]').nth(0).boundingBox())!
  const second = (await page.locator('[data-section-id]').nth(1).boundingBox())!
  const gapX = first.x + first.width < second.x ? (first.x + first.width + second.x) / 2 : null
  const gap = gapX
    ? { x: gapX, y: first.y + 30 }
    : { x: first.x + 30, y: (first.y + first.height + second.y) / 2 }
  await dragTo(page, handle, gap.x, gap.y)
  await expect(canvas.cardTexts('Shared values')).toHaveText(['Curiosity'])
  await expect(page.locator('.card')).toHaveCount(1)

  // A real drop target still works.
  const conflict = (await canvas
    .section('How we handle conflict')
    .locator('.column')
    .first()
    .boundingBox())!
  await dragTo(page, handle, conflict.x + conflict.width / 2, conflict.y + conflict.height / 2)
  await expect(canvas.cardTexts('How we handle conflict')).toHaveText(['Curiosity'])
  await expect(canvas.cardTexts('Shared values')).toHaveCount(0)
})
