import { parseSessionQuery } from '../query/parse-session-query';
import type { SessionVocabulary } from '../sessions/api-version';
import type { SessionQuery } from '../sessions/session-query';

export type AlertsCommand =
  | {
      kind: 'on';
      /** The filters as said, without `warnings` and `after N failures`. */
      filters: string;
      /** The filters read as a query (names not yet resolved); null for everything. */
      query: SessionQuery | null;
      includeWarnings: boolean;
      afterFailures: number;
    }
  | { kind: 'status' }
  | { kind: 'off' }
  | { kind: 'usage'; message: string };

export const ALERTS_USAGE = [
  '`alerts on` posts here when a backup or snapshot session fails, then its story in a thread until it recovers',
  '`alerts on policy:"Prod VMs"` or `alerts on snapshots` only what the filters select (policy, type)',
  '`alerts on warnings` warnings too; `alerts on after 2 failures` only once a policy failed twice in a row',
  '`alerts status` shows what alerts here and what is failing, owned or snoozed; `alerts off` stops them',
].join('\n');

/** Longest run of failures `after N failures` may ask to wait for. */
const MAX_AFTER = 10;
const AFTER = /\bafter\s+(\d+)\s+(?:failures?|fails?|times?)(?:\s+in\s+a\s+row)?\b/i;
const WARNINGS = /(?:^|\s)(?:(?:and|with|plus|incl(?:uding)?)\s+)?warnings?(?=\s|$)/i;

/**
 * Reads `alerts …` (the rest of a command or message); null when the text is not about alerts, so the
 * caller treats it as a question. Filters are the query language's policy and type words; time words and
 * other statuses have no meaning for an alert and are refused, not dropped.
 */
export function parseAlertsCommand(
  text: string,
  context: { timeZone: string; now: Date; vocabulary: SessionVocabulary },
): AlertsCommand | null {
  const words = text.trim().split(/\s+/);
  const first = words[0]?.toLowerCase();
  if (first !== 'alerts' && first !== 'alert') return null;
  const usage = (message: string): AlertsCommand => ({
    kind: 'usage',
    message: `${message}\n${ALERTS_USAGE}`,
  });
  const verb = words[1]?.toLowerCase();
  if (verb === undefined || verb === 'help')
    return usage('Alerts tell this channel or chat when a session fails, as it happens.');
  if (words.length === 2 && (verb === 'status' || verb === 'off')) return { kind: verb };
  if (words.length === 2 && (verb === 'stop' || verb === 'unsubscribe')) return { kind: 'off' };
  if (verb !== 'on')
    return usage(`I know \`alerts on\`, \`alerts status\` and \`alerts off\`, not "${words[1]}".`);

  let rest = words.slice(2).join(' ');
  let afterFailures = 1;
  const after = AFTER.exec(rest);
  if (after) {
    afterFailures = Number(after[1]);
    if (afterFailures < 1 || afterFailures > MAX_AFTER)
      return usage(`"after ${after[1]} failures" must be between 1 and ${MAX_AFTER}.`);
    rest = rest.replace(AFTER, ' ');
  }
  let includeWarnings = false;
  if (WARNINGS.test(rest)) {
    includeWarnings = true;
    rest = rest.replace(WARNINGS, ' ');
  }
  const filters = rest.replace(/\s+/g, ' ').trim();
  if (filters === '') return { kind: 'on', filters, query: null, includeWarnings, afterFailures };

  const parsed = parseSessionQuery(filters, {
    now: context.now,
    timeZone: context.timeZone,
    vocabulary: context.vocabulary,
  });
  if (parsed.kind === 'usage') return usage(parsed.message);
  if (parsed.kind === 'help') return usage('Filters come after `alerts on`.');
  const { query } = parsed;
  if (query.fromUtc !== null || query.toUtc !== null)
    return usage('An alert is about a failure as it happens; leave the time words out.');
  const failureWords = query.statuses.every((s) => s === 'Error' || s === 'RunningWithError');
  if (!failureWords)
    return usage(
      'Alerts are about failures (say `warnings` for warnings too); leave other status words out.',
    );
  if (query.vm !== null)
    return usage('Alerts follow policies, not single VMs, for now: name the policy that protects the VM.');
  if (query.limit !== null) return usage('An alert is one session at a time; leave the count out.');
  return { kind: 'on', filters, query, includeWarnings, afterFailures };
}
