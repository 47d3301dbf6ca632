import type http from 'node:http';

/**
 * Bolt checks each request's signature and refuses timestamps older than five minutes, but it would
 * answer the same signed request twice. A signature covers timestamp and body, so one seen before is a
 * replay: refuse it with 401. Remembered for the five minutes in which Bolt would still accept it.
 */
export function createReplayGuard(
  options: { windowMs?: number; maxEntries?: number; now?: () => number } = {},
) {
  const windowMs = options.windowMs ?? 5 * 60_000;
  const maxEntries = options.maxEntries ?? 100_000;
  const now = options.now ?? Date.now;
  const seen = new Map<string, number>();

  return function isReplay(req: http.IncomingMessage): boolean {
    const signature = req.headers['x-slack-signature'];
    if (typeof signature !== 'string' || signature === '') return false;
    const t = now();
    for (const [sig, at] of seen) {
      if (t - at <= windowMs && seen.size < maxEntries) break;
      seen.delete(sig);
    }
    if (seen.has(signature)) return true;
    seen.set(signature, t);
    return false;
  };
}
