import type { Session } from '../core/sessions/session';
import type { JobSessionPayload } from './schemas';
import { parseTimeSpanMs } from './time-span';

/** A validated API session → the core's plain Session. */
export function toSession(p: JobSessionPayload): Session {
  const type = Array.isArray(p.type) ? (p.type[0] ?? 'Unknown') : (p.type ?? 'Unknown');
  const target =
    p.backupJobInfo?.policyName ??
    p.healthCheckJobInfo?.policyName ??
    p.repositoryJobInfo?.repositoryName ??
    p.restoreJobInfo?.backupPolicyDisplayName ??
    null;
  return {
    id: p.id ?? '',
    status: p.status,
    type,
    typeLabel: p.localizedType ?? splitCamel(type),
    startTime: p.executionStartTime ?? null,
    stopTime: p.executionStopTime ?? null,
    durationMs: parseTimeSpanMs(p.executionDuration),
    policyId: p.backupJobInfo?.policyId ?? p.healthCheckJobInfo?.policyId ?? null,
    targetName: target,
    protectedInstances: p.backupJobInfo?.protectedInstancesCount ?? null,
    targetRemoved: Boolean(p.backupJobInfo?.policyRemoved ?? p.repositoryJobInfo?.repositoryRemoved ?? false),
  };
}

function splitCamel(value: string): string {
  return value.replace(/([a-z])([A-Z])/g, '$1 $2');
}
