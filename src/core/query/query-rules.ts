import type { DateTime } from 'luxon';
import type { JobStatus, SessionVocabulary } from '../sessions/api-version';
import type { TimeContext } from './calendar-points';
import {
  type Draft,
  withExcluded,
  withLimit,
  withName,
  withNote,
  withProblem,
  withStatuses,
  withTime,
  withTypes,
  withUnknown,
} from './query-draft';
import { parseTimeKey, parseTimePhrase, TIME_WORDS } from './time-expressions';
import { NUMBER_WORDS } from './time-words';
import { type Token, tokenize } from './tokenize';
import { correctTypo } from './typo-correction';
import { FILLER_WORDS, STATUS_WORDS, statusesForWord, TYPE_WORDS, typesForWord } from './vocabulary';

/**
 * The grammar, as one ordered list of small rules. At each word the first rule that matches reads it (and
 * the words after it that belong to it) into the draft; a word no rule reads is unknown and the question
 * is refused with it named. Each rule carries its help line and examples: help text is built from them and
 * the parser specs check that every example parses.
 */

export type RuleEnv = { now: DateTime; time: TimeContext; vocabulary: SessionVocabulary };
export type RuleMatch = { next: number; apply: (d: Draft) => Draft };
export type Rule = {
  name: string;
  /** One line of help, or null for rules with nothing to teach (fillers, unknown words). */
  help: string | null;
  examples: readonly string[];
  match(tokens: Token[], i: number, env: RuleEnv): RuleMatch | null;
};

const POLICY_KEYS = new Set(['policy', 'policies', 'pol']);
const VM_KEYS = new Set(['vm', 'vms', 'machine', 'server', 'resource']);
const STATUS_KEYS = new Set(['status', 'statuses', 'state']);
const TYPE_KEYS = new Set(['type', 'types', 'kind']);
const TIME_KEYS = new Set(['since', 'after', 'from', 'to', 'until', 'before']);
export const POLICY_MARKERS = new Set(['policy']);
export const VM_MARKERS = new Set(['vm', 'machine']);
const NAME_PREPOSITIONS = new Set(['for', 'on', 'of', 'in']);
export const HELP_WORDS = new Set(['help', 'usage', '?', '-h', '--help']);
const NEWEST_WORDS = new Set(['last', 'latest', 'newest', 'recent', 'most recent']);
/** Nouns a count applies to ("last 5 failures", "the last backup"), besides status and type words. */
const COUNTED_NOUNS = new Set([
  'session',
  'sessions',
  'job',
  'jobs',
  'backup',
  'backups',
  'run',
  'runs',
  'back up',
]);
/** The word a "did it run ok?" question's "ok" is read as (see parse-session-query.ts). */
export const HOW_IT_WENT = '(how it went)';
const DONE_WORDS = new Set(['done', 'finished', 'complete', 'completed']);
/** Words a yes/no question starts with. */
export const YES_NO = new Set(['is', 'are', 'was', 'were', 'did', 'has', 'have', 'do', 'does']);
const NEGATIONS = new Set(['not', 'except', 'excluding', 'without', 'but', 'non']);
const MAX_LIMIT = 1000;

function splitList(value: string): string[] {
  return value
    .split(/[,|+]/)
    .map((v) => v.trim())
    .filter(Boolean);
}

function statusHint(statuses: readonly string[]): string {
  return `Try ${STATUS_WORDS.map((s) => s.help).join(', ')}, or one of the API's names: ${statuses.join(', ')}.`;
}

/** Resource names usually carry a digit, dash, dot or underscore ("web-01", "sql_prod", "app.contoso"). */
export function looksLikeName(raw: string): boolean {
  return /[\d_.-]/.test(raw) && /[a-z]/i.test(raw) && !/^\d+(st|nd|rd|th)?$/i.test(raw);
}

function addStatuses(d: Draft, word: string, env: RuleEnv, preferApiName = false): Draft | null {
  const found = statusesForWord(word, env.vocabulary, preferApiName);
  return found ? withStatuses(d, found) : null;
}

function addTypes(d: Draft, word: string, env: RuleEnv): Draft | null {
  const found = typesForWord(word, env.vocabulary);
  if (!found) return null;
  if (found.length === 0) {
    const entry = TYPE_WORDS.find((e) => e.words.includes(word));
    const v = env.vocabulary.version;
    return withProblem(d, `API ${v} has no ${entry?.help ?? word} sessions; this appliance serves ${v}.`);
  }
  return withTypes(d, found);
}

