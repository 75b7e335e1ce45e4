import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { startTestServer, tempDir } from './helpers'

/** A built client stand-in: the server answers page routes with this index.html. */
function clientDir(): string {
  const dir = tempDir()
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Alliance Canvas</title>')
  return dir
}

const badEscapes = ['%', '%zz', '%E0%A4%A', '%C0%AF']

describe('requests the server cannot read', () => {
  it('AC9: answers a bad percent-escape in an API path with 400 JSON, never 500', async () => {
    const server = await startTestServer()
    for (const escape of badEscapes) {
      for (const route of [`/api/alliances/${escape}`, `/api/alliances/${escape}/versions/1`]) {
        const res = await fetch(`${server.url}${route}`)
        expect({ route, status: res.status }).toEqual({ route, status: 400 })
        expect(res.headers.get('content-type')).toMatch(/^application\/json/)
        expect((await res.json()).error.code).toBe('BAD_REQUEST')
      }
    }
  })

  it('AC9: answers a bad percent-escape in a page route with 400 and the app, which shows its "not here" page', async () => {
    const server = await startTestServer({}, { clientDir: clientDir() })
    for (const escape of badEscapes) {
      const res = await fetch(`${server.url}/a/${escape}`)
      expect({ escape, status: res.status }).toEqual({ escape, status: 400 })
      expect(res.headers.get('content-type')).toMatch(/^text\/html/)
      expect(await res.text()).toContain('<title>Alliance Canvas</title>')
    }
  })

  it('AC9: answers a body that claims gzip or deflate but is not compressed with 400 JSON', async () => {
    const server = await startTestServer()
    for (const encoding of ['gzip', 'deflate']) {
      const res = await fetch(`${server.url}/api/alliances`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-encoding': encoding },
        body: JSON.stringify({ title: 'not compressed' }),
      })
      expect({ encoding, status: res.status }).toEqual({ encoding, status: 400 })
      expect((await res.json()).error.code).toBe('BAD_REQUEST')
    }
  })

  it('AC9: keeps 415 for a content encoding the server does not read', async () => {
    const server = await startTestServer()
    const res = await fetch(`${server.url}/api/alliances`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'compress' },
      body: '{}',
    })
    expect(res.status).toBe(415)
    expect((await res.json()).error.code).toBe('UNSUPPORTED_MEDIA_TYPE')
  })
})
