import type * as Y from 'yjs'
import { getMeta } from './allianceDoc'
import { MetaKeys, SCHEMA_VERSION } from './keys'

/**
 * One step of the document schema: turns a document of version `to - 1` into version `to`.
 * `migrate` is a pure edit of the Y.Doc (no I/O). It runs inside one transaction with the
 * version bump, so the step is stored and relayed as one forward edit. Write it so that running
 * it on a document that already has its shape changes nothing: an offline client that merges
 * back later may carry a copy of the old shape.
 */
export interface Migration {
  to: number
  /** What changes, for the log. */
  description: string
  migrate(doc: Y.Doc): void
}

/**
 * Every schema step since version 1, oldest first: `MIGRATIONS[i].to === i + 2`. A schema
 * change bumps SCHEMA_VERSION and appends its step here, with a test that loads a stored
 * document of the previous version (server/test/schema.test.ts shows the pattern).
 */
export const MIGRATIONS: readonly Migration[] = []

export interface Schema {
  version: number
  migrations: readonly Migration[]
}

export const CURRENT_SCHEMA: Schema = { version: SCHEMA_VERSION, migrations: MIGRATIONS }

/** The schema version a document says it has; 1 for one written before the field existed. */
export function schemaVersionOf(doc: Y.Doc): number {
  const value = getMeta(doc).get(MetaKeys.schemaVersion)
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : 1
}

/** True when the document was written by code that knows a newer schema than `schema`. */
export function isSchemaTooNew(doc: Y.Doc, schema: Schema = CURRENT_SCHEMA): boolean {
  return schemaVersionOf(doc) > schema.version
}

export type MigrationOutcome =
  | { status: 'current'; version: number }
  | { status: 'migrated'; from: number; to: number }
  | { status: 'too-new'; version: number }

/**
 * Brings `doc` up to `schema.version` by running the steps it lacks, in order, in one
 * transaction with `origin`. A document newer than the schema is left alone ('too-new'): the
 * caller opens it read-only. Throws when the list has a gap (a programming error).
 */
export function migrateDoc(
  doc: Y.Doc,
  schema: Schema = CURRENT_SCHEMA,
  origin: unknown = null,
): MigrationOutcome {
  const from = schemaVersionOf(doc)
  if (from > schema.version) return { status: 'too-new', version: from }
  if (from === schema.version) return { status: 'current', version: from }
  const steps = schema.migrations.filter((m) => m.to > from && m.to <= schema.version)
  steps.sort((a, b) => a.to - b.to)
  steps.forEach((step, i) => {
    if (step.to !== from + i + 1) throw new Error(`no migration to schema version ${from + i + 1}`)
  })
  if (steps.length !== schema.version - from) {
    throw new Error(`no migration to schema version ${from + steps.length + 1}`)
  }
  doc.transact(() => {
    for (const step of steps) step.migrate(doc)
    getMeta(doc).set(MetaKeys.schemaVersion, schema.version)
  }, origin)
  return { status: 'migrated', from, to: schema.version }
}
