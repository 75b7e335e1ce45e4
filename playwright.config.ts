import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { defineConfig } from '@playwright/test'

// A free port unless E2E_PORT names one; kept in the environment so the workers use the same.
if (!process.env.E2E_PORT) {
  const probe =
    "const s = require('net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close() })"
  process.env.E2E_PORT = execFileSync(process.execPath, ['-e', probe]).toString().trim()
}
const port = Number(process.env.E2E_PORT)
// A fresh database for every run, removed after it (e2e/globalTeardown.ts) unless E2E_DATA_DIR
// names one to keep; the real server, the real built client. Set in the environment so that the
// teardown (and the workers, which load this file again) see the same folder.
if (!process.env.E2E_DATA_DIR) {
  process.env.E2E_DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'alliance-e2e-'))
  process.env.E2E_DATA_DIR_IS_TEMPORARY = '1'
}
const dataDir = process.env.E2E_DATA_DIR

export default defineConfig({
  testDir: 'e2e',
  globalTeardown: './e2e/globalTeardown.ts',
  timeout: 30_000,
  expect: { timeout: 5_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${port}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--disable-gpu',
        '--disable-quic',
        '--no-sandbox',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [
    { name: 'chromium', use: { browserName: 'chromium', viewport: { width: 1280, height: 800 } } },
  ],
  webServer: {
    command: 'node --import tsx server/src/main.ts',
    url: `http://localhost:${port}/healthz`,
    reuseExistingServer: false,
    timeout: 30_000,
    env: { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
  },
})
