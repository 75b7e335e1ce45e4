import { expect, test } from '@playwright/test'
import { CanvasPage } from './pages/CanvasPage'
import { HomePage } from './pages/HomePage'

test('HM1: recently opened keeps every alliance, with its agreement state, searchable and removable', async ({
  page,
}) => {
  const home = new HomePage(page)
  await home.create({ title: 'Ana & Ben', parties: ['Ana', 'Ben'] })
  await new CanvasPage(page).ready()
  // Eleven more this device opened earlier.
  await page.evaluate(() => {
    const key = 'alliance-canvas:alliances'
    const all = JSON.parse(localStorage.getItem(key) ?? '{}') as Record<string, unknown>
    for (let i = 1; i <= 11; i++) {
      const id = `team${String(i).padStart(2, '0')}aaaaaaaaaa`
      all[id] = {
        id,
        title: `Team ${i}`,
        role: 'party',
        token: 'x'.repeat(32),
        openedAt: new Date(Date.UTC(2026, 0, i)).toISOString(),
        agreement: i === 7 ? 'v2 agreed' : 'draft, not agreed yet',
      }
    }
    localStorage.setItem(key, JSON.stringify(all))
  })
  await home.open()
  const list = page.getByRole('list', { name: 'Recently opened alliances' })
  await expect(list.getByRole('listitem')).toHaveCount(12)
  await expect(list.getByRole('listitem').first()).toContainText('Ana & Ben')
  await expect(list.getByRole('listitem').first()).toContainText('draft, not agreed yet')

  await page.getByRole('searchbox', { name: 'Search recently opened alliances' }).fill('team 7')
  await expect(list.getByRole('listitem')).toHaveCount(1)
  await expect(list.getByRole('listitem')).toContainText('v2 agreed')

  await page.getByRole('button', { name: 'Forget Team 7 on this device' }).click()
  await page.getByRole('button', { name: 'Forget it' }).click()
  await expect(page.getByText('No alliance here matches “team 7”.')).toBeVisible()
  await page.reload()
  await expect(list.getByRole('listitem')).toHaveCount(11)
  await expect(list).not.toContainText('Team 7')
})
