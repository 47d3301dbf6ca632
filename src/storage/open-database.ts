import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import type { DatabaseLocation } from './database-location';
import type { DatabaseSchema } from './database-schema';
import { migrateToLatest } from './migrations';

export type Database = {
  db: Kysely<DatabaseSchema>;
  kind: DatabaseLocation['kind'];
  /** Where it is, without a password, for logs. */
  describe: string;
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  close(): Promise<void>;
};

const INT8_OID = 20;

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}

/** Opens the database and runs its migrations. */
export async function openDatabase(location: DatabaseLocation): Promise<Database> {
  let db: Kysely<DatabaseSchema>;
  let describe: string;
  if (location.kind === 'sqlite') {
    if (location.path !== ':memory:') mkdirSync(dirname(location.path), { recursive: true });
    // Each driver loads only when used: a process on PostgreSQL carries no SQLite, and the other way round.
    const Sqlite: typeof import('better-sqlite3') = require('better-sqlite3');
    const file = new Sqlite(location.path);
    // WAL lets the scheduler read while a chat command writes; busy_timeout waits out a short lock.
    file.pragma('journal_mode = WAL');
    file.pragma('busy_timeout = 5000');
    db = new Kysely<DatabaseSchema>({ dialect: new SqliteDialect({ database: file }) });
    describe = `SQLite ${location.path}`;
  } else {
    const pg: typeof import('pg') = require('pg');
    const pool = new pg.Pool({
      connectionString: location.url,
      max: 5,
      ...(location.schema ? { options: `-c search_path=${location.schema}` } : {}),
      // Epoch milliseconds fit a double; pg would hand bigint back as a string.
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
          oid === INT8_OID ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) as never,
      },
    });
    db = new Kysely<DatabaseSchema>({ dialect: new PostgresDialect({ pool }) });
    if (location.schema) await sql`create schema if not exists ${sql.id(location.schema)}`.execute(db);
    describe = `PostgreSQL ${redact(location.url)}${location.schema ? ` schema ${location.schema}` : ''}`;
  }
  try {
    await migrateToLatest(db as Kysely<unknown>);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return {
    db,
    kind: location.kind,
    describe,
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    close: () => db.destroy(),
  };
}
