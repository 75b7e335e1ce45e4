import fs from 'node:fs'

/** Removes the database folder playwright.config.ts made for this run (never one you chose). */
export default function globalTeardown(): void {
  const dir = process.env.E2E_DATA_DIR
  if (dir && process.env.E2E_DATA_DIR_IS_TEMPORARY === '1') {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
