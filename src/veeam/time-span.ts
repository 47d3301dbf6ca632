/**
 * `executionDuration` is a .NET TimeSpan string, `[d.]hh:mm:ss[.fffffff]` (../shared/veeam-api §3.4).
 * A number, or a string of digits, is taken as milliseconds, as the v2 schema page claims [D4]. Anything
 * else is unknown (null).
 */
const TIME_SPAN = /^(-)?(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?$/;

export function parseTimeSpanMs(value: string | number | null | undefined): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : null;
  if (typeof value !== 'string') return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const m = TIME_SPAN.exec(value.trim());
  if (!m || m[1]) return null;
  const [days, hours, minutes, seconds] = [m[2], m[3], m[4], m[5]].map((x) => Number(x ?? 0)) as [
    number,
    number,
    number,
    number,
  ];
  if (hours > 23 || minutes > 59 || seconds > 59) return null;
  const fraction = m[6] ? Number(`0.${m[6]}`) : 0;
  return Math.round(((days * 24 + hours) * 3600 + minutes * 60 + seconds + fraction) * 1000);
}

/** The inverse, for the simulator: milliseconds → "d.hh:mm:ss.fffffff". */
export function formatTimeSpan(ms: number): string {
  const totalSeconds = Math.floor(ms / 1000);
  const days = Math.floor(totalSeconds / 86400);
  const h = Math.floor((totalSeconds % 86400) / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = totalSeconds % 60;
  const ticks = String(Math.round((ms % 1000) * 10000)).padStart(7, '0');
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${days > 0 ? `${days}.` : ''}${pad(h)}:${pad(m)}:${pad(s)}.${ticks}`;
}
