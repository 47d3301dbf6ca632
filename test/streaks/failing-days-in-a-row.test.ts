import { DateTime } from 'luxon';
import { VM_OUTAGE_MS, vmOutage } from '../../src/veeam/simulator/protection';
import { textOf } from '../support/alert-harness';
import { type AnswerWorld, startAnswerWorld } from '../support/answer-world';

/**
 * "Which policies failed 3 days in a row?" against the simulator with a policy made to fail each morning
 * for four days, at a fixed clock, in two zones; the same answer in the CLI and in Slack.
 */
const T = Date.parse('2026-12-03T06:00:00Z');

describe('policies failing days in a row', () => {
  let w: AnswerWorld;
  beforeAll(async () => {
    w = await startAnswerWorld(T);
    for (let d = 3; d >= 0; d--) await w.script(d * 24 * 60 + 30, 'Error', 60);
  });
  afterAll(() => w.h.close());

  it.each(['Europe/Berlin', 'Asia/Tokyo'])(
    'lists the policy with its days and its latest failure, in %s',
    async (zone) => {
      const answer = await w.ask('which policies failed 3 days in a row?', zone);
      expect(answer.exitCode).toBe(0);
      const line = answer.out.split('\n').find((l) => l.startsWith(`${w.policy.name}: failed `)) ?? '';
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
    const long = await w.ask('which policies failed 14 days in a row', 'UTC');
    expect(long.out).not.toContain(`${w.policy.name}: failed `);
    const listed = long.out.split('\n').filter((l) => / days in a row \(/.test(l));
    for (const l of listed)
      expect(Number(/failed (?:at least )?(\d+) days/.exec(l)?.[1])).toBeGreaterThanOrEqual(14);
    if (listed.length === 0) expect(long.out).toContain('No policy failed on each of 14 days in a row');
    const slack = await w.h.command(w.bot, 'which policies failed 3 days in a row');
    expect(textOf(slack)).toContain(`${w.policy.name}: failed `);
    expect(textOf(slack)).toContain('Show the failed sessions');
  });

  it.each(['Europe/Berlin', 'Asia/Tokyo'])(
    'lists the VM that has failed every run for two days, from the per-VM results, in %s',
    async (zone) => {
      const vm = w.h.sim.world.vms.find((v) => v.id === vmOutage(w.h.sim.world)?.vmId);
      if (!vm) throw new Error('the simulator has no VM outage');
      const failedRuns = w.h.sim
        .sessions()
        .filter((s) => s.failedVmId === vm.id && s.status === 'Error' && s.startMs >= T - VM_OUTAGE_MS);
      const answer = await w.ask('which VMs failed 2 days in a row', zone);
      const line = answer.out.split('\n').find((l) => l.startsWith(`${vm.name}: failed `)) ?? '';
      expect(Number(/failed (\d+) days in a row/.exec(line)?.[1])).toBeGreaterThanOrEqual(2);
      const latest = DateTime.fromMillis(Math.max(...failedRuns.map((s) => s.startMs)), { zone });
      expect(line).toContain(`the latest ${latest.toFormat('ccc d LLL HH:mm')}.`);
      expect(answer.out).toContain('The VMs that failed in the failed sessions');
    },
  );
});
