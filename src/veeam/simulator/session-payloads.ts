import type { ApiVersionRecord } from '../api-versions';
import { formatTimeSpan } from '../time-span';
import { pick, randomFor } from './seed-random';

import type { SimSession, SimWorld } from './sim-world';

/** A simulated session as the API shapes it (per version), and its log lines. */

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
