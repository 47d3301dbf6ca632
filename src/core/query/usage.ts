import type { SessionVocabulary } from '../sessions/api-version';
import { QUERY_RULES } from './query-rules';
import { TYPE_WORDS, typesForWord } from './vocabulary';

const HELP_ORDER = ['status-words', 'time', 'limit', 'negation', 'policy-or-vm', 'key-value'];
/** Rules that teach something, in the order help lists them. */
const TAUGHT = QUERY_RULES.filter((r) => r.help !== null).sort(
  (a, b) => HELP_ORDER.indexOf(a.name) - HELP_ORDER.indexOf(b.name),
);

/**
 * Examples shown in help: the first examples of the rules that teach something, so help and the grammar
 * cannot drift. The parser specs check that every one of them parses.
 */
export const USAGE_EXAMPLES: readonly string[] = [
  ...new Set(
    TAUGHT.flatMap((r) => r.examples.slice(0, r.name === 'time' || r.name === 'status-words' ? 4 : 1)),
  ),
];

/**
 * Help text generated from the same rules the parser reads. Plain text with backticks; each platform's
 * renderer decides how to show it.
 */
export function buildUsageText(profile: SessionVocabulary, command = ''): string {
  const prefix = command ? `${command} ` : '';
  const typeLines = TYPE_WORDS.filter((t) => (typesForWord(t.words[0] as string, profile) ?? []).length > 0)
    .map((t) => `\`${t.help}\``)
    .join(', ');
  const ruleLines = TAUGHT.map((r) => r.help as string);
  return [
    'Ask about Veeam Backup for Microsoft Azure job sessions, for example:',
    ...USAGE_EXAMPLES.map((e) => `• \`${prefix}${e}\``),
    '',
    ruleLines[0] as string,
    `Type: ${typeLines}, or an API type such as \`PolicyBackup\`.`,
    ...ruleLines.slice(1),
    'Times are read in your time zone; typos in these words are corrected and said.',
    `I only read sessions: I can't retry, cancel or restore anything.`,
    `Daily digest here (this channel or chat): \`${prefix}digest daily 08:00\`, \`${prefix}digest status\`, \`${prefix}digest off\`.`,
    `Why a policy or VM failed, with its log, its VMs and its streak: \`${prefix}why did Prod VMs fail\`.`,
    `The last success of a policy or VM: \`${prefix}when did web-01 last back up successfully\`.`,
    `Failing day after day: \`${prefix}which policies failed 3 days in a row\`, \`${prefix}which VMs failed 3 days in a row\`, \`${prefix}what keeps failing\`.`,
    `Protection: \`${prefix}unprotected VMs\`, \`${prefix}which VMs have no successful backup in 24h\`.`,
    `Two periods side by side: \`${prefix}this week vs last week\`, \`${prefix}compare yesterday with the day before\`.`,
    `Rankings and rates: \`${prefix}top failing policies this month\`, \`${prefix}slowest policies this week\`, \`${prefix}success rate this week\`, \`${prefix}failure rate per policy last 30 days\`, \`${prefix}flapping policies this week\`.`,
    `Failure alerts here, as they happen: \`${prefix}alerts on\`, \`${prefix}alerts status\`, \`${prefix}alerts off\`.`,
  ].join('\n');
}
