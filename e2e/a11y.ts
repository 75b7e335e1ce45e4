import AxeBuilder from '@axe-core/playwright'
import { expect, type APIRequestContext, type Page } from '@playwright/test'
import type { CreateAllianceResponse } from '../shared/src/protocol/api'

/** The WCAG 2.1 AA rule set the issue asks for. */
const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']

/**
 * Runs axe-core on what the page shows now and fails with a readable list of the violations
 * (rule, impact, the elements it found) when there is any.
 */
export async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_AA).analyze()
  const found = violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n` +
      v.nodes
        .slice(0, 5)
        .map((n) => `    ${n.target.join(' ')}: ${n.failureSummary?.split('\n').join(' ')}`)
        .join('\n'),
  )
  expect(found, `axe violations on ${where}`).toEqual([])
}

/** Creates an alliance through the API (no browser), with these party names. */
export async function createAlliance(
  request: APIRequestContext,
  parties: string[],
  title = 'Ana & Ben',
): Promise<CreateAllianceResponse> {
  const res = await request.post('/api/alliances', {
    data: { title, parties: parties.map((name) => ({ name })) },
  })
  expect(res.status()).toBe(201)
  return (await res.json()) as CreateAllianceResponse
}

/**
 * Records a party's agreement to the draft the page shows (its own Web Crypto hash). The page
 * hashes a moment after the last change, so a 409 (hash not caught up yet) is tried again.
 */
export async function agreeAs(
  request: APIRequestContext,
  page: Page,
  allianceId: string,
  partyToken: string,
): Promise<void> {
  const bar = page.getByRole('region', { name: 'Agreement' })
  await expect(page.locator('.status-pill')).toHaveText('Saved')
  await expect
    .poll(
      async () => {
        const contentHash = await bar.getAttribute('data-draft-hash')
        const res = await request.post(`/api/alliances/${allianceId}/agreements`, {
          headers: { authorization: `Bearer ${partyToken}` },
          data: { contentHash },
        })
        return res.ok() ? 'recorded' : await res.text()
      },
      { timeout: 10_000 },
    )
    .toBe('recorded')
}

/** Where the keyboard focus is: never `<body>` after an action that moved it. */
export async function expectFocusNotOnBody(page: Page, after: string): Promise<void> {
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.tagName ?? 'none'), {
      message: `focus after ${after}`,
    })
    .not.toMatch(/^(BODY|none)$/)
}
