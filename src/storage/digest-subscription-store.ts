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
    const { id: _id, created_at: _createdAt, ...changes } = row;
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
