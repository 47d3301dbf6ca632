import { DateTime } from 'luxon';
import { textOf } from '../support/alert-harness';
import { type AnswerWorld, startAnswerWorld } from '../support/answer-world';

/**
 * "Why did X fail?" against a scripted history in the simulator, at a fixed clock, in two zones: the
 * answer names the latest failure, its streak and since when, what its log and its VMs say, and whether it
 * has succeeded since; the same words in the CLI and in Slack.
 */
const T = Date.parse('2026-12-03T06:00:00Z');
const MIN = 60_000;

describe('why a policy failed', () => {
  let w: AnswerWorld;
  const at = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone }).toFormat('ccc d LLL HH:mm');

  beforeAll(async () => {
    w = await startAnswerWorld(T);
    // Oldest first: two successes, a warning, then two failures, in the quiet hours before T.
    for (const [minutes, status] of [
      [170, 'Success'],
      [150, 'Success'],
      [130, 'Warning'],
      [110, 'Error'],
      [90, 'Error'],
    ] as const)
      await w.script(minutes, status, 300);
  });
  afterAll(() => w.h.close());

  it.each(['Europe/Berlin', 'America/New_York'])('says the streak and since when, in %s', async (zone) => {
    const answer = await w.ask(`why did ${w.policy.name} fail`, zone);
    expect(answer.exitCode).toBe(0);
    const lines = answer.out.split('\n');
    expect(lines[0]).toBe(`Why ${w.policy.name} failed`);
    expect(lines).toContain(`The 2nd failure in a row, failing since ${at(T - 110 * MIN, zone)}.`);
    expect(lines).toContain(`Nothing has succeeded since it ended at ${at(T - 85 * MIN, zone)}.`);
    expect(lines).toContain('Errors and warnings in its log:');
    expect(answer.out).not.toMatch(/Processed/);
    expect(lines.find((l) => /^\d+ of \d+ VMs? failed/.test(l))).toMatch(/^1 of \d+ VMs? failed/);
  });

  it('says when it has succeeded since, in Slack as in the CLI', async () => {
    await w.script(60, 'Success', 300);
    const cli = await w.ask(`why did ${w.policy.name} fail?`, 'Europe/Berlin');
    const since = `It succeeded since: ${at(T - 60 * MIN, 'Europe/Berlin')}; this failure is not the latest news.`;
    expect(cli.out.split('\n')).toContain(since);
    const slack = await w.h.command(w.bot, `why did ${w.policy.name} fail?`);
    expect(textOf(slack)).toContain(since);
    expect(textOf(slack)).toContain('Show its failed sessions');
  });

  it('explains a failed session from its Details, with "Why did it fail?", in Slack', async () => {
    const list = await w.h.command(w.bot, `failed policy:"${w.policy.name}" today`);
    const message = (body: Record<string, unknown>) => ({ args: body, ts: '' }) as never;
    const details = await w.h.click(w.bot, message(list), /^Details$/);
    expect(textOf(details)).toContain('Why did it fail?');
    const why = await w.h.click(w.bot, message(details), /^Why did it fail\?$/);
    expect(textOf(why)).toContain(`Why ${w.policy.name} failed`);
    expect(textOf(why)).toContain('Show its failed sessions');
  });

  it('names the closest policies when the name matches none, and asks which when there is no name', async () => {
    const wrong = await w.ask(`why did ${w.policy.name.slice(0, -1)}x fail`, 'UTC');
    expect(wrong.exitCode).toBe(1);
    expect(wrong.out).toContain('Did you mean');
    const none = await w.ask('why did it fail', 'UTC');
    expect(none.exitCode).toBe(2);
    expect(none.out).toContain('Name the policy or VM');
  });
});
