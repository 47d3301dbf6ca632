import { DateTime } from 'luxon';
import {
  AMBIGUOUS_MONTHS,
  CALENDAR_UNITS,
  MONTHS,
  NUMBER_WORDS,
  PARTS_OF_DAY,
  UNITS,
  WEEKDAYS,
} from './time-words';
import type { Token } from './tokenize';

/**
 * Calendar points: the days, parts of days, weeks, weekends, months and instants a question may name,
 * each built with luxon in the asker's zone, so a DST day has 23 or 25 hours.
 */

/** Day and month order for numbers such as 03/12: from the asker's locale or zone (date-order.ts). */
export type DateOrder = 'day-first' | 'month-first';

export type TimeContext = { now: DateTime; dateOrder: DateOrder };

export type Clock = { h: number; m: number };

export type Point =
  | {
      kind: 'span';
      start: DateTime;
      end: DateTime;
      label: string;
      /** The span runs on past now (today, this week): its end is now. */
      containsNow: boolean;
      /** One calendar day, said alone: a clock time said with it lands on this day. */
      singleDay: boolean;
      /** A month and day said without a year: a range ending in one may run into this year. */
      yearless?: boolean;
      /** "2 days ago": the exact instant, for "since 2 days ago". */
      exact?: DateTime;
      note?: string;
    }
  | {
      kind: 'instant';
      at: DateTime;
      label: string;
      /** A clock time said with no day: its most recent occurrence, which a day said nearby may move. */
      clock?: Clock;
      /** A clock time said with its day after it ("3am yesterday"): that day's midnight. */
      day?: DateTime;
      note?: string;
    };

export type PointResult = { point: Point; next: number } | { error: string; next: number } | null;

