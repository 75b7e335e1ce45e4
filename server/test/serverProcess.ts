import { spawn, type ChildProcess } from 'node:child_process'

/**
 * The server as its own process, as `npm start` runs it (without the client build), on
 * 127.0.0.1. Used by the kill -9 tests and by the benchmark; `env` adds to the environment.
 */
export function startServerProcess(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    env: { ...process.env, HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
}
