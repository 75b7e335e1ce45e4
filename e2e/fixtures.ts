import type { Browser, BrowserContextOptions, Page } from '@playwright/test'
import { AgreementPanel } from './pages/AgreementPanel'
import { CanvasPage } from './pages/CanvasPage'
import { HomePage } from './pages/HomePage'

export interface Person {
  page: Page
  canvas: CanvasPage
  agreement: AgreementPanel
}

/**
 * A coach creates an alliance (facilitator and first party) and a client opens their own link
 * in a second browser context: two people, two browsers, one canvas.
 */
export async function coachAndClient(
  browser: Browser,
  names: [string, string] = ['Ana', 'Ben'],
  /** Per person (coach, client): e.g. a `timezoneId` or `locale`. */
  options: [BrowserContextOptions, BrowserContextOptions] = [{}, {}],
) {
  const coachContext = await browser.newContext({ acceptDownloads: true, ...options[0] })
  const coachPage = await coachContext.newPage()
  const coach: Person = {
    page: coachPage,
    canvas: new CanvasPage(coachPage),
    agreement: new AgreementPanel(coachPage),
  }
  await new HomePage(coachPage).create({ title: `${names[0]} & ${names[1]}`, parties: names })
  await coach.canvas.ready()
  const link = await coach.canvas.linkOf(names[1])
  const clientContext = await browser.newContext({ acceptDownloads: true, ...options[1] })
  const clientPage = await clientContext.newPage()
  const client: Person = {
    page: clientPage,
    canvas: new CanvasPage(clientPage),
    agreement: new AgreementPanel(clientPage),
  }
  await clientPage.goto(link)
  await client.canvas.ready()
  return {
    coach,
    client,
    clientLink: link,
    close: () => Promise.all([coachContext.close(), clientContext.close()]),
  }
}
