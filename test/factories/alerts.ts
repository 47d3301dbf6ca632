import type { AlertIncident } from '../../src/core/alerts/alert-incident';
import { buildAlertView } from '../../src/core/alerts/build-alert-view';
import type { AlertView } from '../../src/core/view/sessions-view';
import { makeSession, TEST_TOKENS, VIEW_NOW } from './sessions';

/** A policy failing in a channel: twice in a row since 02:00 Berlin, the latest at 08:41. */
export function makeIncident(overrides: Partial<AlertIncident> = {}): AlertIncident {
  return {
    id: '8b0f6c2e-4f1d-4a55-9d7e-2f3c1a9b7e10',
    subscriptionId: 'slack:C1',
    subjectId: '1d9f7f2b-0a3c-4d4e-8f5a-6b7c8d9e0f11',
    subjectName: 'Prod VMs',
    state: 'failing',
    failures: 2,
    firstFailedAt: '2026-11-29T01:00:00Z',
    lastFailedAt: '2026-11-29T07:41:10Z',
    lastStartedAt: '2026-11-29T07:00:00Z',
    lastSessionId: makeSession().id,
    lastStatus: 'Error',
    lastReason: 'Failed to process VM sql-03: the VM agent is not responding',
    messageId: '1700000001.000100',
    owner: null,
    recoveredAt: null,
    ...overrides,
  };
}

export function makeAlertView(
  incident: Partial<AlertIncident> = {},
  snooze: { untilMs: number; by: string } | null = null,
): AlertView {
  return buildAlertView(makeIncident(incident), makeSession({ status: incident.lastStatus ?? 'Error' }), {
    now: VIEW_NOW,
    timeZone: 'Europe/Berlin',
    snooze,
    tokens: TEST_TOKENS,
    veeamUrl: 'https://veeam.example.com',
  });
}
