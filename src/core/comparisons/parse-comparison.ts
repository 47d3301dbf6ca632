import { DateTime } from 'luxon';
import type { ParseContext } from '../query/parse-session-query';
import { parseWindow } from '../query/parse-window';
import type { SessionQuery } from '../sessions/session-query';

/** One side of a comparison: an instant range (the first may run to now) and its words. */
export type Period = { fromUtc: string; toUtc: string | null; label: string };

export type ComparisonRequest =
  | { kind: 'comparison'; query: SessionQuery; first: Period; second: Period }
  | { kind: 'usage'; message: string };

const COMPARISON_USAGE =
  'Ask `this week vs last week`, `compare yesterday with the day before` or `failures this month vs last month`.';

const SPLIT = /^(?:compare\s+)?(.+?)\s+(?:vs\.?|versus|against|compared (?:to|with)|with|to|and)\s+(.+)$/i;
const BARE_COMPARE = /^compare\s+(.+?)(?:\s+(?:vs\.?|versus|against|with|to|and)\s+(.+))?$/i;
const VERSUS = /\s(?:vs\.?|versus|compared (?:to|with))\s/i;
const WORSE = /^(?:are|is)\s+(?:we|it|things|backups|the backups)\s+(?:getting\s+)?(?:worse|better)(.*)$/i;
/** What is counted is every status; these words only say which the asker cares about. */
const FOCUS =
  /^(?:the\s+)?(?:failures?|failed(?: sessions)?|errors?|warnings?|successes|sessions|backups|results|counts?)\s+/i;
const BEFORE =
  /^(?:the\s+)?(?:(day|week|month|year) before|previous (day|week|month|year)|(?:one|period) before|previous period)$/i;

/**
 * Reads "this week vs last week", "compare yesterday with the day before", "failures this month vs last
 * month", "are we getting worse?" (this week against last); null for anything else. Filters go with the
 * first period and apply to both ("Prod VMs this week vs last week").
 */
export function parseComparison(text: string, context: ParseContext): ComparisonRequest | null {
  const t = text
    .trim()
    .replace(/[?!.]+$/, '')
    .replace(/\s+/g, ' ');
  const worse = WORSE.exec(t);
  const m = worse
    ? null
    : /^compare\s/i.test(t)
      ? BARE_COMPARE.exec(t)
      : VERSUS.test(` ${t} `)
        ? SPLIT.exec(t)
        : null;
  if (!worse && !m) return null;
  const firstWords = worse
    ? `${(worse[1] ?? '').trim()} this week`.trim()
    : (m?.[1] ?? '').replace(FOCUS, '');
  // "compare yesterday": with the period before it.
  const secondWords = worse ? 'the week before' : (m?.[2] ?? 'the period before').replace(FOCUS, '');
  const first = parseWindow(firstWords, context, 'today', COMPARISON_USAGE);
  if (first.kind === 'usage') return first;
  if (!first.timeSaid || first.query.fromUtc === null)
    return {
      kind: 'usage',
      message: `I compare periods, one policy or all of them: say the periods. ${COMPARISON_USAGE}`,
    };
  const firstPeriod: Period = {
    fromUtc: first.query.fromUtc,
    toUtc: first.query.toUtc,
    label: first.query.timeLabel ?? 'the first period',
  };
  const before = BEFORE.exec(secondWords.trim());
  if (before) {
    const unit = ((before[1] ?? before[2])?.toLowerCase() ?? unitOf(firstPeriod.label)) as Unit | undefined;
    return {
      kind: 'comparison',
      query: first.query,
      first: firstPeriod,
      second: periodBefore(firstPeriod, unit, context, unit ? `the ${unit} before` : secondWords.trim()),
    };
  }
  const second = parseWindow(secondWords, context, 'today', COMPARISON_USAGE);
  if (second.kind === 'usage') return second;
  const q = second.query;
  if (q.name !== null || q.policy !== null || q.vm !== null || q.types.length > 0)
    return {
      kind: 'usage',
      message: `Name the policy, VM or type once, before the first period. ${COMPARISON_USAGE}`,
    };
  if (!second.timeSaid || q.fromUtc === null)
    return { kind: 'usage', message: `Say both periods. ${COMPARISON_USAGE}` };
  return {
    kind: 'comparison',
    query: first.query,
    first: firstPeriod,
    second: { fromUtc: q.fromUtc, toUtc: q.toUtc, label: q.timeLabel ?? 'the second period' },
  };
}

type Unit = 'day' | 'week' | 'month' | 'year';

/** The calendar unit a period's words name ("this week", "yesterday", "Tue 1 Dec"), if any. */
function unitOf(label: string): Unit | undefined {
  if (/\bweek$/.test(label)) return 'week';
  if (/\bmonth$/.test(label)) return 'month';
  if (/\byear$/.test(label)) return 'year';
  if (/^(?:today|yesterday)$|^[A-Z][a-z]{2} \d+ [A-Z][a-z]{2}$/.test(label)) return 'day';
  return undefined;
}

/** The period right before `first`: a calendar day, week, month or year before, or one as long. */
function periodBefore(first: Period, unit: Unit | undefined, context: ParseContext, words: string): Period {
  const from = DateTime.fromISO(first.fromUtc, { zone: 'utc' }).setZone(context.timeZone);
  const now = DateTime.isDateTime(context.now) ? context.now : DateTime.fromJSDate(context.now);
  const to = first.toUtc ? DateTime.fromISO(first.toUtc, { zone: 'utc' }) : now;
  const start = unit ? from.minus({ [`${unit}s`]: 1 }) : from.minus(to.diff(from));
  return {
    fromUtc: start.toUTC().toISO({ suppressMilliseconds: true }) ?? first.fromUtc,
    toUtc: first.fromUtc,
    label: words.toLowerCase().replace(/^(?!the )/, 'the '),
  };
}
