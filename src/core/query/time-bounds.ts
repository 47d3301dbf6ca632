import type { DateTime } from 'luxon';
import type { Clock, Point } from './calendar-span';

/** What a time phrase comes to: the bounds of its window, how to say it, and what to tell the asker. */

type ClockBound =
  | { kind: 'since' | 'after' | 'before' | 'until' | 'at'; clock: Clock }
  | { kind: 'between'; clock: Clock; until: Clock };

export type TimeBounds = {
  from: DateTime | null;
  to: DateTime | null;
  label: string;
  /** Said when the reading is not the obvious one (an ambiguous date, tonight still ahead). */
  notes: string[];
  /** Set when the phrase was one calendar day said alone ("yesterday", "Monday", "28/11"). */
  day?: { start: DateTime; end: DateTime; label: string };
  /** Set when the phrase was a clock time with no day ("after 18:00", "at 3am"). */
  clock?: ClockBound;
};

export type TimeMatch = { bounds: TimeBounds; next: number } | { error: string; next: number } | null;

export function bounds(from: DateTime | null, to: DateTime | null, label: string, point?: Point): TimeBounds {
  return { from, to, label, notes: point?.note ? [point.note] : [] };
}
