import { splitCamel } from '../core/camel-case';
import type { Session } from '../core/sessions/session';
import type { JobSessionPayload } from './schemas';
import { parseTimeSpanMs } from './time-span';

/**
 * A validated API session → the core's plain Session. The name comes from whichever info block the
 * session's type carries (../shared/veeam-api/README.md §3.3, §10), in the order a published report reads
 * them [C7]: policy work, health checks, file-level restores (the VM), restores (the policy restored
 * from), repository work. Retention carries no name, only a count, which becomes the summary.
 */
export function toSession(p: JobSessionPayload): Session {
  const type = p.type ?? 'Unknown';
  const flr = p.fileLevelRestoreJobInfo ?? p.fileShareFileLevelRestoreJobInfo;
  const target =
    p.backupJobInfo?.policyName ??
    p.healthCheckJobInfo?.policyName ??
    p.fileLevelRestoreJobInfo?.vmName ??
    flr?.backupPolicyDisplayName ??
    p.restoreJobInfo?.backupPolicyDisplayName ??
    p.restorePointDataRetrievalJobInfo?.backupPolicyDisplayName ??
    p.repositoryJobInfo?.repositoryName ??
    null;
  return {
    id: p.id,
    status: p.status,
    type,
    typeLabel: p.localizedType ?? splitCamel(type),
    startTime: p.executionStartTime ?? null,
    stopTime: p.executionStopTime ?? null,
    durationMs: parseTimeSpanMs(p.executionDuration),
    policyId: p.backupJobInfo?.policyId ?? p.healthCheckJobInfo?.policyId ?? null,
    targetName: target,
    summary: summaryOf(p),
    protectedInstances:
      p.backupJobInfo?.protectedInstancesCount ?? p.healthCheckJobInfo?.checkedInstancesCount ?? null,
    targetRemoved: Boolean(
      p.backupJobInfo?.policyRemoved ??
        p.healthCheckJobInfo?.policyRemoved ??
        p.repositoryJobInfo?.repositoryRemoved ??
        false,
    ),
  };
}

function summaryOf(p: JobSessionPayload): string | null {
  const deleted = p.retentionJobInfo?.deletedRestorePointsCount;
  if (deleted != null) return `${deleted} restore point${deleted === 1 ? '' : 's'} deleted`;
  const reason = p.fileLevelRestoreJobInfo?.reason ?? p.restoreJobInfo?.reason ?? null;
  return reason ? `reason: ${reason}` : null;
}
