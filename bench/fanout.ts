/**
 * `npm run bench`: fan-out latency (an edit on one client, seen by every other client) for N
 * clients in one alliance, against our server and the reference @y/websocket-server, each as
 * its own process, started in the same run. A benchmark, not a test: it prints figures.
 *
 *   npm run bench -- --clients 10,30 --rate 5 --seconds 8
 */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import * as decoding from 'lib0/decoding'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { EXTENSIONS_PARAM, EXTENSIONS_VALUE, MessageType } from '../shared/src/protocol/messages'
import { SaveTracker, trackingWebSocket } from '../shared/src/protocol/saveTracker'
import { startServerProcess } from '../server/test/serverProcess'

const { values: args } = parseArgs({
  options: {
    clients: { type: 'string', default: '10,30' },
    rate: { type: 'string', default: '5' },
    seconds: { type: 'string', default: '8' },
  },
})
const clientCounts = args.clients.split(',').map(Number)
const ratePerClient = Number(args.rate)
const seconds = Number(args.seconds)

interface Target {
  label: string
  start(port: number): Promise<ChildProcess>
  /** Room name and connection params for one run. */
  prepare(url: string): Promise<{ room: string; params: Record<string, string> }>
  acks: boolean
}

function waitForOutput(child: ChildProcess, pattern: RegExp, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => reject(new Error(`${what} did not start:\n${out}`)), 20_000)
    const onData = (chunk: Buffer): void => {
      out += chunk.toString()
      if (pattern.test(out)) {
        clearTimeout(timer)
        resolve()
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.once('exit', (code) => reject(new Error(`${what} exited with ${code}:\n${out}`)))
  })
}

function ours(synchronous: 'full' | 'normal'): Target {
  return {
    label: `alliance-canvas (SQLite WAL, synchronous=${synchronous.toUpperCase()})`,
    acks: true,
    async start(port) {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'alliance-bench-'))
      const child = startServerProcess({
        PORT: String(port),
        DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
        SQLITE_SYNCHRONOUS: synchronous,
      })
      child.once('exit', () => fs.rmSync(dataDir, { recursive: true, force: true }))
      await waitForHealth(`http://127.0.0.1:${port}/healthz`)
      return child
    },
    async prepare(url) {
      const res = await fetch(`${url}/api/alliances`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'bench', parties: [{ name: 'Bench' }] }),
      })
      const created = (await res.json()) as { id: string; parties: Array<{ token: string }> }
      return {
        room: created.id,
        params: { token: created.parties[0]!.token, [EXTENSIONS_PARAM]: EXTENSIONS_VALUE },
      }
    },
  }
}

