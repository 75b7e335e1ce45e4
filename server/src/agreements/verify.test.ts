import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { setBodyParagraphs } from '../../../shared/src/ops/cardBody'
import { addCard, getCard, setCardColor } from '../../../shared/src/ops/cards'
import { canonicalContent, hashInput } from '../../../shared/src/ops/content'
import type { AllianceId, CardId, PartyId, SectionId } from '../../../shared/src/schema/ids'
import type { PartyView } from '../../../shared/src/schema/parties'
import { seededDoc } from '../../../shared/src/testing'
import type { VersionRow } from '../store/AllianceStore'
import { chainHash, GENESIS, sha256Hex } from './chain'
import { buildVersion } from './seal'
import { verifyChain } from './verify'

const parties: PartyView[] = [{ id: 'p1' as PartyId, name: 'Ana', color: '#2563eb' }]
const values = 'values' as SectionId

/** Three versions sealed the way the server seals them, from one draft edited in between. */
function sealedChain(): { rows: VersionRow[]; doc: Y.Doc; card: CardId } {
  const doc = seededDoc('Chain')
  const card = addCard(doc, { sectionId: values, partyId: null, text: ['v1'] })
  const rows: VersionRow[] = []
  for (let n = 1; n <= 3; n++) {
    if (n > 1) setBodyParagraphs(getCard(doc, card)!.body, [`v${n}`])
    const content = canonicalContent(doc, parties)
    rows.push(
      buildVersion({
        allianceId: 'A' as AllianceId,
        n,
        prevChainHash: rows.at(-1)?.chainHash ?? GENESIS,
        agreements: [{ partyId: parties[0]!.id, name: 'Ana', at: `2026-01-0${n}T00:00:00Z` }],
        draft: {
          content,
          contentHash: sha256Hex(hashInput(content)),
          state: Y.encodeStateAsUpdate(doc),
        },
        sealedAt: `2026-01-0${n}T00:00:00Z`,
      }),
    )
  }
  return { rows, doc, card }
}

/** Recomputes a row's state and chain hashes, as someone rewriting the file carefully would. */
function rehash(row: VersionRow): VersionRow {
  const stateHash = sha256Hex(row.state)
  return { ...row, stateHash, chainHash: chainHash({ ...row, stateHash }) }
}

describe('verifying the version chain (AG12)', () => {
  it('accepts a chain sealed by the server', () => {
    expect(verifyChain(sealedChain().rows)).toEqual({ ok: true, versions: 3 })
  })

  it('AG12: finds state bytes swapped for others that load into the same content', () => {
    const { rows, doc, card } = sealedChain()
    // Same words, different bytes: a colour is not content, so only the state hash can tell.
    const other = new Y.Doc()
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc))
    setCardColor(other, card, 'green')
    const altered = { ...rows[2]!, state: Y.encodeStateAsUpdate(other) }
    expect(verifyChain([rows[0]!, rows[1]!, altered])).toMatchObject({
      ok: false,
      brokenAt: 3,
      reason: 'stored bytes were altered',
    })
  })

  it('AG12, AG13: finds state bytes that do not reproduce the content, even with every hash recomputed', () => {
    const { rows } = sealedChain()
    // Version 3's row with version 2's bytes, its state and chain hashes rewritten to match.
    const altered = rehash({ ...rows[2]!, state: rows[1]!.state })
    expect(verifyChain([rows[0]!, rows[1]!, altered])).toMatchObject({
      ok: false,
      brokenAt: 3,
      reason: 'stored bytes do not reproduce the content',
    })
  })

  it('AG12: finds an agreement time altered in the last version through its chain hash', () => {
    const { rows } = sealedChain()
    // Thirty seconds later: the Markdown shows minutes, so only the chain hash covers this.
    const altered = {
      ...rows[2]!,
      agreements: [{ ...rows[2]!.agreements[0]!, at: '2026-01-03T00:00:30Z' }],
    }
    expect(verifyChain([rows[0]!, rows[1]!, altered])).toMatchObject({
      ok: false,
      brokenAt: 3,
      reason: 'chain hash does not match (agreements or hashes altered)',
    })
  })

  it('AG12: finds an agreement altered in the middle of the chain, at its version', () => {
    const { rows } = sealedChain()
    const altered = {
      ...rows[1]!,
      agreements: [{ ...rows[1]!.agreements[0]!, at: '2026-01-02T00:00:30Z' }],
    }
    expect(verifyChain([rows[0]!, altered, rows[2]!])).toMatchObject({ ok: false, brokenAt: 2 })
  })
})
