import { expect, type Locator, type Page } from '@playwright/test'

/** The canvas as a person sees it: sections, columns, cards, presence, the share panel. */
export class CanvasPage {
  constructor(readonly page: Page) {}

  async ready(): Promise<void> {
    await expect(this.page.getByRole('main', { name: 'Alliance canvas' })).toBeVisible()
  }

  section(title: string): Locator {
    return this.page.getByRole('region', { name: title, exact: true })
  }

  /** The "Add card" button of a section, or of one party's column in it. */
  addButton(section: string, party?: string): Locator {
    const name = party ? `Add card to ${party}’s column of ${section}` : `Add card to ${section}`
    return this.page.getByRole('button', { name, exact: true })
  }

  /** Adds a card and types into it (the new card takes the focus). */
  async addCard(section: string, party: string | undefined, text: string): Promise<void> {
    await this.addButton(section, party).click()
    await expect(this.page.locator('.card-text:focus')).toBeVisible()
    await this.page.keyboard.type(text, { delay: 10 })
  }

  cardTexts(section: string, party?: string): Locator {
    const where = party ? `${party}’s column of ${section}` : section
    return this.page.getByRole('list', { name: `Cards in ${where}` }).getByRole('textbox')
  }

  status(): Locator {
    return this.page.locator('.status-pill')
  }

  async expectSaved(): Promise<void> {
    await expect(this.status()).toHaveText('Saved')
  }

  /** Opens the share panel and returns the link of a party (or "Observer"). */
  async linkOf(name: string): Promise<string> {
    await this.page.getByRole('button', { name: 'Share links' }).click()
    const link = await this.page.getByRole('textbox', { name: `${name} link` }).inputValue()
    await this.page.getByRole('button', { name: 'Close' }).click()
    return link
  }
}
