import { parseSessionQuery } from '../../../src/core/query/parse-session-query';
import { QUERY_RULES } from '../../../src/core/query/query-rules';
import { USAGE_EXAMPLES } from '../../../src/core/query/usage';
import type { ApiVersion } from '../../../src/core/sessions/api-version';
import { vocabularyOf } from '../../../src/veeam/api-versions';
import { V2_VOCABULARY } from '../../factories/sessions';

// Expected API values, spelled out (not read from the vocabulary, so a vocabulary change must change a spec).
const ERR = ['Error', 'RunningWithError'];
const WARN = ['Warning', 'RunningWithWarning'];
const OK = ['Success'];
const RUN = ['Running', 'RunningWithWarning', 'RunningWithError', 'Canceling'];
const CANCELED = ['Canceled'];
const SNAP = ['ManualSnapshot', 'PolicySnapshot'];
const RESTORE = ['RestoreDisks', 'FileLevelRestore', 'RestoreVms'];
const RETENTION = [
  'BackupRetention',
  'ObsoleteSnapshotRetention',
  'InvalidSnapshotRetention',
  'OrphanedSnapshotRetention',
];
const DELETION = ['BackupDeletion', 'SnapshotDeletion', 'RepositoryDeletion', 'ManualSnapshotDeletion'];
const REPO = ['RepositoryCreation', 'RepositoryDeletion', 'RepositoryEdit'];

// Sunday 29 Nov 2026, 10:00 UTC: 11:00 in Berlin, 05:00 in New York, Monday 00:00 on Kiritimati (UTC+14) at 12:00 UTC.
const SUN = '2026-11-29T10:00:00Z';
const BERLIN = 'Europe/Berlin';
const NY = 'America/New_York';

type Row = {
  text: string;
  tz?: string;
  now?: string;
  version?: ApiVersion;
  status?: string[];
  types?: string[];
  from?: string | null;
  to?: string | null;
  policy?: string;
  vm?: string;
  name?: string;
};

