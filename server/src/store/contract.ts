import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { AllianceId, PartyId } from '../../../shared/src/schema/ids'
import { hashToken } from '../auth/tokens'
import type { AgreementRecord } from '../../../shared/src/protocol/api'
import type {
  AgreeInput,
  AllianceStore,
  NewAlliance,
  PartyRow,
  TokenRow,
  VersionRow,
} from './AllianceStore'

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

const A = 'A' as AllianceId
const p1 = 'A-p1' as PartyId
const p2 = 'A-p2' as PartyId
const hashOf = (c: string): string => c.repeat(64)

/** Party n of alliance A with its token `t<n>`, as `addParty` takes them. */
function newParty(n: number): [PartyRow, TokenRow] {
  const createdAt = '2026-01-02T00:00:00.000Z'
  const id = `A-p${n}` as PartyId
  return [
    { id, allianceId: A, name: `Party ${n}`, color: '#222222', position: n - 1, createdAt },
    { hash: hashToken(`t${n}`), allianceId: A, role: 'party', partyId: id, createdAt },
  ]
}

/** An agreement by `partyId` to draft `hash`; the version it seals is plain data. */
function agreement(
  partyId: PartyId,
  hash: string,
  partyIds: PartyId[] = [p1, p2],
): AgreeInput & { sealedWith: Array<[number, string, AgreementRecord[]]> } {
  const sealedWith: Array<[number, string, AgreementRecord[]]> = []
  return {
    allianceId: A,
    partyId,
    at: `2026-01-01T00:00:0${partyId === p1 ? 1 : 2}.000Z`,
    contentHash: hash,
    content: JSON.stringify({ hash }),
    partyIds,
    sealedWith,
    seal(n, prevChainHash, agreements): VersionRow {
      sealedWith.push([n, prevChainHash, agreements])
      return {
        allianceId: A,
        n,
        contentHash: hash,
        state: new Uint8Array([n, 1, 2, 3]),
        stateHash: hashOf('s'),
        content: JSON.stringify({ hash }),
        markdown: `# version ${n}`,
        agreements,
        sealedAt: '2026-01-01T00:00:03.000Z',
        prevChainHash,
        chainHash: hashOf(String(n)),
      }
    },
  }
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
      expect(await store.addParty(...newParty(3))).toBe(true)
      expect((await store.listParties(A)).map((p) => p.name)).toEqual(['One', 'Two', 'Party 3'])
      expect(await store.findToken(hashToken('t3'))).toMatchObject({ partyId: 'A-p3' })
    })

    it('AC2: adds no party past the limit, and counts only current parties towards it', async () => {
      const store = await open()
      await store.createAlliance(alliance('A'))
      expect(await store.addParty(...newParty(3), 2)).toBe(false)
      expect(await store.findToken(hashToken('t3'))).toBeNull()
      expect(await store.listParties(A)).toHaveLength(2)
      await store.removeParty(A, p1, '2026-01-02T00:00:00.000Z')
      expect(await store.addParty(...newParty(3), 2)).toBe(true)
      expect((await store.listParties(A)).map((p) => p.name)).toEqual(['Two', 'Party 3'])
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
    it('records pending agreements and seals a version once every party agrees to one hash', async () => {
      const store = await open()
      await store.createAlliance(alliance('A'))
      expect(await store.agree(agreement(p1, hashOf('a')))).toEqual({ status: 'pending' })
      expect(await store.agree(agreement(p2, hashOf('b')))).toEqual({ status: 'pending' })
      expect((await store.listAgreements(A)).map((a) => [a.partyId, a.contentHash])).toEqual([
        [p1, hashOf('a')],
        [p2, hashOf('b')],
      ])
      const last = agreement(p2, hashOf('a'))
      const outcome = await store.agree(last)
      expect(outcome).toMatchObject({ status: 'sealed', version: { n: 1 } })
      expect(last.sealedWith).toEqual([
        [
          1,
          '0'.repeat(64),
          [
            { partyId: p1, name: 'One', at: '2026-01-01T00:00:01.000Z' },
            { partyId: p2, name: 'Two', at: '2026-01-01T00:00:02.000Z' },
          ],
        ],
      ])
      // The agreements now live in the version; the next draft starts with none.
      expect(await store.listAgreements(A)).toEqual([])
    })

    it('links each new version to the chain hash of the one before', async () => {
      const store = await open()
      await store.createAlliance(alliance('A'))
      for (const hash of [hashOf('a'), hashOf('b')]) {
        await store.agree(agreement(p1, hash))
        await store.agree(agreement(p2, hash))
      }
      const third = agreement(p2, hashOf('c'))
      await store.agree(agreement(p1, hashOf('c')))
      await store.agree(third)
      expect(third.sealedWith.map(([n, prev]) => [n, prev])).toEqual([[3, hashOf('2')]])
    })

    it('AG7: refuses an agreement to the draft that is already the latest version', async () => {
      const store = await open()
      await store.createAlliance(alliance('A'))
      await store.agree(agreement(p1, hashOf('a')))
      await store.agree(agreement(p2, hashOf('a')))
      expect(await store.agree(agreement(p1, hashOf('a')))).toEqual({
        status: 'already-sealed',
        n: 1,
      })
      expect(await store.listAgreements(A)).toEqual([])
    })

    it('AG11: records nothing when the parties changed since the hash was computed', async () => {
      const store = await open()
      await store.createAlliance(alliance('A'))
      await store.agree(agreement(p1, hashOf('a')))
      // p2 computed its hash when p1 was the only party: the columns it saw are not the current ones.
      const stale = agreement(p2, hashOf('a'), [p1])
      expect(await store.agree(stale)).toEqual({ status: 'parties-changed' })
      expect(stale.sealedWith).toEqual([])
      expect((await store.listAgreements(A)).map((a) => a.partyId)).toEqual([p1])
      expect(await store.listVersions(A)).toEqual([])
      // Same set in another order is another canvas too (columns follow the party order).
      expect(await store.agree(agreement(p2, hashOf('a'), [p2, p1]))).toEqual({
        status: 'parties-changed',
      })
    })

    it('AG5: withdraws a pending agreement once', async () => {
      const store = await open()
      await store.createAlliance(alliance('A'))
      await store.agree(agreement(p1, hashOf('a')))
      expect(await store.withdraw(A, p1)).toBe(true)
      expect(await store.withdraw(A, p1)).toBe(false)
      expect(await store.listAgreements(A)).toEqual([])
    })

    it('lists versions without their bytes and returns one or all with them', async () => {
      const store = await open()
      await store.createAlliance(alliance('A'))
      for (const hash of [hashOf('a'), hashOf('b')]) {
        await store.agree(agreement(p1, hash))
        await store.agree(agreement(p2, hash))
      }
      const list = await store.listVersions(A)
      expect(list.map((v) => [v.n, v.contentHash, v.chainHash])).toEqual([
        [1, hashOf('a'), hashOf('1')],
        [2, hashOf('b'), hashOf('2')],
      ])
      expect(list[0]).not.toHaveProperty('state')
      expect(list[0]!.agreements.map((a) => a.name)).toEqual(['One', 'Two'])
      const second = await store.getVersion(A, 2)
      expect(second).toMatchObject({ n: 2, markdown: '# version 2', prevChainHash: hashOf('1') })
      expect([...second!.state]).toEqual([2, 1, 2, 3])
      expect(await store.getVersion(A, 3)).toBeNull()
      expect(await store.getVersion('B' as AllianceId, 1)).toBeNull()
      const full = await store.fullVersions(A)
      expect(full.map((v) => [v.n, [...v.state], v.content])).toEqual([
        [1, [1, 1, 2, 3], JSON.stringify({ hash: hashOf('a') })],
        [2, [2, 1, 2, 3], JSON.stringify({ hash: hashOf('b') })],
      ])
    })

    it('AX5: replacing a link stops the old token at once and leaves the other links working', async () => {
      const store = await open()
      await store.createAlliance(alliance('A', ['fac', 'one', 'two']))
      await store.rotateToken(
        {
          hash: hashToken('one-new'),
          allianceId: A,
          role: 'party',
          partyId: p1,
          createdAt: '2026-01-03T00:00:00.000Z',
        },
        '2026-01-03T00:00:00.000Z',
      )
      expect(await store.findToken(hashToken('one'))).toBeNull()
      expect(await store.findToken(hashToken('one-new'))).toMatchObject({ partyId: p1 })
      expect(await store.findToken(hashToken('two'))).toMatchObject({ partyId: p2 })
      expect(await store.findToken(hashToken('fac'))).toMatchObject({ role: 'facilitator' })
    })

    it('AG11: removing a party revokes its links and drops its pending agreement', async () => {
      const store = await open()
      await store.createAlliance(alliance('A', ['fac', 'one', 'two']))
      await store.agree(agreement(p1, hashOf('a')))
      await store.agree(agreement(p2, hashOf('b')))
      expect(await store.removeParty(A, p1, '2026-01-04T00:00:00.000Z')).toBe(true)
      expect(await store.removeParty(A, p1, '2026-01-04T00:00:00.000Z')).toBe(false)
      expect((await store.listParties(A)).map((p) => p.id)).toEqual([p2])
      expect(await store.findToken(hashToken('one'))).toBeNull()
      expect(await store.findToken(hashToken('two'))).not.toBeNull()
      expect((await store.listAgreements(A)).map((a) => a.partyId)).toEqual([p2])
      // The one remaining party now completes the set on its own.
      expect(await store.agree(agreement(p2, hashOf('b'), [p2]))).toMatchObject({
        status: 'sealed',
      })
    })

    it('counts the bytes of state and log, and closes more than once without harm', async () => {
      const store = await open()
      await store.createAlliance(alliance('A'))
      const first = await store.loadDoc(A)
      expect(await store.docBytes(A)).toBe(first.log[0]!.data.length)
      expect(await store.docBytes('B' as AllianceId)).toBe(0)
      await store.close()
      await store.close()
    })
  })
}
