import { pick, randomFor, uuidFor } from './seed-random';

import type { SimPolicy, SimRepository, SimSession, SimWorld } from './sim-world';

/**
 * The simulator's world: policies, VMs and thirty days of job sessions, generated from a seed and the
 * current time. Sessions come from absolute schedule slots (a policy backing up daily at 22:15 UTC), so
 * the world moves on with the clock without changing its past: a session seen at 08:00 is still there,
 * unchanged, at 09:00; a session whose end lies after "now" is reported as running.
 */

const RETENTION_DAYS = 30;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The appliance's labels for session types, as it sends them in localizedType. */
export const LABELS: Record<string, string> = {
  PolicyBackup: 'Policy Backup',
  PolicySnapshot: 'Policy Snapshot',
  BackupRetention: 'Backup Retention',
  ObsoleteSnapshotRetention: 'Obsolete Snapshot Retention',
  ManualSnapshot: 'Manual Snapshot',
  RestoreVms: 'Restore VMs',
  RestoreDisks: 'Restore Disks',
  FileLevelRestore: 'File-Level Restore',
  RepositoryEdit: 'Repository Edit',
};

/** What a session that will end with `finalStatus` reports while it still runs. */
export function runningStatus(finalStatus: string): string {
  return finalStatus === 'Error'
    ? 'RunningWithError'
    : finalStatus === 'Warning'
      ? 'RunningWithWarning'
      : 'Running';
}

/** All sessions that started in the retention window before `nowMs`, newest first. */
export function generateSessions(seed: string, world: SimWorld, nowMs: number): SimSession[] {
  const from = nowMs - RETENTION_DAYS * DAY;
  const out: SimSession[] = [];

  const add = (
    key: string,
    type: string,
    slotMs: number,
    policy: SimPolicy | null,
    durationRange: [number, number],
    vmIds: string[],
    errorRate: number,
    extra: Partial<SimSession> = {},
  ) => {
    const r = randomFor(seed, key);
    const startMs = slotMs + Math.floor(r() * 90_000);
    if (startMs < from || startMs > nowMs) return;
    const [lo, hi] = durationRange;
    const durationMs = Math.floor(lo + r() * (hi - lo));
    const roll = r();
    let status =
      roll < errorRate
        ? 'Error'
        : roll < errorRate + 0.06
          ? 'Warning'
          : roll < errorRate + 0.07
            ? 'Canceled'
            : 'Success';
    const failedVmId =
      status === 'Error' || status === 'Warning' ? (vmIds[Math.floor(r() * vmIds.length)] ?? null) : null;
    let stopMs: number | null = startMs + durationMs;
    if (stopMs > nowMs) {
      // Still running; a running session that has already met a problem says so.
      status = runningStatus(status);
      stopMs = null;
    }
    out.push({
      id: uuidFor(seed, `session|${key}`),
      type,
      localizedType: LABELS[type] ?? type,
      status,
      startMs,
      stopMs,
      policy,
      repository: null,
      vmIds,
      failedVmId,
      restoreReason: null,
      ...extra,
    });
  };

  const firstDay = Math.floor(from / DAY) * DAY;
  for (const p of world.policies) {
    const live = (ms: number) => p.removedAfterMs === null || ms < nowMs - p.removedAfterMs;
    const perVm = p.vmIds.length;
    // A policy backed up several times a day runs longer than its interval, so one run is always going.
    const backupDuration: [number, number] =
      p.backupEveryHours < 24
        ? [p.backupEveryHours * HOUR * 1.05, p.backupEveryHours * HOUR * 1.4]
        : [perVm * 180_000, perVm * 720_000];
    for (let day = firstDay; day <= nowMs; day += DAY) {
      for (let k = 0; k < 24 / p.backupEveryHours; k++) {
        const at = day + ((p.backupMinuteOfDay + k * p.backupEveryHours * 60) % 1440) * 60_000;
        if (live(at))
          add(`${p.id}|PolicyBackup|${at}`, 'PolicyBackup', at, p, backupDuration, p.vmIds, p.errorRate);
      }
      // Retention runs nightly, whatever the backup schedule.
      const retentionAt = day + (2 * 60 + (p.snapshotOffsetMinutes % 45)) * 60_000;
      if (live(retentionAt)) {
        add(
          `${p.id}|BackupRetention|${retentionAt}`,
          'BackupRetention',
          retentionAt,
          p,
          [15_000, 180_000],
          p.vmIds,
          0.01,
        );
      }
      for (let h = 0; h < 24; h += p.snapshotEveryHours) {
        const at = day + h * HOUR + p.snapshotOffsetMinutes * 60_000;
        if (live(at))
          add(
            `${p.id}|PolicySnapshot|${at}`,
            'PolicySnapshot',
            at,
            p,
            [45_000, 420_000],
            p.vmIds,
            p.errorRate / 2,
          );
      }
    }
  }
  // Appliance-wide work: snapshot clean-up every night, restores and manual snapshots now and then.
  for (let day = firstDay; day <= nowMs; day += DAY) {
    const at = day + 3 * HOUR + 30 * 60_000;
    add(
      `ObsoleteSnapshotRetention|${at}`,
      'ObsoleteSnapshotRetention',
      at,
      null,
      [20_000, 240_000],
      [],
      0.01,
    );
    const r = randomFor(seed, `adhoc|${day}`);
    const adhoc = Math.floor(r() * 4);
    for (let k = 0; k < adhoc; k++) {
      const type = pick(r, [
        'RestoreVms',
        'RestoreDisks',
        'FileLevelRestore',
        'ManualSnapshot',
        'ManualSnapshot',
      ]);
      const at2 = day + Math.floor((8 + r() * 10) * HOUR);
      const policy = pick(r, world.policies);
      const vmId = pick(r, policy.vmIds.length > 0 ? policy.vmIds : [world.vms[0]?.id ?? '']);
      const isRestore = type.startsWith('Restore') || type === 'FileLevelRestore';
      add(`${type}|${at2}|${k}`, type, at2, isRestore ? null : policy, [120_000, 3_600_000], [vmId], 0.05, {
        ...(isRestore
          ? {
              restoreReason: pick(r, ['Ticket INC-2041', 'Test restore', 'User request', 'DR drill']),
              policy,
            }
          : {}),
      });
    }
    if (Math.floor(day / DAY) % 11 === 0) {
      const repo = world.repositories[Math.floor(day / DAY) % world.repositories.length] as SimRepository;
      add(`RepositoryEdit|${day}`, 'RepositoryEdit', day + 14 * HOUR, null, [5_000, 40_000], [], 0.02, {
        repository: repo,
      });
    }
  }
  out.sort((a, b) => b.startMs - a.startMs || a.id.localeCompare(b.id));
  return out;
}

/**
 * The API shape of a session, as the documentation shows it: JobSessionV2 [D3][D4][D5] with the v8.1
 * extras [C8] (../shared/veeam-api/README.md §3 and §10). Each type carries its own info block:
 * policy backups and snapshots `backupJobInfo`; retention `retentionJobInfo` and no `backupJobInfo`;
 * restores `restoreJobInfo`; file-level restores `fileLevelRestoreJobInfo` (with the VM's name);
 * repository work `repositoryJobInfo`. Times carry six fractional digits, as in the v3 example [D3], and
 * every item its `usn` [D3][D7]. Only the blocks the version documents are sent: before v3 there is no
 * `retentionJobInfo` [D5], and a retention session then names its policy in `backupJobInfo` [guess].
 */
