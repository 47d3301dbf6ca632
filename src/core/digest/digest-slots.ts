import { DateTime } from 'luxon';
import type { DigestSchedule } from './digest-subscription';

/** How far back a missed slot is looked for; a bot down for longer than this only logs the gap. */
const LOOKBACK_DAYS = 8;

/**
 * The instant a digest is due on one calendar day in its zone, or null when the schedule skips the day.
 * On a spring-forward day a time that does not exist (02:30 in Berlin) moves forward by the gap (03:30);
 * on a fall-back day a time that exists twice is taken once, at its first occurrence. Either way a day has
 * at most one slot, so a digest goes out once.
 */
function slotOnDay(schedule: DigestSchedule, day: DateTime): DateTime | null {
  const local = day.setZone(schedule.timeZone);
  if (schedule.days === 'weekdays' && local.weekday > 5) return null;
  const [hour, minute] = schedule.time.split(':').map(Number) as [number, number];
  const slot = DateTime.fromObject(
    { year: local.year, month: local.month, day: local.day, hour, minute },
    { zone: schedule.timeZone },
  );
  // Luxon takes the later of two equal wall times; the clock shows the earlier one first. (DST moves
  // clocks by an hour almost everywhere, by 30 minutes on Lord Howe Island.)
  for (const back of [60, 30]) {
    const earlier = slot.minus({ minutes: back });
    if (earlier.hour === hour && earlier.minute === minute) return earlier;
  }
  return slot;
}

/** Every slot in (after, upTo], oldest first, looking back at most LOOKBACK_DAYS. */
export function slotsBetween(schedule: DigestSchedule, after: Date, upTo: Date): Date[] {
  const end = DateTime.fromJSDate(upTo).setZone(schedule.timeZone);
  const slots: Date[] = [];
  for (let back = LOOKBACK_DAYS; back >= 0; back--) {
    const slot = slotOnDay(schedule, end.minus({ days: back }).startOf('day'));
    if (slot && slot.toMillis() > after.getTime() && slot.toMillis() <= upTo.getTime())
      slots.push(slot.toJSDate());
  }
  return slots;
}

/** The next slot strictly after `after`, for "next digest: …" in status answers. */
export function nextSlot(schedule: DigestSchedule, after: Date): Date | null {
  const start = DateTime.fromJSDate(after).setZone(schedule.timeZone).startOf('day');
  for (let ahead = 0; ahead <= LOOKBACK_DAYS; ahead++) {
    const slot = slotOnDay(schedule, start.plus({ days: ahead }));
    if (slot && slot.toMillis() > after.getTime()) return slot.toJSDate();
  }
  return null;
}
