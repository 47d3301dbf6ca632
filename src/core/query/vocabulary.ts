import type { JobStatus, SessionVocabulary } from '../sessions/api-version';

/**
 * The bot's own words and the API values they stand for. The parser and the help text both read these
 * tables, so help can never promise a word the parser does not know.
 */

export type StatusWord = { words: string[]; statuses: JobStatus[]; help: string };

export const STATUS_WORDS: StatusWord[] = [
  {
    words: ['running with warnings', 'running with warning', 'still running with warnings'],
    statuses: ['RunningWithWarning'],
    help: 'running with warnings',
  },
  {
    words: ['running with errors', 'running with error', 'running with failures'],
    statuses: ['RunningWithError'],
    help: 'running with errors',
  },
  {
    words: [
      'failed',
      'fail',
      'fails',
      'failing',
      'failure',
      'failures',
      'error',
      'errors',
      'errored',
      'broken',
      'failed-over',
    ],
    statuses: ['Error', 'RunningWithError'],
    help: 'failed',
  },
  {
    words: ['warning', 'warnings', 'warn', 'warned'],
    statuses: ['Warning', 'RunningWithWarning'],
    help: 'warning',
  },
  {
    words: ['problems', 'problem', 'unsuccessful', 'problematic', 'went wrong', 'go wrong', 'issues', 'bad'],
    statuses: ['Error', 'RunningWithError', 'Warning', 'RunningWithWarning'],
    help: 'problems',
  },
  {
    words: [
      'success',
      'successes',
      'succeeded',
      'successful',
      'successfully',
      'ok',
      'okay',
      'succeed',
      'passed',
      'good',
      'green',
    ],
    statuses: ['Success'],
    help: 'succeeded',
  },
  {
    words: [
      'running',
      'active',
      'ongoing',
      'in-progress',
      'in progress',
      'still running',
      'stuck',
      'hanging',
      'hung',
    ],
    statuses: ['Running', 'RunningWithWarning', 'RunningWithError', 'Canceling'],
    help: 'running',
  },
  { words: ['pending', 'queued', 'waiting'], statuses: ['Pending'], help: 'pending' },
  {
    words: ['canceled', 'cancelled', 'aborted', 'stopped'],
    statuses: ['Canceled'],
    help: 'canceled',
  },
  {
    words: ['never executed', 'never ran', 'never-executed'],
    statuses: ['NeverExecuted'],
    help: 'never executed',
  },
];

export type TypeWord = { words: string[]; help: string; select: (type: string) => boolean };

export const TYPE_WORDS: TypeWord[] = [
  // Precise phrases first: "snapshot retention" is one kind of retention, not snapshots plus retention.
  {
    words: ['snapshot retention', 'snapshot retentions'],
    help: 'snapshot retention',
    select: (t) => /SnapshotRetention$/.test(t),
  },
  {
    words: ['backup retention', 'backup retentions'],
    help: 'backup retention',
    select: (t) => t === 'BackupRetention',
  },
  {
    words: ['snapshot deletion', 'snapshot deletions'],
    help: 'snapshot deletions',
    select: (t) => t === 'SnapshotDeletion' || t === 'ManualSnapshotDeletion',
  },
  {
    words: ['manual snapshot', 'manual snapshots'],
    help: 'manual snapshots',
    select: (t) => t === 'ManualSnapshot',
  },
  { words: ['vm restore', 'vm restores'], help: 'VM restores', select: (t) => t === 'RestoreVms' },
  { words: ['disk restore', 'disk restores'], help: 'disk restores', select: (t) => t === 'RestoreDisks' },
  {
    words: ['sql', 'sql database', 'sql databases', 'azure sql'],
    help: 'SQL',
    select: (t) => t.startsWith('Sql'),
  },
  {
    words: ['cosmos db', 'cosmosdb', 'cosmos'],
    help: 'Cosmos DB',
    select: (t) => t.startsWith('CosmosDb'),
  },
  {
    words: ['file share', 'file shares', 'fileshare', 'fileshares', 'azure files'],
    help: 'file shares',
    select: (t) => t.startsWith('FileShare'),
  },
  {
    words: ['vnet', 'vnets', 'virtual network', 'virtual networks'],
    help: 'VNet',
    select: (t) => t.startsWith('Vnet'),
  },
  {
    words: ['configuration backup', 'configuration backups', 'config backup', 'config backups'],
    help: 'configuration backups',
    select: (t) => t.startsWith('ConfigurationBackup'),
  },
  {
    words: ['snapshot', 'snapshots'],
    help: 'snapshots',
    // Taking a snapshot, not deleting or expiring one.
    select: (t) => /^(Policy|Manual|FileSharePolicy|FileShareManual)Snapshot$/.test(t),
  },
  {
    words: ['restore', 'restores', 'restored', 'recovery', 'recoveries', 'restoring'],
    help: 'restores',
    select: (t) => /Restore(Vms|Disks)?$/.test(t) && !t.includes('DataRetrieval'),
  },
  {
    words: ['file-level restore', 'file-level restores', 'file restore', 'file restores', 'flr'],
    help: 'file-level restores',
    select: (t) => t === 'FileLevelRestore' || t === 'FileShareFileRestore',
  },
  { words: ['retention', 'retentions'], help: 'retention', select: (t) => t.endsWith('Retention') },
  {
    words: ['deletion', 'deletions', 'delete', 'deletes'],
    help: 'deletions',
    select: (t) => t.endsWith('Deletion'),
  },
  {
    words: ['archive', 'archives', 'archiving', 'archived'],
    help: 'archive',
    select: (t) => t.endsWith('Archive'),
  },
  {
    words: ['repository', 'repositories', 'repo', 'repos'],
    help: 'repository',
    select: (t) => t.startsWith('Repository'),
  },
  {
    words: ['policy backup', 'policy backups', 'scheduled backups'],
    help: 'policy backups',
    select: (t) => t === 'PolicyBackup',
  },
];

/**
 * Looks a status word or API status name up; null when unknown in this API version. In prose a word wins
 * ("error" means every failed state); in `status:` the API's own spelling wins (`status:Error` is exactly
 * Error, `status:error` is the word).
 */
export function statusesForWord(
  word: string,
  profile: SessionVocabulary,
  preferApiName = false,
): JobStatus[] | null {
  const lower = word.toLowerCase();
  const exact = profile.statuses.find((s) => s.toLowerCase() === lower);
  if (exact && preferApiName && exact === word) return [exact];
  const entry = STATUS_WORDS.find((e) => e.words.includes(lower));
  if (entry) return entry.statuses.filter((s) => profile.statuses.includes(s));
  return exact ? [exact] : null;
}

/**
 * Looks a type word or API type name up. An empty array means the word is known but this API version has
 * no such sessions (archive on v2).
 */
export function typesForWord(word: string, profile: SessionVocabulary): string[] | null {
  const lower = word.toLowerCase();
  const entry = TYPE_WORDS.find((e) => e.words.includes(lower));
  if (entry) return profile.types.filter(entry.select);
  const exact = profile.types.find((t) => t.toLowerCase() === lower);
  return exact ? [exact] : null;
}

/** The vocabulary's phrases of two words or more, longest first, split into words once: the parser tries
 * them at every word of every question. */
export const MULTI_WORD_PHRASES: readonly string[][] = [
  ...STATUS_WORDS.flatMap((e) => e.words),
  ...TYPE_WORDS.flatMap((e) => e.words),
]
  .filter((w) => w.includes(' '))
  .map((w) => w.split(' '))
  .sort((a, b) => b.length - a.length);
