import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { onTestFinished } from 'vitest'
import { storeContract } from './contract'
import { SqliteStore } from './SqliteStore'

storeContract('SQLite', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alliance-store-'))
  const store = SqliteStore.open(dir)
  onTestFinished(async () => {
    await store.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })
  return store
})
