import type { DateTime } from 'luxon';
import type { SessionVocabulary } from '../sessions/api-version';
import type { TimeContext } from './calendar-span';
import type { Draft } from './query-draft';
import type { Token } from './tokenize';

/**
 * One rule of the grammar (query-rules.ts holds them in order): it reads the word at i, and the words after
 * it that belong to it, into the draft. Each carries its help line and examples: help text is built from
 * them and the parser specs check that every example parses.
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
