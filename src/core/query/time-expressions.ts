import { DateTime, type DurationLikeObject } from 'luxon';
import type { Token } from './tokenize';

/**
 * Time words → UTC bounds, in the asker's time zone. A calendar day is [00:00, next 00:00) local, so a DST
 * day has 23 or 25 hours. Rolling windows ("last 24h") count back from now exactly.
 */

export type TimeContext = { now: DateTime };

/** A span the user named: a day, week or month (end exclusive), or an instant. */
type Point =
  | { kind: 'span'; start: DateTime; end: DateTime; label: string; containsNow: boolean }
  | { kind: 'instant'; at: DateTime; label: string };

export type TimeBounds = { from: DateTime | null; to: DateTime | null; label: string };

export type TimeMatch = { bounds: TimeBounds; next: number } | { error: string; next: number } | null;

// Maps, not plain objects: a word like "__proto__" must not find Object.prototype.
const WEEKDAYS = new Map<string, number>(
  Object.entries({
    monday: 1,
    mon: 1,
    tuesday: 2,
    tue: 2,
    tues: 2,
    wednesday: 3,
    wed: 3,
    thursday: 4,
    thu: 4,
    thur: 4,
    thurs: 4,
    friday: 5,
    fri: 5,
    saturday: 6,
    sat: 6,
    sunday: 7,
    sun: 7,
  }),
);
const MONTHS = new Map<string, number>(
  Object.entries({
    january: 1,
    jan: 1,
    february: 2,
    feb: 2,
    march: 3,
    mar: 3,
    april: 4,
    apr: 4,
    may: 5,
    june: 6,
    jun: 6,
    july: 7,
    jul: 7,
    august: 8,
    aug: 8,
    september: 9,
    sep: 9,
    sept: 9,
    october: 10,
    oct: 10,
    november: 11,
    nov: 11,
    december: 12,
    dec: 12,
  }),
);
const NUMBER_WORDS = new Map<string, number>(
  Object.entries({
    a: 1,
    an: 1,
    one: 1,
    two: 2,
    three: 3,
    four: 4,
    five: 5,
    six: 6,
    seven: 7,
    eight: 8,
    nine: 9,
    ten: 10,
    eleven: 11,
    twelve: 12,
    fifteen: 15,
    twenty: 20,
    thirty: 30,
  }),
);
const UNITS = new Map<string, keyof DurationLikeObject>(
  Object.entries({
    m: 'minutes',
    min: 'minutes',
    mins: 'minutes',
    minute: 'minutes',
    minutes: 'minutes',
    h: 'hours',
    hr: 'hours',
    hrs: 'hours',
    hour: 'hours',
    hours: 'hours',
    d: 'days',
    day: 'days',
    days: 'days',
    w: 'weeks',
    wk: 'weeks',
    wks: 'weeks',
    week: 'weeks',
    weeks: 'weeks',
    month: 'months',
    months: 'months',
  }),
);
const CALENDAR_UNITS = new Map<string, 'week' | 'month' | 'year'>(
  Object.entries({
    week: 'week',
    month: 'month',
    year: 'year',
  }),
);

export const TIME_WORDS = new Set([
  'today',
  'yesterday',
  'now',
  'since',
  'after',
  'before',
  'until',
  'till',
  'between',
  'from',
  'to',
  'through',
  'last',
  'past',
  'previous',
  'this',
  'ago',
  'within',
  'during',
  'over',
  ...WEEKDAYS.keys(),
  ...MONTHS.keys(),
]);

