import type { RunningApp } from '../../src/main';
import type { DatabaseLocation } from '../../src/storage/database-location';
import { type AlertHarness, quietPolicy, startAlertHarness, textOf } from '../support/alert-harness';
import { DATABASES } from '../support/databases';

/**
 * Sessions that fail while they still run (RunningWithError): alerted at once, counted once when they
 * end, and a later run that succeeds ends the incident even if it started before the failure ended.
 */
const T0 = Date.parse('2026-12-03T06:00:00Z');
const MIN = 60_000;

describe.each(DATABASES)('alerts of sessions still running, on $name', (database) => {
  let location: DatabaseLocation;
  let h: AlertHarness;
  let bot: RunningApp;
  let policy: { id: string; name: string };
  const named = () => h.topLevel().filter((c) => textOf(c.args).includes(policy.name));
  const pollAt = async (ms: number) => {
    h.clock.now = ms;
    expect(await bot.alertPoller.pollOnce()).toBe(true);
  };

  beforeAll(async () => {
    location = database.location();
    h = await startAlertHarness(location, T0);
    bot = await h.replica('a');
    policy = quietPolicy(h.sim, T0, 3);
    await h.command(bot, `alerts on policy:"${policy.name}"`);
  });
  afterAll(async () => {
    await h.close();
    await database.cleanUp(location);
  });

  it('alerts a failure as soon as it runs with errors, and not again when it ends', async () => {
    // The simulator's defaults: starts now, runs five minutes with errors, then ends Error.
    h.clock.now = T0 + 10_000;
    await h.inject({ policy: policy.name, status: 'Error' });
    await pollAt(T0 + 15_000);
    expect(named()).toHaveLength(1);
    expect(textOf(named()[0]?.args ?? {})).toContain('Running with errors');

    h.clock.now = T0 + MIN;
    await h.inject({ policy: policy.name, status: 'Error' });
    await pollAt(T0 + MIN + 5_000);
    const ts = named()[0]?.ts ?? '';
    expect(h.replies(ts)).toHaveLength(1);

    h.clock.now = T0 + 2 * MIN;
    await h.inject({ policy: policy.name, status: 'Success' });
    for (let at = T0 + 2 * MIN + 5_000; at < T0 + 8 * MIN; at += 20_000) await pollAt(at);

    expect(named()).toHaveLength(1);
    const replies = h.replies(ts).map((c) => textOf(c.args));
    expect(replies).toHaveLength(2);
    expect(replies[1]).toMatch(/recovered/);
    expect(textOf(h.updates(ts).at(-1)?.args ?? {})).toContain('Recovered');
  });
});
