import { DateTime } from 'luxon';
import { runList } from '../../src/cli/list-command';
import type { RunningApp } from '../../src/main';
import { type AlertHarness, quietPolicy, startAlertHarness, textOf } from '../support/alert-harness';
import { DATABASES } from '../support/databases';

/**
 * "Why did X fail?" against a scripted history in the simulator, at a fixed clock, in two zones: the
 * answer names the latest failure, its streak and since when, what its log and its VMs say, and whether it
 * has succeeded since; the same words in the CLI and in Slack.
 */
const T = Date.parse('2026-12-03T06:00:00Z');
const MIN = 60_000;
const [sqlite] = DATABASES;

describe('why a policy failed', () => {
  let h: AlertHarness;
  let bot: RunningApp;
  let policy: { id: string; name: string };
  const at = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone }).toFormat('ccc d LLL HH:mm');
  const ask = async (text: string, zone: string) =>
    runList(
      {
        text,
        timeZone: zone,
        locale: null,
        page: 1,
        pageSize: 10,
        now: DateTime.fromMillis(h.clock.now),
        veeamUrl: null,
      },
      bot.veeam,
    );

  beforeAll(async () => {
    h = await startAlertHarness(sqlite?.location() ?? { kind: 'sqlite', path: ':memory:' }, T);
    bot = await h.replica('a');
    policy = quietPolicy(h.sim, T, 3);
    // Newest last: three successes, a warning, then two failures, in the quiet hours before T.
    const script: [number, string][] = [
      [-170, 'Success'],
      [-150, 'Success'],
      [-130, 'Warning'],
      [-110, 'Error'],
      [-90, 'Error'],
    ];
    for (const [minutes, status] of script)
      await h.inject({
        policy: policy.name,
        status,
        startUtc: new Date(T + minutes * MIN).toISOString(),
        durationSeconds: 300,
      });
  });
  afterAll(() => h.close());

  it.each(['Europe/Berlin', 'America/New_York'])('says the streak and since when, in %s', async (zone) => {
    const answer = await ask(`why did ${policy.name} fail`, zone);
    expect(answer.exitCode).toBe(0);
    const lines = answer.out.split('\n');
    expect(lines[0]).toBe(`Why ${policy.name} failed`);
    expect(lines).toContain(`The 2nd failure in a row, failing since ${at(T - 110 * MIN, zone)}.`);
    expect(lines).toContain(`Nothing has succeeded since it ended at ${at(T - 85 * MIN, zone)}.`);
    expect(lines).toContain('Errors and warnings in its log:');
    expect(answer.out).not.toMatch(/Processed/);
    expect(lines.find((l) => /^\d+ of \d+ VMs? failed/.test(l))).toMatch(/^1 of \d+ VMs? failed/);
  });

  it('says when it has succeeded since, in Slack as in the CLI', async () => {
    await h.inject({
      policy: policy.name,
      status: 'Success',
      startUtc: new Date(T - 60 * MIN).toISOString(),
      durationSeconds: 300,
    });
    const cli = await ask(`why did ${policy.name} fail?`, 'Europe/Berlin');
    const since = `It succeeded since: ${at(T - 60 * MIN, 'Europe/Berlin')}; this failure is not the latest news.`;
    expect(cli.out.split('\n')).toContain(since);
    const slack = await h.command(bot, `why did ${policy.name} fail?`);
    expect(textOf(slack)).toContain(since);
    expect(textOf(slack)).toContain('Show its failed sessions');
  });

  it('names the closest policies when the name matches none, and asks which when there is no name', async () => {
    const wrong = await ask(`why did ${policy.name.slice(0, -1)}x fail`, 'UTC');
    expect(wrong.exitCode).toBe(1);
    expect(wrong.out).toContain('Did you mean');
    const none = await ask('why did it fail', 'UTC');
    expect(none.exitCode).toBe(2);
    expect(none.out).toContain('Name the policy or VM');
  });
});