const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}[t ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(z|[+-]\d{2}:?\d{2})?$/i;
const CLOCK = /^(\d{1,2})(?::(\d{2}))?\s*(am|pm)?$/i;
const COMPACT_DURATION = /^(\d+)(m|min|h|hr|d|w)$/i;
const ORDINAL_DAY = /^(\d{1,2})(st|nd|rd|th)?$/i;

function fmtDay(d: DateTime): string {
  return d.toFormat('ccc d LLL yyyy');
}

/** A whole calendar day. Only "today" runs on to now when said alone; a date or weekday is the whole day. */
function daySpan(day: DateTime, label?: string, containsNow = false): Point {
  const start = day.startOf('day');
  const end = start.plus({ days: 1 }).startOf('day');
  return { kind: 'span', start, end, label: label ?? fmtDay(start), containsNow };
}

function mostRecentWeekday(now: DateTime, weekday: number, includeToday: boolean): DateTime {
  let back = (now.weekday - weekday + 7) % 7;
  if (back === 0 && !includeToday) back = 7;
  return now.minus({ days: back }).startOf('day');
}

/** A clock time ("08:00", "8am", "6:30 pm") as hours and minutes, or null. */
function parseClock(
  token: Token | undefined,
  following?: Token,
): { h: number; m: number; used: number } | null {
  if (!token || token.quoted || token.key) return null;
  let text = token.word;
  let used = 1;
  if (/^\d{1,2}(:\d{2})?$/.test(text) && (following?.word === 'am' || following?.word === 'pm')) {
    text += following.word;
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
    h = (h % 12) + (m[3].toLowerCase() === 'pm' ? 12 : 0);
  }
  if (h > 23 || min > 59) return null;
  return { h, m: min, used };
}

type PointResult = { point: Point; next: number } | { error: string; next: number } | null;

/** A date with no year means its most recent occurrence, today included. */
function monthDay(now: DateTime, month: number, day: number, year: number | null): DateTime | null {
  let d = DateTime.fromObject({ year: year ?? now.year, month, day }, { zone: now.zone });
  if (!d.isValid) return null;
  if (year === null && d.startOf('day') > now) d = d.minus({ years: 1 });
  return d.isValid ? d : null;
}

function parseYear(token: Token | undefined): number | null {
  return token && /^\d{4}$/.test(token.word) ? Number(token.word) : null;
}

function parseCalendarPoint(tokens: Token[], i: number, ctx: TimeContext): PointResult {
  const { now } = ctx;
  const t = tokens[i];
  if (!t || t.quoted) return null;
  const w = t.word;
  const n1 = tokens[i + 1]?.word;

  if (w === 'now') return { point: { kind: 'instant', at: now, label: 'now' }, next: i + 1 };
  if (w === 'today') return { point: daySpan(now, 'today', true), next: i + 1 };
  if (w === 'yesterday') return { point: daySpan(now.minus({ days: 1 }), 'yesterday'), next: i + 1 };

  const calendarUnit = n1 === undefined ? undefined : CALENDAR_UNITS.get(n1);
  if ((w === 'this' || w === 'last' || w === 'previous') && calendarUnit) {
    const unit = calendarUnit;
    const current = now.startOf(unit);
    const start = w === 'this' ? current : current.minus({ [`${unit}s`]: 1 }).startOf(unit);
    const end = start.plus({ [`${unit}s`]: 1 }).startOf(unit);
    return {
      point: {
        kind: 'span',
        start,
        end,
        label: `${w === 'previous' ? 'last' : w} ${unit}`,
        containsNow: w === 'this',
      },
      next: i + 2,
    };
  }
  const namedWeekday = n1 === undefined ? undefined : WEEKDAYS.get(n1);
  if ((w === 'last' || w === 'this' || w === 'previous') && namedWeekday !== undefined) {
    const day = mostRecentWeekday(now, namedWeekday, w === 'this');
    return { point: daySpan(day), next: i + 2 };
  }
  const weekday = WEEKDAYS.get(w);
  if (weekday !== undefined) {
    return { point: daySpan(mostRecentWeekday(now, weekday, true)), next: i + 1 };
  }

  const iso = ISO_DATE.exec(w);
  if (iso) {
    const d = DateTime.fromObject(
      { year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]) },
      { zone: now.zone },
    );
    if (!d.isValid) return { error: `"${t.raw}" is not a valid date.`, next: i + 1 };
    return { point: daySpan(d), next: i + 1 };
  }
  if (ISO_INSTANT.test(w)) {
    const d = DateTime.fromISO(t.raw.replace(' ', 'T'), { zone: now.zone, setZone: false });
    if (!d.isValid) return { error: `"${t.raw}" is not a valid date and time.`, next: i + 1 };
    return { point: { kind: 'instant', at: d, label: d.toFormat('ccc d LLL yyyy HH:mm') }, next: i + 1 };
  }
  if (/^\d{4}-\d+-\d+/.test(w) || /^\d{4}-\d+$/.test(w)) {
    return { error: `"${t.raw}" is not a valid date (use YYYY-MM-DD).`, next: i + 1 };
  }

  // "Nov 3", "November 3rd, 2026"
  const month = MONTHS.get(w);
  if (month !== undefined && n1 !== undefined) {
    const day = ORDINAL_DAY.exec(n1);
    if (day) {
      const year = parseYear(tokens[i + 2]);
      const d = monthDay(now, month, Number(day[1]), year);
      if (!d) return { error: `"${t.raw} ${tokens[i + 1]?.raw}" is not a valid date.`, next: i + 2 };
      return { point: daySpan(d), next: i + (year === null ? 2 : 3) };
    }
  }
  // "3 Nov", "3rd of November 2026"
  const dayFirst = ORDINAL_DAY.exec(w);
  if (dayFirst && n1 !== undefined) {
    const ofSkip = n1 === 'of' ? 1 : 0;
    const monthWord = tokens[i + 1 + ofSkip]?.word;
    const m = monthWord === undefined ? undefined : MONTHS.get(monthWord);
    if (m !== undefined) {
      const year = parseYear(tokens[i + 2 + ofSkip]);
      const d = monthDay(now, m, Number(dayFirst[1]), year);
      if (!d) return { error: `"${t.raw} ${monthWord}" is not a valid date.`, next: i + 2 + ofSkip };
      return { point: daySpan(d), next: i + 2 + ofSkip + (year === null ? 0 : 1) };
    }
  }

  // "3 hours ago", "2 days ago"
  const amount = parseAmount(t);
  const unit = n1 === undefined ? undefined : UNITS.get(n1);
  if (amount !== null && unit && tokens[i + 2]?.word === 'ago') {
    const at = now.minus({ [unit]: amount });
    return { point: { kind: 'instant', at, label: `${amount} ${n1} ago` }, next: i + 3 };
  }

  // A clock time alone is its most recent occurrence: "since 18:00" asked at 09:00 means yesterday 18:00.
  const clock = parseClock(t, tokens[i + 1]);
  if (clock) {
    let at = now.set({ hour: clock.h, minute: clock.m, second: 0, millisecond: 0 });
    if (at > now) at = at.minus({ days: 1 });
    return { point: { kind: 'instant', at, label: at.toFormat('HH:mm') }, next: i + clock.used };
  }
  return null;
}

