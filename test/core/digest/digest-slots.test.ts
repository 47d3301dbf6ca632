import { nextSlot, slotsBetween } from '../../../src/core/digest/digest-slots';
import type { DigestSchedule } from '../../../src/core/digest/digest-subscription';

const berlin = (time: string, days: DigestSchedule['days'] = 'daily'): DigestSchedule => ({
  days,
  time,
  timeZone: 'Europe/Berlin',
});
const iso = (dates: Date[]) => dates.map((d) => d.toISOString());

describe('when a digest is due', () => {
  it("is once a day at the local time, in the subscription's zone", () => {
    expect(
      iso(slotsBetween(berlin('08:00'), new Date('2026-11-29T00:00:00Z'), new Date('2026-12-01T07:30:00Z'))),
    ).toEqual(['2026-11-29T07:00:00.000Z', '2026-11-30T07:00:00.000Z', '2026-12-01T07:00:00.000Z']);
  });

  it('comes once on a spring-forward day, when 02:30 does not exist (moved to 03:30)', () => {
    const slots = slotsBetween(
      berlin('02:30'),
      new Date('2027-03-27T12:00:00Z'),
      new Date('2027-03-29T12:00:00Z'),
    );
    expect(iso(slots)).toEqual(['2027-03-28T01:30:00.000Z', '2027-03-29T00:30:00.000Z']);
  });

  it('comes once on a fall-back day, when 02:30 happens twice (the first one)', () => {
    const slots = slotsBetween(
      berlin('02:30'),
      new Date('2026-10-24T12:00:00Z'),
      new Date('2026-10-26T12:00:00Z'),
    );
    expect(iso(slots)).toEqual(['2026-10-25T00:30:00.000Z', '2026-10-26T01:30:00.000Z']);
  });

  it('skips Saturday and Sunday for weekdays-only subscriptions', () => {
    // Fri 27 Nov to Tue 1 Dec 2026.
    const slots = slotsBetween(
      berlin('08:00', 'weekdays'),
      new Date('2026-11-27T00:00:00Z'),
      new Date('2026-12-01T23:00:00Z'),
    );
    expect(iso(slots)).toEqual([
      '2026-11-27T07:00:00.000Z',
      '2026-11-30T07:00:00.000Z',
      '2026-12-01T07:00:00.000Z',
    ]);
  });

  it('excludes the lower bound and includes the upper one, so a slot is seen by exactly one tick window', () => {
    const at = new Date('2026-12-01T07:00:00Z');
    expect(slotsBetween(berlin('08:00'), at, new Date('2026-12-01T09:00:00Z'))).toEqual([]);
    expect(iso(slotsBetween(berlin('08:00'), new Date(at.getTime() - 1), at))).toEqual([at.toISOString()]);
  });

  it('names the next one, past the weekend for weekdays-only', () => {
    expect(nextSlot(berlin('08:00', 'weekdays'), new Date('2026-12-04T08:00:00Z'))?.toISOString()).toBe(
      '2026-12-07T07:00:00.000Z',
    );
    expect(
      nextSlot(
        { days: 'daily', time: '23:30', timeZone: 'Pacific/Kiritimati' },
        new Date('2026-12-01T09:00:00Z'),
      )?.toISOString(),
    ).toBe('2026-12-01T09:30:00.000Z');
  });
});
