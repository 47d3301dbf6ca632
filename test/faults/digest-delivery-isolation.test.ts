import type { DatabaseLocation } from '../../src/storage/database-location';
import { DATABASES } from '../support/databases';
import { type DigestHarness, recentSlot, startDigestHarness } from '../support/digest-harness';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * The audit's finding: anyone allowed could subscribe a channel the bot is not in, and each failing slot
 * held the scheduler for minutes, delaying every other channel's digest. Deliveries are now independent,
 * a subscription that keeps failing is paused (and its subscriber told), and one person's count is capped.
 */
describe.each(DATABASES.map((d) => [d.name, d] as const))('digest deliveries on %s', (_name, under) => {
  let location: DatabaseLocation;
  let h: DigestHarness;
  const slot = recentSlot(4);

  beforeEach(async () => {
    location = under.location();
    h = await startDigestHarness(location, slot - 2 * HOUR);
  });
  afterEach(async () => {
    await h.close();
    await under.cleanUp(location);
  });

  const postsTo = (channel: string) =>
    h.slack.calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === channel);

  it("an undeliverable channel does not delay another channel's digest", async () => {
    // Long waits between retries, as in production: the failing channel is still retrying when C1 posts.
    const a = await h.replica('replica-a', {}, { digestRetryDelaysMs: [1_500, 1_500] });
    await h.command(a, 'digest daily 08:00', { channelId: 'C2' });
    await h.command(a, 'digest daily 08:00', { channelId: 'C1' });
    h.slack.failing.set('chat.postMessage:C2', 'not_in_channel');

    h.clock.now = slot + 20_000;
    const started = Date.now();
    const tick = a.scheduler.tick();
    await h.slack.waitFor(() => h.digestsPosted()[0], 2_500);
    const c1PostedAfterMs = Date.now() - started;
    expect(postsTo('C2').length).toBeLessThan(3);
    await tick;
    expect(c1PostedAfterMs).toBeLessThan(1_500);
    expect(postsTo('C2')).toHaveLength(3);
  });

  it('pauses a subscription after three undeliverable slots, tells its subscriber once, and resumes on a new subscribe', async () => {
    const a = await h.replica('replica-a');
    h.slack.userZones.set('U7', 'Europe/Berlin');
    await h.command(a, 'digest daily 08:00', { channelId: 'C2', userId: 'U7' });
    h.slack.failing.set('chat.postMessage:C2', 'channel_not_found');

    for (let day = 0; day < 3; day++) {
      h.clock.now = slot + day * DAY + 20_000;
      await a.scheduler.tick();
    }
    expect(postsTo('C2')).toHaveLength(9);
    const told = await h.slack.waitFor(() => postsTo('U7')[0]);
    expect(JSON.stringify(told.args)).toMatch(/paused after 3 digests in a row.*channel_not_found/);

    h.clock.now = slot + 3 * DAY + 20_000;
    await a.scheduler.tick();
    expect(postsTo('C2')).toHaveLength(9);
    expect(postsTo('U7')).toHaveLength(1);
    expect(JSON.stringify(await h.command(a, 'digest status', { channelId: 'C2', userId: 'U7' }))).toMatch(
      /paused after 3/,
    );

    h.slack.failing.delete('chat.postMessage:C2');
    await h.command(a, 'digest daily 08:00', { channelId: 'C2', userId: 'U7' });
    h.clock.now = slot + 4 * DAY + 20_000;
    await a.scheduler.tick();
    expect(postsTo('C2').length).toBeGreaterThan(9);
    expect(
      JSON.stringify(await h.command(a, 'digest status', { channelId: 'C2', userId: 'U7' })),
    ).not.toMatch(/paused/);
  });

  it('caps how many channels one person may subscribe, with an answer that says so', async () => {
    const a = await h.replica('replica-a', { DIGEST_MAX_PER_USER: '2' });
    for (const channelId of ['C1', 'C2'])
      expect(JSON.stringify(await h.command(a, 'digest daily 08:00', { channelId }))).toContain('Digest on');
    const refused = JSON.stringify(await h.command(a, 'digest daily 08:00', { channelId: 'C3' }));
    expect(refused).toContain('DIGEST_MAX_PER_USER=2');
    // Changing one you have is not a new one.
    expect(JSON.stringify(await h.command(a, 'digest weekdays 09:00', { channelId: 'C1' }))).toContain(
      'Digest on',
    );
    expect(
      JSON.stringify(await h.command(a, 'digest daily 08:00', { channelId: 'C3', userId: 'U2' })),
    ).toContain('Digest on');
  });
});