/** A word of the bot's own: a time, status, type or filler word. */
export function isBotWord(w: string, vocabulary: SessionVocabulary): boolean {
  return (
    TIME_WORDS.has(w) ||
    FILLER_WORDS.has(w) ||
    statusesForWord(w, vocabulary) !== null ||
    typesForWord(w, vocabulary) !== null
  );
}

/** Is the token at i the start of something the grammar knows (so a name must end before it)? */
function isVocabulary(tokens: Token[], i: number, env: RuleEnv): boolean {
  const t = tokens[i];
  if (!t) return true;
  if (t.key !== undefined) return true;
  if (t.quoted) return false;
  const w = t.word;
  if (isBotWord(w, env.vocabulary) || POLICY_MARKERS.has(w) || VM_MARKERS.has(w)) return true;
  if (DONE_WORDS.has(w) || w === HOW_IT_WENT) return true;
  return parseTimePhrase(tokens, i, env.time) !== null;
}

/**
 * The name after "policy", "vm" or "for": one quoted value, or the unquoted words up to the next word the
 * grammar knows ("failed for Prod VMs since Monday" → "Prod VMs").
 */
function readName(tokens: Token[], i: number, env: RuleEnv): { value: string; next: number } | null {
  const first = tokens[i];
  if (!first) return null;
  if (first.quoted) return { value: first.raw, next: i + 1 };
  // "for vm web-01": let the marker speak for itself.
  if (first.key !== undefined || POLICY_MARKERS.has(first.word) || VM_MARKERS.has(first.word)) return null;
  const words: string[] = [];
  let j = i;
  while (j < tokens.length && !isVocabulary(tokens, j, env)) {
    words.push((tokens[j] as Token).raw);
    j++;
  }
  return words.length > 0 ? { value: words.join(' '), next: j } : null;
}

function countOf(t: Token | undefined): number | null {
  if (!t || t.quoted) return null;
  if (/^\d{1,4}$/.test(t.word)) return Number(t.word);
  return NUMBER_WORDS.get(t.word) ?? null;
}

/** A noun a count can apply to, and whether it was said in the singular ("the last failure"). */
function countedNoun(t: Token | undefined, env: RuleEnv): { singular: boolean } | null {
  if (!t || t.quoted || t.key !== undefined) return null;
  const w = t.word;
  const known =
    COUNTED_NOUNS.has(w) ||
    statusesForWord(w, env.vocabulary) !== null ||
    typesForWord(w, env.vocabulary) !== null;
  if (!known) return null;
  return { singular: !w.endsWith('s') || w === 'success' || w === 'status' };
}

const keyValue: Rule = {
  name: 'key-value',
  help: 'Exact filters: `status:Error,Warning`, `type:PolicyBackup`, `policy:"Prod VMs"`, `vm:web-01`, `since:monday`, `from:2026-11-01 to:2026-11-07`.',
  examples: [
    'status:failed,warning policy:"Prod VMs" since:monday',
    'type:PolicyBackup vm:web-01 from:2026-11-01 to:2026-11-07',
  ],
  match(tokens, i, env) {
    const t = tokens[i] as Token;
    if (t.key === undefined) return null;
    const key = t.key;
    return {
      next: i + 1,
      apply(d) {
        if (POLICY_KEYS.has(key)) return withName(d, 'policy', t.raw);
        if (VM_KEYS.has(key)) return withName(d, 'vm', t.raw);
        if (STATUS_KEYS.has(key))
          return splitList(t.raw).reduce(
            (acc, v) =>
              addStatuses(acc, v, env, true) ??
              withProblem(acc, `"${v}" is not a status. ${statusHint(env.vocabulary.statuses)}`),
            d,
          );
        if (TYPE_KEYS.has(key))
          return splitList(t.raw).reduce(
            (acc, v) =>
              addTypes(acc, v, env) ??
              withProblem(
                acc,
                `"${v}" is not a session type in API ${env.vocabulary.version}. Try ${TYPE_WORDS.map((w) => w.help).join(', ')}, or an API type name such as PolicyBackup.`,
              ),
            d,
          );
        if (TIME_KEYS.has(key)) {
          const m = parseTimeKey(key, tokenize(t.raw), t.raw, env.time);
          if (m && 'error' in m) return withProblem(d, m.error);
          if (m) return withTime(d, m.bounds, `${key}:${t.raw}`, env.now);
        }
        return withUnknown(d, `${key}:${t.raw}`);
      },
    };
  },
};

