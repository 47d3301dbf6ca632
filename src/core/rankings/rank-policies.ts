import { groupByPolicy } from '../sessions/by-policy';
import type { Session } from '../sessions/session';
import { FINISHED_STATUSES, STATUS_GROUPS } from '../sessions/status-groups';

/** Finished sessions of one policy, counted. */
export type PolicyTally = {
  name: string;
  finished: number;
  failed: number;
  /** ISO instant of its latest failure; null without one. */
  lastFailedAt: string | null;
};

const FAILED = new Set<string>(STATUS_GROUPS.failed);
const FINISHED = new Set<string>(FINISHED_STATUSES);
const byStart = (a: Session, b: Session) => Date.parse(a.startTime ?? '') - Date.parse(b.startTime ?? '');

/** Per policy: finished and failed sessions, the most failures (then the highest rate) first. */
export function tallyPolicies(sessions: readonly Session[]): PolicyTally[] {
  return groupByPolicy(sessions.filter((s) => FINISHED.has(s.status)))
    .map(({ name, sessions: own }) => {
      const failed = own.filter((s) => FAILED.has(s.status)).sort(byStart);
      return {
        name,
        finished: own.length,
        failed: failed.length,
        lastFailedAt: failed.at(-1)?.startTime ?? null,
      };
    })
    .sort(
      (a, b) =>
        b.failed - a.failed || b.failed / b.finished - a.failed / a.finished || a.name.localeCompare(b.name),
    );
}

/**
 * Sessions per policy and session type (a snapshot and a backup of one policy are different runs), named
 * "Prod VMs (Policy Snapshot)" when the sessions are of more than one type.
 */
function byPolicyAndType(sessions: readonly Session[]): { name: string; sessions: Session[] }[] {
  const byType = new Map<string, Session[]>();
  for (const s of sessions) {
    const ofType = byType.get(s.typeLabel);
    if (ofType) ofType.push(s);
    else byType.set(s.typeLabel, [s]);
  }
  const multipleTypes = byType.size > 1;
  return [...byType].flatMap(([typeLabel, ofType]) =>
    groupByPolicy(ofType).map((g) => ({
      name: multipleTypes && g.name !== typeLabel ? `${g.name} (${typeLabel})` : g.name,
      sessions: g.sessions,
    })),
  );
}

export type PolicyDurations = {
  name: string;
  runs: number;
  longestMs: number;
  /** ISO instant the longest run started. */
  longestAt: string | null;
  medianMs: number;
};

/** Per policy and session type (a snapshot and a backup take different times): the longest first. */
export function slowestPolicies(sessions: readonly Session[]): PolicyDurations[] {
  const timed = sessions.filter((s) => FINISHED.has(s.status) && s.durationMs !== null);
  return byPolicyAndType(timed)
    .map(({ name, sessions: own }) => {
      const sorted = [...own].sort((a, b) => (b.durationMs ?? 0) - (a.durationMs ?? 0));
      const longest = sorted[0] as Session;
      const ms = sorted.map((s) => s.durationMs as number).reverse();
      const mid = Math.floor(ms.length / 2);
      const median =
        ms.length % 2 === 1 ? (ms[mid] as number) : ((ms[mid - 1] as number) + (ms[mid] as number)) / 2;
      return {
        name,
        runs: own.length,
        longestMs: longest.durationMs as number,
        longestAt: longest.startTime,
        medianMs: median,
      };
    })
    .sort((a, b) => b.longestMs - a.longestMs || a.name.localeCompare(b.name));
}

export type PolicyFlaps = { name: string; runs: number; failed: number; changes: number };

/** A policy changing between success and failure at least this often in the window is flapping. */
export const FLAP_CHANGES = 3;

/**
 * Policies (per session type: a snapshot succeeding between failed backups is not a recovery) whose
 * finished runs, in start order, changed between failed and not failed at least FLAP_CHANGES times.
 */
export function flappingPolicies(sessions: readonly Session[]): PolicyFlaps[] {
  const finished = sessions.filter((s) => FINISHED.has(s.status) && s.startTime);
  const flaps: PolicyFlaps[] = [];
  for (const { name, sessions: own } of byPolicyAndType(finished)) {
    const runs = [...own].sort(byStart).map((s) => FAILED.has(s.status));
    let changes = 0;
    for (let i = 1; i < runs.length; i++) if (runs[i] !== runs[i - 1]) changes++;
    if (changes >= FLAP_CHANGES)
      flaps.push({ name, runs: runs.length, failed: runs.filter(Boolean).length, changes });
  }
  return flaps.sort((a, b) => b.changes - a.changes || a.name.localeCompare(b.name));
}
