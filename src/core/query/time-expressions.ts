import { alignEnd, parsePoint } from './calendar-points';
import { endOf, type Point, parseClock, startOf, type TimeContext } from './calendar-span';
import { parseRolling } from './rolling-windows';
import { bounds, type TimeBounds, type TimeMatch } from './time-bounds';
import { MONTHS, WEEKDAYS } from './time-words';
import type { Token } from './tokenize';

/**
 * Time phrases → bounds, in the asker's zone: rolling windows ("last 24h", "48h", "past fortnight") count
 * back from now exactly; "since", "before", "between" and friends bound by calendar points
 * (calendar-points.ts). A clock-only bound ("after 18:00") remembers its clock, so that a day said next to
 * it ("yesterday after 18:00") can carry it.
 *
 * Why not chrono-node: measured on 2 Dec 2026 (chrono-node 2.10.3) against the 142 phrasings with a time in
 * test/core/query/everyday-language.test.ts, in Berlin, New York and Sydney, chrono recognised a date in 118
 * and found nothing in "overnight", "24h", "48h", "7d", "past fortnight", "27.10.", "the 27th", "since the
 * 25th" or any typo; of the 118 its start matched ours in only 21 to 27, because it returns instants
 * ("yesterday" is yesterday at the current clock time, not the day from 00:00) with fixed offsets. Every
 * window would still have to be rebuilt here with luxon, so it would add a dependency without removing a
 * rule.
 */

const BOUND_WORDS = new Set(['since', 'after', 'before', 'until', 'till']);
const RANGE_JOINERS = new Set(['to', 'until', 'till', 'through', 'thru', '-', 'and']);

export const TIME_WORDS = new Set([
  'today',
  'yesterday',
  'tonight',
  'overnight',
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
  'weekend',
  'morning',
  'afternoon',
  'evening',
  'night',
  'noon',
  'midnight',
  'fortnight',
  ...WEEKDAYS.keys(),
  ...MONTHS.keys(),
]);

/** `since:monday`, `from:2026-11-01`, `to:2026-11-07` → bounds, with `to` a whole day inclusive. */
export function parseTimeKey(key: string, valueTokens: Token[], raw: string, ctx: TimeContext): TimeMatch {
  if (!['since', 'after', 'from', 'to', 'until', 'before'].includes(key)) return null;
  if (key === 'since') {
    const rolling = parseRolling([{ raw: 'last', word: 'last', quoted: false }, ...valueTokens], 0, ctx);
    if (rolling && !('error' in rolling) && rolling.next === valueTokens.length + 1)
      return { ...rolling, next: 1 };
  }
  const p = parsePoint(valueTokens, 0, ctx);
  if (!p || ('point' in p && p.next < valueTokens.length))
    return { error: `"${key}:${raw}" is not a date or time I understand.`, next: 1 };
  if ('error' in p) return { error: p.error, next: 1 };
  const word = key === 'from' ? 'since' : key === 'to' ? 'until' : key;
  return { bounds: bounded(word, p.point), next: 1 };
}

/** since/after/before/until a point; a clock-only point keeps its clock for a day said next to it. */
function bounded(word: string, pt: Point): TimeBounds {
  const clock = pt.kind === 'instant' ? pt.clock : undefined;
  const kind = (word === 'till' ? 'until' : word) as 'since' | 'after' | 'before' | 'until';
  const at = pt.kind === 'span' && pt.exact ? pt.exact : null;
  let b: TimeBounds;
  if (kind === 'since') b = bounds(at ?? startOf(pt), null, `since ${pt.label}`, pt);
  else if (kind === 'after') b = bounds(at ?? endOf(pt), null, `after ${pt.label}`, pt);
  else if (kind === 'before') b = bounds(null, at ?? startOf(pt), `before ${pt.label}`, pt);
  else b = bounds(null, at ?? endOf(pt), `until ${pt.label}`, pt);
  return clock ? { ...b, clock: { kind, clock } } : b;
}

/** Tries every time phrase at position i. Returns null when no time phrase starts there. */
export function parseTimePhrase(tokens: Token[], i: number, ctx: TimeContext): TimeMatch {
  const t = tokens[i];
  const w = t?.word;
  if (w === undefined || t?.quoted || t?.key !== undefined) return null;

  const rolling = parseRolling(tokens, i, ctx);
  if (rolling) return rolling;

  if (w === 'between' || w === 'from') return parseRange(tokens, i, ctx);

  if (BOUND_WORDS.has(w)) {
    const p = parsePoint(tokens, i + 1 + (tokens[i + 1]?.word === 'the' ? 1 : 0), ctx);
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
    return { bounds: bounded(w, p.point), next: p.next };
  }

  // "at 3am": the hour from 03:00, its most recent occurrence (or on a day said with it).
  if (w === 'at' || w === 'around') {
    const clock = parseClock(tokens[i + 1], tokens[i + 2]);
    if (!clock) return null;
    let from = ctx.now.set({ hour: clock.h, minute: clock.m, second: 0, millisecond: 0 });
    if (from > ctx.now) from = from.minus({ days: 1 });
    const label = `${from.toFormat('HH:mm')}–${from.plus({ hours: 1 }).toFormat('HH:mm')}`;
    return {
      bounds: {
        ...bounds(from, from.plus({ hours: 1 }), label),
        notes: [`Read "at ${tokens[i + 1]?.raw}" as the hour from ${from.toFormat('HH:mm')}.`],
        clock: { kind: 'at', clock },
      },
      next: i + 1 + clock.used,
    };
  }

  const p = parsePoint(tokens, i, ctx);
  if (!p) return null;
  if ('error' in p) return p;
  // "what is running right now": "now" alone bounds nothing.
  if (p.point.kind === 'instant' && p.point.label === 'now') return null;
  return { bounds: pointAlone(p.point), next: p.next };
}