const rows: Row[] = [
  // Status words (Berlin, Sunday 11:00 local)
  { text: 'failed today', status: ERR, from: '2026-11-28T23:00:00Z' },
  { text: 'FAILED TODAY', status: ERR, from: '2026-11-28T23:00:00Z' },
  { text: 'failures', status: ERR },
  { text: 'errors', status: ERR },
  { text: 'errored sessions', status: ERR },
  { text: 'fail', status: ERR },
  { text: 'failing jobs', status: ERR },
  { text: 'warnings', status: WARN },
  { text: 'warning', status: WARN },
  { text: 'warned', status: WARN },
  { text: 'success', status: OK },
  { text: 'succeeded', status: OK },
  { text: 'successful', status: OK },
  { text: 'ok', status: OK },
  { text: 'running', status: RUN },
  { text: 'in progress', status: RUN },
  { text: 'still running', status: RUN },
  { text: 'what is running right now', status: RUN },
  { text: 'anything running?', status: RUN },
  { text: 'canceled', status: CANCELED },
  {
    text: 'cancelled jobs yesterday',
    status: CANCELED,
    from: '2026-11-27T23:00:00Z',
    to: '2026-11-28T23:00:00Z',
  },
  { text: 'pending', status: ['Pending'] },
  { text: 'queued', status: ['Pending'] },
  { text: 'never executed', status: ['NeverExecuted'] },
  { text: 'problems today', status: [...ERR, ...WARN], from: '2026-11-28T23:00:00Z' },
  { text: 'failed and warnings', status: [...ERR, ...WARN] },
  { text: 'RunningWithError', status: ['RunningWithError'] },
  { text: 'status:Error', status: ['Error'] },
  { text: 'status:error,warning', status: [...ERR, ...WARN] },
  { text: 'status:Error,Warning', status: ['Error', 'Warning'] },
  { text: 'status:failed,warning', status: [...ERR, ...WARN] },
  { text: 'status:Failed', status: ERR },
  { text: 'status:"running"', status: RUN },
  { text: 'status:failed,Running', status: [...ERR, 'Running'] },
  { text: 'show me any failed backups please?', status: ERR },
  { text: 'what failed yesterday?', status: ERR, from: '2026-11-27T23:00:00Z', to: '2026-11-28T23:00:00Z' },
  { text: 'any errors?', status: ERR },
  { text: 'hey, anything failed today?', status: ERR, from: '2026-11-28T23:00:00Z' },
  // Type words
  { text: 'snapshots', types: SNAP },
  { text: 'snapshot sessions in the last 6 hours', types: SNAP, from: '2026-11-29T04:00:00Z' },
  { text: 'restores last week', types: RESTORE, from: '2026-11-15T23:00:00Z', to: '2026-11-22T23:00:00Z' },
  { text: 'restore', types: RESTORE },
  { text: 'recoveries', types: RESTORE },
  { text: 'file-level restores', types: ['FileLevelRestore'] },
  { text: 'retention today', types: RETENTION, from: '2026-11-28T23:00:00Z' },
  { text: 'deletions this month', types: DELETION, from: '2026-10-31T23:00:00Z' },
  { text: 'repository yesterday', types: REPO, from: '2026-11-27T23:00:00Z', to: '2026-11-28T23:00:00Z' },
  { text: 'policy backups today', types: ['PolicyBackup'], from: '2026-11-28T23:00:00Z' },
  { text: 'type:PolicyBackup', types: ['PolicyBackup'] },
  { text: 'type:PolicyBackup,PolicySnapshot', types: ['PolicyBackup', 'PolicySnapshot'] },
  { text: 'types:autobackup', types: ['AutoBackup'] },
  { text: 'PolicySnapshot', types: ['PolicySnapshot'] },
  { text: 'failed snapshots last 24h', status: ERR, types: SNAP, from: '2026-11-28T10:00:00Z' },
  { text: 'failed restores since yesterday', status: ERR, types: RESTORE, from: '2026-11-27T23:00:00Z' },
  { text: 'successful restores this week', status: OK, types: RESTORE, from: '2026-11-22T23:00:00Z' },
  // Days and ranges, Berlin
  { text: 'today', from: '2026-11-28T23:00:00Z' },
  { text: 'yesterday', from: '2026-11-27T23:00:00Z', to: '2026-11-28T23:00:00Z' },
  { text: 'monday', from: '2026-11-22T23:00:00Z', to: '2026-11-23T23:00:00Z' },
  { text: 'on Monday', from: '2026-11-22T23:00:00Z', to: '2026-11-23T23:00:00Z' },
  { text: 'mon', from: '2026-11-22T23:00:00Z', to: '2026-11-23T23:00:00Z' },
  { text: 'sunday', from: '2026-11-28T23:00:00Z', to: '2026-11-29T23:00:00Z' },
  { text: 'saturday', from: '2026-11-27T23:00:00Z', to: '2026-11-28T23:00:00Z' },
  { text: 'last sunday', from: '2026-11-21T23:00:00Z', to: '2026-11-22T23:00:00Z' },
  { text: 'last monday', from: '2026-11-22T23:00:00Z', to: '2026-11-23T23:00:00Z' },
  { text: 'since monday', from: '2026-11-22T23:00:00Z' },
  { text: 'since Monday?', from: '2026-11-22T23:00:00Z' },
  { text: 'since:monday', from: '2026-11-22T23:00:00Z' },
  { text: 'this week', from: '2026-11-22T23:00:00Z' },
  { text: 'last week', from: '2026-11-15T23:00:00Z', to: '2026-11-22T23:00:00Z' },
  { text: 'previous week', from: '2026-11-15T23:00:00Z', to: '2026-11-22T23:00:00Z' },
  { text: 'this month', from: '2026-10-31T23:00:00Z' },
  { text: 'last month', from: '2026-09-30T22:00:00Z', to: '2026-10-31T23:00:00Z' },
  { text: 'this year', from: '2025-12-31T23:00:00Z' },
  { text: 'since last week', from: '2026-11-15T23:00:00Z' },
  { text: '2026-11-03', from: '2026-11-02T23:00:00Z', to: '2026-11-03T23:00:00Z' },
  { text: 'on 2026-11-03', from: '2026-11-02T23:00:00Z', to: '2026-11-03T23:00:00Z' },
  { text: 'Nov 3', from: '2026-11-02T23:00:00Z', to: '2026-11-03T23:00:00Z' },
  { text: 'november 3rd', from: '2026-11-02T23:00:00Z', to: '2026-11-03T23:00:00Z' },
  { text: '3 November', from: '2026-11-02T23:00:00Z', to: '2026-11-03T23:00:00Z' },
  { text: '3rd of November', from: '2026-11-02T23:00:00Z', to: '2026-11-03T23:00:00Z' },
  { text: 'Nov 3, 2026', from: '2026-11-02T23:00:00Z', to: '2026-11-03T23:00:00Z' },
  { text: '3 Nov 2025', from: '2025-11-02T23:00:00Z', to: '2025-11-03T23:00:00Z' },
  { text: 'dec 25', from: '2025-12-24T23:00:00Z', to: '2025-12-25T23:00:00Z' },
  { text: 'since nov 3', from: '2026-11-02T23:00:00Z' },
  { text: 'since:2026-11-01', from: '2026-10-31T23:00:00Z' },
  { text: 'from:2026-11-01 to:2026-11-07', from: '2026-10-31T23:00:00Z', to: '2026-11-07T23:00:00Z' },
  { text: 'to:2026-11-07', to: '2026-11-07T23:00:00Z' },
  { text: 'from 2026-11-01 to 2026-11-07', from: '2026-10-31T23:00:00Z', to: '2026-11-07T23:00:00Z' },
  { text: 'between Nov 3 and Nov 5', from: '2026-11-02T23:00:00Z', to: '2026-11-05T23:00:00Z' },
  { text: 'between 2026-11-01 and 2026-11-07', from: '2026-10-31T23:00:00Z', to: '2026-11-07T23:00:00Z' },
  { text: 'from 3 nov to 5 nov', from: '2026-11-02T23:00:00Z', to: '2026-11-05T23:00:00Z' },
  {
    text: 'warnings between monday and wednesday',
    status: WARN,
    from: '2026-11-22T23:00:00Z',
    to: '2026-11-25T23:00:00Z',
  },
  {
    text: 'failed from monday until wednesday',
    status: ERR,
    from: '2026-11-22T23:00:00Z',
    to: '2026-11-25T23:00:00Z',
  },
  { text: 'from monday to now', from: '2026-11-22T23:00:00Z', to: SUN },
  {
    text: 'show me the warnings from yesterday',
    status: WARN,
    from: '2026-11-27T23:00:00Z',
    to: '2026-11-28T23:00:00Z',
  },
  { text: 'before monday', to: '2026-11-22T23:00:00Z' },
  { text: 'until monday', to: '2026-11-23T23:00:00Z' },
  { text: 'after monday', from: '2026-11-23T23:00:00Z' },
  { text: 'since 2026-11-03T08:00:00Z', from: '2026-11-03T08:00:00Z' },
  { text: 'since 2026-11-03T08:00:00+05:00', from: '2026-11-03T03:00:00Z' },
  { text: 'since 2026-11-03T08:00', from: '2026-11-03T07:00:00Z' },
  { text: 'since yesterday 18:00', from: '2026-11-28T17:00:00Z' },
  { text: 'since monday at 8am', from: '2026-11-23T07:00:00Z' },
  { text: 'since 08:00', from: '2026-11-29T07:00:00Z' },
  { text: 'errors since 8am', status: ERR, from: '2026-11-29T07:00:00Z' },
  { text: 'since 8 am', from: '2026-11-29T07:00:00Z' },
  { text: 'since 18:00', from: '2026-11-28T17:00:00Z' },
  { text: 'since 3 hours ago', from: '2026-11-29T07:00:00Z' },
  { text: 'since 2 days ago', from: '2026-11-27T10:00:00Z' },
  // Rolling windows count back from now exactly
  { text: 'last 24h', from: '2026-11-28T10:00:00Z' },
  { text: 'last 24 hours', from: '2026-11-28T10:00:00Z' },
  { text: 'past 3 days', from: '2026-11-26T10:00:00Z' },
  { text: 'last 90 minutes', from: '2026-11-29T08:30:00Z' },
  { text: 'last 90m', from: '2026-11-29T08:30:00Z' },
  { text: 'in the last 6 hours', from: '2026-11-29T04:00:00Z' },
  { text: 'for the last 6 hours', from: '2026-11-29T04:00:00Z' },
  { text: 'within the past two hours', from: '2026-11-29T08:00:00Z' },
  { text: 'past hour', from: '2026-11-29T09:00:00Z' },
  { text: 'last hour', from: '2026-11-29T09:00:00Z' },
  { text: 'last day', from: '2026-11-28T10:00:00Z' },
  { text: 'past week', from: '2026-11-22T10:00:00Z' },
  { text: 'last 2 weeks', from: '2026-11-15T10:00:00Z' },
  { text: 'since:24h', from: '2026-11-28T10:00:00Z' },
  { text: 'since 3 days', from: '2026-11-26T10:00:00Z' },
  // Policies, VMs and bare names
  { text: 'policy:"Prod VMs"', policy: 'Prod VMs' },
  { text: "policy:'Prod VMs' failed", policy: 'Prod VMs', status: ERR },
  { text: 'policy:“Prod VMs” failed', policy: 'Prod VMs', status: ERR },
  { text: 'policy Prod VMs failed', policy: 'Prod VMs', status: ERR },
  { text: 'vm:web-01', vm: 'web-01' },
  { text: 'VM web-01 yesterday', vm: 'web-01', from: '2026-11-27T23:00:00Z', to: '2026-11-28T23:00:00Z' },
  {
    text: 'any failed backups for vm web-01 since Monday?',
    vm: 'web-01',
    status: ERR,
    from: '2026-11-22T23:00:00Z',
  },
  {
    text: 'any failed backups for web-01 since Monday?',
    name: 'web-01',
    status: ERR,
    from: '2026-11-22T23:00:00Z',
  },
  { text: 'web-01 failed', name: 'web-01', status: ERR },
  { text: 'failed on sql-03', name: 'sql-03', status: ERR },
  {
    text: '"Prod VMs" failed yesterday',
    name: 'Prod VMs',
    status: ERR,
    from: '2026-11-27T23:00:00Z',
    to: '2026-11-28T23:00:00Z',
  },
  { text: 'failed for Prod VMs since monday', name: 'Prod VMs', status: ERR, from: '2026-11-22T23:00:00Z' },
  { text: 'for today', from: '2026-11-28T23:00:00Z' },
  {
    text: 'status:failed,warning type:PolicyBackup policy:"Prod VMs" vm:web-01 from:2026-11-01 to:2026-11-07',
    status: [...ERR, ...WARN],
    types: ['PolicyBackup'],
    policy: 'Prod VMs',
    vm: 'web-01',
    from: '2026-10-31T23:00:00Z',
    to: '2026-11-07T23:00:00Z',
  },
  { text: 'policy:"Prod VMs', policy: 'Prod VMs' },
  // New York: EST in late November; DST ended on Sunday 1 Nov 2026 (a 25-hour day)
  { text: 'today', tz: NY, from: '2026-11-29T05:00:00Z' },
  { text: 'yesterday', tz: NY, from: '2026-11-28T05:00:00Z', to: '2026-11-29T05:00:00Z' },
  { text: 'sunday', tz: NY, from: '2026-11-29T05:00:00Z', to: '2026-11-30T05:00:00Z' },
  { text: 'since monday', tz: NY, from: '2026-11-23T05:00:00Z' },
  { text: '2026-11-01', tz: NY, from: '2026-11-01T04:00:00Z', to: '2026-11-02T05:00:00Z' },
  { text: 'Nov 1', tz: NY, from: '2026-11-01T04:00:00Z', to: '2026-11-02T05:00:00Z' },
  { text: 'this month', tz: NY, from: '2026-11-01T04:00:00Z' },
  { text: 'last month', tz: NY, from: '2026-10-01T04:00:00Z', to: '2026-11-01T04:00:00Z' },
  { text: 'last 24h', tz: NY, from: '2026-11-28T10:00:00Z' },
  { text: 'since 8am', tz: NY, from: '2026-11-28T13:00:00Z' },
  // New York, spring forward on Sunday 8 Mar 2026 (a 23-hour day), asked Monday 11:00 EDT
  {
    text: 'yesterday',
    tz: NY,
    now: '2026-03-09T15:00:00Z',
    from: '2026-03-08T05:00:00Z',
    to: '2026-03-09T04:00:00Z',
  },
  {
    text: 'sunday',
    tz: NY,
    now: '2026-03-09T15:00:00Z',
    from: '2026-03-08T05:00:00Z',
    to: '2026-03-09T04:00:00Z',
  },
  { text: 'today', tz: NY, now: '2026-03-09T15:00:00Z', from: '2026-03-09T04:00:00Z' },
  { text: 'last 24 hours', tz: NY, now: '2026-03-09T15:00:00Z', from: '2026-03-08T15:00:00Z' },
  {
    text: 'failed this week',
    tz: NY,
    now: '2026-03-09T15:00:00Z',
    status: ERR,
    from: '2026-03-09T04:00:00Z',
  },
  {
    text: 'last week',
    tz: NY,
    now: '2026-03-09T15:00:00Z',
    from: '2026-03-02T05:00:00Z',
    to: '2026-03-09T04:00:00Z',
  },
  // Berlin, spring forward on Sunday 29 Mar 2026, asked Monday 12:00 CEST
  {
    text: 'yesterday',
    tz: BERLIN,
    now: '2026-03-30T10:00:00Z',
    from: '2026-03-28T23:00:00Z',
    to: '2026-03-29T22:00:00Z',
  },
  {
    text: '2026-03-29',
    tz: BERLIN,
    now: '2026-03-30T10:00:00Z',
    from: '2026-03-28T23:00:00Z',
    to: '2026-03-29T22:00:00Z',
  },
  { text: 'today', tz: BERLIN, now: '2026-03-30T10:00:00Z', from: '2026-03-29T22:00:00Z' },
  {
    text: 'last week',
    tz: BERLIN,
    now: '2026-03-30T10:00:00Z',
    from: '2026-03-22T23:00:00Z',
    to: '2026-03-29T22:00:00Z',
  },
  { text: 'since saturday', tz: BERLIN, now: '2026-03-30T10:00:00Z', from: '2026-03-27T23:00:00Z' },
  {
    text: 'failed today',
    tz: BERLIN,
    now: '2026-03-29T12:00:00Z',
    status: ERR,
    from: '2026-03-28T23:00:00Z',
  },
  // Berlin, fall back on Sunday 25 Oct 2026 (a 25-hour day), asked Monday 10:00 CET
  {
    text: 'yesterday',
    tz: BERLIN,
    now: '2026-10-26T09:00:00Z',
    from: '2026-10-24T22:00:00Z',
    to: '2026-10-25T23:00:00Z',
  },
  {
    text: 'Oct 25',
    tz: BERLIN,
    now: '2026-10-26T09:00:00Z',
    from: '2026-10-24T22:00:00Z',
    to: '2026-10-25T23:00:00Z',
  },
  { text: 'last 48 hours', tz: BERLIN, now: '2026-10-26T09:00:00Z', from: '2026-10-24T09:00:00Z' },
  { text: 'this month', tz: BERLIN, now: '2026-10-26T09:00:00Z', from: '2026-09-30T22:00:00Z' },
  // Kiritimati, UTC+14: at 12:00 UTC on Sunday it is already Monday 02:00
  { text: 'today', tz: 'Pacific/Kiritimati', now: '2026-11-29T12:00:00Z', from: '2026-11-29T10:00:00Z' },
  {
    text: 'yesterday',
    tz: 'Pacific/Kiritimati',
    now: '2026-11-29T12:00:00Z',
    from: '2026-11-28T10:00:00Z',
    to: '2026-11-29T10:00:00Z',
  },
  {
    text: 'monday',
    tz: 'Pacific/Kiritimati',
    now: '2026-11-29T12:00:00Z',
    from: '2026-11-29T10:00:00Z',
    to: '2026-11-30T10:00:00Z',
  },
  {
    text: 'sunday',
    tz: 'Pacific/Kiritimati',
    now: '2026-11-29T12:00:00Z',
    from: '2026-11-28T10:00:00Z',
    to: '2026-11-29T10:00:00Z',
  },
  { text: 'this week', tz: 'Pacific/Kiritimati', now: '2026-11-29T12:00:00Z', from: '2026-11-29T10:00:00Z' },
  {
    text: 'last week',
    tz: 'Pacific/Kiritimati',
    now: '2026-11-29T12:00:00Z',
    from: '2026-11-22T10:00:00Z',
    to: '2026-11-29T10:00:00Z',
  },
  { text: 'this month', tz: 'Pacific/Kiritimati', now: '2026-11-29T12:00:00Z', from: '2026-10-31T10:00:00Z' },
  {
    text: 'Nov 30',
    tz: 'Pacific/Kiritimati',
    now: '2026-11-29T12:00:00Z',
    from: '2026-11-29T10:00:00Z',
    to: '2026-11-30T10:00:00Z',
  },
  {
    text: 'Dec 1',
    tz: 'Pacific/Kiritimati',
    now: '2026-11-29T12:00:00Z',
    from: '2025-11-30T10:00:00Z',
    to: '2025-12-01T10:00:00Z',
  },
  {
    text: 'since 01:00',
    tz: 'Pacific/Kiritimati',
    now: '2026-11-29T12:00:00Z',
    from: '2026-11-29T11:00:00Z',
  },
  {
    text: 'since 03:00',
    tz: 'Pacific/Kiritimati',
    now: '2026-11-29T12:00:00Z',
    from: '2026-11-28T13:00:00Z',
  },
  // Other zones
  { text: 'today', tz: 'Asia/Kolkata', from: '2026-11-28T18:30:00Z' },
  { text: 'yesterday', tz: 'Asia/Kolkata', from: '2026-11-27T18:30:00Z', to: '2026-11-28T18:30:00Z' },
  { text: 'today', tz: 'UTC', from: '2026-11-29T00:00:00Z' },
  { text: 'this month', tz: 'UTC', from: '2026-11-01T00:00:00Z' },
  { text: 'today', tz: 'Australia/Sydney', from: '2026-11-28T13:00:00Z' },
  { text: 'last month', tz: 'Australia/Sydney', from: '2026-09-30T14:00:00Z', to: '2026-10-31T13:00:00Z' },
  {
    text: 'failed yesterday',
    tz: 'America/Los_Angeles',
    status: ERR,
    from: '2026-11-28T08:00:00Z',
    to: '2026-11-29T08:00:00Z',
  },
  // Version-specific vocabulary
  { text: 'archive', version: 'v8.1', types: ['PolicyArchive', 'SqlPolicyArchive', 'CosmosDbPolicyArchive'] },
  {
    text: 'snapshots',
    version: 'v8',
    types: ['ManualSnapshot', 'PolicySnapshot', 'FileSharePolicySnapshot', 'FileShareManualSnapshot'],
  },
  { text: 'status:unknown', version: 'v8.1', status: ['Unknown'] },
  { text: 'type:SqlPolicyBackup', version: 'v8.1', types: ['SqlPolicyBackup'] },
  {
    text: 'restores',
    version: 'v8.1',
    types: [
      'RestoreDisks',
      'RestoreVms',
      'FileLevelRestore',
      'SqlRestore',
      'FileShareRestore',
      'FileShareFileRestore',
    ],
  },
];