/** A calendar point, then optionally a clock time on that day ("yesterday 18:00", "Monday at 8am"). */
function parsePoint(tokens: Token[], i: number, ctx: TimeContext): PointResult {
  const base = parseCalendarPoint(tokens, i, ctx);
  if (!base || 'error' in base || base.point.kind !== 'span') return base;
  const atSkip = tokens[base.next]?.word === 'at' ? 1 : 0;
  const clock = parseClock(tokens[base.next + atSkip], tokens[base.next + atSkip + 1]);
  if (!clock || base.point.end.diff(base.point.start, 'days').days > 1.1) return base;
  const at = base.point.start.set({ hour: clock.h, minute: clock.m });
  return {
    point: { kind: 'instant', at, label: `${base.point.label} ${at.toFormat('HH:mm')}` },
    next: base.next + atSkip + clock.used,
  };
}

function parseAmount(t: Token | undefined): number | null {
  if (!t || t.quoted) return null;
  if (/^\d{1,5}$/.test(t.word)) return Number(t.word);
  return NUMBER_WORDS.get(t.word) ?? null;
}

const startOf = (p: Point) => (p.kind === 'span' ? p.start : p.at);
const endOf = (p: Point) => (p.kind === 'span' ? p.end : p.at);

/** "last 24h", "past 3 days", "last 90 minutes", "past hour": exactly back from now. */
function parseRolling(tokens: Token[], i: number, ctx: TimeContext): TimeMatch {
  const w = tokens[i]?.word;
  if (w !== 'last' && w !== 'past' && w !== 'previous') return null;
  const t1 = tokens[i + 1];
  if (!t1 || t1.quoted) return null;
  const compact = COMPACT_DURATION.exec(t1.word);
  let amount: number | null;
  let unitWord: string | undefined;
  let next: number;
  if (compact) {
    amount = Number(compact[1]);
    unitWord = compact[2]?.toLowerCase();
    next = i + 2;
  } else {
    amount = parseAmount(t1);
    if (amount !== null) {
      unitWord = tokens[i + 2]?.word;
      next = i + 3;
    } else {
      // "past hour", "last day": one unit. "last week" and "last month" are calendar spans, not rolling,
      // unless said as "past".
      unitWord = t1.word;
      amount = 1;
      next = i + 2;
      if (w !== 'past' && CALENDAR_UNITS.get(unitWord)) return null;
    }
  }
  const unit = unitWord === undefined ? undefined : UNITS.get(unitWord);
  if (!unit) return null;
  if (amount < 1) return { error: `"${w} ${amount} ${unitWord}" is an empty window.`, next };
  const from = ctx.now.minus({ [unit]: amount });
  const unitLabel = amount === 1 ? unit.slice(0, -1) : unit;
  return { bounds: { from, to: null, label: `last ${amount === 1 ? '' : `${amount} `}${unitLabel}` }, next };
}

