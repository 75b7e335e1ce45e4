import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import type { AllianceId } from '../../../shared/src/schema/ids'
import type {
  AllianceRow,
  AllianceStore,
  NewAlliance,
  PartyRow,
  StoredDoc,
  TokenRow,
} from './AllianceStore'

const MIGRATIONS: string[] = [
  `CREATE TABLE alliances (
     id TEXT PRIMARY KEY,
     title TEXT NOT NULL,
     template TEXT NOT NULL,
     created_at TEXT NOT NULL
   );
   CREATE TABLE parties (
     id TEXT PRIMARY KEY,
     alliance_id TEXT NOT NULL REFERENCES alliances(id),
     name TEXT NOT NULL,
     color TEXT NOT NULL,
     position INTEGER NOT NULL,
     created_at TEXT NOT NULL,
     removed_at TEXT
   );
   CREATE INDEX parties_alliance ON parties(alliance_id, position);
   CREATE TABLE tokens (
     hash BLOB PRIMARY KEY,
     alliance_id TEXT NOT NULL REFERENCES alliances(id),
     role TEXT NOT NULL CHECK (role IN ('facilitator', 'party', 'observer')),
     party_id TEXT REFERENCES parties(id),
     created_at TEXT NOT NULL,
     revoked_at TEXT
   );
   CREATE TABLE doc_updates (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     alliance_id TEXT NOT NULL,
     data BLOB NOT NULL
   );
   CREATE INDEX doc_updates_alliance ON doc_updates(alliance_id, seq);
   CREATE TABLE doc_state (
     alliance_id TEXT PRIMARY KEY,
     state BLOB NOT NULL,
     up_to INTEGER NOT NULL,
     compacted_at TEXT NOT NULL
   );
   CREATE TABLE quarantine (
     seq INTEGER PRIMARY KEY,
     alliance_id TEXT NOT NULL,
     data BLOB NOT NULL,
     reason TEXT NOT NULL,
     at TEXT NOT NULL
   );`,
]

export interface SqliteOptions {
  synchronous?: 'full' | 'normal'
  /** How long a write waits for a lock before failing (and being retried by the caller). */
  busyTimeoutMs?: number
}

const toBytes = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength)

/**
 * The embedded default store: one SQLite file in WAL mode. better-sqlite3 is synchronous, so
 * every method finishes its work before returning; a busy lock fails fast (the write path
 * retries) instead of blocking the event loop for seconds.
 */
export class SqliteStore implements AllianceStore {
  readonly db: Database.Database

