/**
 * Facts about the Veeam Backup for Microsoft Azure REST API that the core needs to speak its language:
 * which versions exist and which status and session-type values each accepts.
 * Source: ../shared/veeam-api/README.md, sections 1, 2.3 and 2.4.
 */

export const API_VERSIONS = ['v2', 'v3', 'v4', 'v5', 'v6', 'v7', 'v8', 'v8.1'] as const;
export type ApiVersion = (typeof API_VERSIONS)[number];

const STATUSES_V2 = [
  'Canceled',
  'Canceling',
  'Error',
  'NeverExecuted',
  'Pending',
  'Running',
  'RunningWithError',
  'RunningWithWarning',
  'Success',
  'Warning',
] as const;

export type JobStatus = (typeof STATUSES_V2)[number] | 'Unknown';

const TYPES_V2 = [
  'AutoBackup',
  'BackupRetention',
  'RestoreDisks',
  'FileLevelRestore',
  'ObsoleteSnapshotRetention',
  'ManualSnapshot',
  'PolicyBackup',
  'PolicySnapshot',
  'RestoreVms',
  'BackupDeletion',
  'SnapshotDeletion',
  'RepositoryCreation',
  'RepositoryDeletion',
  'RepositoryEdit',
  'ManualSnapshotDeletion',
  'InvalidSnapshotRetention',
  'OrphanedSnapshotRetention',
] as const;

// The v8 reference lists JobSessionFilterType only in part; the values public scripts send against v7 and v8
// are added, since the appliance accepted them there.
const TYPES_V8 = [
  'BackupRetention',
  'InvalidSnapshotRetention',
  'ObsoleteSnapshotRetention',
  'OrphanedSnapshotRetention',
  'ManualSnapshot',
  'ManualSnapshotDeletion',
  'PolicyBackup',
  'PolicySnapshot',
  'PolicyArchive',
  'RestoreDisks',
  'RestoreVms',
  'FileLevelRestore',
  'BackupDeletion',
  'SnapshotDeletion',
  'SnapshotBackup',
  'RepositoryCreation',
  'RepositoryDeletion',
  'RepositoryEdit',
  'SqlPolicyBackup',
  'SqlPolicyArchive',
  'SqlManualBackup',
  'SqlRestore',
  'RestorePointDataRetrieval',
  'SqlRestorePointDataRetrieval',
  'FileSharePolicySnapshot',
  'FileShareManualSnapshot',
  'FileShareRestore',
  'FileShareFileRestore',
  'ConfigurationBackupManual',
  'ConfigurationBackupScheduled',
  'VnetPolicyBackup',
  'VnetPolicyBackupToRepository',
  'CosmosDbPolicyBackup',
  'CosmosDbPolicyArchive',
  'CosmosDbManualBackup',
] as const;

/** Everything that differs between API versions, in one record per version. */
export type ApiVersionProfile = {
  version: ApiVersion;
  statuses: readonly JobStatus[];
  types: readonly string[];
  /** v8 renamed the VM filter `VmId` to `ResourceId`. */
  vmParameter: 'VmId' | 'ResourceId';
  /** v8 dropped `Display`. */
  supportsDisplay: boolean;
};

export function apiVersionProfile(version: ApiVersion): ApiVersionProfile {
  const v8 = version === 'v8' || version === 'v8.1';
  // v7 scripts already send the v8 workload types (SQL, Cosmos DB, VNet), so v7 takes the v8 list.
  const types = v8 || version === 'v7' ? TYPES_V8 : TYPES_V2;
  return {
    version,
    statuses: v8 ? [...STATUSES_V2, 'Unknown'] : STATUSES_V2,
    types,
    vmParameter: v8 ? 'ResourceId' : 'VmId',
    supportsDisplay: !v8,
  };
}

/**
 * The version whose words a question is read with before the appliance has said which it serves
 * (`auto`): the newest the bot knows, which is also what `auto` finds on a current appliance.
 */
export function versionBeforeAsking(setting: ApiVersion | 'auto'): ApiVersion {
  return setting === 'auto' ? 'v8.1' : setting;
}

export function isApiVersion(value: string): value is ApiVersion {
  return (API_VERSIONS as readonly string[]).includes(value);
}
