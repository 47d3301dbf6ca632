import type { WebClient } from '@slack/web-api';
import type { Logger } from '../core/ports';

/** Where a Slack user is: their IANA zone, and their locale when Slack says (it decides what 03/12 means). */
export type UserPlace = { zone: string; locale: string | null };

/**
 * Each Slack user's IANA zone and locale (users.info with include_locale → user.tz, user.locale), cached,
 * so "today" is the asker's today without a Web API call on every question. Falls back to
 * DEFAULT_TIME_ZONE when Slack does not say.
 */
export class UserTimeZones {
  private readonly cache = new Map<string, UserPlace & { at: number }>();

  constructor(
    private readonly fallback: string,
    private readonly logger: Logger,
    private readonly ttlMs = 60 * 60_000,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  async placeOf(userId: string, client: WebClient): Promise<UserPlace> {
    const hit = this.cache.get(userId);
    if (hit && this.now() - hit.at < this.ttlMs) return { zone: hit.zone, locale: hit.locale };
    let zone = this.fallback;
    let locale: string | null = null;
    try {
      const info = await client.users.info({ user: userId, include_locale: true });
      if (info.user?.tz) zone = info.user.tz;
      if (typeof info.user?.locale === 'string' && info.user.locale.length <= 35) locale = info.user.locale;
    } catch (error) {
      this.logger.warn('users.info failed; using the default time zone', { user: userId, error });
      return hit ? { zone: hit.zone, locale: hit.locale } : { zone: this.fallback, locale: null };
    }
    if (this.cache.size >= this.maxEntries) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(userId, { zone, locale, at: this.now() });
    return { zone, locale };
  }
}
