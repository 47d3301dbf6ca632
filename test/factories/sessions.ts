import type { Session, SessionPage } from '../../src/core/sessions/session';
import type { SessionFilter, SessionQuery } from '../../src/core/sessions/session-query';
import { createButtonTokens } from '../../src/core/view/page-token';
import { vocabularyOf } from '../../src/veeam/api-versions';

/** The statuses and types of API v2, which most specs read their questions with. */
export const V2_VOCABULARY = vocabularyOf('v2');

/** Buttons in view specs and goldens are signed with this fixed key, so goldens stay the same. */
export const TEST_TOKENS = createButtonTokens(
  { current: 'test-button-signing-key-0123456789abcdef' },
  () => V2_VOCABULARY,
);

/** Sunday 29 Nov 2026, 10:00 UTC: the moment every view spec is rendered at. */
export const VIEW_NOW = new Date('2026-11-29T10:00:00Z');

export function makeSession(overrides: Partial<Session> = {}, n = 0): Session {
  const start = Date.parse('2026-11-29T08:00:00Z') - n * 47 * 60_000;
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    status: 'Error',
    type: 'PolicyBackup',
    typeLabel: 'Policy Backup',
    startTime: new Date(start).toISOString(),
    stopTime: new Date(start + 42 * 60_000).toISOString(),
    durationMs: 42 * 60_000,
    policyId: '11111111-1111-4111-8111-111111111111',
    targetName: `Prod VMs ${n + 1}`,
    summary: null,
    protectedInstances: 14,
    targetRemoved: false,
    ...overrides,
  };
}

export function makePage(
  count: number,
  options: {
    offset?: number;
    limit?: number;
    total?: number | null;
    unreadable?: number;
    sortedOf?: number | null;
  } = {},
  overrides: Partial<Session> = {},
): SessionPage {
  const offset = options.offset ?? 0;
  return {
    sessions: Array.from({ length: count }, (_, i) => makeSession(overrides, offset + i)),
    offset,
    limit: options.limit ?? 10,
    total: options.total === undefined ? offset + count : options.total,
    unreadable: options.unreadable ?? 0,
    sortedOf: options.sortedOf ?? null,
  };
}

export function makeQuery(overrides: Partial<SessionQuery> = {}): SessionQuery {
  return {
    statuses: ['Error', 'RunningWithError'],
    types: [],
    policy: null,
    vm: null,
    name: null,
    fromUtc: '2026-11-28T23:00:00Z',
    toUtc: null,
    timeLabel: 'today',
    timeZone: 'Europe/Berlin',
    vocabulary: V2_VOCABULARY,
    limit: null,
    notes: [],
    ...overrides,
  };
}

/** A filter that asks for every session: no status, type, policy, VM or time. */
export const ANY_SESSIONS: SessionFilter = {
  statuses: [],
  types: [],
  policyId: null,
  vmId: null,
  fromUtc: null,
  toUtc: null,
};

/** What the answer parsers read a question against: Thu 3 Dec 2026 13:00 in Berlin, a v8.1 appliance. */
export const ANSWER_PARSE_CONTEXT = {
  now: new Date('2026-12-03T12:00:00Z'),
  timeZone: 'Europe/Berlin',
  vocabulary: vocabularyOf('v8.1'),
};
