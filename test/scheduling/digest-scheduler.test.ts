import { DateTime } from 'luxon';
import { nextWakeMs } from '../../src/scheduling/digest-scheduler';
import type { DatabaseLocation } from '../../src/storage/database-location';
import { DigestLedger } from '../../src/storage/digest-ledger';
import { DATABASES } from '../support/databases';
import { type DigestHarness, recentSlot, startDigestHarness } from '../support/digest-harness';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe.each(DATABASES.map((d) => [d.name, d] as const))('the digest scheduler on %s', (_name, under) => {
  let location: DatabaseLocation;
  let h: DigestHarness;
  const slot = recentSlot(1);

  beforeEach(async () => {
    location = under.location();
    h = await startDigestHarness(location, slot - 2 * HOUR);
  });
  afterEach(async () => {
    await h.close();
    await under.cleanUp(location);
  });

  it('posts one digest per slot when two replicas tick at once, and one again the next day', async () => {
    const a = await h.replica('replica-a');
    const b = await h.replica('replica-b');
    const confirmation = await h.command(a, 'digest daily 08:00');
    expect(JSON.stringify(confirmation)).toContain('every day at 08:00 Europe/Berlin');
    expect(confirmation.response_type).toBe('in_channel');

    h.clock.now = slot - MINUTE;
    await Promise.all([a.scheduler.tick(), b.scheduler.tick()]);
    expect(h.digestsPosted()).toHaveLength(0);

    h.clock.now = slot + 20_000;
    await Promise.all([a.scheduler.tick(), b.scheduler.tick(), a.scheduler.tick(), b.scheduler.tick()]);
    h.clock.now = slot + 50_000;
    await Promise.all([a.scheduler.tick(), b.scheduler.tick()]);
    expect(h.digestsPosted()).toHaveLength(1);
    expect(h.digestsPosted()[0]?.text).toMatch(/^Backup digest · \w{3} \d+ \w{3} 08:00: \d+ failed/);

    h.clock.now = slot + DAY + 30_000;
    await Promise.all([a.scheduler.tick(), b.scheduler.tick()]);
    expect(h.digestsPosted()).toHaveLength(2);
    const runs = await new DigestLedger(a.database.db).runs('slack:C1');
    expect(runs.map((r) => r.status)).toEqual(['posted', 'posted']);
    expect(runs.every((r) => /^\d+\.\d+$/.test(r.messageId ?? ''))).toBe(true);
  });

  it('posts once, after the lease, a digest whose replica died between claim and post', async () => {
    const a = await h.replica('replica-a');
    await h.command(a, 'digest daily 08:00');
    const ledger = new DigestLedger(a.database.db);
    // The "dead" replica claimed the slot and was killed before it posted.
    expect(await ledger.claim('slack:C1', new Date(slot), 'dead-replica', slot + 5_000, 60_000)).toBe(
      'claimed',
    );

    h.clock.now = slot + 30_000;
    await a.scheduler.tick();
    expect(h.digestsPosted()).toHaveLength(0);

    h.clock.now = slot + 70_000;
    await a.scheduler.tick();
    await a.scheduler.tick();
    expect(h.digestsPosted()).toHaveLength(1);
    expect(await ledger.get('slack:C1', new Date(slot))).toMatchObject({
      status: 'posted',
      claimedBy: 'replica-a',
      attempts: 2,
    });
    expect(h.logLines.join('\n')).toContain('Took over a digest');
  });

  it('posts a digest missed within the grace period late, saying so, and skips an older one with a log line', async () => {
    const a = await h.replica('replica-a', { DIGEST_GRACE_HOURS: '6' });
    h.clock.now = slot - DAY - 2 * HOUR;
    await h.command(a, 'digest daily 08:00');

    // Down from before yesterday's slot until seven hours after today's one: yesterday's is long gone.
    h.clock.now = slot + 3 * HOUR;
    await a.scheduler.tick();
    const posted = h.digestsPosted();
    expect(posted).toHaveLength(1);
    expect(JSON.stringify(posted[0]?.blocks)).toContain('Posted late');
    const runs = await new DigestLedger(a.database.db).runs('slack:C1');
    expect(runs.map((r) => [r.slot, r.status])).toEqual([
      [new Date(slot - DAY).toISOString(), 'skipped'],
      [new Date(slot).toISOString(), 'posted'],
    ]);
    expect(h.logLines.filter((l) => l.includes('Skipped a digest'))).toHaveLength(1);
    await a.scheduler.tick();
    expect(h.logLines.filter((l) => l.includes('Skipped a digest'))).toHaveLength(1);
  });

  it('retries a failing delivery, then gives up with a log line and never posts that slot twice', async () => {
    const a = await h.replica('replica-a');
    await h.command(a, 'digest daily 08:00');
    h.slack.failing.set('chat.postMessage', 'channel_not_found');
    h.clock.now = slot + 10_000;
    await a.scheduler.tick();
    const attempts = () => h.slack.calls.filter((c) => c.method === 'chat.postMessage').length;
    expect(attempts()).toBe(3);
    expect(h.logLines.join('\n')).toContain('Gave up posting a digest');
    h.slack.failing.clear();
    h.clock.now = slot + 20 * MINUTE;
    await a.scheduler.tick();
    expect(attempts()).toBe(3);
    expect(await new DigestLedger(a.database.db).get('slack:C1', new Date(slot))).toMatchObject({
      status: 'failed',
      note: expect.stringContaining('channel_not_found'),
    });
  });
});

