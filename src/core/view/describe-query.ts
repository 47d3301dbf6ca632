import { DateTime } from 'luxon';
import { splitCamel } from '../camel-case';
import { TYPE_WORDS } from '../query/vocabulary';
import type { JobStatus } from '../sessions/api-version';
import type { SessionQuery } from '../sessions/session-query';
import type { StatusTone } from './sessions-view';

/** How a query and its results are put in words: titles, the "understood as" line, empty states. */

const STATUS_LABELS: Record<string, { label: string; tone: StatusTone }> = {
  Error: { label: 'Failed', tone: 'failed' },
  RunningWithError: { label: 'Running with errors', tone: 'failed' },
  Warning: { label: 'Warning', tone: 'warning' },
  RunningWithWarning: { label: 'Running with warnings', tone: 'warning' },
  Success: { label: 'Succeeded', tone: 'success' },
  Running: { label: 'Running', tone: 'running' },
  Pending: { label: 'Pending', tone: 'running' },
  Canceling: { label: 'Canceling', tone: 'running' },
  Canceled: { label: 'Canceled', tone: 'canceled' },
  NeverExecuted: { label: 'Never executed', tone: 'other' },
  Unknown: { label: 'Unknown', tone: 'other' },
};

export function describeStatus(status: string): { label: string; tone: StatusTone } {
  return Object.hasOwn(STATUS_LABELS, status)
    ? (STATUS_LABELS[status] as { label: string; tone: StatusTone })
    : { label: splitCamel(status), tone: 'other' };
}

// The status sets the parser's words stand for, named as a person would say them.
const STATUS_PHRASES: [JobStatus[], string][] = [
  [['Error', 'RunningWithError'], 'failed'],
  [['Warning', 'RunningWithWarning'], 'warning'],
  [['Error', 'RunningWithError', 'Warning', 'RunningWithWarning'], 'failed and warning'],
  [['Running', 'RunningWithWarning', 'RunningWithError', 'Canceling'], 'running'],
  [['Success'], 'successful'],
  [['Canceled'], 'canceled'],
  [['Pending'], 'pending'],
  [['Error'], 'failed'],
  [['Warning'], 'warning'],
];

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

function statusPhrase(q: SessionQuery): string {
  if (q.statuses.length === 0) return '';
  const known = STATUS_PHRASES.find(([set]) =>
    sameSet(
      set.filter((s) => q.vocabulary.statuses.includes(s)),
      q.statuses,
    ),
  );
  return known ? known[1] : q.statuses.map((s) => describeStatus(s).label.toLowerCase()).join(' or ');
}

function typePhrase(q: SessionQuery): string {
  if (q.types.length === 0) return '';
  const word = TYPE_WORDS.find((w) => sameSet(q.vocabulary.types.filter(w.select), q.types));
  if (word) return word.help.replace(/s$/, '').replace(/^policy backup$/, 'policy backup');
  if (q.types.length === 1) return splitCamel(q.types[0] as string).toLowerCase();
  return 'selected';
}

/** "failed snapshot sessions of Prod VMs" */
function subject(q: SessionQuery, names: { policy: string | null; vm: string | null }): string {
  const newest = q.limit === null ? '' : q.limit === 1 ? 'latest' : `${q.limit} most recent`;
  const noun = q.limit === 1 ? 'session' : 'sessions';
  const words = [newest, statusPhrase(q), typePhrase(q), noun].filter(Boolean).join(' ');
  const policy = names.policy ?? q.policy;
  const vm = names.vm ?? q.vm;
  const target = policy ? ` of ${policy}` : vm ? ` for ${vm}` : q.name ? ` for ${q.name}` : '';
  return `${words}${target}`;
}

/** The time words as they read inside a sentence: "today", "in the last 6 hours", "on Sun 1 Nov 2026". */
/** "in the last 7 days", "this week", "on Tue 1 Dec": the window as a sentence says it. */
export function whenInSentence(q: SessionQuery): string {
  const label = q.timeLabel;
  if (!label) return '';
  if (/^last \d*\s*(minute|hour|day|week|month)s?$/.test(label) || /^last (minute|hour|day)$/.test(label))
    return `in the ${label}`;
  if (/^[A-Z][a-z]{2} \d/.test(label) && !label.includes('–')) return `on ${label}`;
  if (label.includes('–')) return `from ${label.replace(' – ', ' to ')}`;
  return label;
}

export function describeTitle(q: SessionQuery, names: { policy: string | null; vm: string | null }): string {
  const what = capitalize(subject(q, names));
  if (!q.timeLabel) return what;
  const when = q.timeLabel === 'today' ? 'today since 00:00' : q.timeLabel;
  return `${what} · ${when} ${q.timeZone}`;
}

export function describeEmpty(
  q: SessionQuery,
  names: { policy: string | null; vm: string | null },
  now: DateTime,
): string {
  const when = whenInSentence(q);
  const sentence = `No ${subject(q, names)}${when ? ` ${when}` : ''}.`;
  const windowStart = q.fromUtc ? DateTime.fromISO(q.fromUtc) : null;
  const reachesBack = !windowStart || now.diff(windowStart, 'days').days > 14;
  return reachesBack
    ? `${sentence} Older sessions may have been removed by the appliance's session retention.`
    : sentence;
}

/** The "understood as" line: every filter in API terms, so an operator can check what was asked. */
export function describeUnderstood(
  q: SessionQuery,
  names: { policy: string | null; vm: string | null },
  options: UnderstoodOptions = {},
): string {
  return capitalize(understoodParts(q, names, options).join(' · '));
}

/** Parts an answer says elsewhere: the window (a comparison's periods), the zone (a digest's header). */
type UnderstoodOptions = { window?: boolean; zone?: boolean };

/** The parts of the "understood as" line, uncapitalised, in order. */
export function understoodParts(
  q: SessionQuery,
  names: { policy: string | null; vm: string | null },
  options: UnderstoodOptions = {},
): string[] {
  const parts: string[] = [];
  if (q.statuses.length > 0) parts.push(`status ${q.statuses.join(' or ')}`);
  if (q.types.length > 0) parts.push(`type ${q.types.join(' or ')}`);
  const policy = names.policy ?? q.policy;
  const vm = names.vm ?? q.vm;
  if (policy) parts.push(`policy ${policy}`);
  if (vm) parts.push(`VM ${vm}`);
  if (!policy && !vm && q.name) parts.push(`name ${q.name}`);
  const fmt = (iso: string) =>
    DateTime.fromISO(iso, { zone: 'utc' }).setZone(q.timeZone).toFormat('ccc d LLL yyyy HH:mm');
  if (options.window !== false) {
    if (q.fromUtc && q.toUtc) parts.push(`from ${fmt(q.fromUtc)} to ${fmt(q.toUtc)}`);
    else if (q.fromUtc) parts.push(`since ${fmt(q.fromUtc)}`);
    else if (q.toUtc) parts.push(`before ${fmt(q.toUtc)}`);
    else parts.push('any time');
  }
  if (options.zone !== false) parts.push(`times in ${q.timeZone}`);
  if (q.limit !== null) parts.push(`newest ${q.limit}`);
  // How words were read when not in the obvious way: said here, where the reading is checked.
  parts.push(...q.notes.map((n) => n.replace(/\.$/, '')));
  return parts;
}

export function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** What a slow answer shows first: "Looking up failed sessions today…". */
export function describeLookingUp(q: SessionQuery): string {
  const when = whenInSentence(q);
  return `Looking up ${subject(q, { policy: null, vm: null })}${when ? ` ${when}` : ''}…`;
}
