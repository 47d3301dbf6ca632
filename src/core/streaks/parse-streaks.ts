export type StreaksRequest =
  | { kind: 'streaks'; days: number; of: 'policies' | 'vms' }
  | { kind: 'usage'; message: string };

const NUMBERS: Record<string, number> = { two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7 };
/** Longest streak asked about: a week of days, read with one bounded query. */
const MAX_STREAK_DAYS = 14;
/** What "keeps failing" means when no number is said. */
const DEFAULT_DAYS = 3;

const IN_A_ROW =
  /^(?:which|what|any)\s+(?:(policies|policy|backups?|jobs?|vms?|virtual machines?)\s+)?(?:have\s+|has\s+)?(?:failed|fail|been failing|were failing)\s+(?:on\s+)?(\d+|two|three|four|five|six|seven)\s+days?\s+(?:in\s+a\s+row|running|straight)$/i;
const KEEPS =
  /^(?:which|what)\s+(?:(policies|policy|backups?|jobs?|vms?)\s+)?(?:keeps?|is still|are still)\s+failing$/i;

const STREAKS_USAGE =
  'Ask `which policies failed 3 days in a row`, `which VMs failed 3 days in a row` (2 to 14 days) or `what keeps failing` (3 days).';

/**
 * Reads "which policies failed 3 days in a row?" and "what keeps failing?"; null when the text asks
 * something else; "which VMs failed 3 days in a row" asks the same of each VM, from the per-VM results.
 */
export function parseStreaks(text: string): StreaksRequest | null {
  const t = text
    .trim()
    .replace(/[?!.]+$/, '')
    .replace(/\s+/g, ' ');
  const m = IN_A_ROW.exec(t) ?? KEEPS.exec(t);
  if (!m) return null;
  const what = (m[1] ?? '').toLowerCase();
  const of = what.startsWith('vm') || what.startsWith('virtual') ? 'vms' : 'policies';
  const said = m[2];
  const days = said === undefined ? DEFAULT_DAYS : (NUMBERS[said.toLowerCase()] ?? Number(said));
  if (!Number.isInteger(days) || days < 2 || days > MAX_STREAK_DAYS)
    return { kind: 'usage', message: `A streak is 2 to ${MAX_STREAK_DAYS} days. ${STREAKS_USAGE}` };
  return { kind: 'streaks', days, of };
}
