import { expect, type Page } from '@playwright/test'

/** The home page: start an alliance from a template. */
export class HomePage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto('/')
  }

  /** Creates an alliance and lands on its canvas as facilitator (and the first party). */
  async create({
    title,
    parties,
    template,
  }: {
    title: string
    parties: string[]
    template?: string
  }): Promise<void> {
    await this.open()
    if (template) {
      // People click the template card (the label); the radio inside stays the accessible control.
      await this.page.locator('label.template-option', { hasText: template }).click()
      await expect(this.page.getByRole('radio', { name: new RegExp(template) })).toBeChecked()
    }
    await this.page.getByRole('textbox', { name: 'Title' }).fill(title)
    for (let i = 2; i < parties.length; i++)
      await this.page.getByRole('button', { name: '+ Add a party' }).click()
    for (const [i, name] of parties.entries())
      await this.page.getByLabel(`Party ${i + 1} name`).fill(name)
    await this.page.getByRole('button', { name: 'Create the canvas' }).click()
    await this.page.waitForURL(/\/a\/[A-Za-z0-9_-]{16}#k=/)
    // The facilitator lands with the share panel open, links ready to copy.
    const share = this.page.getByRole('dialog', { name: 'Share this alliance' })
    await expect(share).toBeVisible()
    await expect(share.getByRole('textbox', { name: `${parties[0]} link` })).toHaveValue(
      /\/a\/.+#k=/,
    )
    await share.getByRole('button', { name: 'Close' }).click()
  }
}
