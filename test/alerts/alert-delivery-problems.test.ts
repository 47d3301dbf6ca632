import type { RunningApp } from '../../src/main';
import type { DatabaseLocation } from '../../src/storage/database-location';
import { type AlertHarness, quietPolicy, startAlertHarness, textOf } from '../support/alert-harness';
import { DATABASES } from '../support/databases';

/**
 * When delivering goes wrong: a channel Slack refuses pauses its own alerts (its subscriber told once) and
 * never holds up another's; a delivery that fails for a passing reason is tried again by the next poll,
 * once; after an outage what failed meanwhile comes as one summary, not a flood.
 */
const T0 = Date.parse('2026-12-03T06:00:00Z');
const MIN = 60_000;

describe.each(DATABASES)('alert delivery problems on $name', (database) => {
  let location: DatabaseLocation;
  let h: AlertHarness;
  let bot: RunningApp;
  let policy: { id: string; name: string };
  const named = (channel: string) => h.topLevel(channel).filter((c) => textOf(c.args).includes(policy.name));
  const fail = async () => {
    h.clock.now += 5_000;
    await h.endedJustNow(policy.name, 'Error');
  };
  const poll = async () => {
    h.clock.now += 5_000;
    await bot.alertPoller.pollOnce();
  };

  beforeEach(async () => {
    location = database.location();
    h = await startAlertHarness(location, T0);
    bot = await h.replica('a');
    policy = quietPolicy(h.sim, T0, 3);
  });
  afterEach(async () => {
    await h.close();
    await database.cleanUp(location);
  });

  it('pauses a channel Slack refuses, tells its subscriber once, and alerts the others on time', async () => {
    await h.command(bot, `alerts on policy:"${policy.name}"`, { channelId: 'C1' });
    await h.command(bot, `alerts on policy:"${policy.name}"`, { channelId: 'C2', userId: 'U0CAROL' });
    h.slack.failing.set('chat.postMessage:C2', 'channel_not_found');
    await fail();
    await poll();
    expect(named('C1')).toHaveLength(1);
    const dm = h.slack.calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === 'U0CAROL');
    expect(dm).toHaveLength(1);
    expect(textOf(dm[0]?.args ?? {})).toContain('Alerts paused');
    expect(h.logLines.filter((l) => l.includes('Paused alerts for a channel'))).toHaveLength(1);

    const triedC2 = h.slack.calls.filter((c) => c.args.channel === 'C2').length;
    h.slack.failing.delete('chat.postMessage:C2');
    await fail();
    await poll();
    expect(h.slack.calls.filter((c) => c.args.channel === 'C2')).toHaveLength(triedC2);
    expect(h.replies(named('C1')[0]?.ts ?? '', 'C1')).toHaveLength(1);

    const status = await h.command(bot, 'alerts status', { channelId: 'C2', userId: 'U0CAROL' });
    expect(textOf(status)).toContain('channel_not_found');
    // Saying `alerts on` again resumes it, from then on: the failure while it was paused is not told.
    await h.command(bot, `alerts on policy:"${policy.name}"`, { channelId: 'C2', userId: 'U0CAROL' });
    await fail();
    await poll();
    expect(named('C2')).toHaveLength(1);
    expect(h.replies(named('C2')[0]?.ts ?? '', 'C2')).toHaveLength(0);
    expect(textOf(named('C2')[0]?.args ?? {})).toContain('Failed at');
  });

  it('tries a delivery that failed for a passing reason again at the next poll, and posts it once', async () => {
    await h.command(bot, `alerts on policy:"${policy.name}"`);
    h.slack.failing.set('chat.postMessage:C1', 'internal_error');
    await fail();
    await poll();
    expect(named('C1')).toHaveLength(0);
    expect(h.logLines.filter((l) => l.includes('the next poll tries again'))).toHaveLength(1);
    h.slack.failing.delete('chat.postMessage:C1');
    await poll();
    await poll();
    expect(named('C1')).toHaveLength(1);
  });

  it('after an outage, posts what failed meanwhile as one summary, not an alert each', async () => {
    await h.command(bot, 'alerts on');
    await poll();
    const before = h.topLevel('C1').length;
    // The bot is down for 20 minutes; three failures of the policy happen meanwhile.
    for (let i = 0; i < 3; i++) {
      h.clock.now += 5 * MIN;
      await h.endedJustNow(policy.name, 'Error');
    }
    h.clock.now += 5 * MIN;
    await poll();
    const posted = h.topLevel('C1').slice(before);
    const summaries = posted.filter((c) => textOf(c.args).includes('While alerts were not running'));
    expect(summaries).toHaveLength(1);
    expect(textOf(summaries[0]?.args ?? {}).split(policy.name).length - 1).toBe(3);
    expect(posted.filter((c) => textOf(c.args).includes(`Failed: ${policy.name}`))).toHaveLength(0);
    await poll();
    expect(h.topLevel('C1').length).toBe(before + posted.length);
  });
});
