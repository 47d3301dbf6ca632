import type { SessionVocabulary } from '../sessions/api-version';
import { STATUS_WORDS, TYPE_WORDS, typesForWord } from './vocabulary';

/** Examples shown in help; the parser specs check that every one of them parses. */
export const USAGE_EXAMPLES = [
  'failed today',
  'warnings yesterday',
  'any failed backups for web-01 since Monday?',
  'restores last week',
  'what is running right now',
  'snapshots in the last 6 hours',
  'status:failed,warning policy:"Prod VMs" since:monday',
  'type:PolicyBackup vm:web-01 from:2026-11-01 to:2026-11-07',
  'failed between Nov 3 and Nov 5',
];

/**
 * Help text generated from the same tables the parser reads, so the two cannot drift. Plain text with
 * backticks; each platform's renderer decides how to show it.
 */
export function buildUsageText(profile: SessionVocabulary, command = ''): string {
  const prefix = command ? `${command} ` : '';
  const statusLines = STATUS_WORDS.map((s) => `\`${s.help}\``).join(', ');
  const typeLines = TYPE_WORDS.filter((t) => (typesForWord(t.words[0] as string, profile) ?? []).length > 0)
    .map((t) => `\`${t.help}\``)
    .join(', ');
  return [
    'Ask about Veeam Backup for Microsoft Azure job sessions, for example:',
    ...USAGE_EXAMPLES.map((e) => `• \`${prefix}${e}\``),
    '',
    `Status: ${statusLines}, or an API status such as \`Error\`.`,
    `Type: ${typeLines}, or an API type such as \`PolicyBackup\`.`,
    'Time: `today`, `yesterday`, `this week`, `last week`, `this month`, `last month`, a weekday (`monday`), a date (`2026-11-03`, `Nov 3`), `since …`, `between … and …`, `from … to …`, `last 24h`, `past 3 days`, `last 90 minutes`.',
    'Policy and VM: `policy:"Prod VMs"`, `vm:web-01`, or just `for web-01`.',
    'Times are read in your time zone.',
    `Daily digest here (this channel or chat): \`${prefix}digest daily 08:00\`, \`${prefix}digest status\`, \`${prefix}digest off\`.`,
  ].join('\n');
}
