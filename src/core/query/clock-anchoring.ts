import type { DateTime } from 'luxon';
import type { Clock } from './calendar-span';
import type { TimeBounds } from './time-bounds';

/**
 * A day and a clock said apart ("yesterday after 18:00", "today before noon", "yesterday between 2am and
 * 4am", "at 3am yesterday"): the clock lands on that day. Null when the two do not combine that way.
 */
export function anchorClock(a: TimeBounds, b: TimeBounds, now: DateTime): TimeBounds | null {
  const day = a.day ?? b.day;
  const clock = a.clock ?? b.clock;
  if (!day || !clock || (a.day && a.clock) || (b.day && b.clock) || (a.day && b.day) || (a.clock && b.clock))
    return null;
  const at = (c: Clock) => day.start.set({ hour: c.h, minute: c.m });
  const cap = (to: DateTime) => (to > now ? null : to);
  let from: DateTime | null;
  let to: DateTime | null;
  let words: string;
  switch (clock.kind) {
    case 'since':
    case 'after':
      from = at(clock.clock);
      to = cap(day.end);
      words = `${clock.kind} ${from.toFormat('HH:mm')}`;
      break;
    case 'before':
    case 'until':
      from = day.start;
      to = at(clock.clock);
      words = `${clock.kind} ${to.toFormat('HH:mm')}`;
      break;
    case 'at':
      from = at(clock.clock);
      to = from.plus({ hours: 1 });
      words = `${from.toFormat('HH:mm')}–${to.toFormat('HH:mm')}`;
      break;
    case 'between': {
      from = at(clock.clock);
      let end = at(clock.until);
      if (end <= from) end = end.plus({ days: 1 });
      to = end;
      words = `${from.toFormat('HH:mm')}–${end.toFormat('HH:mm')}`;
      break;
    }
  }
  const notes = [...a.notes, ...b.notes].filter((n) => !n.startsWith('Read "at '));
  if (clock.kind === 'at')
    notes.push(`Read "at ${from.toFormat('HH:mm')}" as the hour from ${from.toFormat('HH:mm')}.`);
  return { from, to, label: `${day.label} ${words}`, notes };
}