/** "between Monday and Wednesday", "from 2026-11-01 to 2026-11-07", "between 25 and 28 nov". */
function parseRange(tokens: Token[], i: number, ctx: TimeContext): TimeMatch {
  const w = tokens[i]?.word as string;
  // "between the 20th and the 25th"
  const skip = (k: number) => (tokens[k]?.word === 'the' ? k + 1 : k);
  let p1 = parsePoint(tokens, skip(i + 1), ctx);
  // "from the past 48 hours", "from last 3 days": a rolling window said with "from".
  if (!p1 && w === 'from') {
    const rolling = parseRolling(tokens, i + 1, ctx);
    if (rolling) return rolling;
  }
  const bareDay = !p1 && /^\d{1,2}$/.test(tokens[i + 1]?.word ?? '') ? Number(tokens[i + 1]?.word) : null;
  if (!p1 && bareDay === null) return null;
  if (p1 && 'error' in p1) return p1;
  const afterFirst = p1 ? p1.next : i + 2;
  const joiner = tokens[afterFirst]?.word;
  if (joiner !== undefined && RANGE_JOINERS.has(joiner) && (w === 'between') === (joiner === 'and')) {
    let p2 = parsePoint(tokens, skip(afterFirst + 1), ctx);
    // "between nov 25 and 28": the second day takes the first one's month.
    const bareEnd = /^\d{1,2}$/.test(tokens[afterFirst + 1]?.word ?? '')
      ? Number(tokens[afterFirst + 1]?.word)
      : null;
    if (!p2 && bareEnd !== null && p1 && p1.point.kind === 'span' && p1.point.singleDay) {
      const end = p1.point.start.set({ day: bareEnd });
      if (end.isValid && end.day === bareEnd)
        p2 = {
          point: {
            ...p1.point,
            start: end,
            end: end.plus({ days: 1 }),
            label: end.toFormat('ccc d LLL yyyy'),
          },
          next: afterFirst + 2,
        };
    }
    if (p2 && 'error' in p2) return p2;
    if (!p2) return { error: `"${w} … ${joiner} …" needs a second date.`, next: afterFirst + 1 };
    // "between 25 and 28 nov": the first day takes the second one's month.
    if (!p1 && bareDay !== null && p2.point.kind === 'span') {
      const start = p2.point.start.set({ day: bareDay });
      if (!start.isValid || start.day !== bareDay)
        return { error: `"${bareDay}" is not a day of that month.`, next: p2.next };
      p1 = {
        point: { ...p2.point, start, end: start.plus({ days: 1 }), label: start.toFormat('ccc d LLL yyyy') },
        next: i + 2,
      };
    }
    // "between 1 and 3 am": the first number is an hour on the second one's side of noon.
    if (
      !p1 &&
      bareDay !== null &&
      bareDay <= 12 &&
      p2.point.kind === 'instant' &&
      (p2.point.clock || p2.point.day)
    ) {
      const h = (bareDay % 12) + (p2.point.at.hour >= 12 ? 12 : 0);
      const onDay = p2.point.day ?? null;
      let at = (onDay ?? ctx.now).set({ hour: h, minute: 0, second: 0, millisecond: 0 });
      if (!onDay && at > ctx.now) at = at.minus({ days: 1 });
      p1 = { point: { kind: 'instant', at, label: at.toFormat('HH:mm'), clock: { h, m: 0 } }, next: i + 2 };
    }
    if (!p1 || 'error' in p1) return null;
    const first = p1.point;
    const second = alignEnd(first, p2.point);
    const c1 = first.kind === 'instant' ? first.clock : undefined;
    const c2 = second.kind === 'instant' ? second.clock : undefined;
    const notes = [first, second].flatMap((p) => (p.note ? [p.note] : []));
    const label = `${first.label} – ${second.label}`;
    // "between 1am and 3am yesterday": the first clock lands on the second one's day.
    if (c1 && second.kind === 'instant' && second.day) {
      const from = second.day.set({ hour: c1.h, minute: c1.m });
      const to = second.at > from ? second.at : second.at.plus({ days: 1 });
      return {
        bounds: {
          from,
          to,
          label: `${second.label.replace(/ \d\d:\d\d$/, '')} ${from.toFormat('HH:mm')}–${to.toFormat('HH:mm')}`,
          notes,
        },
        next: p2.next,
      };
    }
    // "between 2am and 4am": two clock times, which a day said with them carries.
    if (c1 && c2) {
      // The first clock at its most recent occurrence, the second after it.
      const from = startOf(first);
      let to = from.set({ hour: c2.h, minute: c2.m });
      if (to <= from) to = to.plus({ days: 1 });
      return {
        bounds: { from, to, label, notes, clock: { kind: 'between', clock: c1, until: c2 } },
        next: p2.next,
      };
    }
    return { bounds: { from: startOf(first), to: endOf(second), label, notes }, next: p2.next };
  }
  if (!p1) return null;
  if (w === 'between')
    return { error: '"between" needs two dates: "between Monday and Wednesday".', next: p1.next };
  // "warnings from yesterday" means yesterday itself.
  return { bounds: pointAlone(p1.point), next: p1.next };
}

/** A point said alone: a past day is that whole day; today, this week, this month run on to now. */
function pointAlone(p: Point): TimeBounds {
  if (p.kind === 'instant') {
    const b = bounds(p.at, null, `since ${p.label}`, p);
    return p.clock ? { ...b, clock: { kind: 'since', clock: p.clock } } : b;
  }
  const b = bounds(p.start, p.containsNow ? null : p.end, p.label, p);
  return p.singleDay ? { ...b, day: { start: p.start, end: p.end, label: p.label } } : b;
}
