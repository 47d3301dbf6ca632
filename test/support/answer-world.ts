import { DateTime } from 'luxon';
import { runList } from '../../src/cli/list-command';
import type { RunningApp } from '../../src/main';
import { type AlertHarness, quietPolicy, startAlertHarness } from './alert-harness';
import { DATABASES } from './databases';

/**
 * What the specs of the answers that are not lists stand on: a bot (Slack on the fake, SQLite) and the
 * simulator at a fixed clock, a policy with nothing of its own near that time for the spec to script, and
 * `ask`, the conversation as the CLI has it, at that clock in a zone.
 */
export type AnswerWorld = {
  h: AlertHarness;
  bot: RunningApp;
  policy: { id: string; name: string };
  ask(text: string, zone: string): Promise<{ out: string; exitCode: number }>;
  /** Adds a session of the policy that started `minutesBefore` the clock and ran `seconds`. */
  script(minutesBefore: number, status: string, seconds: number): Promise<string>;
};

export async function startAnswerWorld(at: number): Promise<AnswerWorld> {
  const [sqlite] = DATABASES;
  const h = await startAlertHarness(sqlite?.location() ?? { kind: 'sqlite', path: ':memory:' }, at);
  const bot = await h.replica('a');
  const policy = quietPolicy(h.sim, at, 3);
  return {
    h,
    bot,
    policy,
    ask: (text, zone) =>
      runList(
        {
          text,
          timeZone: zone,
          locale: null,
          page: 1,
          pageSize: 10,
          now: DateTime.fromMillis(at),
          veeamUrl: null,
        },
        bot.veeam,
      ),
    script: (minutesBefore, status, seconds) =>
      h.inject({
        policy: policy.name,
        status,
        startUtc: new Date(at - minutesBefore * 60_000).toISOString(),
        durationSeconds: seconds,
      }),
  };
}
