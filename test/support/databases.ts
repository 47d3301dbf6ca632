import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { DatabaseLocation } from '../../src/storage/database-location';
import { type Database, openDatabase } from '../../src/storage/open-database';

/**
 * The databases every storage test runs on: a real SQLite file always, and PostgreSQL when
 * TEST_DATABASE_URL is set (.ci/run sets it). Each PostgreSQL test gets a schema of its own, so tests
 * running in parallel never see each other's rows.
 */
export type DatabaseUnderTest = {
  name: 'sqlite' | 'postgres';
  /** A fresh, migrated database; call again with the same location for a second connection pool. */
  location(): DatabaseLocation;
  open(location: DatabaseLocation): Promise<Database>;
  /** Drops what location() made. */
  cleanUp(location: DatabaseLocation): Promise<void>;
};

const pgUrl = process.env.TEST_DATABASE_URL;

export const DATABASES: DatabaseUnderTest[] = [
  {
    name: 'sqlite',
    location: () => ({
      kind: 'sqlite',
      path: join(mkdtempSync(join(tmpdir(), 'sessions-bot-db-')), 'bot.db'),
    }),
    open: openDatabase,
    cleanUp: async () => {},
  },
  ...(pgUrl
    ? [
        {
          name: 'postgres' as const,
          location: (): DatabaseLocation => ({
            kind: 'postgres',
            url: pgUrl,
            schema: `t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`,
          }),
          open: openDatabase,
          cleanUp: async (location: DatabaseLocation) => {
            if (location.kind !== 'postgres' || !location.schema) return;
            const pool = new pg.Pool({ connectionString: location.url, max: 1 });
            await pool.query(`drop schema if exists "${location.schema}" cascade`);
            await pool.end();
          },
        },
      ]
    : []),
];

if (!pgUrl) {
  // Visible in the test output, so nobody mistakes a SQLite-only run for a full one.
  process.stderr.write('TEST_DATABASE_URL is not set: storage tests run on SQLite only.\n');
}
