import type { ChildProcess } from 'node:child_process'
import http from 'node:http'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import * as decoding from 'lib0/decoding'
import { onTestFinished } from 'vitest'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import type { CreateAllianceRequest, CreateAllianceResponse } from '../../shared/src/protocol/api'
import { EXTENSIONS_PARAM, EXTENSIONS_VALUE, MessageType } from '../../shared/src/protocol/messages'
import { SaveTracker, trackingWebSocket } from '../../shared/src/protocol/saveTracker'
import type { ServerState } from '../../shared/src/protocol/serverState'
import { defaultConfig, type Config } from '../src/config'
import { startServer, type RunningServer, type ServerOptions } from '../src/server'
import { startServerProcess } from './serverProcess'

/**
 * Spawned servers and temporary folders of this test file. Each test removes its own when it
 * finishes; these sets are the backstop for a test that timed out half-way (a server still
 * starting would otherwise outlive the run and recreate its folder).
 */
const children = new Set<ChildProcess>()
const dirs = new Set<string>()
process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL')
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true })
})

export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alliance-test-'))
  dirs.add(dir)
  onTestFinished(() => {
    fs.rmSync(dir, { recursive: true, force: true })
    dirs.delete(dir)
  })
  return dir
}

/** A real server on port 0 with its own SQLite file; stopped when the test finishes. */
export async function startTestServer(
  overrides: Partial<Config> = {},
  options: ServerOptions = {},
): Promise<RunningServer & { dataDir: string }> {
  const dataDir = overrides.dataDir ?? tempDir()
  const server = await startServer(
    defaultConfig({
      port: 0,
      host: '127.0.0.1',
      dataDir,
      logLevel: 'silent',
      unloadAfterMs: 50,
      ...overrides,
    }),
    { clientDir: '/nonexistent', ...options },
  )
  onTestFinished(() => server.close())
  return Object.assign(server, { dataDir })
}

