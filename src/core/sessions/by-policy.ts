import type { Session } from './session';

export type PolicySessions = { name: string; policyId: string | null; sessions: Session[] };

/**
 * Sessions grouped by the policy they ran for; a session with no policy id (retention, a repository's
 * sessions) by the name the API gave it, so nothing is dropped and nothing of two policies is merged.
 */
export function groupByPolicy(sessions: readonly Session[]): PolicySessions[] {
  const groups = new Map<string, PolicySessions>();
  for (const s of sessions) {
    const key = s.policyId ?? `name:${s.targetName ?? s.typeLabel}`;
    const group = groups.get(key);
    if (group) group.sessions.push(s);
    else groups.set(key, { name: s.targetName ?? s.typeLabel, policyId: s.policyId, sessions: [s] });
  }
  return [...groups.values()];
}
