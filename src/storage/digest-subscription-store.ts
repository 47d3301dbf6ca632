import type { Kysely } from 'kysely';
import type { DigestDays, DigestPlatform, DigestSubscription } from '../core/digest/digest-subscription';
import type { DatabaseSchema } from './database-schema';

type Row = DatabaseSchema['digest_subscriptions'];

function toSubscription(r: Row): DigestSubscription {
  return {
    id: r.id,
    platform: r.platform as DigestPlatform,
    channelId: r.channel_id,
    schedule: { days: r.days as DigestDays, time: r.time, timeZone: r.time_zone },
    filters: r.filters,
    createdBy: r.created_by,
    createdAt: r.created_at,
    source: r.source as DigestSubscription['source'],
  };
}

/** Chat-made and file-declared digest subscriptions, one table, listed together. */
export class DigestSubscriptionStore {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async list(): Promise<DigestSubscription[]> {
    return (await this.db.selectFrom('digest_subscriptions').selectAll().orderBy('id').execute()).map(
      toSubscription,
    );
  }

  /** The subscriptions the scheduler posts: all but the paused ones. */
  async listActive(): Promise<DigestSubscription[]> {
    return (
      await this.db
        .selectFrom('digest_subscriptions')
        .selectAll()
        .where('paused_note', 'is', null)
        .orderBy('id')
        .execute()
    ).map(toSubscription);
  }

  /** Chat-made subscriptions `userId` made in other channels than `exceptId`: what the per-user cap counts. */
  async countByCreator(userId: string, exceptId: string): Promise<number> {
    const row = await this.db
      .selectFrom('digest_subscriptions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('created_by', '=', userId)
      .where('source', '=', 'chat')
      .where('id', '!=', exceptId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** A slot delivered: the count of failures in a row starts again. */
  async recordDelivered(id: string): Promise<void> {
    await this.db.updateTable('digest_subscriptions').set({ failures: 0 }).where('id', '=', id).execute();
  }

  /**
   * A slot given up on: one more failure in a row. At `pauseAfter` the subscription is paused with `note`;
   * true when this call paused it (so the subscriber is told once).
   */
  async recordFailed(id: string, note: string, pauseAfter: number): Promise<boolean> {
    const row = await this.db
      .selectFrom('digest_subscriptions')
      .select(['failures', 'paused_note'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) return false;
    const failures = Number(row.failures ?? 0) + 1;
    const pause = failures >= pauseAfter && row.paused_note == null;
    await this.db
      .updateTable('digest_subscriptions')
      .set({ failures, ...(pause ? { paused_note: note } : {}) })
      .where('id', '=', id)
      .execute();
    return pause;
  }

  /** Why a subscription is paused, or null while it is active. */
  async pausedNote(id: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('digest_subscriptions')
      .select('paused_note')
      .where('id', '=', id)
      .executeTakeFirst();
    return row?.paused_note ?? null;
  }

  async get(id: string): Promise<DigestSubscription | null> {
    const row = await this.db
      .selectFrom('digest_subscriptions')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toSubscription(row) : null;
  }

  async findByChannel(platform: DigestPlatform, channelId: string): Promise<DigestSubscription[]> {
    return (
      await this.db
        .selectFrom('digest_subscriptions')
        .selectAll()
        .where('platform', '=', platform)
        .where('channel_id', '=', channelId)
        .orderBy('id')
        .execute()
    ).map(toSubscription);
  }

  /** Creates or replaces; a replaced subscription keeps its creation time, so no past slot is posted. */
  async save(s: DigestSubscription): Promise<void> {
    const row: Row = {
      id: s.id,
      platform: s.platform,
      channel_id: s.channelId,
      days: s.schedule.days,
      time: s.schedule.time,
      time_zone: s.schedule.timeZone,
      filters: s.filters,
      created_by: s.createdBy,
      created_at: s.createdAt,
      source: s.source,
    };
    // Saving again (a new `digest daily …`) also resumes a paused subscription.
    const { id: _id, created_at: _createdAt, ...rest } = row;
    const changes = { ...rest, failures: 0, paused_note: null };
    await this.db
      .insertInto('digest_subscriptions')
      .values(row)
      .onConflict((oc) => oc.column('id').doUpdateSet(changes))
      .execute();
  }

  async remove(id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('digest_subscriptions').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** Makes the file's entries the only `file` ones: new ones added, changed ones updated, gone ones removed. */
  async replaceFileEntries(entries: DigestSubscription[]): Promise<void> {
    const keep = new Set(entries.map((e) => e.id));
    for (const old of await this.list()) {
      if (old.source === 'file' && !keep.has(old.id)) await this.remove(old.id);
    }
    for (const entry of entries) await this.save(entry);
  }
}
