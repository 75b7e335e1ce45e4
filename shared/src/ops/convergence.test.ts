import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { readSections, seedAlliance } from '../schema/allianceDoc'
import type { CardId, PartyId } from '../schema/ids'
import { prng } from '../testing'
import { bodyToNodes } from './cardBody'
import { addCard, cardsBySlot, deleteCard, moveCard, setCardColor, type Slot } from './cards'
import { CARD_COLORS } from '../schema/allianceDoc'

/**
 * Seeded random card operations on 3–5 replicas with random, partial, reordered delivery; then
 * everything is delivered and every replica must show the same canvas. A failing run prints its
 * seed and its operations; a seed that ever found a bug becomes a named test below.
 */
interface Replica {
  doc: Y.Doc
  inbox: Uint8Array[]
}

const parties = ['alex', 'sam', 'kim'] as PartyId[]

function render(doc: Y.Doc): unknown {
  const slots = [...cardsBySlot(doc).entries()].sort(([a], [b]) => (a < b ? -1 : 1))
  return slots.map(([slot, cards]) => [
    slot,
    cards.map((c) => [c.id, c.color, bodyToNodes(c.body)]),
  ])
}

function run(seed: number, steps = 300): void {
  const random = prng(seed)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!
  const base = new Y.Doc()
  seedAlliance(base, { title: 'Fuzz', template: 'coach-client', createdAt: '2026-01-01T00:00:00Z' })
  const sections = readSections(base)
  const count = 3 + Math.floor(random() * 3)
  const replicas: Replica[] = Array.from({ length: count }, () => {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(base))
    return { doc, inbox: [] }
  })
  replicas.forEach((r, i) => {
    r.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === 'remote') return
      replicas.forEach((other, j) => j !== i && other.inbox.push(update))
    })
  })
  const log: string[] = []
  const randomSlot = (): Slot => {
    const section = pick(sections)
    return { sectionId: section.id, partyId: section.perParty ? pick(parties) : null }
  }
  const anyCard = (doc: Y.Doc): CardId | null => {
    const ids = [...doc.getMap('cards').keys()] as CardId[]
    return ids.length ? pick(ids) : null
  }

  for (let step = 0; step < steps; step++) {
    const r = pick(replicas)
    const who = replicas.indexOf(r)
    const roll = random()
    if (roll < 0.25) {
      const slot = randomSlot()
      const index = Math.floor(random() * 4)
      const id = addCard(r.doc, { ...slot, index, text: [`card ${step}`] })
      log.push(`${who} add ${id} ${slot.sectionId}/${slot.partyId} @${index}`)
    } else if (roll < 0.5) {
      const id = anyCard(r.doc)
      if (!id) continue
      const slot = randomSlot()
      const index = Math.floor(random() * 4)
      moveCard(r.doc, id, { ...slot, index })
      log.push(`${who} move ${id} ${slot.sectionId}/${slot.partyId} @${index}`)
    } else if (roll < 0.6) {
      const id = anyCard(r.doc)
      if (!id) continue
      deleteCard(r.doc, id)
      log.push(`${who} delete ${id}`)
    } else if (roll < 0.65) {
      const id = anyCard(r.doc)
      if (!id) continue
      setCardColor(r.doc, id, pick(CARD_COLORS))
      log.push(`${who} colour ${id}`)
    } else if (roll < 0.85) {
      const id = anyCard(r.doc)
      if (!id) continue
      const body = (r.doc.getMap('cards').get(id) as Y.Map<unknown>).get('body') as Y.XmlFragment
      const para = body.get(0)
      const text = para instanceof Y.XmlElement ? para.get(0) : null
      if (!(text instanceof Y.XmlText)) continue
      if (random() < 0.7 || text.length === 0) {
        const at = Math.floor(random() * (text.length + 1))
        text.insert(at, pick([' we', ' agree', '!', ' honest']), random() < 0.2 ? { bold: {} } : {})
        log.push(`${who} type in ${id} @${at}`)
      } else {
        const at = Math.floor(random() * text.length)
        text.delete(at, 1)
        log.push(`${who} erase in ${id} @${at}`)
      }
    } else {
      // Deliver a random part of one replica's inbox, in a random order.
      const n = Math.floor(random() * (r.inbox.length + 1))
      const batch = r.inbox.splice(0, n)
      batch.sort(() => random() - 0.5)
      for (const update of batch) Y.applyUpdate(r.doc, update, 'remote')
      log.push(`${who} receive ${n}`)
    }
  }
  for (const r of replicas) {
    for (const update of r.inbox.splice(0)) Y.applyUpdate(r.doc, update, 'remote')
  }
  const expected = render(replicas[0]!.doc)
  for (const r of replicas.slice(1)) {
    try {
      expect(render(r.doc)).toEqual(expected)
      expect(Y.encodeStateVector(r.doc)).toEqual(Y.encodeStateVector(replicas[0]!.doc))
    } catch (error) {
      console.error(`convergence failed for seed ${seed}; operations:\n${log.join('\n')}`)
      throw error
    }
  }
}

describe('card operations converge', () => {
  // shared/ has no Node types; the test runner still has an environment.
  const env = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env
  const runs = Number(env?.FUZZ_RUNS ?? 25)
  const firstSeed = Number(env?.FUZZ_SEED ?? 1)
  for (let seed = firstSeed; seed < firstSeed + runs; seed++) {
    it(`seed ${seed}: random adds, moves, deletes and typing on 3–5 replicas`, () => run(seed))
  }
})
