import type { JobStatus, SessionVocabulary } from '../sessions/api-version';
import { FILLER_WORDS } from './filler-words';
import { keyValue, negation, statusWords, typeWords } from './filter-rules';
import {
  DONE_WORDS,
  HELP_WORDS,
  HOW_IT_WENT,
  NEWEST_WORDS,
  POLICY_MARKERS,
  VM_MARKERS,
  YES_NO,
} from './grammar-words';
import { newestWithLimit } from './limit-rule';
import {
  bareName,
  capitalisedName,
  capitalisedPhrase,
  looksLikeName,
  markedName,
  nameAfterPreposition,
  quotedName,
} from './name-rules';
import { type Draft, withLimit, withNote, withProblem, withTime, withUnknown } from './query-draft';
import type { Rule, RuleEnv, RuleMatch } from './rule';
import { parseTimePhrase, TIME_WORDS } from './time-expressions';
import type { Token } from './tokenize';
import { correctTypo } from './typo-correction';
import { STATUS_WORDS, TYPE_WORDS } from './vocabulary';

/**
 * The grammar, as one ordered list of small rules (rule.ts). At each word the first rule that matches reads
 * it into the draft; a word no rule reads is unknown and the question is refused with it named.
 */

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
      apply: (d) =>
        'error' in time
          ? withProblem(d, time.error)
          : withTime(d, time.bounds, said, env.now, joinedToLast(tokens, i)),
    };
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

const CONJUNCTIONS = new Set(['and', 'or', '&', 'plus', 'and/or']);

/** "yesterday and today": the time phrase at i follows another one and a conjunction. */
function joinedToLast(tokens: Token[], i: number): boolean {
  return CONJUNCTIONS.has(tokens[i - 1]?.word ?? '');
}

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
  capitalisedPhrase,
  markedName,
  statusWords,
  typeWords,
  nameAfterPreposition,
  doneQuestion,
  howItWent,
  filler,
  bareName,
  typo,
  capitalisedName,
  capitalisedPhrase,
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
