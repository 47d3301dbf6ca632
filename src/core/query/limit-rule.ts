import { COUNTED_NOUNS, NEWEST_WORDS } from './grammar-words';
import { withLimit, withProblem } from './query-draft';
import type { Rule, RuleEnv } from './rule';
import { NUMBER_WORDS } from './time-words';
import type { Token } from './tokenize';
import { statusesForWord, typesForWord } from './vocabulary';

/** How many sessions, newest first: "last 50 failures", "the latest backup". */

const MAX_LIMIT = 1000;

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

/** "last 50 failures", "latest failure", "most recent 5 sessions", "5 most recent errors", "the last backup". */
export const newestWithLimit: Rule = {
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
