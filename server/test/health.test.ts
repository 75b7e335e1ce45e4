import { describe, expect, it } from 'vitest'
import { createAlliance, rawSocket, startTestServer, type RawSocket } from './helpers'

describe('/healthz', () => {
  it('LM8: reports the real number of open websocket connections', async () => {
    const server = await startTestServer({ maxConnectionsPerIp: 2000 })
    const created = await createAlliance(server.url)
    const path = `/ws/${created.id}?token=${created.parties[0]!.token}`
    const health = async () => (await (await fetch(`${server.url}/healthz`)).json()).connections
    expect(await health()).toBe(0)
    const sockets: RawSocket[] = []
    for (let batch = 0; batch < 10; batch++) {
      sockets.push(
        ...(await Promise.all(Array.from({ length: 100 }, () => rawSocket(server.url, path)))),
      )
    }
    expect(await health()).toBe(1000)
    for (const socket of sockets.splice(0, 400)) socket.ws.close()
    let count = await health()
    for (let i = 0; i < 400 && count !== 600; i++) {
      await new Promise((resolve) => setTimeout(resolve, 25))
      count = await health()
    }
    expect(count).toBe(600)
  })
})