const sorted = (values: string[]) => [...values].sort();

describe('reading a question into session filters', () => {
  it('covers at least 150 phrasings', () => {
    expect(rows.length).toBeGreaterThanOrEqual(150);
  });

  it.each(
    rows.map((r) => [
      `${r.text} [${r.tz ?? BERLIN}${r.now ? ` @ ${r.now}` : ''}${r.version ? ` ${r.version}` : ''}]`,
      r,
    ]),
  )('%s', (_label, row) => {
    const result = parseSessionQuery(row.text, {
      now: new Date(row.now ?? SUN),
      timeZone: row.tz ?? BERLIN,
      vocabulary: vocabularyOf(row.version ?? 'v2'),
    });
    if (result.kind !== 'query') throw new Error(`expected a query, got ${JSON.stringify(result)}`);
    const q = result.query;
    expect({
      status: sorted(q.statuses),
      types: sorted(q.types),
      from: q.fromUtc,
      to: q.toUtc,
      policy: q.policy,
      vm: q.vm,
      name: q.name,
    }).toEqual({
      status: sorted(row.status ?? []),
      types: sorted(row.types ?? []),
      from: row.from ?? null,
      to: row.to ?? null,
      policy: row.policy ?? null,
      vm: row.vm ?? null,
      name: row.name ?? null,
    });
  });
});

