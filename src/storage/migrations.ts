import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';

/**
 * Versioned, forward-only migrations, in code so that no file lookup can go wrong in a bundle. A new
 * version is a new entry; an entry that has run is never edited.
 */
const MIGRATIONS: Record<string, Migration> = {
  '001_digests': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('digest_subscriptions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('platform', 'text', (c) => c.notNull())
        .addColumn('channel_id', 'text', (c) => c.notNull())
        .addColumn('days', 'text', (c) => c.notNull())
        .addColumn('time', 'text', (c) => c.notNull())
        .addColumn('time_zone', 'text', (c) => c.notNull())
        .addColumn('filters', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('digest_runs')
        .addColumn('subscription_id', 'text', (c) => c.notNull())
        .addColumn('slot', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('claimed_by', 'text', (c) => c.notNull())
        .addColumn('lease_until', 'bigint', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('message_id', 'text')
        .addColumn('note', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('digest_runs_pk', ['subscription_id', 'slot'])
        .execute();
      await db.schema
        .createTable('conversation_references')
        .addColumn('conversation_id', 'text', (c) => c.primaryKey())
        .addColumn('platform', 'text', (c) => c.notNull())
        .addColumn('reference', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await sql`create index digest_runs_by_status on digest_runs (status, lease_until)`.execute(db);
    },
  },
  '002_seen_requests': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('seen_requests')
        .addColumn('digest', 'text', (c) => c.primaryKey())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .execute();
      await sql`create index seen_requests_by_expiry on seen_requests (expires_at)`.execute(db);
    },
  },
  '003_digest_delivery_health': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('digest_subscriptions')
        .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.alterTable('digest_subscriptions').addColumn('paused_note', 'text').execute();
    },
  },
  '004_alerts': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('alert_subscriptions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('platform', 'text', (c) => c.notNull())
        .addColumn('channel_id', 'text', (c) => c.notNull())
        .addColumn('filters', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('include_warnings', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('after_failures', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('time_zone', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('paused_note', 'text')
        .execute();
      await db.schema
        .createTable('alert_lease')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('holder', 'text', (c) => c.notNull())
        .addColumn('lease_until', 'bigint', (c) => c.notNull())
        .addColumn('polled_at', 'text')
        .addColumn('poll_note', 'text')
        .execute();
      await db.schema
        .createTable('alert_events')
        .addColumn('subscription_id', 'text', (c) => c.notNull())
        .addColumn('session_id', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('claimed_by', 'text', (c) => c.notNull())
        .addColumn('lease_until', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('alert_events_pk', ['subscription_id', 'session_id', 'status'])
        .execute();
      await db.schema
        .createTable('alert_incidents')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('subscription_id', 'text', (c) => c.notNull())
        .addColumn('subject_id', 'text', (c) => c.notNull())
        .addColumn('subject_name', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('failures', 'integer', (c) => c.notNull())
        .addColumn('first_failed_at', 'text', (c) => c.notNull())
        .addColumn('last_failed_at', 'text', (c) => c.notNull())
        .addColumn('last_started_at', 'text', (c) => c.notNull())
        .addColumn('last_session_id', 'text', (c) => c.notNull())
        .addColumn('last_status', 'text', (c) => c.notNull())
        .addColumn('last_reason', 'text')
        .addColumn('message_id', 'text')
        .addColumn('owner_id', 'text')
        .addColumn('owner_name', 'text')
        .addColumn('recovered_at', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await sql`create index alert_incidents_open on alert_incidents (subscription_id, subject_id, state)`.execute(
        db,
      );
      await db.schema
        .createTable('alert_snoozes')
        .addColumn('subscription_id', 'text', (c) => c.notNull())
        .addColumn('subject_id', 'text', (c) => c.notNull())
        .addColumn('subject_name', 'text', (c) => c.notNull())
        .addColumn('until_ms', 'bigint', (c) => c.notNull())
        .addColumn('snoozed_by', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('alert_snoozes_pk', ['subscription_id', 'subject_id'])
        .execute();
    },
  },
};

export const MIGRATION_NAMES = Object.keys(MIGRATIONS);

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/** Brings the schema to the latest version; safe when several replicas start at once (Kysely locks). */
export async function migrateToLatest(db: Kysely<unknown>): Promise<string[]> {
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
