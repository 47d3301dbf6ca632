import { DateTime } from 'luxon';
import type { JobStatus } from '../sessions/api-version';
import { MAX_NAME_LENGTH } from '../sessions/session-query';
import { anchorClock } from './clock-anchoring';
import type { TimeBounds } from './time-bounds';

/**
 * What a question has said so far, as the rules read it left to right. Immutable: each rule returns a new
 * draft, and a rule that contradicts an earlier one (a second time range, a second policy) leaves a
 * problem instead of overwriting it, so nothing said is silently lost.
 */
export type Draft = Readonly<{
  statuses: readonly JobStatus[];
  /** Statuses said with "not", "except", "non-": taken away from the rest at the end. */
  excluded: readonly JobStatus[];
  types: readonly string[];
  policy: string | null;
  vm: string | null;
  name: string | null;
  time: (TimeBounds & { said: string }) | null;
  /** "last 50 failures", "latest failure": newest first, no more than this many. */
  limit: number | null;
  /** How a word was read when it was not the obvious reading ("Read "faild" as "failed"."). */
  notes: readonly string[];
  problems: readonly string[];
  unknown: readonly string[];
}>;

export const EMPTY_DRAFT: Draft = {
  statuses: [],
  excluded: [],
  types: [],
  policy: null,
  vm: null,
  name: null,
  time: null,
  limit: null,
  notes: [],
  problems: [],
  unknown: [],
};

const union = <T>(a: readonly T[], b: readonly T[]): T[] => [...a, ...b.filter((x) => !a.includes(x))];

export function withStatuses(d: Draft, statuses: readonly JobStatus[]): Draft {
  return { ...d, statuses: union(d.statuses, statuses) };
}

export function withExcluded(d: Draft, statuses: readonly JobStatus[]): Draft {
  return { ...d, excluded: union(d.excluded, statuses) };
}

export function withTypes(d: Draft, types: readonly string[]): Draft {
  return { ...d, types: union(d.types, types) };
}

export function withProblem(d: Draft, problem: string): Draft {
  return { ...d, problems: [...d.problems, problem] };
}

export function withNote(d: Draft, note: string): Draft {
  return d.notes.includes(note) ? d : { ...d, notes: [...d.notes, note] };
}

export function withUnknown(d: Draft, word: string): Draft {
  return { ...d, unknown: [...d.unknown, word] };
}

export function withName(d: Draft, kind: 'policy' | 'vm' | 'name', value: string): Draft {
  if (value.length > MAX_NAME_LENGTH)
    return withProblem(
      d,
      `That name is longer than ${MAX_NAME_LENGTH} characters: "${value.slice(0, 40)}…".`,
    );
  const current = d[kind];
  if (current !== null && current.toLowerCase() !== value.toLowerCase()) {
    const what = kind === 'name' ? 'name' : kind === 'vm' ? 'VM' : 'policy';
    return withProblem(d, `I can look at one ${what} at a time, not both "${current}" and "${value}".`);
  }
  return { ...d, [kind]: value };
}

export function withLimit(d: Draft, limit: number, said: string): Draft {
  if (d.limit !== null && d.limit !== limit)
    return withProblem(d, `"${said}" asks for a second number of sessions; say one ("last 10 failures").`);
  return { ...d, limit };
}

/**
 * A time phrase. A day and a clock said apart combine ("yesterday after 18:00"); two windows joined by
 * "and"/"or" that touch or overlap become one ("yesterday and today"); anything else conflicts.
 */
export function withTime(d: Draft, bounds: TimeBounds, said: string, now: DateTime, joined = false): Draft {
  const notes = bounds.notes.reduce(withNote, d);
  if (!d.time) return { ...notes, time: { ...bounds, said } };
  if (joined) return withJoinedTime(notes, d.time, bounds, said, now);
  const combined = anchorClock(d.time, bounds, now);
  if (combined)
    return { ...combined.notes.reduce(withNote, d), time: { ...combined, said: `${d.time.said} ${said}` } };
  // One side each ("from:2026-11-01 to:2026-11-07", "since monday until wednesday"): one range in two halves.
  const t = d.time;
  if ((!t.to && bounds.to && !bounds.from) || (!t.from && bounds.from && !bounds.to))
    return {
      ...notes,
      time: {
        from: t.from ?? bounds.from,
        to: t.to ?? bounds.to,
        label: `${t.label}, ${bounds.label}`,
        notes: [],
        said: `${t.said} ${said}`,
      },
    };
  return withProblem(
    d,
    `"${said}" gives a second time range after "${d.time.said}"; say one (for example "since Monday" or "yesterday").`,
  );
}

/** "yesterday and today", "saturday or sunday": one window when they touch; the API takes one range. */
function withJoinedTime(
  d: Draft,
  t: TimeBounds & { said: string },
  bounds: TimeBounds,
  said: string,
  now: DateTime,
): Draft {
  const other = { ...bounds, said };
  const [first, second] =
    (t.from?.toMillis() ?? 0) <= (other.from?.toMillis() ?? 0) ? [t, other] : [other, t];
  const firstEnd = first.to ?? now;
  if (first.from && second.from && second.from > firstEnd)
    return withProblem(
      d,
      `"${t.said}" and "${said}" leave a gap between them, and I look at one time window at a time: try "between ${first.said} and ${second.said}", or ask once for each.`,
    );
  const to = first.to === null || second.to === null ? null : DateTime.max(first.to, second.to);
  return {
    ...d,
    time: {
      from: first.from && second.from ? first.from : null,
      to,
      label: `${first.label} and ${second.label}`,
      notes: [],
      said: `${t.said} ${said}`,
    },
  };
}
