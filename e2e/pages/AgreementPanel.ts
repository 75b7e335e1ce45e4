import { expect, type Locator, type Page } from '@playwright/test'

/** The agreement bar and the history, as a party uses them. */
export class AgreementPanel {
  constructor(readonly page: Page) {}

  bar(): Locator {
    return this.page.getByRole('region', { name: 'Agreement' })
  }

  /** "✓ agreed", "agreed to an earlier draft" or "not yet" for one party. */
  stateOf(party: string): Locator {
    return this.bar().locator(`li[data-party="${party}"] .party-agreement-state`)
  }

  async agree(): Promise<void> {
    await this.bar()
      .getByRole('button', { name: /^Agree to this draft/ })
      .click()
  }

  async expectSealed(n: number): Promise<void> {
    await expect(this.bar().getByText(`Version ${n} is sealed.`)).toBeVisible()
  }

  /** The content hash this browser computed (Web Crypto) for what it shows. */
  async draftHash(): Promise<string> {
    await expect(this.bar()).toHaveAttribute('data-draft-hash', /^[0-9a-f]{64}$/)
    return (await this.bar().getAttribute('data-draft-hash'))!
  }

  async openHistory(): Promise<void> {
    await this.bar()
      .getByRole('button', { name: /^History/ })
      .click()
    await expect(this.page.getByRole('heading', { name: 'History', level: 1 })).toBeVisible()
  }

  async backToCanvas(): Promise<void> {
    await this.page.getByRole('button', { name: '← Back to the canvas' }).click()
  }

  versionButton(n: number): Locator {
    return this.page
      .getByRole('navigation', { name: 'Agreed versions' })
      .getByRole('button', { name: new RegExp(`^Version ${n}\\b`) })
  }
}
