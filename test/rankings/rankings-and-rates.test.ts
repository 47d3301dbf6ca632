import { DateTime } from 'luxon';
import { percent } from '../../src/core/view/count-words';
import { textOf } from '../support/alert-harness';
import { type AnswerWorld, startAnswerWorld } from '../support/answer-world';

/**
 * Rankings and rates against the simulator at a fixed clock, in two zones. A policy is made to fail and
 * succeed in turn sixty times in the three hours before the clock (thirty failures, more than any policy
 * of the generated world has in a week, the one with a failing VM included); the expected figures are counted here from the simulator's own
 * sessions, not from the bot.
 */
const T = Date.parse('2026-12-03T06:00:00Z');

describe('rankings and rates', () => {
  let w: AnswerWorld;
  beforeAll(async () => {
    w = await startAnswerWorld(T);
    for (let i = 0; i < 60; i++) await w.script(178 - i * 3, i % 2 === 0 ? 'Error' : 'Success', 60);
  });
  afterAll(() => w.h.close());

  const weekStart = (zone: string) => DateTime.fromMillis(T, { zone }).startOf('week').toMillis();
  const thisWeek = (zone: string) =>
    w.h.sim.sessions().filter((s) => s.startMs >= weekStart(zone) && s.startMs <= T);

  it.each(['Europe/Berlin', 'Asia/Tokyo'])(
    'ranks the policy that failed most this week first, in %s',
    async (zone) => {
      const failed = thisWeek(zone).filter((s) => s.policy?.id === w.policy.id && s.status === 'Error');
      const latest = DateTime.fromMillis(Math.max(...failed.map((s) => s.startMs)), { zone });
      const answer = await w.ask('top failing policies this week', zone);
      expect(answer.exitCode).toBe(0);
      expect(answer.out).toContain(
        `1. ${w.policy.name}: ${failed.length} failed sessions, the latest ${latest.toFormat('ccc d LLL HH:mm')}.`,
      );
      expect(answer.out).toContain(`times in ${zone}`);
    },
  );

  it.each(['Europe/Berlin', 'Asia/Tokyo'])(
    'counts the success rate of this week as the appliance holds it, in %s',
    async (zone) => {
      const week = thisWeek(zone);
      const n = (status: string) => week.filter((s) => s.status === status).length;
      const finished = n('Success') + n('Warning') + n('Error');
      const answer = await w.ask('success rate this week', zone);
      expect(answer.out).toContain(
        `Succeeded: ${n('Success')}\nWarnings: ${n('Warning')}\nFailed: ${n('Error')}`,
      );
      expect(answer.out).toContain(
        `${percent(n('Success'), finished)} of ${finished} finished sessions succeeded without a warning; ${percent(n('Success') + n('Warning'), finished)} with warnings counted as success.`,
      );
    },
  );

  it('finds the policy flapping, and answers in Slack with the failed sessions one button away', async () => {
    const answer = await w.ask('flapping policies this week', 'UTC');
    const line = answer.out.split('\n').find((l) => l.startsWith(`${w.policy.name}`)) ?? '';
    expect(Number(/ (\d+) times over/.exec(line)?.[1])).toBeGreaterThanOrEqual(59);
    const slack = await w.h.command(w.bot, 'top failing policies this week');
    expect(textOf(slack)).toContain(`1. ${w.policy.name}: `);
    expect(textOf(slack)).toContain('Show the failed sessions');
  });

  it('gives the failure rate per policy with the counts behind it', async () => {
    const week = thisWeek('UTC').filter((s) => s.policy?.id === w.policy.id);
    const failed = week.filter((s) => s.status === 'Error').length;
    const finished = week.filter((s) => ['Success', 'Warning', 'Error'].includes(s.status)).length;
    const answer = await w.ask('failure rate per policy this week', 'UTC');
    expect(answer.out).toContain(
      `${w.policy.name}: ${percent(failed, finished)} failed (${failed} of ${finished} finished sessions).`,
    );
  });
});
