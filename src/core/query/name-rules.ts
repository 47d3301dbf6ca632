import {
  DONE_WORDS,
  HOW_IT_WENT,
  isBotWord,
  NAME_PREPOSITIONS,
  POLICY_MARKERS,
  VM_MARKERS,
} from './grammar-words';
import { withName, withNote } from './query-draft';
import type { Rule, RuleEnv } from './rule';
import { parseTimePhrase } from './time-expressions';
import type { Token } from './tokenize';
import { statusesForWord, typesForWord } from './vocabulary';

/**
 * Names of policies and VMs: quoted, after a marker ("policy Prod VMs", "vm web-01"), after a preposition
 * ("for web-01"), or bare when they look like one ("web-01 failed"). An unquoted name runs up to the next
 * word the grammar knows.
 */

/** Resource names usually carry a digit, dash, dot or underscore ("web-01", "sql_prod", "app.contoso"). */
export function looksLikeName(raw: string): boolean {
  return /[\d_.-]/.test(raw) && /[a-z]/i.test(raw) && !/^\d+(st|nd|rd|th)?$/i.test(raw);
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

export const quotedName: Rule = {
  name: 'quoted-name',
  help: null,
  examples: ['"Prod VMs" failed yesterday'],
  match(tokens, i) {
    const t = tokens[i] as Token;
    return t.quoted ? { next: i + 1, apply: (d) => withName(d, 'name', t.raw) } : null;
  },
};

export const markedName: Rule = {
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

export const nameAfterPreposition: Rule = {
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

export const bareName: Rule = {
  name: 'bare-name',
  help: null,
  examples: ['web-01 failed'],
  match(tokens, i) {
    const t = tokens[i] as Token;
    return looksLikeName(t.raw) ? { next: i + 1, apply: (d) => withName(d, 'name', t.raw) } : null;
  },
};

const CAPITALISED = /^\p{Lu}/u;

/** A capitalised word the grammar reads as a word of its own ("Failed", "Today") ends a name. */
function continuesName(tokens: Token[], j: number, env: RuleEnv): boolean {
  const t = tokens[j];
  if (!t || t.quoted || t.key !== undefined) return false;
  if (!CAPITALISED.test(t.raw) && !looksLikeName(t.raw)) return false;
  return statusesForWord(t.word, env.vocabulary) === null && parseTimePhrase(tokens, j, env.time) === null;
}

/**
 * "did Prod VMs fail": a capitalised word no other rule knows starts a name, which runs on over the
 * capitalised words after it ("Prod Backup"). Tried last, after typo correction; the answer says how the
 * words were read, and a name that matches nothing is refused by name, so a wrong guess is visible.
 */
export const capitalisedName: Rule = {
  name: 'capitalised-name',
  help: null,
  examples: ['did Prod VMs fail last night?'],
  match(tokens, i, env) {
    const t = tokens[i] as Token;
    if (t.quoted || t.key !== undefined || !CAPITALISED.test(t.raw)) return null;
    let j = i + 1;
    while (continuesName(tokens, j, env)) j++;
    const value = tokens
      .slice(i, j)
      .map((x) => x.raw)
      .join(' ');
    return {
      next: j,
      apply: (d) => withNote(withName(d, 'name', value), `Read "${value}" as the name of a policy or VM.`),
    };
  },
};

/**
 * "how did Nightly Backup go yesterday": two or more capitalised words in the middle of a sentence are a
 * name even when each is a word of the bot's own ("nightly", "backup"), or the question would be answered
 * for every session. A type word does not start one ("any SQL failures"); a status or time word ends it;
 * a sentence written all in title case has none.
 */
export const capitalisedPhrase: Rule = {
  name: 'capitalised-phrase',
  help: null,
  examples: ['how did Nightly Backup go yesterday?'],
  match(tokens, i, env) {
    const t = tokens[i] as Token;
    if (i === 0 || !CAPITALISED.test(t.raw) || typesForWord(t.word, env.vocabulary) !== null) return null;
    // "Did Anything Fail Over The Weekend": in a sentence in title case, capitals say nothing.
    if (
      tokens.every(
        (x) => x.quoted || x.key !== undefined || !/^\p{L}/u.test(x.raw) || CAPITALISED.test(x.raw),
      )
    )
      return null;
    if (!continuesName(tokens, i, env) || !continuesName(tokens, i + 1, env)) return null;
    return capitalisedName.match(tokens, i, env);
  },
};
