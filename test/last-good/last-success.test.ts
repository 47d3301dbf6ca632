import { DateTime } from 'luxon';
import { runList } from '../../src/cli/list-command';
import type { RunningApp } from '../../src/main';
import { type AlertHarness, quietPolicy, startAlertHarness, textOf } from '../support/alert-harness';
import { DATABASES } from '../support/databases';

/** "When did X last back up successfully?" against a scripted history, at a fixed clock, in two zones. */
const T = Date.parse('2026-12-03T06:00:00Z');
const MIN = 60_000;
const [sqlite] = DATABASES;

describe('the last success of a policy', () => {
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
    await h.inject({
      policy: policy.name,
      status: 'Success',
      startUtc: new Date(T - 150 * MIN).toISOString(),
      durationSeconds: 600,
    });
    await h.inject({
      policy: policy.name,
      status: 'Error',
      startUtc: new Date(T - 60 * MIN).toISOString(),
      durationSeconds: 300,
    });
  });
  afterAll(() => h.close());

  it.each(['Europe/Berlin', 'America/Chicago'])(
    'says when, how long ago, and what came since, in %s',
    async (zone) => {
      const answer = await ask(`when did ${policy.name} last back up successfully?`, zone);
      expect(answer.exitCode).toBe(0);
      const lines = answer.out.split('\n');
      const at = (ms: number) => DateTime.fromMillis(ms, { zone }).toFormat('ccc d LLL HH:mm');
      expect(lines[0]).toBe(`Last success of ${policy.name}`);
      expect(lines[1]).toBe(
        `${policy.name} last succeeded ${at(T - 140 * MIN)}, 2 h 20 min ago (Policy Backup).`,
      );
      expect(lines[2]).toBe(`Since then: failed at ${at(T - 60 * MIN)} (Policy Backup).`);
    },
  );

  it('answers the same in Slack, with its sessions one button away', async () => {
    const slack = await h.command(bot, `last good backup of ${policy.name}`);
    expect(textOf(slack)).toContain(`${policy.name} last succeeded`);
    expect(textOf(slack)).toContain('Show its sessions');
  });
});
