/** "1 failed session", "3 policies": a count with its noun. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "25%", "91.3%": a tenth where it matters, and never "100%" for less than all or "0%" for more than none. */
export function percent(part: number, whole: number): string {
  if (whole === 0) return '—';
  const p = (part / whole) * 100;
  if (p > 99.9 && part < whole) return '99.9%';
  if (p < 0.1 && part > 0) return '0.1%';
  return `${Number.isInteger(p) ? String(p) : p.toFixed(1)}%`;
}

/** "▲ 3 more than the day before", "▼ 2 fewer than last week", "same as last week". */
export function changeText(now: number, before: number, than: string): string {
  if (now === before) return `same as ${than}`;
  return now > before ? `▲ ${now - before} more than ${than}` : `▼ ${before - now} fewer than ${than}`;
}
