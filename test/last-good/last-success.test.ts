import { DateTime } from 'luxon';
import { textOf } from '../support/alert-harness';
import { type AnswerWorld, startAnswerWorld } from '../support/answer-world';

/** "When did X last back up successfully?" against a scripted history, at a fixed clock, in two zones. */
const T = Date.parse('2026-12-03T06:00:00Z');
const MIN = 60_000;

describe('the last success of a policy', () => {
  let w: AnswerWorld;
  beforeAll(async () => {
    w = await startAnswerWorld(T);
    await w.script(150, 'Success', 600);
    await w.script(60, 'Error', 300);
  });
  afterAll(() => w.h.close());

  it.each(['Europe/Berlin', 'America/Chicago'])(
    'says when, how long ago, and what came since, in %s',
    async (zone) => {
      const answer = await w.ask(`when did ${w.policy.name} last back up successfully?`, zone);
      expect(answer.exitCode).toBe(0);
      const lines = answer.out.split('\n');
      const at = (ms: number) => DateTime.fromMillis(ms, { zone }).toFormat('ccc d LLL HH:mm');
      expect(lines[0]).toBe(`Last success of ${w.policy.name}`);
      expect(lines[1]).toBe(
        `${w.policy.name} last succeeded ${at(T - 140 * MIN)}, 2 h 20 min ago (Policy Backup).`,
      );
      expect(lines[2]).toBe(`Since then: failed at ${at(T - 60 * MIN)} (Policy Backup).`);
    },
  );

  it('answers the same in Slack, with its sessions one button away', async () => {
    const slack = await w.h.command(w.bot, `last good backup of ${w.policy.name}`);
    expect(textOf(slack)).toContain(`${w.policy.name} last succeeded`);
    expect(textOf(slack)).toContain('Show its sessions');
  });
});
