import { parseSessionQuery } from '../query/parse-session-query';
import type { SessionVocabulary } from '../sessions/api-version';
import { isTimeZone } from '../time-zone';
import type { DigestDays } from './digest-subscription';

export type DigestCommand =
  | { kind: 'subscribe'; days: DigestDays; time: string; timeZone: string; filters: string }
  | { kind: 'status' }
  | { kind: 'off' }
  | { kind: 'now' }
  | { kind: 'usage'; message: string };

export const DIGEST_USAGE = [
  '`digest daily 08:00` posts a digest of the last 24 hours here every morning (in your time zone)',
  '`digest weekdays 07:30 Europe/Berlin` Monday to Friday, in a zone you name',
  '`digest daily 08:00 policy:"Prod VMs"` only what the filters select (policy, VM, type)',
  '`digest status` shows the digest here, `digest now` posts one at once, `digest off` stops it',
].join('\n');

const TIME = /^(\d{1,2})(?::(\d{2}))?\s*(am|pm)?$/i;

/** "08:00", "8:30", "7am", "7:30pm" → "HH:mm", or null. */
function readTime(word: string): string | null {
  const m = TIME.exec(word);
  if (!m || (m[2] === undefined && m[3] === undefined)) return null;
  let hour = Number(m[1]);
  const minute = Number(m[2] ?? '0');
  const meridiem = m[3]?.toLowerCase();
  if (meridiem) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (meridiem === 'pm' ? 12 : 0);
  }
  if (hour > 23 || minute > 59) return null;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/**
 * Reads `digest …` (the rest of a command or message); null when the text is not about digests, so the
 * caller treats it as a question. Filters are the query language without time or status words: a digest
 * always covers every status of its own window.
 */
export function parseDigestCommand(
  text: string,
  context: { timeZone: string; now: Date; vocabulary: SessionVocabulary },
): DigestCommand | null {
  const words = text.trim().split(/\s+/);
  if (words[0]?.toLowerCase() !== 'digest') return null;
  const usage = (message: string): DigestCommand => ({
    kind: 'usage',
    message: `${message}\n${DIGEST_USAGE}`,
  });
  const verb = words[1]?.toLowerCase();
  if (verb === undefined || verb === 'help')
    return usage('A digest is a daily summary posted here, in this channel or chat.');
  if (words.length === 2 && (verb === 'status' || verb === 'off' || verb === 'now')) return { kind: verb };
  if (verb === 'stop' || verb === 'unsubscribe') return { kind: 'off' };

  let i = 1;
  let days: DigestDays = 'daily';
  if (verb === 'daily' || verb === 'weekdays') {
    days = verb;
    i = 2;
  }
  // "7:30am" is one word, "7:30 am" two.
  const spaced = /^(am|pm)$/i.test(words[i + 1] ?? '');
  const time = readTime(spaced ? `${words[i]} ${words[i + 1]}` : (words[i] ?? ''));
  if (!time)
    return usage(`I need a time of day such as 08:00 or 7:30am after "${words.slice(0, i).join(' ')}".`);
  i += spaced ? 2 : 1;

  let timeZone = context.timeZone;
  const maybeZone = words[i];
  if (maybeZone && (maybeZone.includes('/') || /^utc$/i.test(maybeZone))) {
    if (!isTimeZone(maybeZone))
      return usage(`"${maybeZone}" is not a time zone; try one such as Europe/Berlin.`);
    timeZone = /^utc$/i.test(maybeZone) ? 'UTC' : maybeZone;
    i += 1;
  }

  const filters = words.slice(i).join(' ');
  if (filters !== '') {
    const parsed = parseSessionQuery(filters, { now: context.now, timeZone, vocabulary: context.vocabulary });
    if (parsed.kind === 'usage') return usage(parsed.message);
    if (parsed.kind === 'help') return usage('Filters come after the time.');
    if (parsed.query.fromUtc !== null || parsed.query.toUtc !== null)
      return usage('A digest always covers the 24 hours before it; leave the time words out.');
    if (parsed.query.statuses.length > 0)
      return usage('A digest always counts every status; filter by policy, VM or type instead.');
  }
  return { kind: 'subscribe', days, time, timeZone, filters };
}
