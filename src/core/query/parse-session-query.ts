import { DateTime } from 'luxon';
import type { SessionVocabulary } from '../sessions/api-version';
import type { SessionQuery } from '../sessions/session-query';
import { isTimeZone } from '../time-zone';
import { actionRequest, unansweredQuestion } from './action-requests';
import { dateOrderFor } from './date-order';
import { HELP_WORDS, HOW_IT_WENT, isBotWord, YES_NO } from './grammar-words';
import { EMPTY_DRAFT, withNote } from './query-draft';
import { finalStatuses, readTokens } from './query-rules';
import type { RuleEnv } from './rule';
import { normalizeText } from './text-normalization';
import { type Token, tokenize } from './tokenize';
import { MULTI_WORD_PHRASES, statusesForWord } from './vocabulary';
import { zonesSaid } from './zone-words';

export type ParseContext = {
  now: Date | DateTime;
  /** IANA zone of the asker; "today" is their today. */
  timeZone: string;
  /** The statuses and types of the API version the appliance serves. */
  vocabulary: SessionVocabulary;
  /** The asker's locale ("en-US", "de-DE"), when the platform says: decides what 03/12 means. */
  locale?: string | null;
};

export type ParseResult =
  | { kind: 'query'; query: SessionQuery }
  | { kind: 'help' }
  | {
      kind: 'usage';
      message: string;
      unknownWords: string[];
      /** A question close to what was asked that does parse, to offer as a rewrite. */
      suggestion: string;
    };

const MAX_QUESTION_LENGTH = 1000;
const OUTCOME_VERBS = new Set([
  'run',
  'ran',
  'go',
  'went',
  'work',
  'worked',
  'complete',
  'completed',
  'finish',
  'finished',
  'do',
  'did',
]);
const LAST_WHAT = new Set([
  'backup',
  'backups',
  'back',
  'backed',
  'session',
  'sessions',
  'job',
  'jobs',
  'run',
  'runs',
  'time',
  'successful',
  'successfully',
  'snapshot',
]);
const OUTCOME_WORDS = new Set(['ok', 'okay', 'fine', 'well', 'alright', 'smoothly', 'successfully', 'right']);

/** What to offer when nothing closer to the question parses. */
const DEFAULT_SUGGESTION = 'failed today';

/**
 * Reads a slash-command or natural-language question into session filters. Never throws on user text:
 * anything it cannot place comes back as a usage result naming the words, with a rewrite that works.
 */
export function parseSessionQuery(text: string, context: ParseContext): ParseResult {
  const nowBase = DateTime.isDateTime(context.now) ? context.now : DateTime.fromJSDate(context.now);
  if (!nowBase.setZone(context.timeZone).isValid) {
    return usage(`"${context.timeZone}" is not a time zone I know. Use an IANA name such as Europe/Berlin.`);
  }
  if (text.length > MAX_QUESTION_LENGTH) {
    return usage(
      `That question is too long (over ${MAX_QUESTION_LENGTH.toLocaleString('en')} characters). Ask something shorter.`,
    );
  }
  let tokens = prepareTokens(joinPhrases(tokenize(normalizeText(text))), context.vocabulary);
  if (
    tokens.length === 0 ||
    (tokens.length <= 2 && tokens.some((t) => HELP_WORDS.has(t.word) && !t.quoted))
  ) {
    return { kind: 'help' };
  }

  const action = actionRequest(tokens);
  if (action) {
    const rest = textOf(action.rest);
    const suggestion = workingSuggestion(
      rest,
      context,
      action.verb === 'restore' ? `restores for ${rest}` : rest,
    );
    return usage(
      `I only read sessions; I can't ${action.verb} anything. Ask what happened instead, for example \`${suggestion}\`, or use the Veeam console to ${action.verb}.`,
      [],
      suggestion,
    );
  }

  const notYet = unansweredQuestion(tokens);
  if (notYet) {
    const rest = textOf(notYet.rest);
    const suggestion = workingSuggestion(rest, context);
    return usage(`${notYet.says}. What I can show: \`${suggestion}\`.`, [], suggestion);
  }

  // A zone said in the question ("in UTC", "CET", "Europe/London") answers this question in that zone.
  let zone = context.timeZone;
  const zones = zonesSaid(tokens);
  const distinct = [...new Set(zones.map((z) => z.zone))];
  if (distinct.length > 1)
    return usage(`Say one time zone, not ${zones.map((z) => `"${z.said}"`).join(' and ')}.`);
  if (zones.length > 0) {
    zone = distinct[0] as string;
    const drop = new Set(
      zones.flatMap((z) => Array.from({ length: z.end - z.start }, (_, k) => z.start + k)),
    );
    tokens = tokens.filter((_, i) => !drop.has(i));
  }
  const now = nowBase.setZone(zone);
  const env: RuleEnv = {
    now,
    time: { now, dateOrder: dateOrderFor(context.locale, context.timeZone) },
    vocabulary: context.vocabulary,
  };
  let draft = readTokens(tokens, env, EMPTY_DRAFT);
  if (zones.length > 0 && zone !== context.timeZone) draft = withNote(draft, `Times in ${zone}, as asked.`);

  if (draft.unknown.length > 0) {
    const list = draft.unknown.map((w) => `"${w}"`).join(', ');
    const suggestion = workingSuggestion(
      textOf(tokens.filter((t) => !draft.unknown.includes(t.raw))),
      context,
    );
    return usage(
      `I don't know ${list}. If ${draft.unknown.length === 1 ? 'it is' : 'they are'} a policy or VM name, say policy:"…" or vm:"…". Try \`${suggestion}\`, or \`help\` for examples.`,
      [...draft.unknown],
      suggestion,
    );
  }
  if (draft.problems.length > 0) return usage(draft.problems.join(' '));
  const time = draft.time;
  if (time?.from && time.to && time.from >= time.to) return usage('That time range ends before it starts.');
  if (time?.from && time.from > now) return usage(`"${time.said}" has not happened yet.`);
  const statuses = finalStatuses(draft, context.vocabulary);
  if (draft.excluded.length > 0 && statuses.length === 0)
    return usage('That leaves no status to look for.', [], 'failed today');

  return {
    kind: 'query',
    query: {
      statuses,
      types: [...draft.types],
      policy: draft.policy,
      vm: draft.vm,
      name: draft.name,
      fromUtc: time?.from ? toUtcIso(time.from) : null,
      toUtc: time?.to ? toUtcIso(time.to) : null,
      timeLabel: time ? time.label : null,
      timeZone: now.zoneName ?? zone,
      vocabulary: context.vocabulary,
      limit: draft.limit,
      notes: [...draft.notes],
    },
  };
}

