import type { DigestSubscription } from '../../src/core/digest/digest-subscription';
import { ConversationReferenceStore } from '../../src/storage/conversation-reference-store';
import type { DatabaseLocation } from '../../src/storage/database-location';
import { DigestLedger } from '../../src/storage/digest-ledger';
import { DigestSubscriptionStore } from '../../src/storage/digest-subscription-store';
import { MIGRATION_NAMES } from '../../src/storage/migrations';
import type { Database } from '../../src/storage/open-database';
import { DATABASES } from '../support/databases';

const subscription = (over: Partial<DigestSubscription> = {}): DigestSubscription => ({
  id: 'slack:C001',
  platform: 'slack',
  channelId: 'C001',
  schedule: { days: 'daily', time: '08:00', timeZone: 'Europe/Berlin' },
  filters: '',
  createdBy: 'U001',
  createdAt: '2026-11-01T00:00:00.000Z',
  source: 'chat',
  ...over,
});

const SLOT = new Date('2026-12-01T07:00:00.000Z');
const T0 = Date.parse('2026-12-01T07:00:05.000Z');

describe.each(DATABASES.map((d) => [d.name, d] as const))('storage on %s', (_name, under) => {
  let location: DatabaseLocation;
  let database: Database;
  beforeEach(async () => {
    location = under.location();
    database = await under.open(location);
  });
  afterEach(async () => {
    await database.close();
    await under.cleanUp(location);
  });

  describe('migrations', () => {
    it('bring a new database to the latest version, and running them again changes nothing', async () => {
      const applied = await database.db
        .selectFrom('kysely_migration' as never)
        .select('name' as never)
        .execute();
      expect(applied.map((r) => (r as { name: string }).name)).toEqual(MIGRATION_NAMES);
      const again = await under.open(location);
      await again.close();
      const store = new DigestSubscriptionStore(database.db);
      expect(await store.list()).toEqual([]);
    });
  });

  describe('subscriptions', () => {
    it('are saved, found by channel, replaced in place and removed', async () => {
      const store = new DigestSubscriptionStore(database.db);
      await store.save(subscription());
      await store.save(subscription({ id: 'teams:19:x', platform: 'teams', channelId: '19:x' }));
      expect(await store.findByChannel('slack', 'C001')).toEqual([subscription()]);
      await store.save(
        subscription({
          schedule: { days: 'weekdays', time: '07:30', timeZone: 'UTC' },
          createdAt: '2026-12-01T00:00:00.000Z',
        }),
      );
      const replaced = await store.get('slack:C001');
      expect(replaced?.schedule).toEqual({ days: 'weekdays', time: '07:30', timeZone: 'UTC' });
      expect(replaced?.createdAt).toBe('2026-11-01T00:00:00.000Z');
      expect(await store.remove('slack:C001')).toBe(true);
      expect(await store.remove('slack:C001')).toBe(false);
      expect((await store.list()).map((s) => s.id)).toEqual(['teams:19:x']);
    });

    it('take the digests file as the truth for file entries, and leave chat-made ones alone', async () => {
      const store = new DigestSubscriptionStore(database.db);
      await store.save(subscription());
      const fileEntry = (name: string) =>
        subscription({ id: `file:${name}`, channelId: `C-${name}`, source: 'file' });
      await store.replaceFileEntries([fileEntry('a'), fileEntry('b')]);
      await store.replaceFileEntries([fileEntry('b'), fileEntry('c')]);
      expect((await store.list()).map((s) => s.id)).toEqual(['file:b', 'file:c', 'slack:C001']);
    });
  });

  describe('the digest ledger', () => {
    it('lets exactly one of many simultaneous claims on a slot win', async () => {
      const ledgers = [new DigestLedger(database.db)];
      const second = await under.open(location);
      ledgers.push(new DigestLedger(second.db));
      try {
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            (ledgers[i % 2] as DigestLedger).claim('slack:C001', SLOT, `replica-${i}`, T0, 60_000),
          ),
        );
        expect(results.filter((r) => r === 'claimed')).toHaveLength(1);
        expect(results.filter((r) => r === 'busy')).toHaveLength(19);
      } finally {
        await second.close();
      }
    });

    it('hands an unfinished claim over once its lease has run out, and never a finished one', async () => {
      const ledger = new DigestLedger(database.db);
      expect(await ledger.claim('s', SLOT, 'crashed', T0, 60_000)).toBe('claimed');
      expect(await ledger.claim('s', SLOT, 'other', T0 + 59_000, 60_000)).toBe('busy');
      expect(await ledger.claim('s', SLOT, 'other', T0 + 61_000, 60_000)).toBe('taken-over');
      // The crashed owner comes back: its late result must not count.
      expect(
        await ledger.finish('s', SLOT, 'crashed', { status: 'posted', messageId: 'x' }, T0 + 62_000),
      ).toBe(false);
      expect(
        await ledger.finish('s', SLOT, 'other', { status: 'posted', messageId: '1.2' }, T0 + 62_000),
      ).toBe(true);
      expect(await ledger.claim('s', SLOT, 'third', T0 + 10 * 60_000, 60_000)).toBe('done');
      expect(await ledger.get('s', SLOT)).toMatchObject({
        status: 'posted',
        messageId: '1.2',
        claimedBy: 'other',
        attempts: 2,
      });
    });

    it('records a skip once, and finds the last posted slot', async () => {
      const ledger = new DigestLedger(database.db);
      const day = 24 * 3_600_000;
      expect(await ledger.skip('s', new Date(SLOT.getTime() - 2 * day), 'a', 'missed', T0)).toBe(true);
      expect(await ledger.skip('s', new Date(SLOT.getTime() - 2 * day), 'b', 'missed', T0)).toBe(false);
      await ledger.claim('s', new Date(SLOT.getTime() - day), 'a', T0, 1000);
      await ledger.finish('s', new Date(SLOT.getTime() - day), 'a', { status: 'posted', messageId: 'm' }, T0);
      expect(await ledger.lastPostedBefore('s', SLOT)).toEqual(new Date(SLOT.getTime() - day));
      expect(await ledger.lastPostedBefore('s', new Date(SLOT.getTime() - day))).toBeNull();
      expect((await ledger.runs('s')).map((r) => r.status)).toEqual(['skipped', 'posted']);
    });
  });

  describe('conversation references', () => {
    it('keep the JSON a platform gave, per conversation, updated in place', async () => {
      const store = new ConversationReferenceStore(database.db, 'teams');
      await store.save('19:a', { conversation: { id: '19:a' }, serviceUrl: 'https://one/' });
      await store.save('19:a', { conversation: { id: '19:a' }, serviceUrl: 'https://two/' });
      expect(await store.get('19:a')).toEqual({ conversation: { id: '19:a' }, serviceUrl: 'https://two/' });
      expect(await store.get('19:b')).toBeUndefined();
      expect(await new ConversationReferenceStore(database.db, 'other').get('19:a')).toBeUndefined();
      expect(await store.list()).toHaveLength(1);
    });
  });
});