const reference: Target = {
  label: '@y/websocket-server 0.1.1 (memory only, no persistence)',
  acks: false,
  async start(port) {
    const child = spawn(process.execPath, ['node_modules/@y/websocket-server/src/server.js'], {
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    await waitForOutput(child, /running at/, 'reference server')
    return child
  },
  async prepare() {
    return { room: `bench-${Date.now()}`, params: {} }
  },
}

async function waitForHealth(url: string): Promise<void> {
  const deadline = Date.now() + 20_000
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`no health at ${url}`)
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

interface Result {
  deliveries: number
  sent: number
  latencies: number[]
  ackLatencies: number[]
}

async function run(target: Target, clients: number, port: number): Promise<Result> {
  const server = await target.start(port)
  const url = `http://127.0.0.1:${port}`
  try {
    const { room, params } = await target.prepare(url)
    const peers = Array.from({ length: clients }, (_, i) => {
      const doc = new Y.Doc()
      const tracker = new SaveTracker()
      const provider = new WebsocketProvider(
        `ws://127.0.0.1:${port}${target.acks ? '/ws' : ''}`,
        room,
        doc,
        {
          params,
          disableBc: true,
          WebSocketPolyfill: trackingWebSocket(
            WebSocket,
            tracker,
          ) as unknown as typeof globalThis.WebSocket,
        },
      )
      const pendingAcks: Array<{ sent: number; at: number }> = []
      provider.messageHandlers[MessageType.Ack] = (_e, decoder) =>
        tracker.noteAck(decoding.readVarUint(decoder))
      provider.messageHandlers[MessageType.ServerState] = (_e, decoder) =>
        void decoding.readVarString(decoder)
      return { i, doc, provider, tracker, pendingAcks }
    })
    await Promise.all(
      peers.map(
        (p) =>
          new Promise<void>((resolve) =>
            p.provider.synced ? resolve() : p.provider.once('sync', () => resolve()),
          ),
      ),
    )
    const result: Result = { deliveries: 0, sent: 0, latencies: [], ackLatencies: [] }
    let measuring = false
    for (const peer of peers) {
      peer.doc.getMap<number>('bench').observe((event) => {
        if (!measuring || event.transaction.local) return
        const now = performance.now()
        for (const key of event.keysChanged) {
          const sentAt = peer.doc.getMap<number>('bench').get(key)
          if (typeof sentAt === 'number') {
            result.latencies.push(now - sentAt)
            result.deliveries++
          }
        }
      })
      if (target.acks) {
        peer.tracker.subscribe(() => {
          while (peer.pendingAcks.length && peer.pendingAcks[0]!.sent <= peer.tracker.acked) {
            const { at } = peer.pendingAcks.shift()!
            if (measuring) result.ackLatencies.push(performance.now() - at)
          }
        })
      }
    }
    const interval = 1000 / ratePerClient
    const timers = peers.map((peer) =>
      setTimeout(() => {
        const timer = setInterval(() => {
          const now = performance.now()
          peer.doc.getMap<number>('bench').set(`c${peer.i}`, now)
          if (measuring) result.sent++
          if (target.acks) peer.pendingAcks.push({ sent: peer.tracker.sent, at: now })
        }, interval)
        timers2.push(timer)
      }, Math.random() * interval),
    )
    const timers2: NodeJS.Timeout[] = []
    await new Promise((r) => setTimeout(r, 1500))
    measuring = true
    await new Promise((r) => setTimeout(r, seconds * 1000))
    measuring = false
    timers.forEach(clearTimeout)
    timers2.forEach(clearInterval)
    await new Promise((r) => setTimeout(r, 300))
    for (const peer of peers) peer.provider.destroy()
    return result
  } finally {
    server.kill('SIGTERM')
    await new Promise((r) => server.once('exit', r))
  }
}

function row(cells: Array<string | number>, widths: number[]): string {
  return cells.map((c, i) => String(c).padEnd(widths[i]!)).join('  ')
}

async function main(): Promise<void> {
  // Every Node WebsocketProvider adds a process 'exit' listener.
  process.setMaxListeners(0)
  const targets = [ours('full'), ours('normal'), reference]
  const widths = [58, 7, 10, 11, 8, 8, 8, 10, 10]
  console.log(
    `Fan-out latency: one alliance, each client writes ${ratePerClient} updates/s, ${seconds} s measured per run.`,
  )
  console.log(
    `Machine: ${os.cpus().length} cores, Node ${process.version}; clients and server on loopback.\n`,
  )
  console.log(
    row(
      [
        'server',
        'clients',
        'updates/s',
        'deliveries',
        'p50 ms',
        'p99 ms',
        'max ms',
        'ack p50',
        'ack p99',
      ],
      widths,
    ),
  )
  let port = 18_100
  for (const clients of clientCounts) {
    for (const target of targets) {
      const r = await run(target, clients, port++)
      const sorted = r.latencies.sort((a, b) => a - b)
      const acks = r.ackLatencies.sort((a, b) => a - b)
      console.log(
        row(
          [
            target.label,
            clients,
            (r.sent / seconds).toFixed(0),
            r.deliveries,
            percentile(sorted, 50).toFixed(1),
            percentile(sorted, 99).toFixed(1),
            (sorted[sorted.length - 1] ?? NaN).toFixed(1),
            target.acks ? percentile(acks, 50).toFixed(1) : 'n/a',
            target.acks ? percentile(acks, 99).toFixed(1) : 'n/a',
          ],
          widths,
        ),
      )
    }
  }
  console.log(
    '\nOurs stores every update durably before relaying it; the reference relays from memory and stores nothing.',
  )
  process.exit(0)
}

void main()
