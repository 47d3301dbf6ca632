import type { SessionVocabulary } from '../sessions/api-version';
import { FILLER_WORDS } from './filler-words';
import { TIME_WORDS } from './time-expressions';
import { statusesForWord, typesForWord } from './vocabulary';

/** The grammar's own small word sets: keys, markers, question words. Shared by the rules that read them. */

export const POLICY_KEYS = new Set(['policy', 'policies', 'pol']);
export const VM_KEYS = new Set(['vm', 'vms', 'machine', 'server', 'resource']);
export const STATUS_KEYS = new Set(['status', 'statuses', 'state']);
export const TYPE_KEYS = new Set(['type', 'types', 'kind']);
export const TIME_KEYS = new Set(['since', 'after', 'from', 'to', 'until', 'before']);
export const POLICY_MARKERS = new Set(['policy']);
export const VM_MARKERS = new Set(['vm', 'machine']);
export const NAME_PREPOSITIONS = new Set(['for', 'on', 'of', 'in']);
export const HELP_WORDS = new Set(['help', 'usage', '?', '-h', '--help']);
export const NEWEST_WORDS = new Set(['last', 'latest', 'newest', 'recent', 'most recent']);
/** Nouns a count applies to ("last 5 failures", "the last backup"), besides status and type words. */
export const COUNTED_NOUNS = new Set([
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
export const DONE_WORDS = new Set(['done', 'finished', 'complete', 'completed']);
/** Words a yes/no question starts with. */
export const YES_NO = new Set(['is', 'are', 'was', 'were', 'did', 'has', 'have', 'do', 'does']);
export const NEGATIONS = new Set(['not', 'except', 'excluding', 'without', 'but', 'non']);

/** A word of the bot's own: a time, status, type or filler word. */
export function isBotWord(w: string, vocabulary: SessionVocabulary): boolean {
  return (
    TIME_WORDS.has(w) ||
    FILLER_WORDS.has(w) ||
    statusesForWord(w, vocabulary) !== null ||
    typesForWord(w, vocabulary) !== null
  );
}
