import type { RunningApp } from '../../src/main';
import { AlertLedger } from '../../src/storage/alert-ledger';
import type { DatabaseLocation } from '../../src/storage/database-location';
import { type AlertHarness, quietPolicy, startAlertHarness, textOf } from '../support/alert-harness';
import { DATABASES } from '../support/databases';

/**
 * Two replicas on one database: one poll lease between them, one alert per failure, a dead poller's
 * lease and a dead replica's unfinished claim taken over, each once.
 */
const T0 = Date.parse('2026-12-03T06:00:00Z');

describe.each(DATABASES)('alerts from two replicas on $name', (database) => {
  let location: DatabaseLocation;
  let h: AlertHarness;
  let a: RunningApp;
  let b: RunningApp;
  let policy: { id: string; name: string };
  const named = () => h.topLevel().filter((c) => textOf(c.args).includes(policy.name));
  const fail = (status = 'Error') => {
    h.clock.now += 5_000;
    return h.endedJustNow(policy.name, status);
  };
  const recover = async () => {
    await fail('Success');
    h.clock.now += 5_000;
    await a.alertPoller.pollOnce();
    await b.alertPoller.pollOnce();
  };

  beforeAll(async () => {
    location = database.location();
    h = await startAlertHarness(location, T0);
    a = await h.replica('a');
    b = await h.replica('b');
    policy = quietPolicy(h.sim, T0, 3);
    await h.command(a, `alerts on policy:"${policy.name}"`);
  });
  afterAll(async () => {
    await h.close();
    await database.cleanUp(location);
  });

  it('polls from one replica at a time and alerts a failure once', async () => {
    await fail();
    h.clock.now += 5_000;
    const polled = [await a.alertPoller.pollOnce(), await b.alertPoller.pollOnce()];
    h.clock.now += 5_000;
    polled.push(await b.alertPoller.pollOnce(), await a.alertPoller.pollOnce());
    expect(polled).toEqual([true, false, false, true]);
    expect(named()).toHaveLength(1);
    await recover();
  });

  it('hands the poll to the other replica once the holder stops renewing its lease (it died)', async () => {
    await fail();
    // a holds the lease and dies: nobody renews it for longer than a poll and its margin.
    h.clock.now += 21_000;
    expect(await b.alertPoller.pollOnce()).toBe(true);
    expect(named()).toHaveLength(2);
    expect(await a.alertPoller.pollOnce()).toBe(false);
    await b.alertPoller.pollOnce();
    expect(named()).toHaveLength(2);
    h.clock.now += 21_000;
    await recover();
  });

  it('posts a failure claimed by a replica that died before posting, once, after its claim ran out', async () => {
    const session = await fail();
    h.clock.now += 5_000;
    // b claims the failure in the ledger and dies before posting it.
    const ledger = new AlertLedger(b.database.db);
    expect(await ledger.claim('slack:C1', session, 'Error', 'b', h.clock.now, 60_000)).toBe(true);
    await a.alertPoller.pollOnce();
    await b.alertPoller.pollOnce();
    expect(named()).toHaveLength(2);
    h.clock.now += 61_000;
    await a.alertPoller.pollOnce();
    await b.alertPoller.pollOnce();
    expect(named()).toHaveLength(3);
    h.clock.now += 5_000;
    await a.alertPoller.pollOnce();
    await b.alertPoller.pollOnce();
    expect(named()).toHaveLength(3);
    expect(h.logLines.filter((l) => l.includes('"Posted an alert"'))).toHaveLength(3);
    await recover();
  });

  it('keeps alerting after the replica that took `alerts on` is stopped', async () => {
    await a.close();
    await fail();
    h.clock.now += 5_000;
    expect(await b.alertPoller.pollOnce()).toBe(true);
    expect(named()).toHaveLength(4);
  });
});
