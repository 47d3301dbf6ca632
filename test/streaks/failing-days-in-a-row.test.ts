import { DateTime } from 'luxon';
import { runList } from '../../src/cli/list-command';
import type { RunningApp } from '../../src/main';
import { type AlertHarness, quietPolicy, startAlertHarness, textOf } from '../support/alert-harness';
import { DATABASES } from '../support/databases';

/**
 * "Which policies failed 3 days in a row?" against the simulator with a policy made to fail each morning
 * for four days, at a fixed clock, in two zones; the same answer in the CLI and in Slack.
 */
const T = Date.parse('2026-12-03T06:00:00Z');
const DAY = 86_400_000;
const [sqlite] = DATABASES;

describe('policies failing days in a row', () => {
  let h: AlertHarness;
  let bot: RunningApp;
  let policy: { id: string; name: string };
  const ask = (text: string, zone: string) =>
    runList(
      {
        text,
        timeZone: zone,
        locale: null,
        page: 1,
        pageSize: 10,
        now: DateTime.fromMillis(T),
        veeamUrl: null,
      },
      bot.veeam,
    );

  beforeAll(async () => {
    h = await startAlertHarness(sqlite?.location() ?? { kind: 'sqlite', path: ':memory:' }, T);
    bot = await h.replica('a');
    policy = quietPolicy(h.sim, T, 3);
    for (let d = 3; d >= 0; d--)
      await h.inject({
        policy: policy.name,
        status: 'Error',
        startUtc: new Date(T - d * DAY - 30 * 60_000).toISOString(),
        durationSeconds: 60,
      });
  });
  afterAll(() => h.close());

  it.each(['Europe/Berlin', 'Asia/Tokyo'])(
    'lists the policy with its days and its latest failure, in %s',
    async (zone) => {
      const answer = await ask('which policies failed 3 days in a row?', zone);
      expect(answer.exitCode).toBe(0);
      const line = answer.out.split('\n').find((l) => l.startsWith(`${policy.name}: failed `)) ?? '';
      const days = Number(/failed (?:at least )?(\d+) days in a row/.exec(line)?.[1]);
      expect(days).toBeGreaterThanOrEqual(4);
      const latest = DateTime.fromMillis(T - 30 * 60_000, { zone });
      expect(line).toContain(`to ${latest.toFormat('ccc d LLL')})`);
      expect(line).toContain(`the latest ${latest.toFormat('ccc d LLL HH:mm')}.`);
      expect(answer.out).toContain(`per calendar day in ${zone}`);
    },
  );

  it('lists only streaks as long as asked, and answers in Slack with the list one button away', async () => {
    // The policy made to fail on four days is not among those failing fourteen; any listed one is.
    const long = await ask('which policies failed 14 days in a row', 'UTC');
    expect(long.out).not.toContain(`${policy.name}: failed `);
    const listed = long.out.split('\n').filter((l) => / days in a row \(/.test(l));
    for (const l of listed)
      expect(Number(/failed (?:at least )?(\d+) days/.exec(l)?.[1])).toBeGreaterThanOrEqual(14);
    if (listed.length === 0) expect(long.out).toContain('No policy failed on each of 14 days in a row');
    const slack = await h.command(bot, 'which policies failed 3 days in a row');
    expect(textOf(slack)).toContain(`${policy.name}: failed `);
    expect(textOf(slack)).toContain('Show the failed sessions');
  });
});