  constructor(file: string, options: SqliteOptions = {}) {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true })
    this.db = new Database(file)
    this.db.pragma('journal_mode = WAL')
    this.db.pragma(`synchronous = ${options.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`)
    this.db.pragma('foreign_keys = ON')
    this.db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 50}`)
    this.migrate()
  }

  static open(dataDir: string, options: SqliteOptions = {}): SqliteStore {
    return new SqliteStore(SqliteStore.fileIn(dataDir), options)
  }

  /** The database file inside DATA_DIR. */
  static fileIn(dataDir: string): string {
    return path.join(dataDir, 'alliance-canvas.sqlite')
  }

  private migrate(): void {
    const version = this.db.pragma('user_version', { simple: true }) as number
    for (let v = version; v < MIGRATIONS.length; v++) {
      this.db.transaction(() => {
        this.db.exec(MIGRATIONS[v]!)
        this.db.pragma(`user_version = ${v + 1}`)
      })()
    }
  }

  async createAlliance({ alliance, parties, tokens, initialUpdate }: NewAlliance): Promise<void> {
    const insertAlliance = this.db.prepare(
      'INSERT INTO alliances (id, title, template, created_at) VALUES (?, ?, ?, ?)',
    )
    this.db.transaction(() => {
      insertAlliance.run(alliance.id, alliance.title, alliance.template, alliance.createdAt)
      for (const party of parties) this.insertParty(party)
      for (const token of tokens) this.insertToken(token)
      this.db
        .prepare('INSERT INTO doc_updates (alliance_id, data) VALUES (?, ?)')
        .run(alliance.id, initialUpdate)
    })()
  }

  private insertParty(p: PartyRow): void {
    this.db
      .prepare(
        'INSERT INTO parties (id, alliance_id, name, color, position, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(p.id, p.allianceId, p.name, p.color, p.position, p.createdAt)
  }

  private insertToken(t: TokenRow): void {
    this.db
      .prepare(
        'INSERT INTO tokens (hash, alliance_id, role, party_id, created_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(t.hash, t.allianceId, t.role, t.partyId, t.createdAt)
  }

  async getAlliance(id: AllianceId): Promise<AllianceRow | null> {
    const row = this.db
      .prepare('SELECT id, title, template, created_at AS createdAt FROM alliances WHERE id = ?')
      .get(id) as AllianceRow | undefined
    return row ?? null
  }

  async findToken(hash: Buffer): Promise<TokenRow | null> {
    const row = this.db
      .prepare(
        `SELECT t.hash, t.alliance_id AS allianceId, t.role, t.party_id AS partyId, t.created_at AS createdAt
           FROM tokens t LEFT JOIN parties p ON p.id = t.party_id
          WHERE t.hash = ? AND t.revoked_at IS NULL AND p.removed_at IS NULL`,
      )
      .get(hash) as TokenRow | undefined
    return row ?? null
  }

  async listParties(id: AllianceId): Promise<PartyRow[]> {
    return this.db
      .prepare(
        `SELECT id, alliance_id AS allianceId, name, color, position, created_at AS createdAt
           FROM parties WHERE alliance_id = ? AND removed_at IS NULL ORDER BY position`,
      )
      .all(id) as PartyRow[]
  }

  async addParty(party: PartyRow, token: TokenRow): Promise<void> {
    this.db.transaction(() => {
      this.insertParty(party)
      this.insertToken(token)
    })()
  }

  async loadDoc(id: AllianceId): Promise<StoredDoc> {
    return this.db.transaction((): StoredDoc => {
      const state = this.db
        .prepare('SELECT state, up_to AS upTo FROM doc_state WHERE alliance_id = ?')
        .get(id) as { state: Buffer; upTo: number } | undefined
      const rows = this.db
        .prepare('SELECT seq, data FROM doc_updates WHERE alliance_id = ? AND seq > ? ORDER BY seq')
        .all(id, state?.upTo ?? 0) as Array<{ seq: number; data: Buffer }>
      return {
        state: state ? toBytes(state.state) : null,
        log: rows.map((r) => ({ seq: r.seq, data: toBytes(r.data) })),
      }
    })()
  }

  async appendUpdates(
    batches: ReadonlyArray<{ allianceId: AllianceId; updates: Uint8Array[] }>,
  ): Promise<void> {
    const insert = this.db.prepare('INSERT INTO doc_updates (alliance_id, data) VALUES (?, ?)')
    this.db.transaction(() => {
      for (const { allianceId, updates } of batches) {
        for (const update of updates) insert.run(allianceId, update)
      }
    })()
  }

  async compact(id: AllianceId, state: Uint8Array): Promise<void> {
    this.db.transaction(() => {
      const { upTo } = this.db
        .prepare('SELECT COALESCE(MAX(seq), 0) AS upTo FROM doc_updates WHERE alliance_id = ?')
        .get(id) as { upTo: number }
      this.db
        .prepare(
          `INSERT INTO doc_state (alliance_id, state, up_to, compacted_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (alliance_id) DO UPDATE SET state = excluded.state,
             up_to = MAX(doc_state.up_to, excluded.up_to), compacted_at = excluded.compacted_at`,
        )
        .run(id, state, upTo, new Date().toISOString())
      this.db.prepare('DELETE FROM doc_updates WHERE alliance_id = ? AND seq <= ?').run(id, upTo)
    })()
  }

  async quarantine(id: AllianceId, seqs: number[], reason: string): Promise<void> {
    const move = this.db.prepare(
      `INSERT OR REPLACE INTO quarantine (seq, alliance_id, data, reason, at)
         SELECT seq, alliance_id, data, ?, ? FROM doc_updates WHERE alliance_id = ? AND seq = ?`,
    )
    const remove = this.db.prepare('DELETE FROM doc_updates WHERE alliance_id = ? AND seq = ?')
    this.db.transaction(() => {
      for (const seq of seqs) {
        move.run(reason, new Date().toISOString(), id, seq)
        remove.run(id, seq)
      }
    })()
  }

  async docBytes(id: AllianceId): Promise<number> {
    const row = this.db
      .prepare(
        `SELECT COALESCE((SELECT LENGTH(state) FROM doc_state WHERE alliance_id = ?), 0)
              + COALESCE((SELECT SUM(LENGTH(data)) FROM doc_updates WHERE alliance_id = ?), 0) AS n`,
      )
      .get(id, id) as { n: number }
    return row.n
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close()
  }
}
