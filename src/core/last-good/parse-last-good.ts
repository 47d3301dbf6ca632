import { MAX_NAME_LENGTH } from '../sessions/session-query';

export type LastGoodRequest = { kind: 'last-good'; name: string } | { kind: 'usage'; message: string };

const PATTERNS = [
  /^when (?:did|was|has) (.+?) last (?:back(?:ed)? ?up|succeed(?:ed)?|run successfully|protected)(?: successfully| ok| fine)?$/i,
  /^when (?:did|was) (.+?) (?:last )?(?:successfully )?backed up(?: last)?$/i,
  /^(?:when was )?(?:the )?last (?:good|successful|ok) (?:backup|run|session) (?:of|for) (.+)$/i,
  /^is (?:the (?:nightly |last |latest )?backup of )(.+?) (?:done|ok|fine|finished)$/i,
];

/**
 * Reads "when did web-01 last back up successfully?", "last good backup of Prod VMs", "is the nightly
 * backup of web-01 done?"; null for anything else (a list question such as "the last backup of web-01"
 * stays a list of one).
 */
export function parseLastGood(text: string): LastGoodRequest | null {
  const t = text
    .trim()
    .replace(/[?!.]+$/, '')
    .replace(/\s+/g, ' ');
  for (const pattern of PATTERNS) {
    const m = pattern.exec(t);
    if (!m) continue;
    const name = (m[1] ?? '').replace(/^["'“”](.*)["'“”]$/, '$1').trim();
    if (['it', 'that', 'this', 'my', 'the backup'].includes(name.toLowerCase()) || name === '')
      return {
        kind: 'usage',
        message: 'Name the policy or VM: `when did web-01 last back up successfully`.',
      };
    if (name.length > MAX_NAME_LENGTH)
      return { kind: 'usage', message: `That name is longer than ${MAX_NAME_LENGTH} characters.` };
    return { kind: 'last-good', name };
  }
  return null;
}