describe('text it cannot use gets a usage answer that says why', () => {
  // Every row names its version, so jest never mistakes a missing element for its `done` callback.
  const bad: [string, RegExp, ApiVersion][] = [
    ['status:exploded', /"exploded" is not a status/, 'v2'],
    ['type:Teleport', /"Teleport" is not a session type/, 'v2'],
    ['since 2026-13-45', /"2026-13-45" is not a valid date/, 'v2'],
    ['2026-02-30', /not a valid date/, 'v2'],
    ['Feb 30', /not a valid date/, 'v2'],
    ['blorp', /I don't know "blorp"/, 'v2'],
    ['failed flibbertigibbet yesterday', /"flibbertigibbet"/, 'v2'],
    ['yesterday today', /second time range/, 'v2'],
    ['since monday since tuesday', /second time range/, 'v2'],
    ['between monday', /needs two dates/, 'v2'],
    ['since', /needs a date or time/, 'v2'],
    ['last 0 hours', /empty window/, 'v2'],
    ['vm:web-01 vm:web-02', /one VM at a time/, 'v2'],
    ['between friday and monday', /ends before it starts/, 'v2'],
    ['archive', /API v2 has no archive sessions; this appliance serves v2/, 'v2'],
    ['type:PolicyArchive', /not a session type in API v2/, 'v2'],
    ['status:Unknown', /not a status/, 'v2'],
    ['colour:blue', /"colour:blue"/, 'v2'],
    ['failed today', /not a time zone/, 'v2'],
  ];
  it.each(bad)('%s', (text, message, version) => {
    const result = parseSessionQuery(text, {
      now: new Date(SUN),
      timeZone: text === 'failed today' ? 'Mars/Olympus_Mons' : BERLIN,
      vocabulary: vocabularyOf(version ?? 'v2'),
    });
    expect(result.kind).toBe('usage');
    if (result.kind === 'usage') expect(result.message).toMatch(message);
  });

  it('names every word it could not place', () => {
    const result = parseSessionQuery('failed zork yesterday plugh', {
      now: new Date(SUN),
      timeZone: BERLIN,
      vocabulary: V2_VOCABULARY,
    });
    expect(result).toMatchObject({ kind: 'usage', unknownWords: ['zork', 'plugh'] });
  });
});

describe('asking for help', () => {
  it.each(['help', '', '   ', '?', 'help me', '--help'])('"%s" is a request for help', (text) => {
    expect(
      parseSessionQuery(text, { now: new Date(SUN), timeZone: BERLIN, vocabulary: V2_VOCABULARY }),
    ).toEqual({ kind: 'help' });
  });

  it.each(QUERY_RULES.flatMap((r) => r.examples.map((e) => [r.name, e] as const)))(
    'the %s rule\'s example "%s" parses',
    (_rule, text) => {
      const r = parseSessionQuery(text, {
        now: new Date(SUN),
        timeZone: BERLIN,
        vocabulary: vocabularyOf('v8.1'),
      });
      expect(r.kind).toBe('query');
    },
  );

  it.each(USAGE_EXAMPLES)('the help example "%s" parses', (text) => {
    expect(
      parseSessionQuery(text, { now: new Date(SUN), timeZone: BERLIN, vocabulary: V2_VOCABULARY }).kind,
    ).toBe('query');
  });
});

describe('what the query remembers for titles', () => {
  it('keeps the zone it read the time in and a label of the time words', () => {
    const result = parseSessionQuery('failed yesterday', {
      now: new Date(SUN),
      timeZone: NY,
      vocabulary: V2_VOCABULARY,
    });
    expect(result).toMatchObject({
      kind: 'query',
      query: { timeZone: NY, timeLabel: 'yesterday', vocabulary: V2_VOCABULARY },
    });
  });
});
