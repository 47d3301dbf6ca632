import { DateTime } from 'luxon';
import type { SessionQuery } from '../sessions/session-query';
import { pageNotice } from '../view/build-sessions-view';
import { changeText, plural } from '../view/count-words';
import { capitalize, understoodParts } from '../view/describe-query';
import { formatLocalTime, ordinal } from '../view/human-time';
import type { ButtonTokens } from '../view/page-token';
import type { DigestCount, DigestGroup, DigestView } from '../view/sessions-view';
import type { DigestData } from './collect-digest';

/** Policies listed by name; the rest are counted in "and N more". */
const DIGEST_MAX_GROUPS = 8;
const BARS = '▁▂▃▄▅▆▇█';

export type DigestViewContext = {
  /** The filters of the subscription, with no time and no status. */
  scope: SessionQuery;
  /** When the digest was due. */
  slot: Date;
  /** True when it goes out well after `slot` (the bot was down). */
  late: boolean;
  pageSize: number;
  veeamUrl: string | null;
  now: Date;
  tokens: ButtonTokens;
};

/** "▁▃▂█▁▁▅": one bar a day, scaled to the busiest day; a day with none is the lowest bar. */
function trendBar(values: number[]): string {
  const max = Math.max(...values, 0);
  return values.map((v) => (max === 0 ? BARS[0] : BARS[Math.round((v / max) * (BARS.length - 1))])).join('');
}

function groupsOf(data: DigestData, zone: string, now: DateTime): DigestGroup[] {
  const byName = new Map<string, DigestGroup & { lastMs: number }>();
  for (const s of data.problems) {
    const name = s.targetName ?? s.typeLabel;
    const group = byName.get(name) ?? {
      name,
      tone: 'warning' as const,
      failed: 0,
      warnings: 0,
      lastAt: null,
      lastText: '—',
      lastMs: Number.NEGATIVE_INFINITY,
    };
    if (s.status === 'Error') {
      group.failed++;
      group.tone = 'failed';
    } else group.warnings++;
    const ms = s.startTime ? Date.parse(s.startTime) : Number.NaN;
    if (Number.isFinite(ms) && ms > group.lastMs) {
      group.lastMs = ms;
      group.lastAt = s.startTime;
      group.lastText = formatLocalTime(s.startTime, zone, now);
    }
    byName.set(name, group);
  }
  return [...byName.values()]
    .sort((a, b) => b.failed - a.failed || b.warnings - a.warnings || b.lastMs - a.lastMs)
    .map(({ lastMs: _lastMs, ...group }) => group);
}

/** VMs named in the digest's RPO line; the rest are counted. */
const NAMED_VMS = 5;

/** What needs a look beyond the window's own counts: streaks of failing days, VMs with no recent backup. */
function findingsOf(data: DigestData, zone: string): string[] {
  const day = (iso: string) => DateTime.fromISO(iso, { zone }).toFormat('ccc d LLL');
  const lines = data.streaks.map(
    (s) => `${s.name}: ${ordinal(s.days)} day failing in a row (since ${day(s.firstDay)}).`,
  );
  if (!data.streaksComplete)
    lines.push(
      'Days failing in a row are read from part of the week’s failed sessions (there were more than the digest reads): a streak may be missing.',
    );
  const vms = data.staleVms;
  if (vms && 'unavailable' in vms) lines.push(`No backup check per VM: ${vms.unavailable}`);
  else if (vms && vms.stale.length > 0) {
    const names = vms.stale.slice(0, NAMED_VMS).map((vm) => vm.name);
    const more = vms.stale.length - names.length;
    lines.push(
      `${plural(vms.stale.length, 'VM')} with no backup in 24 hours: ${names.join(', ')}${more > 0 ? ` and ${more} more` : ''}.`,
    );
  }
  return lines;
}

/** The digest in words, for both renderers. */
export function buildDigestView(data: DigestData, context: DigestViewContext): DigestView {
  const zone = context.scope.timeZone;
  const now = DateTime.fromJSDate(context.now).setZone(zone);
  const at = (d: Date) => DateTime.fromJSDate(d).setZone(zone);
  const { counts, previous } = data;

  const rows: DigestCount[] = [
    {
      label: 'Failed',
      tone: 'failed',
      count: counts.failed,
      changeText: changeText(counts.failed, previous.failed, 'the day before'),
    },
    {
      label: 'Warning',
      tone: 'warning',
      count: counts.warning,
      changeText: changeText(counts.warning, previous.warning, 'the day before'),
    },
    {
      label: 'Succeeded',
      tone: 'success',
      count: counts.success,
      changeText: changeText(counts.success, previous.success, 'the day before'),
    },
    { label: 'Still running', tone: 'running', count: counts.running, changeText: null },
  ];
  const allGroups = groupsOf(data, zone, now);
  const groups = allGroups.slice(0, DIGEST_MAX_GROUPS);
  const hiddenGroups = allGroups.length - groups.length;
  // Unreadable items are in the total but not in the list; the notice says so, not "older".
  const unlisted = data.problemsTotal - data.problems.length - data.problemsRead.unreadable;
  const more = [
    hiddenGroups > 0 ? `and ${hiddenGroups} more polic${hiddenGroups === 1 ? 'y' : 'ies'} with problems` : '',
    unlisted > 0 ? `${unlisted} older problem session${unlisted === 1 ? '' : 's'} not grouped here` : '',
  ].filter(Boolean);

  const problemQuery: SessionQuery = {
    ...context.scope,
    statuses: ['Error', 'Warning'],
    fromUtc: data.window.from.toISOString(),
    toUtc: data.window.to.toISOString(),
    timeLabel: `${at(data.window.from).toFormat('ccc d LLL HH:mm')} – ${at(data.window.to).toFormat('ccc d LLL HH:mm')}`,
  };
  // The window and the zone are the header's own first part.
  const scopeWords = understoodParts(context.scope, data.names, { window: false, zone: false }).map(
    (part, i) => (i === 0 ? capitalize(part) : part),
  );
  const daily = data.trend.map((t) => t.failed);
  const noProblems = counts.failed === 0 && counts.warning === 0;

  return {
    kind: 'digest',
    title: `Backup digest · ${at(context.slot).toFormat('ccc d LLL HH:mm')}`,
    windowText: [
      `${at(data.window.from).toFormat('ccc d LLL HH:mm')} – ${at(data.window.to).toFormat('ccc d LLL HH:mm')} ${zone}`,
      ...(scopeWords.length > 0 ? scopeWords : ['all sessions']),
    ].join(' · '),
    lateText: context.late
      ? `Posted late: the bot was not running at ${at(context.slot).toFormat('HH:mm')}.`
      : null,
    notice: pageNotice(data.problemsRead),
    allGreenText: noProblems
      ? counts.success > 0
        ? `All green: ${counts.success} session${counts.success === 1 ? '' : 's'} succeeded, none failed.`
        : 'All quiet: no failed or warning sessions.'
      : null,
    counts: rows,
    groups,
    moreText: more.length > 0 ? `${more.join('; ')}.` : null,
    findings: findingsOf(data, zone),
    trendBar: trendBar(daily),
    trendText: `Failed per day, last 7 days: ${daily.join(' · ')}`,
    showAllToken:
      data.problemsTotal > 0
        ? context.tokens.encodePage({ query: problemQuery, offset: 0, limit: context.pageSize })
        : null,
    timeZone: zone,
    veeamUrl: context.veeamUrl,
  };
}
