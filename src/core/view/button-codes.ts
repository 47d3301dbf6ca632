import type { SessionVocabulary } from '../sessions/api-version';

/**
 * Statuses and session types as they travel in buttons: a number each that never changes. The list only
 * ever grows at its end; a button made before a new API version still means what it meant, and a test
 * pins every code. A new API version's new values are appended; a test fails while any value some
 * version lists has no code here.
 */
const CODED_VALUES: readonly string[] = [
  // Statuses (0–10)
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
  'Unknown',
  // Session types of API v2 (11–27)
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
  // Session types added by API v7/v8 (28–)
  'PolicyArchive',
  'SnapshotBackup',
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
];

const CODES = new Map(CODED_VALUES.map((v, i) => [v, i]));

export function codeOfValue(value: string): number | null {
  return CODES.get(value) ?? null;
}

export function valueOfCode(code: number): string | null {
  return CODED_VALUES[code] ?? null;
}

/** Values the given vocabularies list that have no code yet: a test keeps this empty for every version. */
export function valuesWithoutCode(vocabularies: readonly SessionVocabulary[]): string[] {
  const all = vocabularies.flatMap((p) => [...p.statuses, ...p.types]);
  return [...new Set(all)].filter((v) => !CODES.has(v));
}
