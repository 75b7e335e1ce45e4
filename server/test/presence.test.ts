import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import { CloseCode } from '../../shared/src/protocol/closeCodes'
import { MessageType } from '../../shared/src/protocol/messages'
import type { AllianceId } from '../../shared/src/schema/ids'
import { connectClient, createAlliance, rawSocket, startTestServer, waitFor } from './helpers'

interface Entry {
  clientId: number
  clock: number
  json: string
}

/** An awareness message written by hand, so an entry can be broken on purpose. */
function presenceMessage(entries: Entry[]): Uint8Array {
  const inner = encoding.createEncoder()
  encoding.writeVarUint(inner, entries.length)
  for (const e of entries) {
    encoding.writeVarUint(inner, e.clientId)
    encoding.writeVarUint(inner, e.clock)
    encoding.writeVarString(inner, e.json)
  }
  const outer = encoding.createEncoder()
  encoding.writeVarUint(outer, MessageType.Awareness)
  encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner))
  return encoding.toUint8Array(outer)
}

/** Seven well-formed states of made-up clients, then one entry whose JSON is cut off. */
function sevenAndBroken(firstId: number): Uint8Array {
  const valid = Array.from({ length: 7 }, (_, i) => ({
    clientId: firstId + i,
    clock: 1,
    json: JSON.stringify({ user: { name: `ghost ${firstId + i}`, pad: 'x'.repeat(1500) } }),
  }))
  return presenceMessage([...valid, { clientId: firstId + 7, clock: 1, json: '{"user":' }])
}

/** The presence client ids in the awareness messages a socket received (raw bytes, decoded). */
function presenceIds(messages: Uint8Array[]): number[] {
  const ids: number[] = []
  for (const message of messages) {
    const decoder = decoding.createDecoder(message)
    if (decoding.readVarUint(decoder) !== MessageType.Awareness) continue
    const update = decoding.createDecoder(decoding.readVarUint8Array(decoder))
    const count = decoding.readVarUint(update)
    for (let i = 0; i < count; i++) {
      const id = decoding.readVarUint(update)
      decoding.readVarUint(update)
      if (JSON.parse(decoding.readVarString(update)) !== null) ids.push(id)
    }
  }
  return ids
}

async function setup() {
  const server = await startTestServer({ maxConnectionsPerIp: 2000 })
  const created = await createAlliance(server.url)
  const path = `/ws/${created.id}?token=${created.parties[0]!.token}`
  const witness = connectClient(server.url, created.id, created.parties[1]!.token)
  witness.provider.awareness.setLocalStateField('user', { name: 'Sam' })
  await witness.waitForSynced()
  const room = () => server.registry.peek(created.id as AllianceId)!
  await waitFor(() => room().awareness.getStates().has(witness.doc.clientID), 'witness present')
  /** What a newcomer is told about presence when it joins, from the bytes it receives. */
  const newcomerSees = async (): Promise<number[]> => {
    const newcomer = await rawSocket(server.url, path)
    await waitFor(() => presenceIds(newcomer.messages).length > 0, 'presence for the newcomer')
    newcomer.ws.close()
    return presenceIds(newcomer.messages)
  }
  return { server, created, path, witness, room, newcomerSees }
}

describe('presence', () => {
  it('LM3: a message with seven valid states and then a broken entry is closed 4400 and changes nothing', async () => {
    const { server, path, witness, room, newcomerSees } = await setup()
    const metaBefore = room().awareness.meta.size
    const sender = await rawSocket(server.url, path)
    sender.ws.send(sevenAndBroken(1000))
    expect((await sender.closed).code).toBe(CloseCode.BadMessage)
    expect(await newcomerSees()).toEqual([witness.doc.clientID])
    expect([...room().awareness.getStates().keys()]).toEqual([witness.doc.clientID])
    expect(room().awareness.meta.size).toBe(metaBefore)
  })

  it('LM3: every presence state belongs to a live connection and leaves with it; a flood leaves nothing behind', async () => {
    const { server, path, witness, room, newcomerSees } = await setup()
    const metaBefore = room().awareness.meta.size
    let nextId = 10_000
    const flood = async (): Promise<void> => {
      // Half send a broken message; half send seven valid states and then simply leave.
      for (let round = 0; round < 20; round++) {
        const sender = await rawSocket(server.url, path)
        if (round % 2 === 0) {
          sender.ws.send(sevenAndBroken(nextId))
          expect((await sender.closed).code).toBe(CloseCode.BadMessage)
        } else {
          const entries = Array.from({ length: 7 }, (_, i) => ({
            clientId: nextId + i,
            clock: 1,
            json: JSON.stringify({ user: { name: `visitor ${nextId + i}` } }),
          }))
          sender.ws.send(presenceMessage(entries))
          const ids = entries.map((e) => e.clientId)
          await waitFor(
            () => ids.every((id) => room().awareness.getStates().has(id)),
            'visitor present',
          )
          sender.ws.terminate()
          await sender.closed
        }
        nextId += 8
      }
    }
    await Promise.all(Array.from({ length: 10 }, flood))
    await waitFor(() => room().awareness.getStates().size === 1, 'only the witness left')
    expect(await newcomerSees()).toEqual([witness.doc.clientID])
    // Nothing of the 1,400 made-up clients is remembered: memory stays flat however long it runs.
    expect(room().awareness.meta.size).toBe(metaBefore)
    expect([...witness.provider.awareness.getStates().keys()]).toEqual([witness.doc.clientID])
  })
})
