import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type http from 'node:http';
import type { Logger } from '../core/ports';
import { readBoundedBody } from '../http/read-json-body';

/**
 * Slack signs each request: `v0=` HMAC-SHA256(signing secret, `v0:{timestamp}:{body}`). Bolt checks that
 * too, but it would answer the same signed request twice, and it accepts timestamps far in the future. This
 * guard runs first, in this order, so that nothing an unauthenticated caller sends is ever kept:
 *
 * 1. headers of the expected shape and size, the timestamp within five minutes of now either way;
 * 2. the body read with a bound, and the signature checked against it;
 * 3. only then, the request is remembered (as a fixed-size digest of its signature) and a repeat refused,
 *    in this process and, through `RequestLedger`, on every replica sharing the database.
 *
 * The body it read is left on `req.rawBody`, which Bolt's receiver uses instead of reading the stream again.
 */

/** Where verified requests are remembered; the database-backed one is shared by replicas. */
export type RequestLedger = {
  /** True the first time `digest` is seen; false when some replica saw it before `expiresAtMs`. */
  firstSight(digest: string, expiresAtMs: number, nowMs: number): Promise<boolean>;
};

export type SlackRequestGuardOptions = {
  signingSecret: string;
  logger: Logger;
  ledger?: RequestLedger | null;
  now?: () => number;
  /** Slack's own payloads are small; Bolt allows 4 MB, which is more than a chat request needs. */
  maxBodyBytes?: number;
  /** Verified requests remembered in this process; the oldest go first. */
  maxRemembered?: number;
};

/** `answered`: Slack's unsigned `ssl_check` ping, answered 200 with nothing passed on. */
export type GuardVerdict =
  | { ok: true }
  | { ok: false; status: number; reason: string }
  | { ok: 'answered'; status: 200 };

/** Slack's own rule: a request more than five minutes from now is refused, whichever side. */
const MAX_CLOCK_SKEW_MS = 5 * 60_000;
const SIGNATURE = /^v0=[0-9a-f]{64}$/;
const TIMESTAMP = /^\d{1,12}$/;

export function createSlackRequestGuard(options: SlackRequestGuardOptions) {
  const now = options.now ?? Date.now;
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const remembered = new BoundedExpiringSet(options.maxRemembered ?? 50_000);
  let ledgerFailing = false;

  return async function check(req: http.IncomingMessage): Promise<GuardVerdict> {
    const signature = req.headers['x-slack-signature'];
    const timestamp = req.headers['x-slack-request-timestamp'];
    if (signature === undefined && timestamp === undefined && isForm(req)) {
      // Slack checks a slash command's certificate with an unsigned `ssl_check=1` post (bolt-js #1397).
      const small = await readBoundedBody(req, 1024);
      if (small && new URLSearchParams(small.toString('utf8')).get('ssl_check') === '1')
        return { ok: 'answered', status: 200 };
      return { ok: false, status: 401, reason: 'no valid x-slack-signature header' };
    }
    if (typeof signature !== 'string' || !SIGNATURE.test(signature))
      return { ok: false, status: 401, reason: 'no valid x-slack-signature header' };
    if (typeof timestamp !== 'string' || !TIMESTAMP.test(timestamp))
      return { ok: false, status: 401, reason: 'no valid x-slack-request-timestamp header' };
    const t = now();
    const sentAt = Number(timestamp) * 1000;
    if (Math.abs(t - sentAt) > MAX_CLOCK_SKEW_MS)
      return { ok: false, status: 401, reason: 'timestamp more than five minutes from now' };

    const body = await readBoundedBody(req, maxBodyBytes);
    if (!body) return { ok: false, status: 413, reason: `body over ${maxBodyBytes} bytes` };
    (req as http.IncomingMessage & { rawBody?: Buffer }).rawBody = body;

    const expected = createHmac('sha256', options.signingSecret)
      .update(`v0:${timestamp}:`)
      .update(body)
      .digest();
    const given = Buffer.from(signature.slice(3), 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      return { ok: false, status: 401, reason: 'signature mismatch' };

    // Verified: Slack sent this. Remember it until it would be too old to be accepted anyway.
    const digest = createHash('sha256').update(signature).digest('base64url');
    const expiresAt = sentAt + MAX_CLOCK_SKEW_MS;
    if (!remembered.add(digest, expiresAt, t)) return { ok: false, status: 401, reason: 'replayed' };
    if (options.ledger) {
      try {
        const first = await options.ledger.firstSight(digest, expiresAt, t);
        if (ledgerFailing) options.logger.info('The Slack replay ledger answers again');
        ledgerFailing = false;
        if (!first) return { ok: false, status: 401, reason: 'replayed (seen by another replica)' };
      } catch (error) {
        // A database outage must not stop every command; this process still refuses its own replays.
        if (!ledgerFailing)
          options.logger.warn(
            'The Slack replay ledger in the database failed; replays are refused per replica only',
            { error },
          );
        ledgerFailing = true;
      }
    }
    return { ok: true };
  };
}

function isForm(req: http.IncomingMessage): boolean {
  return (req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
}

/** Keys with an expiry, at most `max` of them; insertion order is expiry order closely enough. */
class BoundedExpiringSet {
  private readonly entries = new Map<string, number>();

  constructor(private readonly max: number) {}

  /** False when the key is already there and not expired. */
  add(key: string, expiresAt: number, now: number): boolean {
    for (const [k, until] of this.entries) {
      if (until > now && this.entries.size < this.max) break;
      this.entries.delete(k);
    }
    const until = this.entries.get(key);
    if (until !== undefined && until > now) return false;
    this.entries.set(key, expiresAt);
    return true;
  }
}
