import type { Session } from '../sessions/session';

/** How the latest failure stands in its policy's (or VM's) recent history, newest first. */
export type FailureHistory = {
  /** Failed sessions in a row, the latest failure included. */
  streak: number;
  /** When the first failure of the streak started. */
  failingSince: string | null;
  /** Successes in a row before the streak; null when the history read ends inside them. */
  successesBefore: number | null;
  /** A success after the failure: it recovered since. */
  succeededSince: Session | null;
  /** How many sessions the history was read from. */
  read: number;
};

const FINISHED = new Set(['Success', 'Warning', 'Error', 'Canceled']);

/**
 * The arithmetic of "3rd failure in a row, failing since Tue 02:00" and "first failure after 12
 * successes", over finished sessions only (one still running tells nothing yet), newest first.
 */
export function failureHistory(failed: Session, newestFirst: Session[]): FailureHistory {
  const finished = newestFirst.filter((s) => FINISHED.has(s.status));
  const at = finished.findIndex((s) => s.id === failed.id);
  const newer = at < 0 ? [] : finished.slice(0, at);
  const older = at < 0 ? [] : finished.slice(at + 1);
  let streak = 1;
  let failingSince = failed.startTime;
  let i = 0;
  for (; i < older.length && older[i]?.status === 'Error'; i++) {
    streak++;
    failingSince = older[i]?.startTime ?? failingSince;
  }
  let successes = 0;
  let j = i;
  for (; j < older.length && older[j]?.status === 'Success'; j++) successes++;
  // Read to its end without meeting anything else: there may be more successes before these.
  const successesBefore = j === older.length && successes > 0 ? null : successes;
  return {
    streak,
    failingSince,
    successesBefore: at < 0 ? null : successesBefore,
    succeededSince: [...newer].reverse().find((s) => s.status === 'Success') ?? null,
    read: newestFirst.length,
  };
}
