import { isTimeZone } from '../time-zone';
import type { Token } from './tokenize';

/**
 * A time zone said in the question ("failed today in UTC", "since 08:00 CET", "yesterday Europe/London")
 * answers that question in that zone instead of the asker's. Abbreviations stand for the zone most people
 * mean by them; ambiguous ones (IST, CST in Asia) are not guessed.
 */
const ABBREVIATIONS = new Map<string, string>(
  Object.entries({
    utc: 'UTC',
    gmt: 'UTC',
    zulu: 'UTC',
    cet: 'Europe/Berlin',
    cest: 'Europe/Berlin',
    wet: 'Europe/Lisbon',
    eet: 'Europe/Helsinki',
    eest: 'Europe/Helsinki',
    bst: 'Europe/London',
    est: 'America/New_York',
    edt: 'America/New_York',
    cdt: 'America/Chicago',
    mst: 'America/Denver',
    mdt: 'America/Denver',
    pst: 'America/Los_Angeles',
    pdt: 'America/Los_Angeles',
    jst: 'Asia/Tokyo',
    aest: 'Australia/Sydney',
    aedt: 'Australia/Sydney',
    nzst: 'Pacific/Auckland',
    nzdt: 'Pacific/Auckland',
  }),
);

export type ZoneSaid = { zone: string; said: string; start: number; end: number };

/** The zones said in the tokens, with the "in"/"time" words around them. */
export function zonesSaid(tokens: Token[]): ZoneSaid[] {
  const out: ZoneSaid[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.quoted || t.key !== undefined) continue;
    const zone = ABBREVIATIONS.get(t.word) ?? (t.raw.includes('/') && isTimeZone(t.raw) ? t.raw : null);
    if (!zone) continue;
    const start = tokens[i - 1]?.word === 'in' ? i - 1 : i;
    const end = tokens[i + 1]?.word === 'time' ? i + 2 : i + 1;
    out.push({ zone, said: t.raw, start, end });
  }
  return out;
}
