import type { WebClient } from '@slack/web-api';
import type { Logger } from '../core/ports';

/**
 * Each Slack user's IANA zone (users.info → user.tz), cached, so "today" is the asker's today without a
 * Web API call on every question. Falls back to DEFAULT_TIME_ZONE when Slack does not say.
 */
export class UserTimeZones {
  private readonly cache = new Map<string, { zone: string; at: number }>();

  constructor(
    private readonly fallback: string,
    private readonly logger: Logger,
    private readonly ttlMs = 60 * 60_000,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  async of(userId: string, client: WebClient): Promise<string> {
    const hit = this.cache.get(userId);
    if (hit && this.now() - hit.at < this.ttlMs) return hit.zone;
    let zone = this.fallback;
    try {
      const info = await client.users.info({ user: userId });
      if (info.user?.tz) zone = info.user.tz;
    } catch (error) {
      this.logger.warn('users.info failed; using the default time zone', { user: userId, error });
      return hit?.zone ?? this.fallback;
    }
    if (this.cache.size >= this.maxEntries) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(userId, { zone, at: this.now() });
    return zone;
  }
}
