import { NEGATIONS, POLICY_KEYS, STATUS_KEYS, TIME_KEYS, TYPE_KEYS, VM_KEYS } from './grammar-words';
import {
  type Draft,
  withExcluded,
  withName,
  withProblem,
  withStatuses,
  withTime,
  withTypes,
  withUnknown,
} from './query-draft';
import type { Rule, RuleEnv } from './rule';
import { parseTimeKey } from './time-expressions';
import { type Token, tokenize } from './tokenize';
import { STATUS_WORDS, statusesForWord, TYPE_WORDS, typesForWord } from './vocabulary';

/** Rules for what sessions to keep: exact `key:value` filters, status and type words, and "not". */

function splitList(value: string): string[] {
  return value
    .split(/[,|+]/)
    .map((v) => v.trim())
    .filter(Boolean);
}

function statusHint(statuses: readonly string[]): string {
  return `Try ${STATUS_WORDS.map((s) => s.help).join(', ')}, or one of the API's names: ${statuses.join(', ')}.`;
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

export const keyValue: Rule = {
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

/** "not successful", "non-successful", "everything except success", "didn't succeed", "other than failed". */
export const negation: Rule = {
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

export const statusWords: Rule = {
  name: 'status-words',
  help: `Status: ${STATUS_WORDS.map((s) => `\`${s.help}\``).join(', ')}, or an API status such as \`Error\`.`,
  examples: ['failed today', 'warnings yesterday', 'what is running right now', 'running with warnings'],
  match(tokens, i, env) {
    const t = tokens[i] as Token;
    if (!statusesForWord(t.word, env.vocabulary)) return null;
    return { next: i + 1, apply: (d) => addStatuses(d, t.word, env) ?? d };
  },
};

export const typeWords: Rule = {
  name: 'type-words',
  help: null,
  examples: ['restores last week', 'failed snapshot retention', 'sql failures this week'],
  match(tokens, i, env) {
    const t = tokens[i] as Token;
    if (!typesForWord(t.word, env.vocabulary)) return null;
    return { next: i + 1, apply: (d) => addTypes(d, t.word, env) ?? d };
  },
};
