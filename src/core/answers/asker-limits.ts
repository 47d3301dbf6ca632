import type { Asker } from './answer-question';

/**
 * How much one person (and one channel) may ask of the appliance, so that one user's burst cannot slow
 * everyone: a token bucket per user and per channel (a channel gets three people's worth), and at most a
 * few of one user's questions in flight at once, the rest refused rather than queued in front of others.
 * Only answers that call the appliance count; help, usage and digest commands do not.
 */
export type AskerLimits = {
  admit(
    asker: Asker | undefined,
  ): { ok: true; release: () => void } | { ok: false; retryAfterSeconds: number };
};

export type AskerLimitOptions = {
  /** Questions a user may ask per minute, on average; 0 turns the limits off. */
  perMinute: number;
  /** Questions a user may ask at once after a quiet spell. */
  burst: number;
  /** One user's questions in flight at once. */
  maxInFlight?: number;
  now?: () => number;
  /** Buckets kept; the least recently used go first (a quiet user's bucket is full anyway). */
  maxKeys?: number;
};

type Bucket = { tokens: number; at: number };

export function createAskerLimits(options: AskerLimitOptions): AskerLimits {
  const now = options.now ?? Date.now;
  const maxInFlight = options.maxInFlight ?? 4;
  const maxKeys = options.maxKeys ?? 10_000;
  const buckets = new Map<string, Bucket>();
  const inFlight = new Map<string, number>();

  /** Tokens in the bucket now, refilled since it was last touched; null when `need` are not there. */
  function level(key: string, capacity: number, perMinute: number, t: number): Bucket {
    const b = buckets.get(key) ?? { tokens: capacity, at: t };
    buckets.delete(key);
    b.tokens = Math.min(capacity, b.tokens + ((t - b.at) / 60_000) * perMinute);
    b.at = t;
    buckets.set(key, b);
    if (buckets.size > maxKeys) buckets.delete(buckets.keys().next().value as string);
    return b;
  }

  return {
    admit(asker) {
      if (options.perMinute <= 0 || !asker) return { ok: true, release: () => {} };
      const t = now();
      const checks: { key: string; capacity: number; perMinute: number }[] = [];
      if (asker.userId)
        checks.push({
          key: `${asker.platform}|u|${asker.userId}`,
          capacity: options.burst,
          perMinute: options.perMinute,
        });
      if (asker.channelId)
        checks.push({
          key: `${asker.platform}|c|${asker.channelId}`,
          capacity: options.burst * 3,
          perMinute: options.perMinute * 3,
        });
      const levels = checks.map((c) => ({ ...c, bucket: level(c.key, c.capacity, c.perMinute, t) }));
      const short = levels.find((l) => l.bucket.tokens < 1);
      if (short)
        return {
          ok: false,
          retryAfterSeconds: Math.ceil(((1 - short.bucket.tokens) / short.perMinute) * 60),
        };
      const userKey = asker.userId ? `${asker.platform}|u|${asker.userId}` : null;
      if (userKey && (inFlight.get(userKey) ?? 0) >= maxInFlight) return { ok: false, retryAfterSeconds: 2 };
      for (const l of levels) l.bucket.tokens -= 1;
      if (!userKey) return { ok: true, release: () => {} };
      inFlight.set(userKey, (inFlight.get(userKey) ?? 0) + 1);
      let released = false;
      return {
        ok: true,
        release: () => {
          if (released) return;
          released = true;
          const left = (inFlight.get(userKey) ?? 1) - 1;
          if (left <= 0) inFlight.delete(userKey);
          else inFlight.set(userKey, left);
        },
      };
    },
  };
}
