import type { ApiVersion, JobStatus, SessionVocabulary } from '../core/sessions/api-version';

/**
 * Everything that differs between versions of the Veeam Backup for Microsoft Azure REST API, one record per
 * version. The client builds its requests from these records, the simulator checks requests against them,
 * and the core receives only each record's vocabulary (the statuses and types a question may use).
 * Sources are those of ../shared/veeam-api/README.md ([D…] documentation, [C…] public code);
 * test/veeam/api-versions.test.ts checks the records against ../shared/veeam-api/openapi-reconstructed.json.
 */
export type ApiVersionRecord = {
  version: ApiVersion;
  /** Values of `Status` (and of a session's `status`). */
  statuses: readonly JobStatus[];
  /** Values of `Types` (and of a session's `type`; the appliance may send others, which are read as they are). */
  types: readonly string[];
  /** The name of the VM filter: `VmId` (a UUID) until v7, `ResourceId` (a string) from v8 on. */
  vmParameter: 'VmId' | 'ResourceId';
  /** Whether `Display=Full|Grouped` exists (gone from v8 on). */
  display: boolean;
  /** Whether the free-text `Filter` parameter exists (new in v8). */
  textFilter: boolean;
  /** The smallest `Limit` accepted: 0, or -1 ("all items") from v8 on. */
  minLimit: 0 | -1;
  /** What `Limit` is when none is sent: 100 in the current docs [D9]. */
  defaultLimit: number;
  /** Values of `ProtectionStatus` on `/virtualMachines` [D24]. */
  protectionStatuses: readonly string[];
  /** Where protected VMs are listed with their `lastBackup`; null where no source shows the list. */
  protectedVmsPath: 'protectedItem/virtualMachines' | null;
  /** The info blocks a session item may carry in this version; the first with a name names the row. */
  infoBlocks: readonly string[];
  /** Where the facts of this record come from. */
  sources: readonly string[];
};

// [D1][D2][D4]: the same ten in v1 to v7.
const STATUSES_V2: readonly JobStatus[] = [
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
];

// [D6][C8]: v8 adds Unknown.
const STATUSES_V8: readonly JobStatus[] = [...STATUSES_V2, 'Unknown'];

// [D1][D3][D4][D5]: 17 values, identical in v1 to v3.
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

// [D6] lists JobSessionFilterType only in part; the values public scripts send as Types= against v7 and v8
// [C4][C7] are added after them, since the appliance accepted them there.
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

// [D7]: since v1.
const INFO_BLOCKS_V2 = ['backupJobInfo', 'restoreJobInfo', 'fileLevelRestoreJobInfo', 'repositoryJobInfo'];
// [D5]: v3 adds these two.
const INFO_BLOCKS_V3 = [...INFO_BLOCKS_V2, 'restorePointDataRetrievalJobInfo', 'retentionJobInfo'];
// [C8]: the v8.1 JobSession model adds the health check and the file-share restore.
const INFO_BLOCKS_V8 = [...INFO_BLOCKS_V3, 'healthCheckJobInfo', 'fileShareFileLevelRestoreJobInfo'];

const BEFORE_V8 = {
  statuses: STATUSES_V2,
  vmParameter: 'VmId',
  display: true,
  textFilter: false,
  minLimit: 0,
  defaultLimit: 100,
  protectionStatuses: ['Protected', 'Unprotected'],
  protectedVmsPath: null,
} as const;

const FROM_V8 = {
  statuses: STATUSES_V8,
  types: TYPES_V8,
  vmParameter: 'ResourceId',
  display: false,
  textFilter: true,
  minLimit: -1,
  defaultLimit: 100,
  // [D24]: v8 adds Unknown.
  protectionStatuses: ['Protected', 'Unprotected', 'Unknown'],
  // [C7][C8]: protected VMs and their lastBackup under /protectedItem/virtualMachines from v7 on.
  protectedVmsPath: 'protectedItem/virtualMachines',
  infoBlocks: INFO_BLOCKS_V8,
} as const;

export const API_VERSION_RECORDS: Readonly<Record<ApiVersion, ApiVersionRecord>> = {
  v2: {
    version: 'v2',
    ...BEFORE_V8,
    types: TYPES_V2,
    infoBlocks: INFO_BLOCKS_V2,
    sources: ['D1', 'D4', 'D7'],
  },
  v3: {
    version: 'v3',
    ...BEFORE_V8,
    types: TYPES_V2,
    infoBlocks: INFO_BLOCKS_V3,
    sources: ['D2', 'D3', 'D5'],
  },
  // v4 to v6: the docs show the v3 list call unchanged [D19][C11].
  v4: { version: 'v4', ...BEFORE_V8, types: TYPES_V2, infoBlocks: INFO_BLOCKS_V3, sources: ['D19', 'C11'] },
  v5: { version: 'v5', ...BEFORE_V8, types: TYPES_V2, infoBlocks: INFO_BLOCKS_V3, sources: ['D19', 'C11'] },
  v6: { version: 'v6', ...BEFORE_V8, types: TYPES_V2, infoBlocks: INFO_BLOCKS_V3, sources: ['D19', 'C11'] },
  // v7 scripts already send the v8 workload types (SQL, Cosmos DB, VNet) [C4], and still VmId.
  v7: {
    version: 'v7',
    ...BEFORE_V8,
    types: TYPES_V8,
    infoBlocks: INFO_BLOCKS_V3,
    protectedVmsPath: 'protectedItem/virtualMachines',
    sources: ['D11', 'C4', 'C7'],
  },
  v8: { version: 'v8', ...FROM_V8, sources: ['D6', 'D17'] },
  'v8.1': { version: 'v8.1', ...FROM_V8, sources: ['C6', 'C7', 'C8'] },
};

// One object per version, so that a query's vocabulary compares by reference and costs nothing to carry.
const VOCABULARIES = new Map<ApiVersionRecord, SessionVocabulary>(
  Object.values(API_VERSION_RECORDS).map((r) => [
    r,
    { version: r.version, statuses: r.statuses, types: r.types },
  ]),
);

export function apiVersionRecord(version: ApiVersion): ApiVersionRecord {
  return API_VERSION_RECORDS[version];
}

/** What the core may know of a version: the words a question may use. */
export function vocabularyOf(version: ApiVersion): SessionVocabulary {
  const record = API_VERSION_RECORDS[version];
  return VOCABULARIES.get(record) as SessionVocabulary;
}