/** `since:monday`, `from:2026-11-01`, `to:2026-11-07` → bounds, with `to` a whole day inclusive. */
export function parseTimeKey(key: string, valueTokens: Token[], raw: string, ctx: TimeContext): TimeMatch {
  if (
    key === 'since' ||
    key === 'after' ||
    key === 'from' ||
    key === 'to' ||
    key === 'until' ||
    key === 'before'
  ) {
    const rolling =
      key === 'since'
        ? parseRolling([{ raw: 'last', word: 'last', quoted: false }, ...valueTokens], 0, ctx)
        : null;
    if (rolling && !('error' in rolling) && rolling.next === valueTokens.length + 1)
      return { ...rolling, next: 1 };
    const p = parsePoint(valueTokens, 0, ctx);
    if (!p) return { error: `"${key}:${raw}" is not a date or time I understand.`, next: 1 };
    if ('error' in p) return { error: p.error, next: 1 };
    if (p.next < valueTokens.length)
      return { error: `"${key}:${raw}" is not a date or time I understand.`, next: 1 };
    const pt = p.point;
    switch (key) {
      case 'since':
      case 'from':
        return { bounds: { from: startOf(pt), to: null, label: `since ${pt.label}` }, next: 1 };
      case 'after':
        return { bounds: { from: endOf(pt), to: null, label: `after ${pt.label}` }, next: 1 };
      case 'before':
        return { bounds: { from: null, to: startOf(pt), label: `before ${pt.label}` }, next: 1 };
      default:
        return { bounds: { from: null, to: endOf(pt), label: `until ${pt.label}` }, next: 1 };
    }
  }
  return null;
}

const RANGE_JOINERS = new Set(['to', 'until', 'till', 'through', 'thru', '-', 'and']);

/** Tries every time phrase at position i. Returns null when no time phrase starts there. */
export function parseTimePhrase(tokens: Token[], i: number, ctx: TimeContext): TimeMatch {
  const w = tokens[i]?.word;
  if (w === undefined || tokens[i]?.quoted) return null;

  const rolling = parseRolling(tokens, i, ctx);
  if (rolling) return rolling;

  if (w === 'between' || w === 'from') {
    const p1 = parsePoint(tokens, i + 1, ctx);
    if (!p1) return null;
    if ('error' in p1) return p1;
    const joiner = tokens[p1.next]?.word;
    if (joiner !== undefined && RANGE_JOINERS.has(joiner) && (w === 'between') === (joiner === 'and')) {
      const p2 = parsePoint(tokens, p1.next + 1, ctx);
      if (p2 && 'error' in p2) return p2;
      if (p2) {
        const label = `${p1.point.label} – ${p2.point.label}`;
        return { bounds: { from: startOf(p1.point), to: endOf(p2.point), label }, next: p2.next };
      }
      return { error: `"${w} ${p1.point.label} ${joiner} …" needs a second date.`, next: p1.next + 1 };
    }
    if (w === 'between')
      return { error: '"between" needs two dates: "between Monday and Wednesday".', next: p1.next };
    // "warnings from yesterday" means yesterday itself.
    return { bounds: pointAlone(p1.point), next: p1.next };
  }

  if (w === 'since' || w === 'after' || w === 'before' || w === 'until' || w === 'till') {
    const p = parsePoint(tokens, i + 1, ctx);
    if (!p) {
      const r =
        w === 'since'
          ? parseRolling([{ raw: 'last', word: 'last', quoted: false }, ...tokens.slice(i + 1)], 0, ctx)
          : null;
      if (r && !('error' in r)) return { bounds: r.bounds, next: i + r.next };
      return {
        error: `"${w}" needs a date or time after it, such as "${w} Monday" or "${w} 2026-11-03".`,
        next: i + 1,
      };
    }
    if ('error' in p) return p;
    const pt = p.point;
    if (w === 'since')
      return { bounds: { from: startOf(pt), to: null, label: `since ${pt.label}` }, next: p.next };
    if (w === 'after')
      return { bounds: { from: endOf(pt), to: null, label: `after ${pt.label}` }, next: p.next };
    if (w === 'before')
      return { bounds: { from: null, to: startOf(pt), label: `before ${pt.label}` }, next: p.next };
    return { bounds: { from: null, to: endOf(pt), label: `until ${pt.label}` }, next: p.next };
  }

  const p = parsePoint(tokens, i, ctx);
  if (!p) return null;
  if ('error' in p) return p;
  // "what is running right now": "now" alone bounds nothing.
  if (p.point.kind === 'instant' && p.point.label === 'now') return null;
  return { bounds: pointAlone(p.point), next: p.next };
}

/** A point said alone: a past day is that whole day; today, this week, this month run on to now. */
function pointAlone(p: Point): TimeBounds {
  if (p.kind === 'instant') return { from: p.at, to: null, label: `since ${p.label}` };
  return { from: p.start, to: p.containsNow ? null : p.end, label: p.label };
}
