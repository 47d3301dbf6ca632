import type { Token } from './tokenize';

/**
 * Requests to do something ("retry the failed backup", "cancel running jobs", "restore web-01"): the bot
 * only reads sessions, so these are refused with what it can show instead, and never run as a question.
 */
const ACTION_VERBS = new Map<string, string>(
  Object.entries({
    retry: 'retry',
    rerun: 'rerun',
    're-run': 'rerun',
    restart: 'restart',
    cancel: 'cancel',
    abort: 'abort',
    kill: 'stop',
    stop: 'stop',
    start: 'start',
    trigger: 'start',
    launch: 'start',
    execute: 'run',
    run: 'run',
    delete: 'delete',
    remove: 'delete',
    purge: 'delete',
    restore: 'restore',
    recover: 'restore',
    pause: 'pause',
    resume: 'resume',
    disable: 'disable',
    enable: 'enable',
    create: 'create',
    edit: 'change',
    modify: 'change',
    change: 'change',
  }),
);

/** Words that may come before the verb of a request ("please", "can you", "could you please"). */
const POLITE = new Set([
  'please',
  'pls',
  'can',
  'could',
  'would',
  'will',
  'you',
  'kindly',
  'hey',
  'hi',
  'go',
  'and',
  'just',
]);
/** After "restore" these make it the session type ("restore sessions last week"), not a request. */
const TYPE_FOLLOWERS = new Set([
  'sessions',
  'session',
  'jobs',
  'job',
  'today',
  'yesterday',
  'last',
  'this',
  'since',
  'failed',
  'failures',
  'status',
]);

export type ActionRequest = { verb: string; rest: Token[] };

/** The request in the tokens, or null when they ask a question. */
export function actionRequest(tokens: Token[]): ActionRequest | null {
  let i = 0;
  while (i < tokens.length && !tokens[i]?.quoted && POLITE.has(tokens[i]?.word ?? '')) i++;
  const t = tokens[i];
  if (!t || t.quoted || t.key !== undefined) return null;
  const verb = ACTION_VERBS.get(t.word);
  if (!verb) return null;
  const next = tokens[i + 1];
  // "restore" alone, or followed by a time or status, is the restore sessions; "run" alone is not a request.
  if (verb === 'restore' && (!next || TYPE_FOLLOWERS.has(next.word))) return null;
  if (t.word === 'run' && !next) return null;
  return { verb, rest: tokens.slice(i + 1) };
}

/**
 * Questions that are not a list of sessions ("why did db-nightly fail?", "which VMs are unprotected?",
 * "this week vs last week"): the bot cannot answer these yet, so it says so and offers the list it can
 * show, instead of the "I don't know" template.
 */
const NOT_YET: { words: readonly string[]; says: string }[] = [
  {
    words: ['why'],
    says: 'A why question is not a list: ask it on its own, naming one policy or VM (`why did Prod VMs fail`)',
  },
  {
    words: ['unprotected', 'protected', 'unprotect', 'rpo', 'sla'],
    says: 'Protection is asked on its own: `unprotected VMs`, `which VMs have no successful backup in 24h`',
  },
  {
    words: ['compare', 'comparison', 'vs', 'versus', 'trend', 'worse', 'better'],
    says: 'A comparison is asked on its own, naming both periods: `this week vs last week`, `compare yesterday with the day before`',
  },
  {
    words: ['top', 'slowest', 'fastest', 'longest', 'rate', 'percentage', 'percent', 'average', 'ranking'],
    says: 'A ranking or a rate is asked on its own: `top failing policies this month`, `slowest policies this week`, `success rate this week`, `failure rate per policy last 30 days`',
  },
  {
    words: ['streak', 'consecutive', 'row', 'flapping', 'keeps'],
    says: 'A streak is not a list: ask `which policies failed 3 days in a row` or `what keeps failing` on its own or `flapping policies this week`',
  },
];

export type UnansweredQuestion = { says: string; rest: Token[] };

export function unansweredQuestion(tokens: Token[]): UnansweredQuestion | null {
  for (const t of tokens) {
    if (t.quoted || t.key !== undefined) continue;
    const kind = NOT_YET.find((k) => k.words.includes(t.word));
    if (!kind) continue;
    // "in a row" only as the phrase, "keeps failing" only with its verb.
    if (t.word === 'row' && !tokens.some((x, i) => x.word === 'a' && tokens[i + 1] === t)) continue;
    return {
      says: kind.says,
      rest: tokens.filter((x) => x !== t && !NOT_YET.some((k) => k.words.includes(x.word))),
    };
  }
  return null;
}
