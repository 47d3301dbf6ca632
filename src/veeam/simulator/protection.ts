import type { SimSession, SimVm, SimWorld } from './sim-world';

/**
 * What the appliance knows of each VM's protection, derived from the sessions: which VMs a live policy
 * covers, when each was last backed up, and its restore points. Shapes from the v8.1 client's
 * ProtectedVirtualMachine and the Terraform provider's restore points [C6][C8], `lastBackup` since v2
 * (../shared/veeam-api/README.md §7 and §10).
 */

export type VmProtection = {
  /** VMs some live policy covers. */
  protectedIds: Set<string>;
  /** The policy sessions that backed each VM up (it succeeded or warned in them), newest first. */
  restorePoints: Map<string, SimSession[]>;
};

const PROTECTING_TYPES = new Set(['PolicyBackup', 'PolicySnapshot']);

/** Sessions come newest first; one pass over them. */
export function vmProtection(world: SimWorld, sessions: readonly SimSession[]): VmProtection {
  const protectedIds = new Set(
    world.policies.filter((p) => p.removedAfterMs === null).flatMap((p) => p.vmIds),
  );
  const restorePoints = new Map<string, SimSession[]>();
  for (const s of sessions) {
    // As the per-VM results say (protectedItemPayload): a failed session failed on its one failed VM and
    // backed up the others; one without a failed VM named protected none.
    if (!PROTECTING_TYPES.has(s.type) || s.stopMs === null) continue;
    const failed = s.status === 'Error';
    if (failed && s.failedVmId === null) continue;
    if (!failed && s.status !== 'Success' && s.status !== 'Warning') continue;
    for (const vmId of s.vmIds) {
      if (vmId === s.failedVmId && failed) continue;
      const list = restorePoints.get(vmId);
      if (list) list.push(s);
      else restorePoints.set(vmId, [s]);
    }
  }
  return { protectedIds, restorePoints };
}

/** An item of `GET /protectedItem/virtualMachines` [C8]. */
export function protectedVmPayload(vm: SimVm, protection: VmProtection): Record<string, unknown> {
  const last = protection.restorePoints.get(vm.id)?.[0];
  return {
    id: vm.id,
    azureId: vm.azureId,
    name: vm.name,
    regionName: vm.regionName,
    resourceGroup: { name: vm.resourceGroupName },
    isController: false,
    ...(last ? { lastBackup: new Date(last.stopMs ?? last.startMs).toISOString() } : {}),
  };
}

/** An item of `GET /restorePoints/virtualMachines` [C6]. */
export function restorePointPayload(vm: SimVm, s: SimSession): Record<string, unknown> {
  const snapshot = s.type === 'PolicySnapshot';
  return {
    id: `${s.id.slice(0, 24)}${vm.id.slice(24)}`,
    type: snapshot ? 'Snapshot' : 'Backup',
    backupDestination: snapshot ? 'Snapshot' : 'StandardRepository',
    vmName: vm.name,
    regionName: vm.regionName,
    pointInTime: new Date(s.stopMs ?? s.startMs).toISOString(),
    jobSessionId: s.id,
    isCorrupted: false,
    state: 'Created',
  };
}

/**
 * An item of `GET /jobSessions/{id}/protectedItems`: one resource and its runs [D23][C5]. The VM the
 * session failed or warned on carries that status; the others succeeded, or are still running.
 */
export function protectedItemPayload(s: SimSession, vm: SimVm): Record<string, unknown> {
  const running = s.stopMs === null;
  const status =
    vm.id === s.failedVmId
      ? s.status.includes('Error')
        ? 'Error'
        : 'Warning'
      : running
        ? 'Running'
        : 'Success';
  return {
    resource: {
      id: vm.id,
      displayName: vm.name,
      resourceGroupName: vm.resourceGroupName,
      type: 'VirtualMachine',
    },
    runs: [
      {
        status,
        startTime: new Date(s.startMs).toISOString(),
        ...(running ? {} : { stopTime: new Date(s.stopMs as number).toISOString() }),
        rates: { transferredDataBytes: status === 'Error' ? 0 : transferredBytes(s.id, vm.id) },
      },
    ],
  };
}

function transferredBytes(sessionId: string, vmId: string): number {
  let h = 0;
  for (const c of sessionId + vmId) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return (h % 50_000) * 1_048_576;
}

/** How long the simulated outage of one VM has lasted, whatever the clock says. */
export const VM_OUTAGE_MS = 2 * 24 * 3_600_000;

/**
 * One VM whose backups have failed for the last two days, so "which VMs have no backup in 24h" has an
 * answer in the demo and the specs. A quiet corner of the world, so the other histories stay as they
 * were: a VM no other policy covers, of the last live policy that runs once a day (a backup and a
 * snapshot); each of its runs since then failed on that VM.
 */
export function vmOutage(world: SimWorld): { vmId: string; policyId: string } | null {
  const covering = (vmId: string) => world.policies.filter((p) => p.vmIds.includes(vmId)).length;
  for (const p of [...world.policies].reverse()) {
    if (p.removedAfterMs !== null || p.backupEveryHours < 24 || p.snapshotEveryHours < 24) continue;
    const vmId = p.vmIds.find((id) => covering(id) === 1);
    if (vmId) return { vmId, policyId: p.id };
  }
  return null;
}

/** The sessions as the outage makes them: each of the VM's policy runs since its start failed on it. */
export function withVmOutage(
  sessions: SimSession[],
  outage: { vmId: string; policyId: string } | null,
  nowMs: number,
): SimSession[] {
  if (!outage) return sessions;
  const since = nowMs - VM_OUTAGE_MS;
  return sessions.map((s) =>
    s.startMs >= since && PROTECTING_TYPES.has(s.type) && s.vmIds.includes(outage.vmId)
      ? {
          ...s,
          status: s.stopMs === null ? 'RunningWithError' : 'Error',
          failedVmId: outage.vmId,
        }
      : s,
  );
}
