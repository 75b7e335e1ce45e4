import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { seededDoc } from '../testing'
import { getMeta } from './allianceDoc'
import { MetaKeys, SCHEMA_VERSION } from './keys'
import {
  CURRENT_SCHEMA,
  isSchemaTooNew,
  MIGRATIONS,
  migrateDoc,
  schemaVersionOf,
  type Schema,
} from './migrations'

/** Schema 3 for these tests only: each step leaves a trace in the meta map. */
const testSchema: Schema = {
  version: 3,
  migrations: [
    {
      to: 3,
      description: 'b',
      migrate: (doc) => getMeta(doc).set('steps', `${getMeta(doc).get('steps')}>3`),
    },
    { to: 2, description: 'a', migrate: (doc) => getMeta(doc).set('steps', '2') },
  ],
}

describe('schema migrations (SC)', () => {
  it('SC1: the production list has one step per version after 1, in order', () => {
    expect(MIGRATIONS.map((m) => m.to)).toEqual(
      Array.from({ length: SCHEMA_VERSION - 1 }, (_, i) => i + 2),
    )
    expect(migrateDoc(seededDoc())).toEqual({ status: 'current', version: SCHEMA_VERSION })
  })

  it('SC2: runs the missing steps in order, in one transaction with the version bump', () => {
    const doc = seededDoc()
    const updates: unknown[] = []
    doc.on('update', (_u: Uint8Array, origin: unknown) => updates.push(origin))
    expect(migrateDoc(doc, testSchema, 'migration')).toEqual({ status: 'migrated', from: 1, to: 3 })
    expect(getMeta(doc).get('steps')).toBe('2>3')
    expect(schemaVersionOf(doc)).toBe(3)
    expect(updates).toEqual(['migration'])
    expect(migrateDoc(doc, testSchema)).toEqual({ status: 'current', version: 3 })
    expect(getMeta(doc).get('steps')).toBe('2>3')
  })

  it('SC2: reads a document without a version as version 1', () => {
    const doc = seededDoc()
    getMeta(doc).delete(MetaKeys.schemaVersion)
    expect(schemaVersionOf(doc)).toBe(1)
    getMeta(doc).set(MetaKeys.schemaVersion, 'two')
    expect(schemaVersionOf(doc)).toBe(1)
  })

  it('SC3: leaves a document newer than the schema alone and calls it too new', () => {
    const doc = seededDoc()
    getMeta(doc).set(MetaKeys.schemaVersion, SCHEMA_VERSION + 1)
    const before = Y.encodeStateAsUpdate(doc)
    expect(isSchemaTooNew(doc)).toBe(true)
    expect(migrateDoc(doc, CURRENT_SCHEMA)).toEqual({
      status: 'too-new',
      version: SCHEMA_VERSION + 1,
    })
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before)
    expect(isSchemaTooNew(seededDoc())).toBe(false)
  })

  it('refuses a list with a missing step rather than skipping it', () => {
    const doc = seededDoc()
    const gap: Schema = { version: 3, migrations: [testSchema.migrations[0]!] }
    expect(() => migrateDoc(doc, gap)).toThrow(/schema version 2/)
    expect(schemaVersionOf(doc)).toBe(1)
  })
})
