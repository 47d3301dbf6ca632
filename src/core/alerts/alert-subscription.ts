/** Where failure alerts go and which sessions they are about. Plain data: storage and adapters translate. */
export type AlertSubscription = {
  /** `${platform}:${channelId}` for chat-made ones, `file:${name}` for declared ones. */
  id: string;
  /** The platform that posts it (src/platforms/registry.ts lists them). */
  platform: string;
  /** Slack channel id, or the Teams conversation id. */
  channelId: string;
  /** The filters as they were said ("policy:\"Prod VMs\" snapshots"); empty for every policy. */
  filters: string;
  /** What the filters came to when they were said: names resolved once, matched locally at every poll. */
  scope: AlertScope;
  /** Warning sessions alert too (`alerts on warnings`). */
  includeWarnings: boolean;
  /** The first alert of a failing policy waits for this many failures in a row (`after 2 failures`). */
  afterFailures: number;
  /** Where times in its alerts are shown. */
  timeZone: string;
  createdBy: string;
  /** ISO instant; a failure that ended before it is not alerted (the digest covers it). */
  createdAt: string;
  /** `chat` ones are changed in chat; `file` ones only in ALERTS_FILE. */
  source: 'chat' | 'file';
};

export type AlertScope = {
  /** Resolved when `alerts on` was said; null in ALERTS_FILE entries, which match by the name instead. */
  policyId: string | null;
  /** The policy's name as the appliance spells it, for status lines (and matching, without an id). */
  policyName: string | null;
  /** API session types; empty for every type. */
  types: string[];
};

/** The statuses an alert is about; RunningWithError is a failure before its session has ended. */
export const FAILURE_STATUSES = ['Error', 'RunningWithError'] as const;
export const WARNING_STATUSES = ['Warning'] as const;

/** What a session's status means to alerts: it failed, it warned, it went well, or nothing yet. */
export type AlertOutcome = 'failure' | 'warning' | 'success' | null;

export function alertOutcome(status: string): AlertOutcome {
  if ((FAILURE_STATUSES as readonly string[]).includes(status)) return 'failure';
  if ((WARNING_STATUSES as readonly string[]).includes(status)) return 'warning';
  if (status === 'Success') return 'success';
  return null;
}

export function alertSubscriptionId(platform: string, channelId: string): string {
  return `${platform}:${channelId}`;
}

/** The session is one this subscription watches: its policy and type, whatever its status. */
export function inScope(
  scope: AlertScope,
  session: { policyId: string | null; targetName: string | null; type: string },
): boolean {
  if (scope.policyId !== null && session.policyId !== scope.policyId) return false;
  if (
    scope.policyId === null &&
    scope.policyName !== null &&
    (session.policyId === null || session.targetName?.toLowerCase() !== scope.policyName.toLowerCase())
  )
    return false;
  return scope.types.length === 0 || scope.types.includes(session.type);
}

export function describeAlertScope(
  s: Pick<AlertSubscription, 'scope' | 'includeWarnings' | 'afterFailures'>,
): string {
  const what = s.scope.policyName ? `policy ${s.scope.policyName}` : 'every policy';
  const types = s.scope.types.length > 0 ? ` (${s.scope.types.join(', ')})` : '';
  const statuses = s.includeWarnings ? 'failures and warnings' : 'failures';
  const after = s.afterFailures > 1 ? `, after ${s.afterFailures} in a row` : '';
  return `${statuses} of ${what}${types}${after}`;
}
