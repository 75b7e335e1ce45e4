import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addCard, getCard, listCards } from '../../shared/src/ops/cards'
import { CloseCode } from '../../shared/src/protocol/closeCodes'
import { SyncType } from '../../shared/src/protocol/messages'
import type { SectionId } from '../../shared/src/schema/ids'
import { DocKeys } from '../../shared/src/schema/keys'
import { UPDATE_RATE } from '../src/rooms/Connection'
import { connectClient, createAlliance, rawSocket, startTestServer, waitFor } from './helpers'
import { syncMessage } from '../src/rooms/messages'

const values = 'values' as SectionId
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function setup() {
  const server = await startTestServer()
  const created = await createAlliance(server.url)
  const witness = connectClient(server.url, created.id, created.observer.token)
  await witness.waitForSynced()
  return { server, created, witness }
}

describe('update rate per connection (LM7)', () => {
  it('LM7: a fast typist (one update per keystroke, about 20 a second) is never slowed or closed', async () => {
    const { server, created, witness } = await setup()
    const typist = connectClient(server.url, created.id, created.parties[0]!.token)
    await typist.waitForSynced()
    const id = addCard(typist.doc, { sectionId: values, partyId: null, text: ['>'] })
    const paragraph = getCard(typist.doc, id)!.body.get(0) as Y.XmlElement
    const text = paragraph.get(0) as Y.XmlText
    const witnessLength = (): number => getCard(witness.doc, id)?.body.toString().length ?? 0
    await waitFor(() => witnessLength() > 0, 'the card reaches the other side')
    const base = witnessLength()
    let updates = 0
    typist.doc.on('update', () => updates++)
    const words = 'We keep our promises and say so early when we cannot. '.repeat(2)
    const lags: number[] = []
    const started = Date.now()
    for (const [i, char] of [...words].entries()) {
      text.insert(i + 1, char)
      const sent = Date.now()
      void waitFor(() => witnessLength() >= base + i + 1, 'relay', 5000).then(() =>
        lags.push(Date.now() - sent),
      )
      await sleep(50)
    }
    await typist.waitForSaved()
    const seconds = (Date.now() - started) / 1000
    console.log(
      `honest typist: ${updates} updates in ${seconds.toFixed(1)} s = ${(updates / seconds).toFixed(1)}/s; relay lag max ${Math.max(...lags)} ms`,
    )
    expect(updates).toBe(words.length)
    expect(updates / seconds).toBeLessThan(UPDATE_RATE.perSecond)
    expect(typist.closes).toEqual([])
    await waitFor(() => lags.length === words.length, 'every keystroke relayed')
    // Never throttled: each keystroke reached the other side within a fraction of a second.
    expect(Math.max(...lags)).toBeLessThan(500)
  })

  it('LM7: 1,000 updates a second from one party are throttled, then closed with 4429, while another party still gets through', async () => {
    const { server, created, witness } = await setup()
    const path = `/ws/${created.id}?token=${created.parties[0]!.token}`
    const flood = await rawSocket(server.url, path)
    const source = new Y.Doc()
    const updates: Uint8Array[] = []
    source.on('update', (u: Uint8Array) => updates.push(u))
    for (let i = 0; i < 2000; i++) source.getMap(DocKeys.facilitation).set('n', i)
    let relayed = 0
    witness.doc.getMap(DocKeys.facilitation).observe(() => relayed++)
    const other = connectClient(server.url, created.id, created.parties[1]!.token)
    await other.waitForSynced()

    let sent = 0
    const started = Date.now()
    const timer = setInterval(() => {
      // A thousand a second on average, however late the timer fires.
      const due = Math.min(updates.length, Date.now() - started)
      for (; sent < due; sent++) {
        if (flood.ws.readyState === flood.ws.OPEN)
          flood.ws.send(syncMessage(SyncType.Update, updates[sent]!))
      }
    }, 10)
    addCard(other.doc, { sectionId: values, partyId: null, text: ['still heard'] })
    await waitFor(
      () => listCards(witness.doc, { sectionId: values, partyId: null }).length === 1,
      'the other party is heard',
      2000,
    )
    const { code } = await flood.closed
    clearInterval(timer)
    const elapsed = Date.now() - started
    console.log(`flood closed ${code} after ${elapsed} ms, ${sent} sent, ${relayed} relayed`)
    expect(code).toBe(CloseCode.TooMany)
    // At most the burst, the queue and the rate for the time it lasted got through.
    expect(relayed).toBeLessThanOrEqual(
      UPDATE_RATE.burst + UPDATE_RATE.queue + (UPDATE_RATE.perSecond * elapsed) / 1000,
    )
    await other.waitForSaved()
    expect(other.closes).toEqual([])
  })
})
