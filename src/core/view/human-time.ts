import { DateTime } from 'luxon';

/** "Sun 29 Nov 08:00" in the reader's zone; the year is added when it is not the current one. */
export function formatLocalTime(iso: string | null, zone: string, now: DateTime): string {
  if (!iso) return '—';
  const t = DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone);
  if (!t.isValid) return '—';
  return t.toFormat(t.year === now.setZone(zone).year ? 'ccc d LLL HH:mm' : 'ccc d LLL yyyy HH:mm');
}

/** "35 s", "42 min", "1 h 5 min", "2 d 3 h". */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 24) return m % 60 === 0 ? `${h} h` : `${h} h ${m % 60} min`;
  const d = Math.floor(h / 24);
  return h % 24 === 0 ? `${d} d` : `${d} d ${h % 24} h`;
}

/** "3rd", "11th", "22nd": the place of a failure in a streak. */
export function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  return `${n}${teen ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th')}`;
}
