import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import type { AgreementRecord } from '../../../shared/src/protocol/api'
import type { AllianceId, PartyId } from '../../../shared/src/schema/ids'
import type {
  AgreeInput,
  AgreeOutcome,
  AgreementRow,
  AllianceRow,
  AllianceStore,
  NewAlliance,
  PartyRow,
  StoredDoc,
  TokenRow,
  VersionRow,
  VersionSummaryRow,
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
  `CREATE TABLE agreements (
     alliance_id TEXT NOT NULL REFERENCES alliances(id),
     party_id TEXT NOT NULL REFERENCES parties(id),
     content_hash TEXT NOT NULL,
     content TEXT NOT NULL,
     agreed_at TEXT NOT NULL,
     PRIMARY KEY (alliance_id, party_id)
   );
   CREATE TABLE versions (
     alliance_id TEXT NOT NULL REFERENCES alliances(id),
     n INTEGER NOT NULL CHECK (n >= 1),
     content_hash TEXT NOT NULL,
     state BLOB NOT NULL,
     state_hash TEXT NOT NULL,
     content TEXT NOT NULL,
     markdown TEXT NOT NULL,
     agreements TEXT NOT NULL,
     sealed_at TEXT NOT NULL,
     prev_chain_hash TEXT NOT NULL,
     chain_hash TEXT NOT NULL,
     PRIMARY KEY (alliance_id, n)
   );
   CREATE TRIGGER versions_insert_only_update BEFORE UPDATE ON versions
     BEGIN SELECT RAISE(ABORT, 'versions are insert-only'); END;
   CREATE TRIGGER versions_insert_only_delete BEFORE DELETE ON versions
     BEGIN SELECT RAISE(ABORT, 'versions are insert-only'); END;`,
]

const GENESIS = '0'.repeat(64)

interface VersionDbRow {
  n: number
  contentHash: string
  state?: Buffer
  stateHash: string
  content?: string
  markdown?: string
  agreements: string
  sealedAt: string
  prevChainHash: string
  chainHash: string
}

