import type { ParseContext } from '../query/parse-session-query';
import { parseWindow } from '../query/parse-window';
import type { SessionQuery } from '../sessions/session-query';

export type RankingMetric = 'top-failing' | 'slowest' | 'success-rate' | 'failure-rate' | 'flapping';

export type RankingRequest =
  | { kind: 'ranking'; metric: RankingMetric; perPolicy: boolean; top: number; query: SessionQuery }
  | { kind: 'usage'; message: string };

/** Without time words these answers cover the last week, and say so. */
const DEFAULT_WINDOW = 'last 7 days';
const DEFAULT_TOP = 5;
const MAX_TOP = 10;
const NUMBERS: Record<string, number> = { three: 3, five: 5, ten: 10 };

const RANKINGS_USAGE =
  'Ask `top failing policies this month`, `slowest policies this week`, `success rate this week`, `failure rate per policy last 30 days` or `flapping policies this week`.';

const WHAT = '(?:policies|policy|jobs|backups|backup jobs)';
const LEAD = '(?:(?:show|list|give)(?: me)? |what are |which are |who are )?(?:the |our )?';
const PATTERNS: { metric: RankingMetric; re: RegExp }[] = [
  {
    metric: 'top-failing',
    re: new RegExp(
      `^${LEAD}(?:top|worst)(?: (\\d+|three|five|ten))?(?: failing| failed| broken)? ${WHAT}(?: by failures)?\\b(.*)$`,
      'i',
    ),
  },
  {
    metric: 'top-failing',
    re: new RegExp(
      `^(?:which|what) ${WHAT} (?:failed|fail|fails|have failed) (?:the )?most(?: often)?()\\b(.*)$`,
      'i',
    ),
  },
  { metric: 'top-failing', re: new RegExp(`^${LEAD}most (?:failing|failed) ${WHAT}()\\b(.*)$`, 'i') },
  {
    metric: 'slowest',
    re: new RegExp(
      `^${LEAD}(?:top (\\d+|three|five|ten) )?(?:slowest|longest(?: running)?) ${WHAT}\\b(.*)$`,
      'i',
    ),
  },
  {
    metric: 'slowest',
    re: new RegExp(`^(?:which|what) ${WHAT} (?:take|took|run|ran|runs) (?:the )?longest()\\b(.*)$`, 'i'),
  },
  {
    metric: 'flapping',
    re: new RegExp(
      `^(?:(?:which|what|any|show|list)(?: me)? )?(?:the )?(?:${WHAT} )?(?:are |is |were |keep )?flapping(?: ${WHAT})?()\\b(.*)$`,
      'i',
    ),
  },
];
const RATE = /^(?:what(?:'s| is| was| are)? )?(?:the |our )?(success|failure|error|fail) rates?\b(.*)$/i;
const PER_POLICY = /\b(?:per|by|for each|of each|for every) (?:policy|job|backup)\b/i;

/**
 * Reads the ranking and rate questions ("top failing policies this month", "success rate of Prod VMs this
 * week", "failure rate per policy last 30 days"); null for anything else. What follows the question's own
 * words is read as a window and filters, as a list question would read it.
 */
export function parseRankings(text: string, context: ParseContext): RankingRequest | null {
  const t = text
    .trim()
    .replace(/[?!.]+$/, '')
    .replace(/\s+/g, ' ');
  let metric: RankingMetric | null = null;
  let said: string | undefined;
  let rest = '';
  for (const p of PATTERNS) {
    const m = p.re.exec(t);
    if (!m) continue;
    metric = p.metric;
    said = m[1] || undefined;
    rest = m[2] ?? '';
    break;
  }
  let perPolicy = false;
  if (!metric) {
    const m = RATE.exec(t);
    if (!m) return null;
    metric = (m[1] ?? '').toLowerCase() === 'success' ? 'success-rate' : 'failure-rate';
    rest = m[2] ?? '';
  }
  if (PER_POLICY.test(rest)) {
    perPolicy = true;
    rest = rest.replace(PER_POLICY, ' ');
  }
  const top = said === undefined ? DEFAULT_TOP : (NUMBERS[said.toLowerCase()] ?? Number(said));
  if (!Number.isInteger(top) || top < 1 || top > MAX_TOP)
    return { kind: 'usage', message: `I rank 1 to ${MAX_TOP} policies. ${RANKINGS_USAGE}` };
  const window = parseWindow(rest, context, DEFAULT_WINDOW, RANKINGS_USAGE);
  if (window.kind === 'usage') return window;
  return { kind: 'ranking', metric, perPolicy, top, query: window.query };
}
