import type { AnswerDeps } from '../answers/answer-question';
import { answerComparison } from '../comparisons/answer-comparison';
import { parseComparison } from '../comparisons/parse-comparison';
import { BotError } from '../errors';
import { answerLastGood } from '../last-good/answer-last-good';
import { parseLastGood } from '../last-good/parse-last-good';
import { answerProtection } from '../protection/answer-protection';
import { parseProtection } from '../protection/parse-protection';
import type { ParseContext } from '../query/parse-session-query';
import { answerRankings } from '../rankings/answer-rankings';
import { parseRankings, type RankingMetric } from '../rankings/parse-rankings';
import { answerStreaks } from '../streaks/answer-streaks';
import { parseStreaks } from '../streaks/parse-streaks';
import { buildErrorView } from '../view/build-error-view';
import type { AnswerView } from '../view/sessions-view';
import { answerWhy } from '../why/answer-why';
import { parseWhy } from '../why/parse-why';
import type { InboundMessage, Reply } from './conversation';

type Usage = { kind: 'usage'; message: string };

/** A question whose answer is not a list: its own words, what to show while it is looked up, the answer. */
type AnswerKind<R> = {
  parse(text: string, context: ParseContext): R | Usage | null;
  pending(request: R): string;
  answer(request: R, timeZone: string, deps: AnswerDeps): Promise<AnswerView>;
};

const kind = <R>(k: AnswerKind<R>) => k as AnswerKind<unknown>;

const RANKING_PENDING: Record<RankingMetric, string> = {
  'top-failing': 'Ranking the failing policies',
  slowest: 'Ranking the slowest policies',
  'success-rate': 'Counting the success rate',
  'failure-rate': 'Counting the failure rate',
  flapping: 'Looking for flapping policies',
};

/** Tried in order before the list questions; each says null for words that are not its own. */
const ANSWER_KINDS: AnswerKind<unknown>[] = [
  kind({
    parse: parseLastGood,
    pending: (r) => `Looking up the last success of ${r.name}…`,
    answer: answerLastGood,
  }),
  kind({
    parse: parseStreaks,
    pending: (r) => `Looking for ${r.of === 'vms' ? 'VMs' : 'policies'} failing ${r.days} days in a row…`,
    answer: answerStreaks,
  }),
  kind({ parse: parseWhy, pending: (r) => `Looking into why ${r.name} failed…`, answer: answerWhy }),
  kind({
    parse: parseProtection,
    pending: (r) =>
      r.kind === 'unprotected'
        ? 'Looking for unprotected VMs…'
        : `Looking for VMs with no backup ${r.label}…`,
    answer: answerProtection,
  }),
  kind({
    parse: parseComparison,
    pending: (r) => `Comparing ${r.first.label} with ${r.second.label}…`,
    answer: answerComparison,
  }),
  kind({
    parse: parseRankings,
    pending: (r) => `${RANKING_PENDING[r.metric]}${r.query.timeLabel ? ` ${r.query.timeLabel}` : ''}…`,
    answer: answerRankings,
  }),
];

/** The reply to a question that is not a list, or null when the text is a list question (or a command). */
export function answerKindReply(message: InboundMessage, answers: AnswerDeps): Reply | null {
  const context: ParseContext = {
    now: answers.now(),
    timeZone: message.timeZone,
    vocabulary: answers.source.vocabulary,
    locale: message.locale ?? answers.defaultLocale ?? null,
  };
  for (const k of ANSWER_KINDS) {
    const request = k.parse(message.text, context);
    if (request === null) continue;
    if ((request as Usage).kind === 'usage')
      return {
        kind: 'card',
        delivery: { how: 'post', visibleTo: 'asker' },
        view: buildErrorView(new BotError('USAGE', (request as Usage).message)),
      };
    return {
      kind: 'lookup',
      delivery: { how: 'post', visibleTo: 'channel' },
      pendingText: k.pending(request),
      answer: k.answer(request, message.timeZone, { ...answers, asker: message.asker }),
    };
  }
  return null;
}