export async function api(
  base: string,
  method: string,
  route: string,
  { token, body, raw }: { token?: string; body?: unknown; raw?: string } = {},
): Promise<{ status: number; body: any }> {
  const res = await fetch(`${base}${route}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined || raw !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: raw ?? (body !== undefined ? JSON.stringify(body) : undefined),
  })
  const text = await res.text()
  return { status: res.status, body: text ? JSON.parse(text) : null }
}

export async function createAlliance(
  base: string,
  request: CreateAllianceRequest = {
    title: 'Test alliance',
    parties: [{ name: 'Alex' }, { name: 'Sam' }],
  },
): Promise<CreateAllianceResponse> {
  const res = await api(base, 'POST', '/api/alliances', { body: request })
  if (res.status !== 201)
    throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body as CreateAllianceResponse
}

/** Polls `predicate` until it holds; fails with `what` after `timeout` ms. */
export async function waitFor(
  predicate: () => boolean,
  what: string,
  timeout = 5000,
): Promise<void> {
  const deadline = Date.now() + timeout
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

export interface TestClient {
  doc: Y.Doc
  provider: WebsocketProvider
  tracker: SaveTracker
  state: () => ServerState | null
  closes: number[]
  denied: string[]
  waitForSynced(timeout?: number): Promise<void>
  /** Waits until the server acknowledged every update this client sent. */
  waitForSaved(timeout?: number): Promise<void>
  destroy(): void
}

/**
 * A stock y-websocket provider in Node (ws polyfill, no BroadcastChannel), with our extension
 * messages (acks, server state) when `extensions` is true.
 */
export function connectClient(
  serverUrl: string,
  allianceId: string,
  token: string | null,
  {
    extensions = true,
    doc = new Y.Doc(),
    connect = true,
  }: { extensions?: boolean; doc?: Y.Doc; connect?: boolean } = {},
): TestClient {
  const tracker = new SaveTracker()
  let state: ServerState | null = null
  const params: Record<string, string> = {}
  if (token !== null) params.token = token
  if (extensions) params[EXTENSIONS_PARAM] = EXTENSIONS_VALUE
  const provider = new WebsocketProvider(
    serverUrl.replace(/^http/, 'ws') + '/ws',
    allianceId,
    doc,
    {
      params,
      connect,
      disableBc: true,
      WebSocketPolyfill: trackingWebSocket(
        WebSocket,
        tracker,
      ) as unknown as typeof globalThis.WebSocket,
      maxBackoffTime: 200,
    },
  )
  provider.messageHandlers[MessageType.Ack] = (_enc, decoder) =>
    tracker.noteAck(decoding.readVarUint(decoder))
  provider.messageHandlers[MessageType.ServerState] = (_enc, decoder) => {
    state = JSON.parse(decoding.readVarString(decoder)) as ServerState
  }
  const closes: number[] = []
  provider.on('connection-close', (event) => {
    if (event) closes.push(event.code)
  })
  const denied: string[] = []
  provider.messageHandlers[MessageType.Auth] = (_enc, decoder) => {
    decoding.readVarUint(decoder)
    denied.push(decoding.readVarString(decoder))
  }
  const client: TestClient = {
    doc,
    provider,
    tracker,
    state: () => state,
    closes,
    denied,
    waitForSynced: (timeout = 5000) => waitFor(() => provider.synced, 'sync', timeout),
    waitForSaved: (timeout = 5000) =>
      waitFor(
        () => provider.synced && tracker.sent > 0 && tracker.isSaved,
        'server acknowledgement',
        timeout,
      ),
    destroy: () => {
      provider.destroy()
      doc.destroy()
    },
  }
  onTestFinished(() => client.destroy())
  return client
}

/** A raw ws socket, for sending what a well-behaved provider never would. */
export function rawSocket(
  serverUrl: string,
  pathAndQuery: string,
  headers: Record<string, string> = {},
): Promise<RawSocket> {
  const ws = new WebSocket(serverUrl.replace(/^http/, 'ws') + pathAndQuery, { headers })
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  )
  // Collect from the start: a message can arrive in the same tick as 'open'.
  const messages: Uint8Array[] = []
  ws.on('message', (data: Buffer) => messages.push(new Uint8Array(data)))
  ws.on('error', () => undefined)
  onTestFinished(() => ws.terminate())
  return new Promise((resolve, reject) => {
    ws.once('open', () =>
      resolve({
        ws,
        closed,
        messages,
        nextMessage: async () => {
          await waitFor(() => messages.length > 0, 'a message')
          return messages.shift()!
        },
      }),
    )
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)))
  })
}

/**
 * Sends an upgrade request for `rawPath` exactly as written (no URL normalisation, unlike every
 * websocket client) and returns the close code of the server's first frame, or the HTTP status.
 */
export function rawUpgrade(
  serverUrl: string,
  rawPath: string,
): Promise<{ status: number; closeCode: number | null }> {
  const { hostname, port } = new URL(serverUrl)
  return new Promise((resolve, reject) => {
    const req = http.request({
      hostname,
      port,
      path: rawPath,
      headers: {
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
      },
    })
    req.on('response', (res) => resolve({ status: res.statusCode ?? 0, closeCode: null }))
    req.on('upgrade', (_res, socket, head: Buffer) => {
      const read = (frame: Buffer): void => {
        // An unmasked server frame: opcode 0x8 is close; its payload starts with the code.
        const isClose = (frame[0]! & 0x0f) === 0x8
        resolve({ status: 101, closeCode: isClose ? frame.readUInt16BE(2) : null })
        socket.destroy()
      }
      // The first frame may arrive together with the upgrade response.
      if (head.length) read(head)
      else socket.once('data', read)
    })
    req.on('error', reject)
    req.end()
  })
}

export interface RawSocket {
  ws: WebSocket
  closed: Promise<{ code: number; reason: string }>
  messages: Uint8Array[]
  nextMessage(): Promise<Uint8Array>
}

/** The server as its own process (`npm start` minus the build), for kill -9 tests. */
export async function spawnServer(
  dataDir: string,
  port = 0,
  logLevel = 'info',
): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = startServerProcess({ PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: logLevel })
  children.add(child)
  child.once('exit', () => children.delete(child))
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  })
  // Everything the process prints, kept for tests that read its logs.
  let out = ''
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 15_000)
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const match = /running at (http:\/\/\S+?)"/.exec(out)
      if (match) {
        clearTimeout(timer)
        resolve(match[1]!)
      }
    })
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()))
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${out}`)))
  })
  return { child, url, output: () => out }
}

export function killHard(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve()
    child.once('exit', () => resolve())
    child.kill('SIGKILL')
  })
}