const quotedName: Rule = {
  name: 'quoted-name',
  help: null,
  examples: ['"Prod VMs" failed yesterday'],
  match(tokens, i) {
    const t = tokens[i] as Token;
    return t.quoted ? { next: i + 1, apply: (d) => withName(d, 'name', t.raw) } : null;
  },
};

/** "last 50 failures", "latest failure", "most recent 5 sessions", "5 most recent errors", "the last backup". */
const newestWithLimit: Rule = {
  name: 'limit',
  help: 'How many, newest first: `last 50 failures`, `latest failure`, `most recent 5 sessions`, `the last backup of web-01`.',
  examples: ['last 50 failures', 'latest failure', 'most recent 5 sessions'],
  match(tokens, i, env) {
    const t = tokens[i] as Token;
    if (t.quoted || t.key !== undefined) return null;
    const newestAt = (k: number) =>
      tokens[k]?.word === 'most' && tokens[k + 1]?.word === 'recent'
        ? k + 2
        : NEWEST_WORDS.has(tokens[k]?.word ?? '')
          ? k + 1
          : null;
    let j: number;
    let count: number | null = null;
    const leading = countOf(t);
    const afterLeading = leading !== null && t.word !== 'a' && t.word !== 'an' ? newestAt(i + 1) : null;
    if (leading !== null && afterLeading !== null) {
      // "5 most recent failures"
      count = leading;
      j = afterLeading;
    } else {
      const after = newestAt(i);
      if (after === null) return null;
      j = after;
      const n = countOf(tokens[j]);
      if (n !== null && tokens[j]?.word !== 'a' && tokens[j]?.word !== 'an') {
        count = n;
        j++;
      }
    }
    // The count applies to the last noun of the run: "last failed backups" is plural, "last failed backup" one.
    let k = j;
    let singular: boolean | null = null;
    for (let noun = countedNoun(tokens[k], env); noun; noun = countedNoun(tokens[++k], env))
      singular = noun.singular;
    if (singular === null) return null;
    const limit = count ?? (singular ? 1 : null);
    if (limit === null) return { next: j, apply: (d) => d };
    if (limit < 1 || limit > MAX_LIMIT)
      return { next: j, apply: (d) => withProblem(d, `Ask for 1 to ${MAX_LIMIT} sessions, not ${limit}.`) };
    const said = tokens
      .slice(i, k)
      .map((x) => x.raw)
      .join(' ');
    // The nouns themselves are read by the next rules (a status or type word filters too).
    return { next: j, apply: (d) => withLimit(d, limit, said) };
  },
};

const timePhrase: Rule = {
  name: 'time',
  help: 'Time: `today`, `yesterday`, `last night`, `this morning`, `over the weekend`, `this week`, `last month`, a weekday, a date (`2026-11-03`, `Nov 3`, `28/11`, `the 27th`, `Nov 25-28`, `november`), `2 days ago`, `since 6pm yesterday`, `yesterday after 18:00`, `between … and …`, `last 24h`, `48h`, `past 3 days`, `last couple of days`, `at 3am`; a zone such as `in UTC` or `Europe/London`.',
  examples: [
    'failed last night',
    'warnings this morning',
    'what failed over the weekend?',
    'errors 24h',
    'failed on 28/11',
    'failed between Nov 3 and Nov 5',
    'since 6pm yesterday',
    'yesterday between 2am and 4am',
    'failed 2 days ago',
    'restores last week',
    'snapshots in the last 6 hours',
  ],
  match(tokens, i, env) {
    const time = parseTimePhrase(tokens, i, env.time);
    if (!time) return null;
    const next = Math.max(time.next, i + 1);
    const said = tokens
      .slice(i, next)
      .map((x) => x.raw)
      .join(' ');
    return {
      next,
      apply: (d) => ('error' in time ? withProblem(d, time.error) : withTime(d, time.bounds, said, env.now)),
    };
  },
};

