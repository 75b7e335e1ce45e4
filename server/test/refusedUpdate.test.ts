import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { setBodyParagraphs } from '../../shared/src/ops/cardBody'
import { addCard, getCard } from '../../shared/src/ops/cards'
import { canonicalJson } from '../../shared/src/ops/content'
import { CloseCode } from '../../shared/src/protocol/closeCodes'
import { SyncType } from '../../shared/src/protocol/messages'
import { readSections } from '../../shared/src/schema/allianceDoc'
import { DocKeys } from '../../shared/src/schema/keys'
import { prng } from '../../shared/src/testing'
import { lacksDependencies } from '../src/rooms/dependencies'
import { memoryRooms, partyOf } from './memoryRoom'
import { MemorySocket } from './memorySocket'
import { syncMessage } from '../src/rooms/messages'

const content = (doc: Y.Doc): string =>
  canonicalJson({
    sections: doc.getArray(DocKeys.sections).toJSON(),
    cards: doc.getMap(DocKeys.cards).toJSON(),
  })

/**
 * A one-bit mutant of a real update that decodes, builds only on what `doc` has, and yet throws
 * inside `Y.applyUpdate` after Yjs integrated (and emitted) part of it: the case the issue found.
 */
function halfApplyingMutant(doc: Y.Doc, updates: Uint8Array[]): Uint8Array {
  const state = Y.encodeStateAsUpdate(doc)
  for (let seed = 1; seed < 50_000; seed++) {
    const random = prng(seed)
    const bytes = updates[Math.floor(random() * updates.length)]!.slice()
    const at = Math.floor(random() * bytes.length)
    bytes[at] = bytes[at]! ^ (1 << Math.floor(random() * 8))
    let decoded: ReturnType<typeof Y.decodeUpdate>
    try {
      decoded = Y.decodeUpdate(bytes)
    } catch {
      continue
    }
    const copy = new Y.Doc()
    Y.applyUpdate(copy, state)
    if (lacksDependencies(copy, decoded)) continue
    let emitted = 0
    copy.on('update', () => emitted++)
    try {
      Y.applyUpdate(copy, bytes)
    } catch {
      if (emitted > 0) return bytes
    }
  }
  throw new Error('no half-applying mutant found')
}

describe('an update that fails half-way through', () => {
  it('SY4: is never kept, stored or relayed; the room is rebuilt to exactly what is stored', async () => {
    const rooms = await memoryRooms()
    const room = await rooms.open()
    const sectionId = readSections(room.doc)[0]!.id
    const honest = rooms.client(room)
    honest.connect()
    for (let i = 0; i < 3; i++) {
      honest.deliverToServer()
      await rooms.flush()
      honest.deliverToClient()
    }
    // Real updates the room has not seen, written on a copy of its document.
    const other = new Y.Doc()
    Y.applyUpdate(other, Y.encodeStateAsUpdate(room.doc))
    const updates: Uint8Array[] = []
    other.on('update', (update: Uint8Array) => updates.push(update))
    for (let i = 0; i < 10; i++) {
      const id = addCard(other, { sectionId, partyId: null, text: [`new ${i}`] })
      setBodyParagraphs(getCard(other, id)!.body, [`typed ${i}`])
    }
    const mutant = halfApplyingMutant(room.doc, updates)
    const before = { sv: Y.encodeStateVector(room.doc), content: content(room.doc) }

    const sender = new MemorySocket()
    room.addConnection(
      sender,
      { allianceId: room.id, role: 'party', partyId: partyOf(room.id) },
      true,
    )
    room.handleMessage(sender, syncMessage(SyncType.Update, mutant))
    expect(sender.closed?.code).toBe(CloseCode.BadMessage)
    await room.ready()
    await rooms.flush()

    expect(Y.encodeStateVector(room.doc)).toEqual(before.sv)
    expect(content(room.doc)).toBe(before.content)
    expect(room.hasUnstoredUpdates).toBe(false)
    const fresh = await rooms.load(room.id)
    expect(Y.encodeStateVector(fresh.doc)).toEqual(before.sv)
    expect(content(fresh.doc)).toBe(before.content)
    // Nothing of it reached the other party.
    honest.deliverToClient()
    expect(Y.encodeStateVector(honest.doc)).toEqual(before.sv)
  })
})
