import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { AllianceId, PartyId } from '../../../shared/src/schema/ids'
import { hashToken } from '../auth/tokens'
import type { AllianceStore, NewAlliance } from './AllianceStore'

function update(key: string, value: string): Uint8Array {
  const doc = new Y.Doc()
  doc.getMap('m').set(key, value)
  return Y.encodeStateAsUpdate(doc)
}

function alliance(id: string, tokens: string[] = []): NewAlliance {
  const allianceId = id as AllianceId
  const createdAt = '2026-01-01T00:00:00.000Z'
  return {
    alliance: { id: allianceId, title: `Alliance ${id}`, template: 'peers', createdAt },
    parties: [
      {
        id: `${id}-p1` as PartyId,
        allianceId,
        name: 'One',
        color: '#000000',
        position: 0,
        createdAt,
      },
      {
        id: `${id}-p2` as PartyId,
        allianceId,
        name: 'Two',
        color: '#111111',
        position: 1,
        createdAt,
      },
    ],
    tokens: tokens.map((t, i) => ({
      hash: hashToken(t),
      allianceId,
      role: i === 0 ? 'facilitator' : 'party',
      partyId: i === 0 ? null : (`${id}-p${i}` as PartyId),
      createdAt,
    })),
    initialUpdate: update('seed', id),
  }
}

function replay(stored: {
  state: Uint8Array | null
  log: Array<{ data: Uint8Array }>
}): Record<string, unknown> {
  const doc = new Y.Doc()
  if (stored.state) Y.applyUpdate(doc, stored.state)
  for (const row of stored.log) Y.applyUpdate(doc, row.data)
  return doc.getMap('m').toJSON()
}

/** The contract every AllianceStore implementation passes; run it from each store's test file. */
export function storeContract(name: string, open: () => Promise<AllianceStore>): void {
  describe(`${name} store contract`, () => {
    it('creates an alliance with its parties, tokens and first update', async () => {
      const store = await open()
      await store.createAlliance(alliance('A', ['tok-fac', 'tok-p1']))
      expect(await store.getAlliance('A' as AllianceId)).toMatchObject({
        id: 'A',
        template: 'peers',
      })
      expect(await store.getAlliance('B' as AllianceId)).toBeNull()
      expect((await store.listParties('A' as AllianceId)).map((p) => p.name)).toEqual([
        'One',
        'Two',
      ])
      expect(await store.findToken(hashToken('tok-p1'))).toMatchObject({
        allianceId: 'A',
        role: 'party',
        partyId: 'A-p1',
      })
      expect(await store.findToken(hashToken('nope'))).toBeNull()
      expect(replay(await store.loadDoc('A' as AllianceId))).toEqual({ seed: 'A' })
    })

    it('creates nothing when part of the creation fails', async () => {
      const store = await open()
      await store.createAlliance(alliance('A', ['same-token']))
      await expect(store.createAlliance(alliance('B', ['same-token']))).rejects.toThrow()
      expect(await store.getAlliance('B' as AllianceId)).toBeNull()
      expect((await store.loadDoc('B' as AllianceId)).log).toEqual([])
    })

    it('adds a party with its token', async () => {
      const store = await open()
      await store.createAlliance(alliance('A'))
      const createdAt = '2026-01-02T00:00:00.000Z'
      await store.addParty(
        {
          id: 'A-p3' as PartyId,
          allianceId: 'A' as AllianceId,
          name: 'Three',
          color: '#222222',
          position: 2,
          createdAt,
        },
        {
          hash: hashToken('t3'),
          allianceId: 'A' as AllianceId,
          role: 'party',
          partyId: 'A-p3' as PartyId,
          createdAt,
        },
      )
      expect((await store.listParties('A' as AllianceId)).map((p) => p.name)).toEqual([
        'One',
        'Two',
        'Three',
      ])
      expect(await store.findToken(hashToken('t3'))).toMatchObject({ partyId: 'A-p3' })
    })

    it('appends batches for several alliances and loads them in order', async () => {
      const store = await open()
      await store.createAlliance(alliance('A'))
      await store.createAlliance(alliance('B'))
      await store.appendUpdates([
        { allianceId: 'A' as AllianceId, updates: [update('x', '1'), update('y', '2')] },
        { allianceId: 'B' as AllianceId, updates: [update('z', '3')] },
      ])
      const a = await store.loadDoc('A' as AllianceId)
      expect(a.log.map((r) => r.seq)).toEqual([...a.log.map((r) => r.seq)].sort((x, y) => x - y))
      expect(replay(a)).toEqual({ seed: 'A', x: '1', y: '2' })
      expect(replay(await store.loadDoc('B' as AllianceId))).toEqual({ seed: 'B', z: '3' })
    })

    it('compacts the log into one state and keeps what is appended after', async () => {
      const store = await open()
      await store.createAlliance(alliance('A'))
      await store.appendUpdates([{ allianceId: 'A' as AllianceId, updates: [update('x', '1')] }])
      const doc = new Y.Doc()
      const before = await store.loadDoc('A' as AllianceId)
      for (const row of before.log) Y.applyUpdate(doc, row.data)
      await store.compact('A' as AllianceId, Y.encodeStateAsUpdate(doc))
      const after = await store.loadDoc('A' as AllianceId)
      expect(after.log).toEqual([])
      expect(replay(after)).toEqual({ seed: 'A', x: '1' })
      await store.appendUpdates([{ allianceId: 'A' as AllianceId, updates: [update('y', '2')] }])
      const later = await store.loadDoc('A' as AllianceId)
      expect(later.log).toHaveLength(1)
      expect(replay(later)).toEqual({ seed: 'A', x: '1', y: '2' })
      expect(await store.docBytes('A' as AllianceId)).toBe(
        later.state!.length + later.log[0]!.data.length,
      )
    })

    it('quarantines log rows so they no longer load', async () => {
      const store = await open()
      await store.createAlliance(alliance('A'))
      await store.appendUpdates([
        { allianceId: 'A' as AllianceId, updates: [new Uint8Array([1, 2, 3])] },
      ])
      const bad = (await store.loadDoc('A' as AllianceId)).log.at(-1)!
      await store.quarantine('A' as AllianceId, [bad.seq], 'test')
      const after = await store.loadDoc('A' as AllianceId)
      expect(after.log.map((r) => r.seq)).not.toContain(bad.seq)
      expect(replay(after)).toEqual({ seed: 'A' })
    })
  })
}
