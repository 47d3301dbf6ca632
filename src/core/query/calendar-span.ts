import { DateTime } from 'luxon';
import type { Token } from './tokenize';

/**
 * What a calendar point is (a span of days or an instant), and the small builders every point is made
 * with: always luxon in the asker's zone, so a DST day has 23 or 25 hours.
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

const CLOCK = /^(\d{1,2})(?::(\d{2}))?\s*(am|pm|a\.m|p\.m)?$/i;

export function fmtDay(d: DateTime): string {
  return d.toFormat('ccc d LLL yyyy');
}

export function span(
  start: DateTime,
  end: DateTime,
  label: string,
  now: DateTime,
  extra: Partial<Extract<Point, { kind: 'span' }>> = {},
): Extract<Point, { kind: 'span' }> {
  return { kind: 'span', start, end, label, containsNow: end > now, singleDay: false, ...extra };
}

/**
 * Where `day`'s local date begins: its earliest midnight, a function of the date alone. Where clocks go
 * back at 00:01 (Newfoundland until 2011) midnight happens twice, and both `startOf('day')` and luxon's
 * reading of a local date may name the second one: yesterday would then end where today does not begin,
 * or today begin after now.
 */
function startOfLocalDay(day: DateTime): DateTime {
  const resolved = DateTime.fromObject(
    { year: day.year, month: day.month, day: day.day },
    { zone: day.zone },
  );
  if (!resolved.isValid) return day.startOf('day');
  // An earlier midnight of the same date lies at most the size of a DST shift before.
  const earlier = [30, 60, 120]
    .map((minutes) => resolved.minus({ minutes }))
    .filter((t) => t.toISODate() === resolved.toISODate() && t.hour === 0 && t.minute === 0);
  return earlier.at(-1) ?? resolved;
}

/**
 * A whole calendar day, [00:00, next 00:00) local. Only "today" runs on to now when said alone; a date or
 * weekday is the whole day, even when it is today.
 */
export function daySpan(day: DateTime, now: DateTime, label?: string): Extract<Point, { kind: 'span' }> {
  const start = startOfLocalDay(day);
  return span(start, startOfLocalDay(start.plus({ days: 1 })), label ?? fmtDay(start), now, {
    singleDay: true,
    containsNow: label === 'today',
  });
}

export function mostRecentWeekday(now: DateTime, weekday: number, includeToday: boolean): DateTime {
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

export const startOf = (p: Point) => (p.kind === 'span' ? p.start : p.at);
export const endOf = (p: Point) => (p.kind === 'span' ? p.end : p.at);
