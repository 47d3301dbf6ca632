import { DateTime } from 'luxon';
import {
  daySpan,
  fmtDay,
  monthDay,
  type Point,
  type PointResult,
  span,
  type TimeContext,
} from './calendar-span';
import { AMBIGUOUS_MONTHS, MONTHS } from './time-words';
import type { Token } from './tokenize';

/**
 * Dates as written: 2026-11-03, 2026-11-03T08:00Z, 28/11, 27.11.2026, Nov 3, 3rd of November, Nov 25-28,
 * november, the 27th. A date without a year is its most recent occurrence.
 */

const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}[t ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(z|[+-]\d{2}:?\d{2})?$/i;
const NUMERIC_DATE = /^(\d{1,4})([/.])(\d{1,2})(?:\2(\d{2}|\d{4}))?$/;
const ORDINAL_DAY = /^(\d{1,2})(st|nd|rd|th)?$/i;
const ORDINAL_ONLY = /^(\d{1,2})(st|nd|rd|th)$/i;
const DAY_RANGE = /^(\d{1,2})-(\d{1,2})$/;
/** Words after which an ambiguous month name ("may") is a month. */
const DATE_ASKING = new Set(['in', 'since', 'during', 'from', 'until', 'before', 'after', 'between', 'of']);

function parseYear(token: Token | undefined): number | null {
  return token && /^\d{4}$/.test(token.word) ? Number(token.word) : null;
}

function fullYear(text: string | undefined): number | null {
  if (text === undefined) return null;
  return text.length === 2 ? 2000 + Number(text) : Number(text);
}

/** 28/11, 11/28, 27.11., 27.11.2026, 2026/11/27: a day and a month in the order the asker writes them. */
function numericDate(t: Token, ctx: TimeContext): PointResult | 'none' {
  const m = NUMERIC_DATE.exec(t.word);
  if (!m) return 'none';
  const [, a = '', sep, b = '', c] = m;
  let day: number;
  let month: number;
  let year: number | null;
  let note: string | undefined;
  if (a.length === 4) {
    if (c === undefined) return 'none';
    year = Number(a);
    month = Number(b);
    day = Number(c);
  } else {
    year = fullYear(c);
    const x = Number(a);
    const y = Number(b);
    // A dot is always day first (27.11.); a slash follows the numbers, then the asker's habit.
    const dayFirst = sep === '.' || x > 12 || (y <= 12 && ctx.dateOrder === 'day-first');
    day = dayFirst ? x : y;
    month = dayFirst ? y : x;
    if (sep === '/' && x <= 12 && y <= 12 && x !== y)
      note = `Read "${t.raw}" as ${dayFirst ? 'day/month' : 'month/day'}`;
  }
  const d = monthDay(ctx.now, month, day, year);
  if (!d) return { error: `"${t.raw}" is not a valid date.`, next: 0 };
  const point = { ...daySpan(d, ctx.now), yearless: year === null };
  if (note) point.note = `${note}: ${point.label}.`;
  return { point, next: 0 };
}

function monthSpan(now: DateTime, month: number, year: number | null): Point {
  let start = DateTime.fromObject({ year: year ?? now.year, month, day: 1 }, { zone: now.zone });
  if (year === null && start > now) start = start.minus({ years: 1 });
  return span(start, start.plus({ months: 1 }), start.toFormat('LLLL yyyy'), now);
}

function dayRange(
  now: DateTime,
  month: number,
  first: number,
  last: number,
  year: number | null,
  next: number,
  t: Token,
): PointResult {
  const start = monthDay(now, month, first, year);
  const end = start ? DateTime.fromObject({ year: start.year, month, day: last }, { zone: now.zone }) : null;
  if (!start || !end?.isValid || end < start)
    return { error: `"${t.raw}" is not a range of days I can read.`, next };
  return {
    point: span(
      start.startOf('day'),
      end.plus({ days: 1 }).startOf('day'),
      `${fmtDay(start)} – ${fmtDay(end)}`,
      now,
    ),
    next,
  };
}

/** A written date starting at i, or null when none does. */
export function parseWrittenDate(tokens: Token[], i: number, ctx: TimeContext): PointResult {
  const { now } = ctx;
  const t = tokens[i] as Token;
  const w = t.word;
  const n1 = tokens[i + 1]?.word;
  const iso = ISO_DATE.exec(w);
  if (iso) {
    const d = DateTime.fromObject(
      { year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]) },
      { zone: now.zone },
    );
    if (!d.isValid) return { error: `"${t.raw}" is not a valid date.`, next: i + 1 };
    return { point: daySpan(d, now), next: i + 1 };
  }
  if (ISO_INSTANT.test(w)) {
    const d = DateTime.fromISO(t.raw.replace(' ', 'T'), { zone: now.zone, setZone: false });
    if (!d.isValid) return { error: `"${t.raw}" is not a valid date and time.`, next: i + 1 };
    return { point: { kind: 'instant', at: d, label: d.toFormat('ccc d LLL yyyy HH:mm') }, next: i + 1 };
  }
  if (/^\d{4}-\d+-\d+/.test(w) || /^\d{4}-\d+$/.test(w)) {
    return { error: `"${t.raw}" is not a valid date (use YYYY-MM-DD).`, next: i + 1 };
  }
  const numeric = numericDate(t, ctx);
  if (numeric !== 'none') return numeric && { ...numeric, next: i + 1 };

  // "Nov 3", "November 3rd, 2026", "Nov 25-28", "november"
  const month = MONTHS.get(w);
  if (month !== undefined) {
    const dayToken = tokens[i + 1];
    const range = dayToken ? DAY_RANGE.exec(dayToken.word) : null;
    if (range)
      return dayRange(now, month, Number(range[1]), Number(range[2]), parseYear(tokens[i + 2]), i + 2, t);
    const dayMatch = dayToken && !dayToken.quoted ? ORDINAL_DAY.exec(dayToken.word) : null;
    if (dayMatch) {
      const year = parseYear(tokens[i + 2]);
      const d = monthDay(now, month, Number(dayMatch[1]), year);
      if (!d) return { error: `"${t.raw} ${dayToken?.raw}" is not a valid date.`, next: i + 2 };
      return { point: { ...daySpan(d, now), yearless: year === null }, next: i + (year === null ? 2 : 3) };
    }
    if (!AMBIGUOUS_MONTHS.has(w) || DATE_ASKING.has(tokens[i - 1]?.word ?? '')) {
      const year = parseYear(tokens[i + 1]);
      return { point: monthSpan(now, month, year), next: i + (year === null ? 1 : 2) };
    }
  }
  // "3 Nov", "3rd of November 2026", "25-28 nov"
  const range = DAY_RANGE.exec(w);
  const dayFirst = range ? null : ORDINAL_DAY.exec(w);
  if ((range || dayFirst) && n1 !== undefined) {
    const ofSkip = n1 === 'of' ? 1 : 0;
    const monthWord = tokens[i + 1 + ofSkip]?.word;
    const m = monthWord === undefined ? undefined : MONTHS.get(monthWord);
    if (m !== undefined) {
      const year = parseYear(tokens[i + 2 + ofSkip]);
      const next = i + 2 + ofSkip + (year === null ? 0 : 1);
      if (range) return dayRange(now, m, Number(range[1]), Number(range[2]), year, next, t);
      const d = monthDay(now, m, Number(dayFirst?.[1]), year);
      if (!d) return { error: `"${t.raw} ${monthWord}" is not a valid date.`, next };
      return { point: { ...daySpan(d, now), yearless: year === null }, next };
    }
  }
  // "the 27th": that day of this month, or of the last one if it is still ahead.
  const ordinal = ORDINAL_ONLY.exec(w);
  if (ordinal) {
    let d = now.set({ day: Number(ordinal[1]) });
    if (!d.isValid || d.day !== Number(ordinal[1]) || d.startOf('day') > now) {
      const before = now.minus({ months: 1 });
      d = before.set({ day: Number(ordinal[1]) });
      if (!d.isValid || d.day !== Number(ordinal[1]))
        return { error: `"${t.raw}" is not a day of this or last month.`, next: i + 1 };
    }
    return { point: daySpan(d, now), next: i + 1 };
  }

  return null;
}
