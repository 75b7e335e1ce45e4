import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import { MessageType, SyncType } from './messages'
import { SaveTracker, trackingWebSocket } from './saveTracker'

function message(type: number, sub?: number): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, type)
  if (sub !== undefined) {
    encoding.writeVarUint(encoder, sub)
    encoding.writeVarUint8Array(encoder, new Uint8Array([0, 0]))
  }
  return encoding.toUint8Array(encoder)
}

const update = () => message(MessageType.Sync, SyncType.Update)
const step2 = () => message(MessageType.Sync, SyncType.Step2)

describe('SaveTracker (SY3)', () => {
  it('counts updates and sync step 2 as sent, and nothing else', () => {
    const tracker = new SaveTracker()
    tracker.noteOutgoing(update())
    tracker.noteOutgoing(step2().buffer)
    tracker.noteOutgoing(message(MessageType.Sync, SyncType.Step1))
    tracker.noteOutgoing(message(MessageType.Awareness, 0))
    tracker.noteOutgoing(message(MessageType.QueryAwareness))
    tracker.noteOutgoing('a text frame')
    tracker.noteOutgoing(new Uint8Array([0x80]))
    expect(tracker.sent).toBe(2)
  })

  it('is saved only once acknowledgements cover everything sent', () => {
    const tracker = new SaveTracker()
    expect(tracker.isSaved).toBe(true)
    tracker.noteOutgoing(update())
    tracker.noteOutgoing(update())
    expect(tracker.isSaved).toBe(false)
    tracker.noteAck(1)
    expect(tracker.isSaved).toBe(false)
    tracker.noteAck(2)
    expect(tracker.isSaved).toBe(true)
    tracker.noteOutgoing(update())
    expect(tracker.isSaved).toBe(false)
  })

  it('never goes back when an older acknowledgement arrives late', () => {
    const tracker = new SaveTracker()
    for (let i = 0; i < 3; i++) tracker.noteOutgoing(update())
    tracker.noteAck(3)
    tracker.noteAck(1)
    expect(tracker.acked).toBe(3)
    expect(tracker.isSaved).toBe(true)
  })

  it('starts counting again for a new socket, as the server does', () => {
    const tracker = new SaveTracker()
    tracker.noteOutgoing(update())
    tracker.noteAck(1)
    tracker.reset()
    expect([tracker.sent, tracker.acked]).toEqual([0, 0])
    tracker.noteOutgoing(update())
    tracker.noteAck(1)
    expect(tracker.isSaved).toBe(true)
  })

  it('tells subscribers of each change, and stops after unsubscribing', () => {
    const tracker = new SaveTracker()
    let calls = 0
    const unsubscribe = tracker.subscribe(() => calls++)
    tracker.noteOutgoing(update())
    tracker.noteOutgoing(message(MessageType.Awareness, 0))
    tracker.noteAck(1)
    tracker.noteAck(1)
    expect(calls).toBe(2)
    unsubscribe()
    tracker.reset()
    expect(calls).toBe(2)
  })
})

describe('trackingWebSocket', () => {
  class FakeSocket {
    readonly wire: unknown[] = []
    constructor(readonly url: string) {}
    send(data: never): void {
      this.wire.push(data)
    }
  }

  it('reports every outgoing message, still sends it, and resets for each new socket', () => {
    const tracker = new SaveTracker()
    const Tracking = trackingWebSocket(FakeSocket, tracker)
    const first = new Tracking('ws://a')
    first.send(update() as never)
    first.send(message(MessageType.Awareness, 0) as never)
    expect(first.wire).toHaveLength(2)
    expect(first.url).toBe('ws://a')
    expect(tracker.sent).toBe(1)
    tracker.noteAck(1)
    new Tracking('ws://a')
    expect([tracker.sent, tracker.acked]).toEqual([0, 0])
  })
})
