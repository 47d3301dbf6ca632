import type { RunningApp } from '../../src/main';
import type { DatabaseLocation } from '../../src/storage/database-location';
import {
  type AlertHarness,
  buttonsOf,
  quietPolicy,
  startAlertHarness,
  textOf,
} from '../support/alert-harness';
import { DATABASES } from '../support/databases';

/**
 * The alerts contract on Slack, against the simulator and the fake Slack: `alerts on`, the first failure
 * as one top-level message, the rest of its story in the thread and in updates of that message, its
 * recovery, the buttons, `alerts off`; on SQLite and on PostgreSQL.
 */
const T0 = Date.parse('2026-12-03T06:00:00Z');
const MIN = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

describe.each(DATABASES)('Slack alerts on $name', (database) => {
  let location: DatabaseLocation;
  let h: AlertHarness;
  let bot: RunningApp;
  let policy: { id: string; name: string };
  const named = () => h.topLevel().filter((c) => textOf(c.args).includes(policy.name));

  beforeAll(async () => {
    location = database.location();
    h = await startAlertHarness(location, T0);
    bot = await h.replica('a');
    policy = quietPolicy(h.sim, T0, 3);
  });
  afterAll(async () => {
    await h.close();
    await database.cleanUp(location);
  });

  const poll = async () => {
    h.clock.now += 10_000;
    expect(await bot.alertPoller.pollOnce()).toBe(true);
  };

  it('turns alerts on for the channel, visible to it', async () => {
    const answer = await h.command(bot, `alerts on policy:"${policy.name}"`);
    expect(answer.response_type).toBe('in_channel');
    expect(textOf(answer)).toContain('Alerts on');
    expect(textOf(answer)).toContain(policy.name);
  });

  it('alerts a six-hour backup that started before `alerts on` and fails now, once, naming the policy', async () => {
    await h.inject({
      policy: policy.name,
      status: 'Error',
      startUtc: iso(h.clock.now - 6 * 60 * MIN),
      durationSeconds: 6 * 3600 + 15,
    });
    await poll(); // still RunningWithError, from before `alerts on`: not news yet
    expect(named()).toHaveLength(0);
    await poll(); // now Error
    expect(named()).toHaveLength(1);
    const alert = named()[0];
    expect(textOf(alert?.args ?? {})).toMatch(/Failed/);
    const labels = buttonsOf(alert?.args ?? {}).map((b) => b.text.text);
    expect(labels).toEqual(expect.arrayContaining(["I'm on it", 'Snooze 1 h', 'Details']));
    await poll();
    expect(named()).toHaveLength(1);
  });

  it('tells a second failure in the thread and updates the first message, with no new top-level one', async () => {
    const first = named()[0];
    const ts = first?.ts ?? '';
    await h.endedJustNow(policy.name, 'Error');
    await poll();
    expect(named()).toHaveLength(1);
    expect(h.replies(ts)).toHaveLength(1);
    expect(textOf(h.replies(ts)[0]?.args ?? {})).toContain('Failed again');
    const updated = h.updates(ts).at(-1);
    expect(textOf(updated?.args ?? {})).toContain('2 times in a row');
  });

  it('adds whoever clicks "I\'m on it" to the message, for everyone', async () => {
    const first = named()[0];
    if (!first) throw new Error('no alert');
    const answer = await h.click(bot, first, /on it/, 'U0ALICE');
    expect(answer.replace_original).toBe(true);
    expect(textOf(answer)).toContain('<@U0ALICE> is on it');
    expect(buttonsOf(answer).map((b) => b.text.text)).not.toContain("I'm on it");
  });

  it('answers Why? for the clicker alone, with the streak of the policy', async () => {
    const first = named()[0];
    if (!first) throw new Error('no alert');
    const answer = await h.click(bot, first, /^Why\?$/, 'U0ALICE');
    expect(answer.response_type).toBe('ephemeral');
    expect(answer.replace_original).toBe(false);
    expect(textOf(answer)).toContain(`Why ${policy.name} failed`);
    expect(textOf(answer)).toContain('The 2nd failure in a row');
  });

  it('replies "recovered" in the thread at the next Success, and updates the message', async () => {
    const ts = named()[0]?.ts ?? '';
    await h.endedJustNow(policy.name, 'Success');
    await poll();
    expect(named()).toHaveLength(1);
    expect(textOf(h.replies(ts).at(-1)?.args ?? {})).toMatch(/recovered/i);
    expect(textOf(h.updates(ts).at(-1)?.args ?? {})).toContain('Recovered');
  });

  it('after Snooze, a further failure of the policy posts no new top-level message', async () => {
    await h.endedJustNow(policy.name, 'Error');
    await poll();
    expect(named()).toHaveLength(2);
    const second = named()[1];
    if (!second) throw new Error('no second alert');
    const snoozed = await h.click(bot, second, /Snooze/, 'U0BOB');
    expect(textOf(snoozed)).toContain('Snoozed until');
    expect(buttonsOf(snoozed).map((b) => b.text.text)).toContain('Unsnooze');
    await h.endedJustNow(policy.name, 'Success');
    await poll();
    await h.endedJustNow(policy.name, 'Error');
    await poll();
    expect(named()).toHaveLength(2);
  });

  it('posts again once the snooze has run out', async () => {
    // Polling on through the hour, as the bot does: a gap would make the next poll a catch-up.
    for (let waited = 0; waited < 61 * MIN; waited += 100_000) {
      h.clock.now += 90_000;
      await poll();
    }
    await h.endedJustNow(policy.name, 'Error');
    await poll();
    expect(named()).toHaveLength(3);
    expect(textOf(named()[2]?.args ?? {})).toContain('2 times in a row');
  });

  it('says in `alerts status` what is failing and when the appliance was checked', async () => {
    const answer = await h.command(bot, 'alerts status');
    expect(answer.response_type).toBe('ephemeral');
    expect(textOf(answer)).toContain(`Failing: ${policy.name}`);
    expect(textOf(answer)).toContain('last checked');
  });

  it('posts nothing more after `alerts off`', async () => {
    const before = h.slack.calls.filter((c) => c.method === 'chat.postMessage').length;
    const answer = await h.command(bot, 'alerts off');
    expect(textOf(answer)).toContain('Alerts off');
    await h.endedJustNow(policy.name, 'Error');
    await poll();
    expect(h.slack.calls.filter((c) => c.method === 'chat.postMessage').length).toBe(before);
  });
});