/** "not successful", "non-successful", "everything except success", "didn't succeed", "other than failed". */
const negation: Rule = {
  name: 'negation',
  help: "Not: `not successful`, `everything except success`, `didn't succeed`, `not failed`.",
  examples: ['not successful today', 'everything except success', "didn't succeed yesterday"],
  match(tokens, i, env) {
    const t = tokens[i] as Token;
    if (t.quoted || t.key !== undefined) return null;
    let j: number;
    let word: string | undefined;
    if (t.word.startsWith('non-') && t.word.length > 4) {
      word = t.word.slice(4);
      j = i + 1;
    } else if (
      t.word === "didn't" ||
      t.word === 'didnt' ||
      (t.word === 'did' && tokens[i + 1]?.word === 'not')
    ) {
      j = t.word === 'did' ? i + 2 : i + 1;
      word = tokens[j]?.word;
      j++;
    } else if (NEGATIONS.has(t.word) || (t.word === 'other' && tokens[i + 1]?.word === 'than')) {
      j = t.word === 'other' ? i + 2 : i + 1;
      word = tokens[j]?.word;
      j++;
    } else return null;
    if (word === undefined) return null;
    const verbs: Record<string, string> = {
      succeed: 'succeeded',
      fail: 'failed',
      finish: 'succeeded',
      work: 'succeeded',
      run: 'succeeded',
    };
    const statuses = statusesForWord(verbs[word] ?? word, env.vocabulary);
    if (!statuses) return null;
    return { next: j, apply: (d) => withExcluded(d, statuses) };
  },
};

const markedName: Rule = {
  name: 'policy-or-vm',
  help: 'Policy and VM: `policy:"Prod VMs"`, `vm:web-01`, or just `for web-01`.',
  examples: ['any failed backups for web-01 since Monday?', 'policy Prod VMs failed'],
  match(tokens, i, env) {
    const t = tokens[i] as Token;
    if (!POLICY_MARKERS.has(t.word) && !VM_MARKERS.has(t.word)) return null;
    const read = readName(tokens, i + 1, env);
    if (!read) return null;
    const kind = POLICY_MARKERS.has(t.word) ? 'policy' : 'vm';
    return { next: read.next, apply: (d) => withName(d, kind, read.value) };
  },
};

const statusWords: Rule = {
  name: 'status-words',
  help: `Status: ${STATUS_WORDS.map((s) => `\`${s.help}\``).join(', ')}, or an API status such as \`Error\`.`,
  examples: ['failed today', 'warnings yesterday', 'what is running right now', 'running with warnings'],
  match(tokens, i, env) {
    const t = tokens[i] as Token;
    if (!statusesForWord(t.word, env.vocabulary)) return null;
    return { next: i + 1, apply: (d) => addStatuses(d, t.word, env) ?? d };
  },
};

const typeWords: Rule = {
  name: 'type-words',
  help: null,
  examples: ['restores last week', 'failed snapshot retention', 'sql failures this week'],
  match(tokens, i, env) {
    const t = tokens[i] as Token;
    if (!typesForWord(t.word, env.vocabulary)) return null;
    return { next: i + 1, apply: (d) => addTypes(d, t.word, env) ?? d };
  },
};

const nameAfterPreposition: Rule = {
  name: 'name',
  help: null,
  examples: ['failed for Prod VMs since monday'],
  match(tokens, i, env) {
    const t = tokens[i] as Token;
    if (!NAME_PREPOSITIONS.has(t.word)) return null;
    const read = readName(tokens, i + 1, env);
    return read ? { next: read.next, apply: (d) => withName(d, 'name', read.value) } : null;
  },
};

/** "is the nightly backup of web-01 done?": the latest session answers it, whatever its status. */
const doneQuestion: Rule = {
  name: 'done-question',
  help: null,
  examples: ['is the nightly backup of web-01 done?'],
  match(tokens, i) {
    const t = tokens[i] as Token;
    // Only in a yes/no question: "jobs that finished after 10pm" is not about the latest one.
    if (t.quoted || !DONE_WORDS.has(t.word) || !YES_NO.has(tokens[0]?.word ?? '')) return null;
    return { next: i + 1, apply: (d) => (d.limit === null ? withLimit(d, 1, t.raw) : d) };
  },
};

