import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { AlertScope, AlertSubscription } from '../core/alerts/alert-subscription';
import type { DatabaseSchema } from './database-schema';

type Row = DatabaseSchema['alert_subscriptions'];

// The scope is ours, but a database is outside the process: read back through a schema all the same.
const scopeSchema = z.object({
  policyId: z.string().nullable(),
  policyName: z.string().nullable(),
  types: z.array(z.string()),
});

function toSubscription(r: Row): AlertSubscription {
  const scope: AlertScope = scopeSchema.parse(JSON.parse(r.scope));
  return {
    id: r.id,
    platform: r.platform,
    channelId: r.channel_id,
    filters: r.filters,
    scope,
    includeWarnings: Number(r.include_warnings) === 1,
    afterFailures: Number(r.after_failures),
    timeZone: r.time_zone,
    createdBy: r.created_by,
    createdAt: r.created_at,
    source: r.source as AlertSubscription['source'],
  };
}

/** Alert subscriptions, chat-made and file-declared, one table. */
export class AlertSubscriptionStore {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  /** What the poller matches sessions against: all but the paused ones. */
  async listActive(): Promise<AlertSubscription[]> {
    return (
      await this.db
        .selectFrom('alert_subscriptions')
        .selectAll()
        .where('paused_note', 'is', null)
        .orderBy('id')
        .execute()
    ).map(toSubscription);
  }

  async list(): Promise<AlertSubscription[]> {
    return (await this.db.selectFrom('alert_subscriptions').selectAll().orderBy('id').execute()).map(
      toSubscription,
    );
  }

  async get(id: string): Promise<AlertSubscription | null> {
    const row = await this.db
      .selectFrom('alert_subscriptions')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toSubscription(row) : null;
  }

  async findByChannel(platform: string, channelId: string): Promise<AlertSubscription[]> {
    return (
      await this.db
        .selectFrom('alert_subscriptions')
        .selectAll()
        .where('platform', '=', platform)
        .where('channel_id', '=', channelId)
        .orderBy('id')
        .execute()
    ).map(toSubscription);
  }

  async pausedNote(id: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('alert_subscriptions')
      .select('paused_note')
      .where('id', '=', id)
      .executeTakeFirst();
    return row?.paused_note ?? null;
  }

  /** Stops alerts of a channel the bot cannot post to; true when this call paused it (tell once). */
  async pause(id: string, note: string): Promise<boolean> {
    const result = await this.db
      .updateTable('alert_subscriptions')
      .set({ paused_note: note })
      .where('id', '=', id)
      .where('paused_note', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /**
   * Creates or replaces (which also resumes a paused one). A replaced one starts again from its new
   * creation time: what failed while it was paused or before is the digest's, not a flood of alerts.
   */
  async save(s: AlertSubscription): Promise<void> {
    const row: Row = {
      id: s.id,
      platform: s.platform,
      channel_id: s.channelId,
      filters: s.filters,
      scope: JSON.stringify(s.scope),
      include_warnings: s.includeWarnings ? 1 : 0,
      after_failures: s.afterFailures,
      time_zone: s.timeZone,
      created_by: s.createdBy,
      created_at: s.createdAt,
      source: s.source,
      paused_note: null,
    };
    const { id: _id, ...changes } = row;
    await this.db
      .insertInto('alert_subscriptions')
      .values(row)
      .onConflict((oc) => oc.column('id').doUpdateSet(changes))
      .execute();
  }

  async remove(id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('alert_subscriptions').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** Makes the file's entries the only `file` ones. */
  async replaceFileEntries(entries: AlertSubscription[]): Promise<void> {
    const keep = new Set(entries.map((e) => e.id));
    const before = new Map((await this.list()).map((s) => [s.id, s]));
    for (const old of before.values()) {
      if (old.source === 'file' && !keep.has(old.id)) await this.remove(old.id);
    }
    // A restart is not a new subscription: a declared one keeps its first creation time, so what failed
    // while the bot was down is caught up, not skipped.
    for (const entry of entries)
      await this.save({ ...entry, createdAt: before.get(entry.id)?.createdAt ?? entry.createdAt });
  }
}
