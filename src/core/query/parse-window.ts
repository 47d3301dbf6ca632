import type { SessionQuery } from '../sessions/session-query';
import { type ParseContext, parseSessionQuery } from './parse-session-query';

export type WindowRead =
  /** `timeSaid`: the window came from the words, not from the fallback. */
  { kind: 'window'; query: SessionQuery; timeSaid: boolean } | { kind: 'usage'; message: string };

/**
 * The words after an answer's own ("this week", "of Prod VMs last 30 days", "for snapshots since Monday"),
 * read as a list question reads them: a window, a policy or VM, session types. Status words and counts are
 * refused rather than dropped, since these answers count every status themselves. No time words: the
 * `fallback` window ("last 7 days"), which the answer's "understood" line then names.
 */
export function parseWindow(
  rest: string,
  context: ParseContext,
  fallback: string,
  usage: string,
): WindowRead {
  const text = rest.trim().replace(/[?!.]+$/, '');
  const said = text === '' ? null : parseSessionQuery(text, context);
  if (said?.kind === 'help') return { kind: 'usage', message: usage };
  if (said?.kind === 'usage')
    return { kind: 'usage', message: `${said.message.replace(/ Try `.*$/, '')} ${usage}` };
  const base = parseSessionQuery(fallback, context);
  if (base.kind !== 'query') throw new Error(`The default window "${fallback}" does not parse`);
  if (!said) return { kind: 'window', query: base.query, timeSaid: false };
  const q = said.query;
  if (q.statuses.length > 0)
    return {
      kind: 'usage',
      message: `This answer counts every status itself: leave out "${q.statuses.join('/')}". ${usage}`,
    };
  if (q.limit !== null)
    return { kind: 'usage', message: `This answer reads a window, not the newest ${q.limit}. ${usage}` };
  if (q.fromUtc === null && q.toUtc === null)
    return {
      kind: 'window',
      query: { ...q, fromUtc: base.query.fromUtc, toUtc: base.query.toUtc, timeLabel: base.query.timeLabel },
      timeSaid: false,
    };
  return { kind: 'window', query: q, timeSaid: true };
}
