import { DateTime } from 'luxon';
import { BotError, type BotErrorCode, toBotError } from '../errors';
import type { Logger, SessionsSource } from '../ports';
import { parseSessionQuery } from '../query/parse-session-query';
import { findSessions } from '../sessions/find-sessions';
import type { SessionQuery } from '../sessions/session-query';
import { buildDetailsView } from '../view/build-details-view';
import { buildErrorView, buildHelpView } from '../view/build-error-view';
import { buildSessionsView } from '../view/build-sessions-view';
import { describeLookingUp, describeUnderstood } from '../view/describe-query';
import type { ButtonTokens, PageState } from '../view/page-token';
import type { AnswerView } from '../view/sessions-view';
import type { AskerLimits } from './asker-limits';

/**
 * The conversation every platform has with the core: a question or a button in, a view out. Nothing
 * here throws; every failure becomes an ErrorView a user can read.
 */
export type AnswerDeps = {
  source: SessionsSource;
  pageSize: number;
  /** DEFAULT_LOCALE: how dates such as 03/12 are read when the platform does not say the asker's locale. */
  defaultLocale?: string | null;
  veeamUrl: string | null;
  now: () => Date;
  logger: Logger;
  /** Signs buttons and checks the ones that come back. */
  tokens: ButtonTokens;
  /** How much one user and one channel may ask; none in tests that do not need it. */
  limits?: AskerLimits;
  /** Who asked, set per request by the adapter; it goes into the audit line. */
  asker?: Asker;
  /** Told of every answer (the audit log and the metrics); must not throw. */
  audit?: (event: AnswerEvent) => void;
};

/** Who asked and where, in platform terms the core does not interpret. */
export type Asker = {
  platform: string;
  teamId?: string | undefined;
  channelId?: string | undefined;
  userId?: string | undefined;
  /** The name the platform shows for them, where it says one (Teams does; Slack mentions by id). */
  name?: string | undefined;
};

/** One answered question or button, for the audit log: who, where, what was understood, how it went. */
export type AnswerEvent = {
  asker: Asker;
  action:
    | 'question'
    | 'page'
    | 'details'
    | 'why'
    | 'streaks'
    | 'last-good'
    | 'ranking'
    | 'comparison'
    | 'protection';
  /** The filters as understood, in API terms; null for details. */
  filters: string | null;
  /** Rows matched (the total when the API gives it), null for errors and details. */
  resultCount: number | null;
  outcome: 'ok' | BotErrorCode;
  latencyMs: number;
};

/** Runs one answer and tells deps.audit how it went. */
export async function audited(
  deps: AnswerDeps,
  action: AnswerEvent['action'],
  query: SessionQuery | null,
  run: () => Promise<AnswerView>,
): Promise<AnswerView> {
  const started = performance.now();
  const admitted = deps.limits?.admit(deps.asker) ?? { ok: true as const, release: () => {} };
  let view: AnswerView;
  if (!admitted.ok) {
    view = buildErrorView(
      new BotError(
        'ASKER_RATE_LIMITED',
        `You are asking faster than I answer everyone fairly. Try again in ${admitted.retryAfterSeconds} s.`,
      ),
    );
  } else {
    try {
      view = await run();
    } finally {
      admitted.release();
    }
  }
  if (deps.audit) {
    try {
      deps.audit({
        asker: deps.asker ?? { platform: 'unknown' },
        action,
        filters: query ? describeUnderstood(query, { policy: null, vm: null }) : null,
        resultCount: view.kind === 'sessions' ? (view.paging.total ?? view.rows.length) : null,
        outcome: view.kind === 'error' ? view.code : 'ok',
        latencyMs: Math.round(performance.now() - started),
      });
    } catch (error) {
      deps.logger.error('Audit hook failed', { error });
    }
  }
  return view;
}

export type PreparedQuestion =
  | { kind: 'immediate'; view: AnswerView }
  | { kind: 'query'; query: SessionQuery; pendingText: string };

/** Parses a question; help and usage problems are answered at once, without calling Veeam. */
export function prepareQuestion(
  text: string,
  timeZone: string,
  deps: AnswerDeps,
  command = '',
  locale: string | null = null,
): PreparedQuestion {
  const parsed = parseSessionQuery(text, {
    now: deps.now(),
    timeZone,
    vocabulary: deps.source.vocabulary,
    locale: locale ?? deps.defaultLocale ?? null,
  });
  if (parsed.kind === 'help')
    return { kind: 'immediate', view: buildHelpView(deps.source.vocabulary, command) };
  if (parsed.kind === 'usage') {
    // Every refusal offers one rewrite that works for this input.
    const message = parsed.message.includes(parsed.suggestion)
      ? parsed.message
      : `${parsed.message} Try \`${parsed.suggestion}\`.`;
    return { kind: 'immediate', view: buildErrorView(new BotError('USAGE', message)) };
  }
  return { kind: 'query', query: parsed.query, pendingText: describeLookingUp(parsed.query) };
}

/** One page of a query, as a view. */
export async function answerQuery(
  query: SessionQuery,
  offset: number,
  deps: AnswerDeps,
  limit = deps.pageSize,
): Promise<AnswerView> {
  const state: PageState = { query, offset, limit };
  return audited(deps, offset === 0 ? 'question' : 'page', query, async () => {
    try {
      const { page, names } = await findSessions(query, { offset, limit }, deps.source);
      return buildSessionsView(query, page, {
        now: deps.now(),
        veeamUrl: deps.veeamUrl,
        names,
        tokens: deps.tokens,
      });
    } catch (error) {
      return failure(error, deps, deps.tokens.encodePage(state), query.timeZone);
    }
  });
}

/** The Details of one session, with a Back button to the page it came from. */
export async function answerDetails(
  sessionId: string,
  back: PageState | null,
  timeZone: string,
  deps: AnswerDeps,
): Promise<AnswerView> {
  return audited(deps, 'details', null, () => detailsOf(sessionId, back, timeZone, deps));
}

async function detailsOf(
  sessionId: string,
  back: PageState | null,
  timeZone: string,
  deps: AnswerDeps,
): Promise<AnswerView> {
  try {
    const [session, log] = await Promise.all([
      deps.source.getSession(sessionId),
      deps.source.getSessionLog(sessionId),
    ]);
    return buildDetailsView(session, log, {
      now: deps.now(),
      timeZone,
      back,
      veeamUrl: deps.veeamUrl,
      tokens: deps.tokens,
    });
  } catch (error) {
    return failure(error, deps, back ? deps.tokens.encodePage(back) : null, timeZone);
  }
}

export function failure(
  error: unknown,
  deps: AnswerDeps,
  retryToken: string | null,
  timeZone: string,
): AnswerView {
  const botError = toBotError(error);
  if (botError.code === 'INTERNAL') deps.logger.error('Answering failed', { error });
  else deps.logger.warn('Answered with an error', { code: botError.code });
  const view = buildErrorView(botError, retryToken);
  // "Try again" that fails again would otherwise put back an identical card: say when it was checked.
  if (!view.retryToken) return view;
  const at = DateTime.fromJSDate(deps.now()).setZone(timeZone).toFormat('HH:mm:ss');
  return { ...view, message: `${view.message} (Checked at ${at} ${timeZone}.)` };
}