const VERSION_SUMMARY = `n, content_hash AS contentHash, state_hash AS stateHash, agreements,
  sealed_at AS sealedAt, prev_chain_hash AS prevChainHash, chain_hash AS chainHash`

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

  async addParty(party: PartyRow, token: TokenRow, maxParties = Infinity): Promise<boolean> {
    return this.db.transaction((): boolean => {
      const { count } = this.db
        .prepare(
          'SELECT COUNT(*) AS count FROM parties WHERE alliance_id = ? AND removed_at IS NULL',
        )
        .get(party.allianceId) as { count: number }
      if (count >= maxParties) return false
      this.insertParty(party)
      this.insertToken(token)
      return true
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

  async agree(input: AgreeInput): Promise<AgreeOutcome> {
    return this.db
      .transaction((): AgreeOutcome => {
        const parties = this.db
          .prepare(
            'SELECT id, name FROM parties WHERE alliance_id = ? AND removed_at IS NULL ORDER BY position',
          )
          .all(input.allianceId) as Array<{ id: PartyId; name: string }>
        const same =
          parties.length === input.partyIds.length &&
          parties.every((p, i) => p.id === input.partyIds[i])
        if (!same || !parties.some((p) => p.id === input.partyId))
          return { status: 'parties-changed' }
        const latest = this.db
          .prepare(
            'SELECT n, content_hash AS contentHash, chain_hash AS chainHash FROM versions WHERE alliance_id = ? ORDER BY n DESC LIMIT 1',
          )
          .get(input.allianceId) as
          { n: number; contentHash: string; chainHash: string } | undefined
        if (latest && latest.contentHash === input.contentHash)
          return { status: 'already-sealed', n: latest.n }

        this.db
          .prepare(
            `INSERT INTO agreements (alliance_id, party_id, content_hash, content, agreed_at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (alliance_id, party_id) DO UPDATE SET content_hash = excluded.content_hash,
             content = excluded.content, agreed_at = excluded.agreed_at`,
          )
          .run(input.allianceId, input.partyId, input.contentHash, input.content, input.at)
        const agreed = new Map(
          (
            this.db
              .prepare(
                'SELECT party_id AS partyId, content_hash AS contentHash, agreed_at AS at FROM agreements WHERE alliance_id = ?',
              )
              .all(input.allianceId) as Array<{ partyId: PartyId; contentHash: string; at: string }>
          ).map((a) => [a.partyId as string, a]),
        )
        if (!parties.every((p) => agreed.get(p.id)?.contentHash === input.contentHash))
          return { status: 'pending' }

        const records: AgreementRecord[] = parties.map((p) => ({
          partyId: p.id,
          name: p.name,
          at: agreed.get(p.id)!.at,
        }))
        const version = input.seal((latest?.n ?? 0) + 1, latest?.chainHash ?? GENESIS, records)
        this.db
          .prepare(
            `INSERT INTO versions (alliance_id, n, content_hash, state, state_hash, content, markdown, agreements,
             sealed_at, prev_chain_hash, chain_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            version.allianceId,
            version.n,
            version.contentHash,
            version.state,
            version.stateHash,
            version.content,
            version.markdown,
            JSON.stringify(version.agreements),
            version.sealedAt,
            version.prevChainHash,
            version.chainHash,
          )
        // The agreements now live in the version; the next draft starts with none.
        this.db.prepare('DELETE FROM agreements WHERE alliance_id = ?').run(input.allianceId)
        return { status: 'sealed', version }
      })
      .immediate()
  }

  async withdraw(allianceId: AllianceId, partyId: PartyId): Promise<boolean> {
    return (
      this.db
        .prepare('DELETE FROM agreements WHERE alliance_id = ? AND party_id = ?')
        .run(allianceId, partyId).changes > 0
    )
  }

  async listAgreements(allianceId: AllianceId): Promise<AgreementRow[]> {
    return this.db
      .prepare(
        `SELECT a.party_id AS partyId, a.content_hash AS contentHash, a.content, a.agreed_at AS at
           FROM agreements a JOIN parties p ON p.id = a.party_id
          WHERE a.alliance_id = ? AND p.removed_at IS NULL ORDER BY p.position`,
      )
      .all(allianceId) as AgreementRow[]
  }

  async listVersions(allianceId: AllianceId): Promise<VersionSummaryRow[]> {
    const rows = this.db
      .prepare(`SELECT ${VERSION_SUMMARY} FROM versions WHERE alliance_id = ? ORDER BY n`)
      .all(allianceId) as VersionDbRow[]
    return rows.map((r) => this.toVersion(allianceId, r))
  }

  async getVersion(allianceId: AllianceId, n: number): Promise<VersionRow | null> {
    const row = this.db
      .prepare(
        `SELECT ${VERSION_SUMMARY}, state, content, markdown FROM versions WHERE alliance_id = ? AND n = ?`,
      )
      .get(allianceId, n) as VersionDbRow | undefined
    return row ? (this.toVersion(allianceId, row) as VersionRow) : null
  }

  async fullVersions(allianceId: AllianceId): Promise<VersionRow[]> {
    const rows = this.db
      .prepare(
        `SELECT ${VERSION_SUMMARY}, state, content, markdown FROM versions WHERE alliance_id = ? ORDER BY n`,
      )
      .all(allianceId) as VersionDbRow[]
    return rows.map((r) => this.toVersion(allianceId, r) as VersionRow)
  }

  private toVersion(allianceId: AllianceId, r: VersionDbRow): VersionSummaryRow | VersionRow {
    let agreements: AgreementRecord[] = []
    try {
      agreements = JSON.parse(r.agreements) as AgreementRecord[]
    } catch {
      // An unreadable agreements column is what verification reports; here it reads as empty.
    }
    return {
      allianceId,
      n: r.n,
      contentHash: r.contentHash,
      stateHash: r.stateHash,
      agreements,
      sealedAt: r.sealedAt,
      prevChainHash: r.prevChainHash,
      chainHash: r.chainHash,
      ...(r.state !== undefined
        ? { state: toBytes(r.state), content: r.content!, markdown: r.markdown! }
        : {}),
    }
  }

  async rotateToken(token: TokenRow, at: string): Promise<void> {
    this.db.transaction(() => {
      this.db
        .prepare(
          `UPDATE tokens SET revoked_at = ? WHERE alliance_id = ? AND role = ? AND party_id IS ? AND revoked_at IS NULL`,
        )
        .run(at, token.allianceId, token.role, token.partyId)
      this.insertToken(token)
    })()
  }

  async removeParty(allianceId: AllianceId, partyId: PartyId, at: string): Promise<boolean> {
    return this.db.transaction(() => {
      const removed = this.db
        .prepare(
          'UPDATE parties SET removed_at = ? WHERE alliance_id = ? AND id = ? AND removed_at IS NULL',
        )
        .run(at, allianceId, partyId).changes
      if (!removed) return false
      this.db
        .prepare('UPDATE tokens SET revoked_at = ? WHERE party_id = ? AND revoked_at IS NULL')
        .run(at, partyId)
      this.db
        .prepare('DELETE FROM agreements WHERE alliance_id = ? AND party_id = ?')
        .run(allianceId, partyId)
      return true
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