const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}[t ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(z|[+-]\d{2}:?\d{2})?$/i;
const NUMERIC_DATE = /^(\d{1,4})([/.])(\d{1,2})(?:\2(\d{2}|\d{4}))?$/;
const CLOCK = /^(\d{1,2})(?::(\d{2}))?\s*(am|pm|a\.m|p\.m)?$/i;
const ORDINAL_DAY = /^(\d{1,2})(st|nd|rd|th)?$/i;
const ORDINAL_ONLY = /^(\d{1,2})(st|nd|rd|th)$/i;
const DAY_RANGE = /^(\d{1,2})-(\d{1,2})$/;
/** Words after which an ambiguous month name ("may") is a month. */
const DATE_ASKING = new Set(['in', 'since', 'during', 'from', 'until', 'before', 'after', 'between', 'of']);

export function fmtDay(d: DateTime): string {
  return d.toFormat('ccc d LLL yyyy');
}

function span(
  start: DateTime,
  end: DateTime,
  label: string,
  now: DateTime,
  extra: Partial<Extract<Point, { kind: 'span' }>> = {},
): Extract<Point, { kind: 'span' }> {
  return { kind: 'span', start, end, label, containsNow: end > now, singleDay: false, ...extra };
}

/**
 * A whole calendar day, [00:00, next 00:00) local. Only "today" runs on to now when said alone; a date or
 * weekday is the whole day, even when it is today.
 */
export function daySpan(day: DateTime, now: DateTime, label?: string): Extract<Point, { kind: 'span' }> {
  const start = day.startOf('day');
  return span(start, start.plus({ days: 1 }).startOf('day'), label ?? fmtDay(start), now, {
    singleDay: true,
    containsNow: label === 'today',
  });
}

function mostRecentWeekday(now: DateTime, weekday: number, includeToday: boolean): DateTime {
  let back = (now.weekday - weekday + 7) % 7;
  if (back === 0 && !includeToday) back = 7;
  return now.minus({ days: back }).startOf('day');
}

/** A clock time ("08:00", "8am", "6:30 pm", "noon", "midnight") as hours and minutes, or null. */
export function parseClock(token: Token | undefined, following?: Token): (Clock & { used: number }) | null {
  if (!token || token.quoted || token.key) return null;
  if (token.word === 'noon' || token.word === 'midday') return { h: 12, m: 0, used: 1 };
  if (token.word === 'midnight') return { h: 0, m: 0, used: 1 };
  let text = token.word;
  let used = 1;
  if (/^\d{1,2}(:\d{2})?$/.test(text) && /^(am|pm|a\.m|p\.m)$/.test(following?.word ?? '')) {
    text += following?.word;
    used = 2;
  }
  const m = CLOCK.exec(text);
  if (!m) return null;
  // A bare number ("3") is a day or a count, not a time.
  if (m[2] === undefined && m[3] === undefined) return null;
  let h = Number(m[1]);
  const min = m[2] === undefined ? 0 : Number(m[2]);
  if (m[3]) {
    if (h < 1 || h > 12) return null;
    h = (h % 12) + (m[3].toLowerCase().startsWith('p') ? 12 : 0);
  }
  if (h > 23 || min > 59) return null;
  return { h, m: min, used };
}

/** A date with no year means its most recent occurrence, today included. */
export function monthDay(now: DateTime, month: number, day: number, year: number | null): DateTime | null {
  let d = DateTime.fromObject({ year: year ?? now.year, month, day }, { zone: now.zone });
  if (!d.isValid) return null;
  if (year === null && d.startOf('day') > now) d = d.minus({ years: 1 });
  return d.isValid ? d : null;
}

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

/** A part of the day on a day: "yesterday evening", "monday night". */
function partOf(day: DateTime, part: string, now: DateTime, label: string): Point | null {
  const p = PARTS_OF_DAY.get(part);
  if (!p) return null;
  // Wall-clock hours, whatever DST did that day: 18:00 is 18:00 on a 25-hour Sunday too.
  const midnight = day.startOf('day');
  const next = midnight.plus({ days: 1 }).startOf('day');
  const start = midnight.set({ hour: p.from });
  const end = p.to >= 24 ? next.set({ hour: p.to - 24 }) : midnight.set({ hour: p.to });
  return span(start, end, label, now);
}

function weekendOf(now: DateTime, which: 'last' | 'this'): Point {
  const onWeekend = now.weekday >= 6;
  const saturday = mostRecentWeekday(now, 6, true);
  const start = saturday;
  const end = saturday.plus({ days: 2 }).startOf('day');
  const label = `weekend of ${start.toFormat('ccc d LLL')}`;
  const note =
    which === 'this' && !onWeekend
      ? `This weekend is still ahead, so this is last weekend (${start.toFormat('ccc d')} – ${end.minus({ days: 1 }).toFormat('ccc d LLL')}).`
      : undefined;
  return span(start, end, label, now, note ? { note } : {});
}

function calendarUnitSpan(now: DateTime, unit: 'week' | 'month' | 'year', which: string): Point {
  const current = now.startOf(unit);
  const start = which === 'this' ? current : current.minus({ [`${unit}s`]: 1 }).startOf(unit);
  const end = start.plus({ [`${unit}s`]: 1 }).startOf(unit);
  return span(start, end, `${which === 'previous' ? 'last' : which} ${unit}`, now);
}

function monthSpan(now: DateTime, month: number, year: number | null): Point {
  let start = DateTime.fromObject({ year: year ?? now.year, month, day: 1 }, { zone: now.zone });
  if (year === null && start > now) start = start.minus({ years: 1 });
  return span(start, start.plus({ months: 1 }), start.toFormat('LLLL yyyy'), now);
}

function parseAmount(t: Token | undefined): number | null {
  if (!t || t.quoted) return null;
  if (/^\d{1,5}$/.test(t.word)) return Number(t.word);
  return NUMBER_WORDS.get(t.word) ?? null;
}

/** "2 days ago" is that calendar day, "2 weeks ago" that ISO week, "3 hours ago" the instant. */
function agoPoint(now: DateTime, amount: number, unit: string, said: string): Point {
  const at = now.minus({ [unit]: amount });
  if (unit === 'days' || (unit === 'weeks' && amount === 1))
    return { ...daySpan(at, now, `${fmtDay(at)} (${said})`), exact: at };
  if (unit === 'weeks') {
    const start = at.startOf('week');
    return span(
      start,
      start.plus({ weeks: 1 }),
      `week of ${start.toFormat('ccc d LLL yyyy')} (${said})`,
      now,
      {
        exact: at,
      },
    );
  }
  if (unit === 'months') {
    const start = at.startOf('month');
    return span(start, start.plus({ months: 1 }), `${start.toFormat('LLLL yyyy')} (${said})`, now, {
      exact: at,
    });
  }
  return { kind: 'instant', at, label: said };
}

/** The day a bare day word names, with how many tokens it took; null when none starts at i. */
function dayAt(
  tokens: Token[],
  i: number,
  ctx: TimeContext,
): { day: DateTime; label: string; next: number } | null {
  const { now } = ctx;
  const w = tokens[i]?.word;
  if (w === 'today') return { day: now, label: 'today', next: i + 1 };
  if (w === 'yesterday') return { day: now.minus({ days: 1 }), label: 'yesterday', next: i + 1 };
  if (w === 'day' && tokens[i + 1]?.word === 'before' && tokens[i + 2]?.word === 'yesterday') {
    const day = now.minus({ days: 2 });
    return { day, label: `${fmtDay(day)} (the day before yesterday)`, next: i + 3 };
  }
  const weekday = w === undefined ? undefined : WEEKDAYS.get(w);
  if (weekday !== undefined) {
    const day = mostRecentWeekday(now, weekday, true);
    return { day, label: fmtDay(day), next: i + 1 };
  }
  return null;
}

function parseCalendarPoint(tokens: Token[], i: number, ctx: TimeContext): PointResult {
  const { now } = ctx;
  const t = tokens[i];
  if (!t || t.quoted || t.key !== undefined) return null;
  const w = t.word;
  const n1 = tokens[i + 1]?.word;

  if (w === 'now') return { point: { kind: 'instant', at: now, label: 'now' }, next: i + 1 };

  // The night before this morning: yesterday 18:00 to today 08:00.
  if (w === 'last' && n1 === 'evening') {
    return {
      point: partOf(now.minus({ days: 1 }), 'evening', now, 'yesterday evening') as Point,
      next: i + 2,
    };
  }
  if ((w === 'last' && n1 === 'night') || w === 'overnight' || w === 'last-night') {
    const p = partOf(now.minus({ days: 1 }), 'night', now, 'last night') as Point;
    return { point: p, next: i + (w === 'last' ? 2 : 1) };
  }
  if (w === 'tonight' || (w === 'this' && (n1 === 'evening' || n1 === 'morning' || n1 === 'afternoon'))) {
    const part = w === 'tonight' ? 'evening' : (n1 as string);
    const next = i + (w === 'tonight' ? 1 : 2);
    const p = partOf(now, part, now, w === 'tonight' ? 'tonight' : `this ${part}`) as Extract<
      Point,
      { kind: 'span' }
    >;
    if (p.start > now) {
      if (part !== 'evening')
        return { error: `This ${part} has not started yet (it is ${now.toFormat('HH:mm')} here).`, next };
      const night = partOf(now.minus({ days: 1 }), 'night', now, 'last night') as Point;
      return {
        point: {
          ...night,
          note: `${w === 'tonight' ? 'Tonight' : 'This evening'} has not started yet (it is ${now.toFormat('HH:mm')}), so this is last night.`,
        },
        next,
      };
    }
    return { point: p, next };
  }

  const day = dayAt(tokens, i, ctx);
  if (day) {
    const part = tokens[day.next]?.word;
    const p = part === undefined ? null : partOf(day.day, part, now, `${day.label} ${part}`);
    if (p && p.kind === 'span') {
      if (p.start > now) return { error: `${day.label} ${part} has not started yet.`, next: day.next + 1 };
      return { point: p, next: day.next + 1 };
    }
    return { point: daySpan(day.day, now, day.label), next: day.next };
  }

  if (w === 'weekend' || ((w === 'this' || w === 'last' || w === 'previous') && n1 === 'weekend')) {
    return { point: weekendOf(now, w === 'this' ? 'this' : 'last'), next: i + (w === 'weekend' ? 1 : 2) };
  }
  const calendarUnit = n1 === undefined ? undefined : CALENDAR_UNITS.get(n1);
  if ((w === 'this' || w === 'last' || w === 'previous') && calendarUnit) {
    return { point: calendarUnitSpan(now, calendarUnit, w), next: i + 2 };
  }
  const namedWeekday = n1 === undefined ? undefined : WEEKDAYS.get(n1);
  if ((w === 'last' || w === 'this' || w === 'previous') && namedWeekday !== undefined) {
    return { point: daySpan(mostRecentWeekday(now, namedWeekday, w === 'this'), now), next: i + 2 };
  }

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

  // "3 hours ago", "2 days ago", "a week ago"
  const amount = parseAmount(t);
  const unit = n1 === undefined ? undefined : UNITS.get(n1);
  if (amount !== null && unit && tokens[i + 2]?.word === 'ago') {
    return { point: agoPoint(now, amount, unit, `${t.raw} ${n1} ago`), next: i + 3 };
  }

  // A clock time alone is its most recent occurrence ("since 18:00" asked at 09:00 is yesterday 18:00),
  // unless a day follows it ("since 6pm yesterday").
  const clock = parseClock(t, tokens[i + 1]);
  if (clock) {
    const onDay = dayAt(tokens, i + clock.used, ctx);
    if (onDay) {
      const at = onDay.day.startOf('day').set({ hour: clock.h, minute: clock.m });
      return {
        point: {
          kind: 'instant',
          at,
          label: `${onDay.label} ${at.toFormat('HH:mm')}`,
          day: onDay.day.startOf('day'),
        },
        next: onDay.next,
      };
    }
    let at = now.set({ hour: clock.h, minute: clock.m, second: 0, millisecond: 0 });
    if (at > now) at = at.minus({ days: 1 });
    return {
      point: { kind: 'instant', at, label: at.toFormat('HH:mm'), clock: { h: clock.h, m: clock.m } },
      next: i + clock.used,
    };
  }
  return null;
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

/** A calendar point, then optionally a clock time on that day ("yesterday 18:00", "Monday at 8am"). */
export function parsePoint(tokens: Token[], i: number, ctx: TimeContext): PointResult {
  const base = parseCalendarPoint(tokens, i, ctx);
  if (!base || 'error' in base || base.point.kind !== 'span' || !base.point.singleDay) return base;
  const atSkip = tokens[base.next]?.word === 'at' ? 1 : 0;
  const clock = parseClock(tokens[base.next + atSkip], tokens[base.next + atSkip + 1]);
  if (!clock) return base;
  const at = base.point.start.set({ hour: clock.h, minute: clock.m });
  return {
    point: { kind: 'instant', at, label: `${base.point.label} ${at.toFormat('HH:mm')}` },
    next: base.next + atSkip + clock.used,
  };
}

/** The end of a range said without a year ("between dec 1 and dec 3") lies after its start, not a year back. */
export function alignEnd(start: Point, end: Point): Point {
  if (end.kind !== 'span' || start.kind !== 'span' || !end.yearless) return end;
  if (end.start >= start.start || end.end.diff(end.start, 'days').days > 31) return end;
  const moved = { ...end, start: end.start.plus({ years: 1 }), end: end.end.plus({ years: 1 }) };
  return moved.start >= start.start ? { ...moved, label: fmtDay(moved.start) } : end;
}

export const startOf = (p: Point) => (p.kind === 'span' ? p.start : p.at);
export const endOf = (p: Point) => (p.kind === 'span' ? p.end : p.at);
