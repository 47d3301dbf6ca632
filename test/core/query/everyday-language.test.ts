import { DateTime } from 'luxon';
import { parseSessionQuery } from '../../../src/core/query/parse-session-query';
import type { ApiVersion } from '../../../src/core/sessions/api-version';
import { vocabularyOf } from '../../../src/veeam/api-versions';

// What operators type, read in three zones at the same local moment, Monday 2 Nov 2026 10:00:
// - Europe/Berlin (UTC+1),
// - America/New_York, where DST ended on Sunday 1 Nov at 02:00: "yesterday" has 25 hours and the
//   weekend 49, so windows across the change must be built from wall clocks, not by adding hours,
// - Australia/Sydney (UTC+11, east of UTC+10): its Monday morning is Sunday evening in UTC.
// Expected windows are written as local wall times ("11-01T18:00" is 1 Nov 18:00 in the row's zone);
// rolling windows as "ago 48h" (exact hours back from now) or "ago 3d" (the same wall-clock time 3 days
// back, as luxon counts days and weeks). Expected API values are spelled out.

const ZONES = ['Europe/Berlin', 'America/New_York', 'Australia/Sydney'] as const;
const LOCAL_NOW = '2026-11-02T10:00';

const ERR = ['Error', 'RunningWithError'];
const WARN = ['Warning', 'RunningWithWarning'];
const OK = ['Success'];
const RUN = ['Running', 'RunningWithWarning', 'RunningWithError', 'Canceling'];
const V2_STATUSES = [
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
const ALL_BUT = (...out: string[]) => V2_STATUSES.filter((s) => !out.includes(s));
const SNAP = ['ManualSnapshot', 'PolicySnapshot'];
const SNAP_RETENTION = ['ObsoleteSnapshotRetention', 'InvalidSnapshotRetention', 'OrphanedSnapshotRetention'];

const LAST_NIGHT = { from: '11-01T18:00', to: '11-02T08:00' };
const WEEKEND = { from: '10-31T00:00', to: '11-02T00:00' };
const YESTERDAY = { from: '11-01T00:00', to: '11-02T00:00' };
const TODAY = { from: '11-02T00:00', to: null };
const day = (md: string, next: string) => ({ from: `${md}T00:00`, to: `${next}T00:00` });

type Row = {
  text: string;
  status?: string[];
  types?: string[];
  from?: string | null;
  to?: string | null;
  limit?: number;
  name?: string;
  policy?: string;
  note?: RegExp;
  version?: ApiVersion;
  /** A refusal: its message, and a rewrite that itself parses. */
  usage?: RegExp;
};

const rows: Row[] = [
  // The night before this morning
  { text: 'did anything fail last night?', status: ERR, ...LAST_NIGHT },
  { text: 'anything fail overnight', status: ERR, ...LAST_NIGHT },
  { text: 'failures overnight?', status: ERR, ...LAST_NIGHT },
  { text: 'last night', ...LAST_NIGHT },
  { text: "last night's failures", status: ERR, ...LAST_NIGHT },
  { text: 'last night’s backups', ...LAST_NIGHT },
  { text: 'what happened overnight', ...LAST_NIGHT },
  { text: 'errors last night', status: ERR, ...LAST_NIGHT },
  { text: 'what broke last night', status: ERR, ...LAST_NIGHT, note: /Read "broke" as "broken"/ },
  { text: 'sunday night', ...LAST_NIGHT },
  { text: 'yesterday night', ...LAST_NIGHT },
  { text: 'tonight', ...LAST_NIGHT, note: /Tonight has not started yet .* last night/ },
  { text: 'failed this evening', status: ERR, ...LAST_NIGHT, note: /This evening has not started yet/ },
  // Parts of a day
  { text: 'errors this morning', status: ERR, from: '11-02T00:00', to: null },
  { text: 'warnings this morning', status: WARN, from: '11-02T00:00', to: null },
  { text: 'early this morning', from: '11-02T00:00', to: null },
  { text: 'yesterday evening', from: '11-01T18:00', to: '11-02T00:00' },
  { text: 'last evening', from: '11-01T18:00', to: '11-02T00:00' },
  { text: 'yesterday morning', from: '11-01T00:00', to: '11-01T12:00' },
  { text: 'failed yesterday afternoon', status: ERR, from: '11-01T12:00', to: '11-01T18:00' },
  { text: 'saturday morning', from: '10-31T00:00', to: '10-31T12:00' },
  { text: 'friday evening', from: '10-30T18:00', to: '10-31T00:00' },
  { text: 'this afternoon', usage: /This afternoon has not started yet/ },
  // A day with a time, in either order
  { text: 'since 6pm yesterday', from: '11-01T18:00', to: null },
  { text: 'failed since 18:00 yesterday', status: ERR, from: '11-01T18:00', to: null },
  { text: 'since 22:00 yesterday', from: '11-01T22:00', to: null },
  { text: 'since yesterday 22:00', from: '11-01T22:00', to: null },
  { text: 'yesterday after 18:00', from: '11-01T18:00', to: '11-02T00:00' },
  { text: 'errors yesterday after 6pm', status: ERR, from: '11-01T18:00', to: '11-02T00:00' },
  { text: 'yesterday before noon', from: '11-01T00:00', to: '11-01T12:00' },
  { text: 'today before noon', from: '11-02T00:00', to: '11-02T12:00' },
  { text: 'yesterday between 2am and 4am', from: '11-01T02:00', to: '11-01T04:00' },
  { text: 'between 2am and 4am', from: '11-02T02:00', to: '11-02T04:00' },
  { text: 'failed between 3am and 5am yesterday', status: ERR, from: '11-01T03:00', to: '11-01T05:00' },
  { text: 'since 8am', from: '11-02T08:00', to: null },
  { text: 'errors since 9am today', status: ERR, from: '11-02T09:00', to: null },
  { text: 'at 3am', from: '11-02T03:00', to: '11-02T04:00', note: /hour from 03:00/ },
  {
    text: 'failed at midnight',
    status: ERR,
    from: '11-02T00:00',
    to: '11-02T01:00',
    note: /hour from 00:00/,
  },
  { text: 'failed around 2am', status: ERR, from: '11-02T02:00', to: '11-02T03:00' },
  { text: 'at 3am yesterday', from: '11-01T03:00', to: '11-01T04:00' },
  { text: 'since noon yesterday', from: '11-01T12:00', to: null },
  { text: 'since midnight', from: '11-02T00:00', to: null },
  // Weekends
  { text: 'what failed over the weekend?', status: ERR, ...WEEKEND },
  { text: 'over the weekend', ...WEEKEND },
  { text: 'last weekend', ...WEEKEND },
  { text: 'failures on the weekend', status: ERR, ...WEEKEND },
  { text: 'weekend failures', status: ERR, ...WEEKEND },
  { text: 'were there problems over the weekend', status: [...ERR, ...WARN], ...WEEKEND },
  { text: 'this weekend', ...WEEKEND, note: /This weekend is still ahead/ },
  // Rolling windows
  { text: 'errors 24h', status: ERR, from: 'ago 24h', to: null },
  { text: '24h', from: 'ago 24h', to: null },
  { text: '48h', from: 'ago 48h', to: null },
  { text: 'failed 7d', status: ERR, from: 'ago 7d', to: null },
  { text: '90m', from: 'ago 90m', to: null },
  { text: '2w', from: 'ago 2w', to: null },
  { text: 'last couple of days', from: 'ago 2d', to: null },
  { text: 'the last couple of days', from: 'ago 2d', to: null },
  { text: 'last few days', from: 'ago 3d', to: null },
  { text: 'past few hours', from: 'ago 3h', to: null },
  { text: 'last several days', from: 'ago 5d', to: null },
  { text: 'this past week', from: 'ago 7d', to: null },
  { text: 'past fortnight', from: 'ago 14d', to: null },
  { text: 'failures in the last fortnight', status: ERR, from: 'ago 14d', to: null },
  { text: 'last 24 hours', from: 'ago 24h', to: null },
  { text: 'errors in the past 48 hours', status: ERR, from: 'ago 48h', to: null },
  { text: 'list all failed sessions from the past 48 hours', status: ERR, from: 'ago 48h', to: null },
  { text: 'show warnings from last 3 days', status: WARN, from: 'ago 3d', to: null },
  { text: 'failures within 12 hours', status: ERR, from: 'ago 12h', to: null },
  { text: '12 hours', from: 'ago 12h', to: null },
  { text: 'since 12 hours', from: 'ago 12h', to: null },
  { text: 'last 90 minutes', from: 'ago 90m', to: null },
  // Numeric dates and days of the month
  { text: 'failed on 28/10', status: ERR, ...day('10-28', '10-29') },
  { text: '10/28', ...day('10-28', '10-29') },
  { text: '27.10.', ...day('10-27', '10-28') },
  { text: 'errors 27.10.2026', status: ERR, ...day('10-27', '10-28') },
  { text: '2026/10/27', ...day('10-27', '10-28') },
  { text: 'failed on 30.10', status: ERR, ...day('10-30', '10-31') },
  { text: 'what failed on the 27th', status: ERR, ...day('10-27', '10-28') },
  { text: 'on the 1st', ...day('11-01', '11-02') },
  { text: 'the 2nd', ...day('11-02', '11-03') },
  { text: 'nov 1st', ...day('11-01', '11-02') },
  { text: '1st of november', ...day('11-01', '11-02') },
  { text: '3rd of November', from: '2025-11-03T00:00', to: '2025-11-04T00:00' },
  { text: 'Oct 25-28', ...day('10-25', '10-29') },
  { text: '25-28 oct', ...day('10-25', '10-29') },
  { text: 'between 25 and 28 oct', ...day('10-25', '10-29') },
  { text: 'failures between oct 25 and 28', status: ERR, ...day('10-25', '10-29') },
  { text: 'between oct 30 and nov 1', ...day('10-30', '11-02') },
  { text: 'between nov 1 and nov 3', ...day('11-01', '11-04') },
  { text: 'in october', ...day('10-01', '11-01') },
  { text: 'october', ...day('10-01', '11-01') },
  { text: 'everything that failed in october', status: ERR, ...day('10-01', '11-01') },
  { text: 'november', from: '11-01T00:00', to: null },
  { text: 'in may', from: '2026-05-01T00:00', to: '2026-06-01T00:00' },
  { text: 'since 28/10', from: '10-28T00:00', to: null },
  { text: 'give me the failures between 1st and 3rd november', status: ERR, ...day('11-01', '11-04') },
  // Calendar days "ago"
  { text: '2 days ago', ...day('10-31', '11-01') },
  { text: 'failed 2 days ago', status: ERR, ...day('10-31', '11-01') },
  { text: 'failed 3 days ago', status: ERR, ...day('10-30', '10-31') },
  { text: 'the day before yesterday', ...day('10-31', '11-01') },
  { text: 'errors the day before yesterday', status: ERR, ...day('10-31', '11-01') },
  { text: 'a week ago', ...day('10-26', '10-27') },
  { text: '2 weeks ago', ...day('10-19', '10-26') },
  { text: '3 hours ago', from: 'ago 3h', to: null },
  { text: '90 minutes ago', from: 'ago 90m', to: null },
  { text: 'since 2 days ago', from: 'ago 2d', to: null },
  { text: 'yesterday', ...YESTERDAY },
  { text: "yesterday's failures", status: ERR, ...YESTERDAY },
  { text: 'yesterday’s errors', status: ERR, ...YESTERDAY },
  { text: "today's errors", status: ERR, ...TODAY },
  { text: 'earlier today', ...TODAY },
  { text: 'so far today', ...TODAY },
  // Status words: negation and alternatives
  { text: 'not successful', status: ALL_BUT('Success') },
  { text: 'non-successful', status: ALL_BUT('Success') },
  { text: "didn't succeed", status: ALL_BUT('Success') },
  { text: 'didn’t succeed yesterday', status: ALL_BUT('Success'), ...YESTERDAY },
  { text: 'did not succeed', status: ALL_BUT('Success') },
  { text: 'everything except success', status: ALL_BUT('Success') },
  { text: 'all but success', status: ALL_BUT('Success') },
  { text: 'other than success', status: ALL_BUT('Success') },
  { text: 'not failed', status: ALL_BUT('Error', 'RunningWithError') },
  { text: 'sessions without errors', status: ALL_BUT('Error', 'RunningWithError') },
  { text: 'failed or warning', status: [...ERR, ...WARN] },
  { text: 'errors/warnings', status: [...ERR, ...WARN] },
  { text: 'errors and warnings', status: [...ERR, ...WARN] },
  { text: 'errors, warnings', status: [...ERR, ...WARN] },
  { text: 'running with warnings', status: ['RunningWithWarning'] },
  { text: 'running with errors', status: ['RunningWithError'] },
  { text: 'no failures today?', status: ERR, ...TODAY },
  { text: 'any issues with web-01?', status: [...ERR, ...WARN], name: 'web-01' },
  { text: 'what went wrong last night', status: [...ERR, ...WARN], ...LAST_NIGHT },
  // "Did it go ok?" is answered with every session, not with the successes only
  { text: 'did the backups run ok last night?', ...LAST_NIGHT, note: /every session/ },
  { text: "did last night's backups go well?", ...LAST_NIGHT, note: /every session/ },
  { text: 'how did the backups go yesterday', ...YESTERDAY },
  { text: 'did everything work fine?', note: /every session/ },
  // Types, each exactly what it names
  {
    text: 'sql',
    version: 'v8.1',
    types: [
      'SqlPolicyBackup',
      'SqlPolicyArchive',
      'SqlManualBackup',
      'SqlRestore',
      'SqlRestorePointDataRetrieval',
    ],
  },
  {
    text: 'cosmos db failures',
    version: 'v8.1',
    status: ERR,
    types: ['CosmosDbPolicyBackup', 'CosmosDbPolicyArchive', 'CosmosDbManualBackup'],
  },
  {
    text: 'file shares',
    version: 'v8.1',
    types: ['FileSharePolicySnapshot', 'FileShareManualSnapshot', 'FileShareRestore', 'FileShareFileRestore'],
  },
  { text: 'vnet', version: 'v8.1', types: ['VnetPolicyBackup', 'VnetPolicyBackupToRepository'] },
  { text: 'manual snapshots', types: ['ManualSnapshot'] },
  { text: 'vm restores', types: ['RestoreVms'] },
  { text: 'disk restores', types: ['RestoreDisks'] },
  { text: 'file restores', types: ['FileLevelRestore'] },
  { text: 'failed snapshot retention', status: ERR, types: SNAP_RETENTION },
  { text: 'snapshot deletions', types: ['SnapshotDeletion', 'ManualSnapshotDeletion'] },
  { text: 'any failed snapshots today?', status: ERR, types: SNAP, ...TODAY },
  { text: 'sql failures', version: 'v2', usage: /API v2 has no SQL sessions; this appliance serves v2/ },
  { text: 'cosmos db', version: 'v2', usage: /API v2 has no Cosmos DB sessions/ },
  // How many, newest first
  { text: 'last 50 failures', status: ERR, limit: 50 },
  { text: 'latest failure', status: ERR, limit: 1 },
  { text: 'most recent 5 sessions', limit: 5 },
  { text: '5 most recent errors', status: ERR, limit: 5 },
  { text: 'the last 10 sessions', limit: 10 },
  { text: 'last 3 failed backups', status: ERR, limit: 3 },
  { text: 'the last backup of web-01', limit: 1, name: 'web-01' },
  { text: 'is the nightly backup of web-01 done?', limit: 1, name: 'web-01' },
  { text: 'when did web-01 last back up successfully?', status: OK, limit: 1, name: 'web-01' },
  { text: 'when was the last successful backup', status: OK, limit: 1 },
  { text: 'most recent failure for web-01', status: ERR, limit: 1, name: 'web-01' },
  { text: 'latest errors', status: ERR },
  { text: 'last 2000 failures', usage: /1 to 1000 sessions/ },
  // Typos in the bot's own words
  { text: 'faild today', status: ERR, ...TODAY, note: /Read "faild" as "failed"/ },
  { text: 'yesterdy', ...YESTERDAY, note: /Read "yesterdy" as "yesterday"/ },
  { text: 'erorrs', status: ERR, note: /Read "erorrs" as "errors"/ },
  { text: 'warnigns', status: WARN, note: /Read "warnigns" as "warnings"/ },
  { text: 'runing', status: RUN, note: /Read "runing" as "running"/ },
  { text: 'sucessful', status: OK, note: /Read "sucessful" as "successful"/ },
  { text: 'snapshtos', types: SNAP, note: /Read "snapshtos" as "snapshots"/ },
  { text: 'faild yesterdy', status: ERR, ...YESTERDAY, note: /"faild".*|"yesterdy"/ },
  { text: 'failures over the weeknd', status: ERR, ...WEEKEND, note: /Read "weeknd" as "weekend"/ },
  { text: 'erros last night', status: ERR, ...LAST_NIGHT, note: /Read "erros"/ },
  { text: 'zork', usage: /I don't know "zork"/ },
  { text: 'failed plugh', usage: /I don't know "plugh".*Try `failed`/ },
  // Text from phones and pastes
  { text: 'ｆａｉｌｅｄ ｔｏｄａｙ', status: ERR, ...TODAY },
  { text: 'failed\u00a0today', status: ERR, ...TODAY },
  { text: 'failed\u200btoday', status: ERR, ...TODAY },
  { text: 'FAILED YESTERDAY', status: ERR, ...YESTERDAY },
  { text: '“Prod VMs” failed', status: ERR, name: 'Prod VMs' },
  // Requests the bot does not do are refused, never run as a question
  { text: 'retry the failed backup', usage: /I only read sessions; I can't retry/ },
  { text: "rerun last night's jobs", usage: /I can't rerun/ },
  { text: 'cancel running jobs', usage: /I can't cancel.*`running jobs`/ },
  { text: 'restore web-01', usage: /I can't restore.*`restores for web-01`/ },
  { text: 'run backup now', usage: /I can't run/ },
  { text: 'please restart the policy', usage: /I can't restart/ },
  { text: 'can you delete old snapshots', usage: /I can't delete/ },
  { text: 'start backup of web-01', usage: /I can't start/ },
  { text: 'stop the running job', usage: /I can't stop/ },
  // Plain questions seen in the wild
  { text: 'is anything stuck?', status: RUN },
  { text: 'what ran between 1 and 3 am', from: '11-02T01:00', to: '11-02T03:00' },
  { text: 'errors since the 25th', status: ERR, from: '10-25T00:00', to: null },
  { text: 'warnings between the 20th and the 25th', status: WARN, ...day('10-20', '10-26') },
  { text: 'were all backups successful yesterday?', ...YESTERDAY, note: /every session/ },
  { text: 'jobs started after 10pm yesterday', from: '11-01T22:00', to: null },
  { text: 'number of errors today', status: ERR, ...TODAY },
  { text: 'bad backups today', status: [...ERR, ...WARN], ...TODAY },
  // Answered by the conversation before the parser (src/core/why); the parser alone says where to ask it.
  { text: 'why did db-nightly fail', usage: /A why question is not a list/ },
  { text: 'this week vs last week', usage: /A comparison is asked on its own/ },
  { text: 'which policies failed 3 days in a row', usage: /A streak is not a list/ },
  // Two days joined by "and" / "or": one window when they touch, a refusal naming the gap when not
  { text: 'failed yesterday and today', status: ERR, from: '11-01T00:00', to: null },
  { text: 'errors saturday and sunday', status: ERR, ...WEEKEND },
  { text: 'warnings yesterday or today', status: WARN, from: '11-01T00:00', to: null },
  { text: 'failures last night and this morning', status: ERR, from: '11-01T18:00', to: null },
  { text: 'failed on friday and monday', usage: /leave a gap between them.*between friday and monday/ },
  { text: 'failed monday and friday', usage: /between friday and monday/ },
  // Names said without quotes or "for": capitalised words the grammar does not know
  {
    text: 'did Prod VMs fail last night?',
    status: ERR,
    name: 'Prod VMs',
    ...LAST_NIGHT,
    note: /Read "Prod VMs" as the name of a policy or VM/,
  },
  { text: 'Prod VMs failed today', status: ERR, name: 'Prod VMs', ...TODAY },
  { text: 'how did Nightly Backup go yesterday', name: 'Nightly Backup', ...YESTERDAY },
  { text: 'is Prod VMs ok', name: 'Prod VMs', note: /every session/ },
  { text: 'What Failed Last Night?', status: ERR, ...LAST_NIGHT },
  { text: 'Did Anything Fail Over The Weekend', status: ERR, ...WEEKEND },
  { text: 'did prod vms fail', usage: /I don't know "prod", "vms".*policy:"…"/ },
  // What parsed before still parses the same way
  { text: 'failed today', status: ERR, ...TODAY },
  { text: 'restore', types: ['RestoreDisks', 'FileLevelRestore', 'RestoreVms'] },
  {
    text: 'restores last week',
    types: ['RestoreDisks', 'FileLevelRestore', 'RestoreVms'],
    from: '10-26T00:00',
    to: '11-02T00:00',
  },
  { text: 'canceled', status: ['Canceled'] },
  { text: 'this week', from: '11-02T00:00', to: null },
  { text: 'last month', ...day('10-01', '11-01') },
];

function localToUtc(text: string, zone: string, now: DateTime): string {
  const ago = /^ago (\d+)([mhdw])$/.exec(text);
  const units = { m: 'minutes', h: 'hours', d: 'days', w: 'weeks' } as const;
  const at = ago
    ? now.minus({ [units[ago[2] as keyof typeof units]]: Number(ago[1]) })
    : DateTime.fromISO(/^\d{4}-/.test(text) ? text : `2026-${text}`, { zone });
  return at.toUTC().toISO({ suppressMilliseconds: true }) as string;
}

const sorted = (xs: readonly string[]) => [...xs].sort();

describe.each(ZONES)('what operators type, read in %s at Monday 10:00', (zone) => {
  const now = DateTime.fromISO(LOCAL_NOW, { zone });
  it.each(rows.map((r) => [r.text, r] as const))('%s', (_text, row) => {
    const result = parseSessionQuery(row.text, {
      now: now.toJSDate(),
      timeZone: zone,
      vocabulary: vocabularyOf(row.version ?? 'v2'),
    });
    if (row.usage) {
      if (result.kind !== 'usage') throw new Error(`expected a refusal, got ${JSON.stringify(result)}`);
      expect(result.message).toMatch(row.usage);
      const rewrite = parseSessionQuery(result.suggestion, {
        now: now.toJSDate(),
        timeZone: zone,
        vocabulary: vocabularyOf(row.version ?? 'v2'),
      });
      expect(rewrite.kind).toBe('query');
      return;
    }
    if (result.kind !== 'query') throw new Error(`expected a query, got ${JSON.stringify(result)}`);
    const q = result.query;
    expect({
      status: sorted(q.statuses),
      types: sorted(q.types),
      from: q.fromUtc,
      to: q.toUtc,
      limit: q.limit,
      name: q.name,
      policy: q.policy,
    }).toEqual({
      status: sorted(row.status ?? []),
      types: sorted(row.types ?? []),
      from: row.from === undefined || row.from === null ? null : localToUtc(row.from, zone, now),
      to: row.to === undefined || row.to === null ? null : localToUtc(row.to, zone, now),
      limit: row.limit ?? null,
      name: row.name ?? null,
      policy: row.policy ?? null,
    });
    if (row.note) expect(q.notes.join(' ')).toMatch(row.note);
    // A window is always said in the answer's title.
    if (q.fromUtc || q.toUtc) expect(q.timeLabel).toBeTruthy();
  });
});

describe('across the DST change in New York', () => {
  const zone = 'America/New_York';
  const now = DateTime.fromISO(LOCAL_NOW, { zone }).toJSDate();
  const windowHours = (text: string) => {
    const r = parseSessionQuery(text, { now, timeZone: zone, vocabulary: vocabularyOf('v2') });
    if (r.kind !== 'query' || !r.query.fromUtc || !r.query.toUtc) throw new Error(text);
    return (Date.parse(r.query.toUtc) - Date.parse(r.query.fromUtc)) / 3_600_000;
  };

  it('gives the 25-hour Sunday and the 49-hour weekend their real length', () => {
    expect(windowHours('yesterday')).toBe(25);
    expect(windowHours('over the weekend')).toBe(49);
    expect(windowHours('last night')).toBe(14);
  });
});

describe('numbers such as 03/10, in the asker’s order', () => {
  const at = (zone: string) => DateTime.fromISO(LOCAL_NOW, { zone }).toJSDate();
  const fromOf = (text: string, zone: string, locale?: string) => {
    const r = parseSessionQuery(text, {
      now: at(zone),
      timeZone: zone,
      vocabulary: vocabularyOf('v2'),
      locale: locale ?? null,
    });
    if (r.kind !== 'query') throw new Error(JSON.stringify(r));
    return {
      from: DateTime.fromISO(r.query.fromUtc as string)
        .setZone(zone)
        .toISODate(),
      notes: r.query.notes,
      title: r.query.timeLabel,
    };
  };

  it.each([
    ['03/10', 'Europe/Berlin', undefined, '2026-10-03', /day\/month/],
    ['03/10', 'America/New_York', undefined, '2026-03-10', /month\/day/],
    ['03/10', 'Australia/Sydney', undefined, '2026-10-03', /day\/month/],
    ['03/10', 'Europe/Berlin', 'en-US', '2026-03-10', /month\/day/],
    ['03/10', 'America/New_York', 'en-GB', '2026-10-03', /day\/month/],
    ['03/10', 'America/Chicago', 'de-DE', '2026-10-03', /day\/month/],
    ['10/03', 'Asia/Manila', undefined, '2026-10-03', /month\/day/],
    ['05/05', 'America/New_York', undefined, '2026-05-05', null],
  ] as const)('%s in %s (locale %s) is %s, and the answer says so', (text, zone, locale, date, note) => {
    const read = fromOf(text, zone, locale);
    expect(read.from).toBe(date);
    if (note) expect(read.notes.join(' ')).toMatch(note);
    else expect(read.notes).toEqual([]);
    // The title says the date in words, so a wrong guess is visible.
    expect(read.title).toMatch(/^[A-Z][a-z]{2} \d{1,2} [A-Z][a-z]{2} 2026$/);
  });
});

describe('a zone said in the question', () => {
  const now = DateTime.fromISO('2026-11-02T10:00', { zone: 'Australia/Sydney' }).toJSDate();
  const read = (text: string) => {
    const r = parseSessionQuery(text, { now, timeZone: 'Australia/Sydney', vocabulary: vocabularyOf('v2') });
    if (r.kind !== 'query') throw new Error(JSON.stringify(r));
    return r.query;
  };

  it('answers in that zone for this question, and says so', () => {
    // Monday 10:00 in Sydney is Sunday 23:00 in UTC: "today in UTC" is Sunday.
    expect(read('failed today in UTC')).toMatchObject({
      fromUtc: '2026-11-01T00:00:00Z',
      timeZone: 'UTC',
      notes: ['Times in UTC, as asked.'],
    });
    expect(read('yesterday Europe/London')).toMatchObject({
      fromUtc: '2026-10-31T00:00:00Z',
      toUtc: '2026-11-01T00:00:00Z',
      timeZone: 'Europe/London',
    });
    expect(read('since 08:00 CET')).toMatchObject({
      fromUtc: '2026-11-01T07:00:00Z',
      timeZone: 'Europe/Berlin',
    });
  });

  it('refuses two different zones rather than picking one', () => {
    const r = parseSessionQuery('today in UTC since 8am PST', {
      now,
      timeZone: 'UTC',
      vocabulary: vocabularyOf('v2'),
    });
    expect(r).toMatchObject({ kind: 'usage', message: expect.stringMatching(/one time zone/) });
  });
});
