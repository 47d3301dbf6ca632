import type { DateTime } from 'luxon';
import {
  daySpan,
  fmtDay,
  mostRecentWeekday,
  type Point,
  type PointResult,
  parseClock,
  span,
  type TimeContext,
} from './calendar-span';
import { CALENDAR_UNITS, NUMBER_WORDS, PARTS_OF_DAY, UNITS, WEEKDAYS } from './time-words';
import type { Token } from './tokenize';
import { parseWrittenDate } from './written-dates';

/**
 * Calendar points said in words: now, today, last night, this morning, Monday evening, the weekend, last
 * week, 2 days ago, 18:00 yesterday; written dates are read in written-dates.ts.
 */

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

  const written = parseWrittenDate(tokens, i, ctx);
  if (written) return written;

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