/** "did the backups run ok?": every session, so the answer shows how each went. */
const howItWent: Rule = {
  name: 'how-it-went',
  help: null,
  examples: ['did the backups run ok last night?'],
  match(tokens, i) {
    const t = tokens[i] as Token;
    if (t.word !== HOW_IT_WENT) return null;
    return {
      next: i + 1,
      apply: (d) =>
        withNote(d, `Showing every session, whatever its status, so you can see whether it went "${t.raw}".`),
    };
  },
};

const filler: Rule = {
  name: 'filler',
  help: null,
  examples: ['show me any failed backups please?'],
  match(tokens, i) {
    const w = (tokens[i] as Token).word;
    const known =
      FILLER_WORDS.has(w) ||
      HELP_WORDS.has(w) ||
      POLICY_MARKERS.has(w) ||
      VM_MARKERS.has(w) ||
      NEWEST_WORDS.has(w) ||
      DONE_WORDS.has(w);
    return known ? { next: i + 1, apply: (d) => d } : null;
  },
};

const bareName: Rule = {
  name: 'bare-name',
  help: null,
  examples: ['web-01 failed'],
  match(tokens, i) {
    const t = tokens[i] as Token;
    return looksLikeName(t.raw) ? { next: i + 1, apply: (d) => withName(d, 'name', t.raw) } : null;
  },
};

/** Rules that read the bot's own words: what a corrected typo is tried against. */
const WORD_RULES: readonly Rule[] = [timePhrase, negation, statusWords, typeWords];

/** Every word the bot knows, with what it means, for typo correction. */
function vocabularyWords(): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of STATUS_WORDS) for (const w of e.words) out.set(w, `status:${e.help}`);
  for (const e of TYPE_WORDS) for (const w of e.words) out.set(w, `type:${e.help}`);
  for (const w of TIME_WORDS) out.set(w, `time:${w}`);
  for (const w of [
    'weekend',
    'fortnight',
    'couple',
    'several',
    'hours',
    'minutes',
    'days',
    'weeks',
    'months',
  ])
    out.set(w, `time:${w}`);
  // Never fillers: a typo read as a filler would be a word dropped.
  return out;
}
const KNOWN_WORDS = vocabularyWords();

const typo: Rule = {
  name: 'typo',
  help: null,
  examples: ['faild yesterdy'],
  match(tokens, i, env) {
    const t = tokens[i] as Token;
    if (t.quoted || t.key !== undefined || looksLikeName(t.raw)) return null;
    const fixed = correctTypo(t.word, KNOWN_WORDS.keys(), (w) => KNOWN_WORDS.get(w) ?? w);
    if (!fixed) return null;
    const corrected = [...tokens.slice(0, i), { ...t, word: fixed }, ...tokens.slice(i + 1)];
    for (const rule of WORD_RULES) {
      const m = rule.match(corrected, i, env);
      if (m) return { next: m.next, apply: (d) => m.apply(withNote(d, `Read "${t.raw}" as "${fixed}".`)) };
    }
    return null;
  },
};

/** In order: the first rule that matches at a word reads it. */
export const QUERY_RULES: readonly Rule[] = [
  keyValue,
  quotedName,
  newestWithLimit,
  timePhrase,
  negation,
  markedName,
  statusWords,
  typeWords,
  nameAfterPreposition,
  doneQuestion,
  howItWent,
  filler,
  bareName,
  typo,
];

/** Reads tokens into a draft with the rules; words no rule reads are recorded as unknown. */
export function readTokens(tokens: Token[], env: RuleEnv, draft: Draft): Draft {
  let d = draft;
  let i = 0;
  while (i < tokens.length) {
    let matched: RuleMatch | null = null;
    for (const rule of QUERY_RULES) {
      matched = rule.match(tokens, i, env);
      if (matched) break;
    }
    if (matched) {
      d = matched.apply(d);
      i = Math.max(matched.next, i + 1);
    } else {
      d = withUnknown(d, (tokens[i] as Token).raw);
      i++;
    }
  }
  return d;
}

/** The final statuses: those said, less those said with "not"; "not X" alone is every other status. */
export function finalStatuses(d: Draft, vocabulary: SessionVocabulary): JobStatus[] {
  if (d.excluded.length === 0) return [...d.statuses];
  const base = d.statuses.length > 0 ? d.statuses : vocabulary.statuses;
  return base.filter((s) => !d.excluded.includes(s));
}
