import { DateTime } from 'luxon';
import { isTimeZone } from '../core/time-zone';

/**
 * The options `parse` and `list` share, read one way: a value, or the message that says what to type.
 * (Read twice before, `list --now garbage` answered that "UTC" was not a time zone.)
 */
export type Read<T> = { ok: true; value: T } | { ok: false; message: string };

export function readZone(tz: string | undefined, fallback: string): Read<string> {
  const zone = tz ?? fallback;
  return isTimeZone(zone)
    ? { ok: true, value: zone }
    : { ok: false, message: `--tz "${zone}" is not an IANA time zone such as Europe/Berlin.` };
}

export function readNow(now: string | undefined): Read<DateTime> {
  if (now === undefined) return { ok: true, value: DateTime.now() };
  const at = DateTime.fromISO(now, { setZone: true });
  return at.isValid
    ? { ok: true, value: at }
    : {
        ok: false,
        message: `--now "${now}" is not an ISO 8601 date and time, such as 2026-11-29T10:00:00Z.`,
      };
}

export function readPage(page: string | undefined): Read<number> {
  const n = Number(page ?? '1');
  return Number.isInteger(n) && n >= 1
    ? { ok: true, value: n }
    : { ok: false, message: '--page must be a whole number from 1.' };
}
