import net from 'node:net'
import { describe, expect, it, onTestFinished } from 'vitest'
import { tempDir } from './helpers'
import { startServerProcess } from './serverProcess'

/** A port some other program holds, for as long as the test runs. */
async function occupiedPort(): Promise<number> {
  const blocker = net.createServer()
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
  onTestFinished(() => new Promise<void>((resolve) => blocker.close(() => resolve())))
  return (blocker.address() as net.AddressInfo).port
}

describe('starting the server', () => {
  it('on a port in use, prints one clear line and exits non-zero', async () => {
    const port = await occupiedPort()
    const child = startServerProcess({ PORT: String(port), DATA_DIR: tempDir() })
    let output = ''
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
    const lines = output.split('\n').filter((line) => line.trim() !== '')
    expect({ code, lines }).toEqual({
      code: 1,
      lines: [
        `Alliance Canvas cannot start: port ${port} on 127.0.0.1 is already in use. Stop the other program or choose another port with PORT=<number>.`,
      ],
    })
  })
})
