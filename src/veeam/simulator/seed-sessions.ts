import type { ApiVersionRecord } from '../api-versions';
import { formatTimeSpan } from '../time-span';
import { pick, randomFor, uuidFor } from './seed-random';

/**
 * The simulator's world: policies, VMs and thirty days of job sessions, generated from a seed and the
 * current time. Sessions come from absolute schedule slots (a policy backing up daily at 22:15 UTC), so
 * the world moves on with the clock without changing its past: a session seen at 08:00 is still there,
 * unchanged, at 09:00; a session whose end lies after "now" is reported as running.
 */

type SimPolicy = {
  id: string;
  name: string;
  vmIds: string[];
  backupMinuteOfDay: number;
  backupEveryHours: number;
  snapshotEveryHours: number;
  snapshotOffsetMinutes: number;
  errorRate: number;
  /** Deleted policies keep their old sessions (policyRemoved: true). */
  removedAfterMs: number | null;
};

export type SimVm = {
  id: string;
  name: string;
  azureId: string;
  resourceGroupName: string;
  regionName: string;
};

type SimRepository = { id: string; name: string };

export type SimSession = {
  id: string;
  type: string;
  localizedType: string;
  status: string;
  startMs: number;
  stopMs: number | null;
  policy: SimPolicy | null;
  repository: SimRepository | null;
  /** VMs the session processed (VmId filter). */
  vmIds: string[];
  failedVmId: string | null;
  restoreReason: string | null;
};

export type SimWorld = { policies: SimPolicy[]; vms: SimVm[]; repositories: SimRepository[] };

const RETENTION_DAYS = 30;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const VM_ROLES = [
  'web',
  'app',
  'api',
  'sql',
  'db',
  'dc',
  'file',
  'cache',
  'mq',
  'k8s-node',
  'build',
  'jump',
  'vdi',
  'erp',
  'crm',
  'etl',
  'mon',
  'log',
  'sap',
  'proxy',
];
const REGIONS = ['West Europe', 'North Europe', 'East US', 'East US 2', 'UK South', 'Germany West Central'];
const ENVIRONMENTS = ['prod', 'stage', 'dev'];

const POLICY_NAMES = [
  'Prod VMs',
  'Prod SQL Daily',
  'Prod Web Tier',
  'Prod App Tier',
  'Domain Controllers',
  'File Servers',
  'ERP Nightly',
  'CRM Nightly',
  'SAP HANA Hosts',
  'Kubernetes Nodes',
  'Build Agents',
  'Jump Hosts',
  'VDI Pool A',
  'VDI Pool B',
  'Staging All',
  'Dev Sandbox',
  'R&D Sandbox',
  'Finance Apps',
  'HR Systems',
  'Monitoring Stack',
  'Logging Cluster',
  'Message Queues',
  'Cache Cluster',
  'Proxy Farm',
  'ETL Workers',
  'Web Tier - Hourly Snapshots',
  'SQL - 4h Snapshots',
  'Gold SLA',
  'Silver SLA',
  'Bronze SLA',
  'Weekend Archive Candidates',
  'EU Region Critical',
  'US Region Critical',
  'Compliance 7y',
  'Test Lab',
  'Partner Portal',
  'Payments (PCI)',
  'Data Warehouse',
];

const ERRORS = [
  'Failed to create snapshot of disk {disk}: Azure API returned 409 Conflict (OperationNotAllowed)',
  'Failed to process VM {vm}: the VM agent is not responding',
  'Failed to copy data to repository: the storage account key has expired',
  'Timed out waiting for snapshot of {vm} to complete (60 min)',
  'Failed to back up {vm}: disk {disk} is encrypted with a key the service account cannot read',
];
const WARNINGS = [
  'VM {vm} has a disk larger than 4 TB; it was skipped',
  'Application-aware processing of {vm} failed; a crash-consistent snapshot was taken instead',
  'Retention could not remove 2 restore points of {vm}; they will be retried',
];

export function createWorld(seed: string): SimWorld {
  const rand = randomFor(seed, 'world');
  const vms: SimVm[] = [];
  for (const role of VM_ROLES) {
    const count = 8 + Math.floor(rand() * 12);
    for (let n = 1; n <= count; n++) {
      const env = n <= count * 0.6 ? 'prod' : pick(rand, ENVIRONMENTS);
      const name = `${role}-${String(n).padStart(2, '0')}`;
      const id = uuidFor(seed, `vm|${name}`);
      vms.push({
        id,
        name,
        azureId: `/subscriptions/${uuidFor(seed, 'sub')}/resourceGroups/rg-${env}-${role}/providers/Microsoft.Compute/virtualMachines/${name}`,
        resourceGroupName: `rg-${env}-${role}`,
        regionName: pick(rand, REGIONS),
      });
    }
  }
  const policies: SimPolicy[] = POLICY_NAMES.map((name, index) => {
    const r = randomFor(seed, `policy|${name}`);
    // The data warehouse is the big one: dozens of VMs, backed up every six hours, always busy.
    const big = name === 'Data Warehouse';
    const size = big ? 40 : 3 + Math.floor(r() * 14);
    const start = Math.floor(r() * vms.length);
    const vmIds = Array.from({ length: size }, (_, k) => (vms[(start + k * 7) % vms.length] as SimVm).id);
    return {
      id: uuidFor(seed, `policy|${name}`),
      name,
      vmIds: [...new Set(vmIds)],
      // Spread over the day, as appliances serving several time zones are, so something is always running.
      backupMinuteOfDay: Math.floor(r() * 24 * 60),
      backupEveryHours: big ? 6 : 24,
      snapshotEveryHours: name.includes('Hourly') ? 1 : pick(r, [4, 6, 8, 12, 24]),
      snapshotOffsetMinutes: Math.floor(r() * 60),
      // A few flaky policies make "failed today" interesting.
      errorRate: index % 9 === 4 ? 0.25 : index % 5 === 1 ? 0.08 : 0.02,
      removedAfterMs: null,
    };
  });
  policies.push({
    id: uuidFor(seed, 'policy|Legacy SAP'),
    name: 'Legacy SAP',
    vmIds: vms.filter((v) => v.name.startsWith('sap-')).map((v) => v.id),
    backupMinuteOfDay: 23 * 60,
    backupEveryHours: 24,
    snapshotEveryHours: 24,
    snapshotOffsetMinutes: 5,
    errorRate: 0.1,
    removedAfterMs: 12 * DAY,
  });
  const repositories = ['repo-hot-westeurope', 'repo-archive-northeurope', 'repo-eastus'].map((name) => ({
    id: uuidFor(seed, `repo|${name}`),
    name,
  }));
  return { policies, vms, repositories };
}