function usage(message: string, unknownWords: string[] = [], suggestion = DEFAULT_SUGGESTION): ParseResult {
  return { kind: 'usage', message, unknownWords, suggestion };
}

/** The first candidate that parses to a query with some filter, else the default. */
function workingSuggestion(candidate: string, context: ParseContext, preferred?: string): string {
  for (const text of [preferred, candidate]) {
    if (!text?.trim()) continue;
    const parsed = parseSessionQuery(text, context);
    if (parsed.kind === 'query') {
      const q = parsed.query;
      const filters = q.statuses.length + q.types.length + (q.policy || q.vm || q.name || q.fromUtc ? 1 : 0);
      if (filters > 0) return text.trim();
    }
  }
  return DEFAULT_SUGGESTION;
}

/** Tokens back to text that parses the same way: quoted values keep their quotes. */
function textOf(tokens: Token[]): string {
  return tokens.map((t) => (t.quoted ? `"${t.raw}"` : t.raw)).join(' ');
}

function toUtcIso(dt: DateTime): string {
  return dt.toUTC().toISO({ suppressMilliseconds: true }) as string;
}

/**
 * Word-level clean-up the rules need: "today's" → "today" (possessives of the bot's words), and
 * "errors/warnings" → "errors", "warnings" (a slash between two of the bot's words is "or").
 */
function prepareTokens(tokens: Token[], vocabulary: SessionVocabulary): Token[] {
  const known = (w: string) => isBotWord(w, vocabulary);
  // "when did web-01 last back up successfully?" asks for the last success, not how things went.
  const asksWhen = tokens.some(
    (t, i) =>
      ['latest', 'when', 'recent'].includes(t.word) ||
      (t.word === 'last' && LAST_WHAT.has(tokens[i + 1]?.word ?? '')),
  );
  const joined: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    const next = tokens[i + 1];
    // "back up", "backed up": one word, the noun a count can apply to ("when did web-01 last back up").
    if ((t.word === 'back' || t.word === 'backed') && next?.word === 'up' && !t.quoted && !next.quoted) {
      joined.push({ raw: `${t.raw} ${next.raw}`, word: 'backup', quoted: false });
      i++;
      continue;
    }
    // "were all backups successful yesterday?": a yes/no question about success, answered the same way.
    if (
      !asksWhen &&
      YES_NO.has(tokens[0]?.word ?? '') &&
      !['not', "didn't", 'didnt', 'except', 'without', 'but', 'than'].includes(tokens[i - 1]?.word ?? '') &&
      !t.quoted &&
      t.key === undefined &&
      statusesForWord(t.word, vocabulary)?.join() === 'Success'
    ) {
      joined.push({ raw: t.raw, word: HOW_IT_WENT, quoted: false });
      continue;
    }
    // "did the backups run ok?", "how did it go": a question about how they went, answered with every
    // session whatever its status, not with the successes only (which would hide the failures).
    if (
      !asksWhen &&
      OUTCOME_VERBS.has(t.word) &&
      next !== undefined &&
      !next.quoted &&
      OUTCOME_WORDS.has(next.word)
    ) {
      joined.push(t, { raw: next.raw, word: HOW_IT_WENT, quoted: false });
      i++;
      continue;
    }
    joined.push(t);
  }
  return joined.flatMap((t) => {
    if (t.quoted || t.key !== undefined) return [t];
    const possessive = /^(.+)'s$/.exec(t.word);
    if (possessive && known(possessive[1] as string))
      return [{ ...t, raw: t.raw.slice(0, -2), word: possessive[1] as string }];
    if (t.word.includes('/') && !isTimeZone(t.raw)) {
      const parts = t.word.split('/');
      if (parts.length > 1 && parts.every((p) => p !== '' && known(p)))
        return parts.map((p) => ({ raw: p, word: p, quoted: false }));
    }
    return [t];
  });
}

/** Joins the multi-word phrases of the vocabulary ("in progress", "snapshot retention") into one token. */
function joinPhrases(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const match = MULTI_WORD_PHRASES.find((words) =>
      words.every((w, k) => {
        const t = tokens[i + k];
        return t !== undefined && !t.quoted && t.key === undefined && t.word === w;
      }),
    );
    if (match) {
      const raw = tokens
        .slice(i, i + match.length)
        .map((t) => t.raw)
        .join(' ');
      out.push({ raw, word: match.join(' '), quoted: false });
      i += match.length - 1;
    } else {
      out.push(tokens[i] as Token);
    }
  }
  return out;
}
