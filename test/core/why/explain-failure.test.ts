import type { Session } from '../../../src/core/sessions/session';
import { failureHistory } from '../../../src/core/why/explain-failure';
import { makeSession } from '../../factories/sessions';

/** Newest first, one a day back from 1 Dec; the letters are statuses: F Error, S Success, W Warning, R Running. */
function history(letters: string): Session[] {
  const status: Record<string, string> = { F: 'Error', S: 'Success', W: 'Warning', R: 'Running' };
  return [...letters].map((l, i) =>
    makeSession(
      {
        id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        status: status[l] ?? 'Success',
        startTime: new Date(Date.parse('2026-12-01T02:00:00Z') - i * 86_400_000).toISOString(),
      },
      i,
    ),
  );
}

describe('how a failure stands in its history', () => {
  it.each<[string, number, { streak: number; successesBefore: number | null; since: boolean }]>([
    ['FSSSW', 0, { streak: 1, successesBefore: 3, since: false }],
    ['FFFSS', 0, { streak: 3, successesBefore: null, since: false }],
    ['FFFSW', 0, { streak: 3, successesBefore: 1, since: false }],
    ['SFSS', 1, { streak: 1, successesBefore: null, since: true }],
    ['RFFW', 1, { streak: 2, successesBefore: 0, since: false }],
    ['FWS', 0, { streak: 1, successesBefore: 0, since: false }],
  ])('%s (failure at %i)', (letters, at, expected) => {
    const sessions = history(letters);
    const h = failureHistory(sessions[at] as Session, sessions);
    expect({
      streak: h.streak,
      successesBefore: h.successesBefore,
      since: h.succeededSince !== null,
    }).toEqual(expected);
    expect(h.read).toBe(letters.length);
  });

  it('says since when a streak has been failing: the start of its first failure', () => {
    const sessions = history('FFFS');
    expect(failureHistory(sessions[0] as Session, sessions).failingSince).toBe(sessions[2]?.startTime);
  });
});
