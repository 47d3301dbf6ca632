import { DateTime } from 'luxon';
import { changeText } from '../../src/core/view/count-words';
import { textOf } from '../support/alert-harness';
import { type AnswerWorld, startAnswerWorld } from '../support/answer-world';

/**
 * "This week vs last week" against the simulator at a fixed clock, in two zones, with a week made worse
 * than the one before: a policy fails six times in the hours before the clock. The expected counts are the
 * simulator's own sessions in each period, counted here.
 */
const T = Date.parse('2026-12-03T06:00:00Z');

describe('comparing this week with last week', () => {
  let w: AnswerWorld;
  beforeAll(async () => {
    w = await startAnswerWorld(T);
    for (let i = 0; i < 6; i++) await w.script(170 - i * 25, 'Error', 60);
  });
  afterAll(() => w.h.close());

  const inPeriod = (from: number, to: number) =>
    w.h.sim.sessions().filter((s) => s.startMs >= from && s.startMs < to);

  it.each(['Europe/Berlin', 'Asia/Tokyo'])(
    'counts each status in both weeks, with the change, in %s',
    async (zone) => {
      const thisWeek = DateTime.fromMillis(T, { zone }).startOf('week');
      const lastWeek = thisWeek.minus({ weeks: 1 });
      const now = inPeriod(thisWeek.toMillis(), T + 1);
      const before = inPeriod(lastWeek.toMillis(), thisWeek.toMillis());
      const answer = await w.ask('this week vs last week', zone);
      expect(answer.exitCode).toBe(0);
      for (const [label, status] of [
        ['Failed', 'Error'],
        ['Warnings', 'Warning'],
        ['Succeeded', 'Success'],
      ]) {
        const a = now.filter((s) => s.status === status).length;
        const b = before.filter((s) => s.status === status).length;
        expect(answer.out).toContain(`${label}: ${a} (${changeText(a, b, 'last week')})`);
      }
      const mine = (list: typeof now) =>
        list.filter((s) => s.policy?.id === w.policy.id && s.status === 'Error').length;
      expect(answer.out).toContain(`${w.policy.name}: ${mine(now)} failed, ${mine(before)} last week.`);
      expect(answer.out).toContain(`this week: ${thisWeek.toFormat('ccc d LLL HH:mm')} – now`);
      expect(answer.out).toContain('The periods differ in length: this week is');
    },
  );

  it('compares yesterday with the day before in Slack, the failed sessions one button away', async () => {
    const slack = await w.h.command(w.bot, 'compare yesterday with the day before');
    expect(textOf(slack)).toContain('Yesterday vs the day before');
    expect(textOf(slack)).toContain('Show the failed sessions of yesterday');
    expect(textOf(slack)).not.toContain('The periods differ in length');
  });
});
