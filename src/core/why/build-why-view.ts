import { DateTime } from 'luxon';
import type { ProtectedItemResults, Session, SessionLogLine } from '../sessions/session';
import type { SessionQuery } from '../sessions/session-query';
import { buildRow } from '../view/build-sessions-view';
import { describeStatus } from '../view/describe-query';
import { formatLocalTime, ordinal } from '../view/human-time';
import type { ButtonTokens } from '../view/page-token';
import type { WhyView } from '../view/sessions-view';
import type { FailureHistory } from './explain-failure';
import { knownCausesOf } from './known-causes';

/** Log lines an answer shows: the end of the log, where a failure explains itself. */
const WHY_LOG_LINES = 10;
/** VMs listed by name; the rest are counted. */
const WHY_VMS = 10;

export type WhyViewContext = {
  /** The failed sessions of the subject: the list behind the answer. */
  listQuery: SessionQuery;
  subject: string;
  /** Set when the subject is a VM: its own result in the session is said, since others may have failed. */
  vm: string | null;
  now: Date;
  tokens: ButtonTokens;
  veeamUrl: string | null;
  pageSize: number;
};

/** Only what a failure explains itself with: error and warning lines, never the "Processed …" ones. */
function problemLines(log: SessionLogLine[]): SessionLogLine[] {
  return log.filter((l) => l.status === 'Error' || l.status === 'Warning' || l.status === 'Failed');
}

function historyLines(failed: Session, h: FailureHistory, zone: string, now: DateTime): string[] {
  const when = (iso: string | null) => formatLocalTime(iso, zone, now);
  const lines: string[] = [];
  if (h.streak > 1)
    lines.push(`The ${ordinal(h.streak)} failure in a row, failing since ${when(h.failingSince)}.`);
  else if (h.successesBefore === null)
    lines.push(`The only failure among the newest ${h.read} sessions read, the rest succeeded or warned.`);
  else if (h.successesBefore > 0)
    lines.push(`The first failure after ${h.successesBefore} success${h.successesBefore === 1 ? '' : 'es'}.`);
  else lines.push('A failure after a run that did not succeed either.');
  if (h.succeededSince)
    lines.push(
      `It succeeded since: ${when(h.succeededSince.startTime)}; this failure is not the latest news.`,
    );
  else if (failed.stopTime) lines.push(`Nothing has succeeded since it ended at ${when(failed.stopTime)}.`);
  return lines;
}

function vmLines(items: ProtectedItemResults): { vms: WhyView['vms']; summary: string } {
  const bad = items.items.filter((i) => i.status === 'Error' || i.status === 'Warning');
  bad.sort((a, b) => (a.status === b.status ? a.name.localeCompare(b.name) : a.status === 'Error' ? -1 : 1));
  const failed = bad.filter((i) => i.status === 'Error').length;
  const warned = bad.length - failed;
  const of = items.total ?? items.items.length;
  const parts = [`${failed} of ${of} VM${of === 1 ? '' : 's'} failed`];
  if (warned > 0) parts.push(`${warned} warned`);
  const summary = `${parts.join(', ')}${bad.length > WHY_VMS ? `; the first ${WHY_VMS} are named` : ''}.`;
  return {
    vms: bad.slice(0, WHY_VMS).map((i) => ({
      label: i.name,
      value: `${describeStatus(i.status ?? '').label}${i.resourceGroup ? ` · ${i.resourceGroup}` : ''}`,
    })),
    summary,
  };
}

export function buildWhyView(
  failed: Session,
  found: {
    history: FailureHistory;
    log: SessionLogLine[];
    items: ProtectedItemResults | { unavailable: string };
  },
  context: WhyViewContext,
): WhyView {
  const zone = context.listQuery.timeZone;
  const now = DateTime.fromJSDate(context.now);
  const back = { query: context.listQuery, offset: 0, limit: context.pageSize };
  const problems = problemLines(found.log).slice(-WHY_LOG_LINES);
  const notices: string[] = [];
  let vms: WhyView['vms'] = [];
  let vmSummary: string | null = null;
  if ('unavailable' in found.items)
    notices.push(`Per-VM results could not be read: ${found.items.unavailable}`);
  else {
    ({ vms, summary: vmSummary } = vmLines(found.items));
    if (found.items.unreadable > 0)
      notices.push(`${found.items.unreadable} per-VM results could not be read.`);
    if (found.items.total !== null && found.items.total > found.items.items.length)
      notices.push(
        `Per-VM results are from the first ${found.items.items.length} of ${found.items.total} VMs.`,
      );
  }
  const own =
    context.vm && !('unavailable' in found.items)
      ? found.items.items.find((i) => i.name.toLowerCase() === context.vm?.toLowerCase())
      : undefined;
  const vmLine =
    own && context.vm
      ? own.status === 'Error' || own.status === 'Warning'
        ? `${context.vm} itself ${own.status === 'Error' ? 'failed' : 'warned'} in this session.`
        : `${context.vm} itself ${own.status === 'Success' ? 'succeeded' : `ended ${describeStatus(own.status ?? '').label.toLowerCase()}`} in this session; ${vms.length > 0 ? `what failed: ${vms.map((v) => v.label).join(', ')}` : 'the session failed for another reason'}.`
      : null;
  return {
    kind: 'why',
    title: `Why ${context.subject} failed`,
    understood: `${context.subject} · its latest failed session · history from its newest ${found.history.read} sessions of this type · times in ${zone}`,
    notice: notices.length > 0 ? notices.join(' ') : null,
    row: buildRow(failed, zone, now, { sessionId: failed.id, back }, context.tokens),
    history: [
      ...(vmLine ? [vmLine] : []),
      ...historyLines(failed, found.history, zone, now),
      ...(problems.length === 0
        ? ['Its log has no error or warning line; Details shows the whole log.']
        : []),
    ],
    log: problems.map((l) => ({
      timeText: l.time ? DateTime.fromISO(l.time, { zone: 'utc' }).setZone(zone).toFormat('HH:mm:ss') : '',
      tone: describeStatus(l.status ?? '').tone,
      message: l.message,
    })),
    vms,
    vmSummary,
    hints: knownCausesOf(problems.map((l) => l.message)).map((c) => ({
      text: `Known cause (Veeam documentation): ${c.hint}`,
      url: c.url,
      source: c.source,
    })),
    listToken: context.tokens.encodePage(back),
    timeZone: zone,
    veeamUrl: context.veeamUrl,
  };
}