const LABELS: Record<string, string> = {
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
      status =
        status === 'Error' ? 'RunningWithError' : status === 'Warning' ? 'RunningWithWarning' : 'Running';
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
export function sessionPayload(
  s: SimSession,
  baseUrl: string,
  record: Pick<ApiVersionRecord, 'version' | 'infoBlocks'>,
  vmName?: (id: string) => string,
): Record<string, unknown> {
  const self = `${baseUrl}/api/${record.version}/jobSessions/${s.id}`;
  const retention = s.type.endsWith('Retention') && record.infoBlocks.includes('retentionJobInfo');
  const fileLevel = s.type === 'FileLevelRestore';
  const restore = s.type.startsWith('Restore');
  const vmId = s.vmIds[0] ?? null;
  return {
    id: s.id,
    type: s.type,
    localizedType: s.localizedType,
    executionStartTime: sixDigits(s.startMs),
    executionStopTime: s.stopMs === null ? null : sixDigits(s.stopMs),
    executionDuration: s.stopMs === null ? null : formatTimeSpan(s.stopMs - s.startMs),
    status: s.status,
    usn: usnOf(s),
    ...(s.policy && !retention && !fileLevel && !restore
      ? {
          backupJobInfo: {
            policyId: s.policy.id,
            policyName: s.policy.name,
            protectedInstancesCount: s.vmIds.length - (s.status === 'Error' ? 1 : 0),
            policyRemoved: s.policy.removedAfterMs !== null,
          },
        }
      : {}),
    ...(retention
      ? { retentionJobInfo: { deletedRestorePointsCount: s.status === 'Error' ? 0 : s.vmIds.length * 2 } }
      : {}),
    ...(restore
      ? { restoreJobInfo: { reason: s.restoreReason, backupPolicyDisplayName: s.policy?.name ?? null } }
      : {}),
    ...(fileLevel
      ? {
          fileLevelRestoreJobInfo: {
            initiator: 'portal-admin',
            reason: s.restoreReason,
            vmId,
            vmName: vmId && vmName ? vmName(vmId) : null,
            backupPolicyDisplayName: s.policy?.name ?? null,
          },
        }
      : {}),
    ...(s.repository
      ? {
          repositoryJobInfo: {
            repositoryId: s.repository.id,
            repositoryName: s.repository.name,
            repositoryRemoved: false,
          },
        }
      : {}),
    _links: { self: { href: self }, log: { href: `${self}/log` } },
  };
}

/** `2020-11-23T08:00:03.629258Z`: the documentation's six fractional digits [D3]. */
function sixDigits(ms: number): string {
  return new Date(ms).toISOString().replace(
    /\.(\d{3})Z$/,
    (_m, f: string) =>
      `.${f}${String(ms % 997)
        .padStart(3, '0')
        .slice(0, 3)}Z`,
  );
}

function usnOf(s: SimSession): number {
  let h = 0;
  for (const c of s.id) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h % 1_000_000;
}

/** A log line as the v1 documentation lists its fields [D20-v1]. */
export type SimLogLine = {
  logTime: string;
  status: string;
  message: string;
  executionStartTime: string;
  executionDuration: string;
};

/** A believable log for a session, last line last. */
export function sessionLog(seed: string, s: SimSession, world: SimWorld): SimLogLine[] {
  const r = randomFor(seed, `log|${s.id}`);
  const names = new Map(world.vms.map((v) => [v.id, v.name]));
  const lines: SimLogLine[] = [];
  let t = s.startMs;
  const push = (status: string, message: string) => {
    const took = Math.floor(1000 + r() * 20_000);
    lines.push({
      logTime: new Date(t).toISOString(),
      status,
      message,
      executionStartTime: new Date(t).toISOString(),
      executionDuration: formatTimeSpan(took),
    });
    t += took;
  };
  push('Success', `${s.localizedType} session started${s.policy ? ` for policy ${s.policy.name}` : ''}`);
  for (const vmId of s.vmIds.slice(0, 12)) {
    const vm = names.get(vmId) ?? vmId;
    if (vmId === s.failedVmId) {
      const template = s.status.includes('Error') ? pick(r, ERRORS) : pick(r, WARNINGS);
      push(
        s.status.includes('Error') ? 'Error' : 'Warning',
        template.replace('{vm}', vm).replace('{disk}', `${vm}-osdisk`),
      );
    } else {
      push('Success', `Processed ${vm}`);
    }
  }
  if (s.stopMs !== null) {
    t = s.stopMs;
    push(s.status, `Session finished with status ${s.status}`);
  }
  return lines;
}
