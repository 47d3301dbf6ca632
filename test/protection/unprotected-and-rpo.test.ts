import { DateTime } from 'luxon';
import { formatDuration } from '../../src/core/view/human-time';
import { VM_OUTAGE_MS, vmOutage, vmProtection } from '../../src/veeam/simulator/protection';
import { textOf } from '../support/alert-harness';
import { type AnswerWorld, startAnswerWorld } from '../support/answer-world';

/**
 * Unprotected VMs and RPO breaches against the simulator at a fixed clock, in two zones. The simulator's
 * world has one VM whose backups have failed for two days; what the appliance knows of each VM's
 * protection is taken here from the simulator's own protection table, and the bot must list exactly the
 * covered VMs last backed up before the cut-off.
 */
const T = Date.parse('2026-12-03T06:00:00Z');

describe('unprotected VMs and VMs with no recent backup', () => {
  let w: AnswerWorld;
  beforeAll(async () => {
    w = await startAnswerWorld(T);
  });
  afterAll(() => w.h.close());

  const protection = () => vmProtection(w.h.sim.world, w.h.sim.sessions());
  const lastBackup = (vmId: string) => {
    const s = protection().restorePoints.get(vmId)?.[0];
    return s ? (s.stopMs ?? s.startMs) : null;
  };
  /** Covered VMs whose last backup is older than the cut-off (or who have none). */
  const breaching = (cutoff: number) =>
    w.h.sim.world.vms.filter((vm) => {
      if (!protection().protectedIds.has(vm.id)) return false;
      const last = lastBackup(vm.id);
      return last === null || last < cutoff;
    });

  it.each(['Europe/Berlin', 'Asia/Tokyo'])(
    'names the VM without a backup for two days, in %s',
    async (zone) => {
      const outage = vmOutage(w.h.sim.world);
      const vm = w.h.sim.world.vms.find((v) => v.id === outage?.vmId);
      if (!vm) throw new Error('the simulator has no VM outage');
      const last = lastBackup(vm.id);
      expect(last).not.toBeNull();
      expect(T - (last as number)).toBeGreaterThanOrEqual(VM_OUTAGE_MS - 6 * 3_600_000);
      const answer = await w.ask('which VMs have no successful backup in 24h', zone);
      expect(answer.exitCode).toBe(0);
      const at = DateTime.fromMillis(last as number, { zone }).toFormat('ccc d LLL HH:mm');
      expect(answer.out).toContain(
        `${vm.name} (${vm.resourceGroupName}): last backup ${at}, ${formatDuration(T - (last as number))} ago.`,
      );
      expect(answer.out).toContain(`No backup since: ${breaching(T - 24 * 3_600_000).length}`);
    },
  );

  it.each(['Europe/Berlin', 'Asia/Tokyo'])(
    'counts the covered VMs last backed up before Monday, in %s',
    async (zone) => {
      const monday = DateTime.fromMillis(T, { zone }).startOf('week');
      const answer = await w.ask('VMs without a restore point since Monday', zone);
      expect(answer.out).toContain(`VMs with no backup since ${monday.toFormat('ccc d LLL HH:mm')}`);
      expect(answer.out).toContain(`No backup since: ${breaching(monday.toMillis()).length}`);
    },
  );

  it('lists the VMs no policy covers, in Slack too', async () => {
    const uncovered = w.h.sim.world.vms.filter((vm) => !protection().protectedIds.has(vm.id));
    const first = [...uncovered].sort((a, b) => a.name.localeCompare(b.name))[0];
    const answer = await w.ask('unprotected VMs', 'UTC');
    expect(answer.out).toContain(`Unprotected: ${uncovered.length}`);
    expect(answer.out).toContain(`${first?.name} (${first?.resourceGroupName})`);
    const slack = await w.h.command(w.bot, 'which VMs are not protected?');
    expect(textOf(slack)).toContain('Unprotected VMs');
    expect(textOf(slack)).toContain(String(first?.name));
  });
});