describe('the digest scheduler over calendar edges (SQLite)', () => {
  const sqlite = DATABASES[0];
  let location: DatabaseLocation;
  let h: DigestHarness;
  afterEach(async () => {
    await h.close();
  });

  /** Ticks every 10 minutes through [from, to) and returns the local times digests were posted at. */
  async function tickThrough(
    app: Awaited<ReturnType<DigestHarness['replica']>>,
    from: number,
    to: number,
    zone: string,
  ) {
    const postedAt: string[] = [];
    for (let t = from; t < to; t += 10 * MINUTE) {
      h.clock.now = t;
      const before = h.digestsPosted().length;
      await app.scheduler.tick();
      if (h.digestsPosted().length > before)
        postedAt.push(DateTime.fromMillis(t).setZone(zone).toFormat('ccc d LLL HH:mm'));
    }
    return postedAt;
  }

  it('posts a 02:30 digest once on the spring-forward day, at 03:30 local', async () => {
    location = sqlite?.location() as DatabaseLocation;
    const start = Date.parse('2027-03-27T00:00:00Z');
    h = await startDigestHarness(location, start);
    const a = await h.replica('replica-a');
    await h.command(a, 'digest daily 02:30');
    const posted = await tickThrough(a, start, start + 2 * DAY, 'Europe/Berlin');
    expect(posted).toEqual(['Sat 27 Mar 02:30', 'Sun 28 Mar 03:30']);
  });

  it('posts weekdays-only digests Monday to Friday', async () => {
    location = sqlite?.location() as DatabaseLocation;
    const friday = Date.parse('2026-11-27T00:00:00Z');
    h = await startDigestHarness(location, friday);
    const a = await h.replica('replica-a');
    await h.command(a, 'digest weekdays 08:00');
    const posted = await tickThrough(a, friday, friday + 4 * DAY, 'Europe/Berlin');
    expect(posted).toEqual(['Fri 27 Nov 08:00', 'Mon 30 Nov 08:00']);
  });
});

describe('when the scheduler looks again', () => {
  const at = (hms: string) => Date.parse(`2026-12-01T${hms}Z`);
  it.each([
    // A slot at 08:00 is looked for just after 08:00, not up to a tick later.
    ['07:59:40.000', 30_000, 20_500],
    ['07:59:30.000', 30_000, 30_000],
    ['07:59:59.000', 30_000, 1_500],
    ['08:00:00.000', 30_000, 30_000],
    ['08:00:00.600', 30_000, 30_000],
    ['08:00:45.000', 30_000, 15_500],
    // A short tick (tests, DIGEST_TICK_SECONDS=1) still wins.
    ['07:59:30.000', 1_000, 1_000],
  ])('at %s with a %i ms tick: after %i ms', (hms, tickMs, expected) => {
    expect(nextWakeMs(at(hms), tickMs)).toBe(expected);
  });
});
