import { BotError, toBotError } from '../core/errors';
import type { Logger, SessionsSource } from '../core/ports';

export type CircuitBreakerOptions = {
  /** Consecutive failures (after the client's own retries) that open the circuit. */
  failureThreshold: number;
  /** How long an open circuit answers at once without calling Veeam; then one call tries again. */
  cooldownMs: number;
  now?: () => number;
  logger?: Logger;
  /** Told when the state changes, for the metrics. */
  onStateChange?: (state: 'closed' | 'open') => void;
};

/** Failures that say the appliance is down or drowning, as opposed to a bad question. */
const OUTAGE = new Set([
  'VEEAM_UNREACHABLE',
  'VEEAM_TIMEOUT',
  'VEEAM_SERVER_ERROR',
  'VEEAM_RATE_LIMITED',
  'VEEAM_TLS',
]);

/**
 * Stops hammering a dead appliance: after a run of outage failures every question is answered at once
 * with "Veeam is not answering" for a cooldown, then a single call is let through to see if it is back.
 */
export function circuitBreaker(source: SessionsSource, options: CircuitBreakerOptions): SessionsSource {
  const now = options.now ?? Date.now;
  let failures = 0;
  let openUntil = 0;
  let trial: Promise<unknown> | null = null;

  async function guarded<T>(call: () => Promise<T>): Promise<T> {
    if (openUntil > now() || (openUntil > 0 && trial)) {
      const seconds = Math.max(1, Math.ceil((openUntil - now()) / 1000));
      throw new BotError(
        'VEEAM_UNREACHABLE',
        `Veeam has failed the last ${failures} requests, so the bot is giving it a rest and will try again in about ${seconds} s.`,
      );
    }
    const attempt = call();
    if (openUntil > 0) trial = attempt;
    try {
      const value = await attempt;
      if (openUntil > 0 || failures > 0) {
        if (openUntil > 0) {
          options.logger?.info('Veeam answers again: circuit closed');
          options.onStateChange?.('closed');
        }
        failures = 0;
        openUntil = 0;
      }
      return value;
    } catch (error) {
      if (OUTAGE.has(toBotError(error).code)) {
        failures++;
        if (failures >= options.failureThreshold && (openUntil === 0 || openUntil <= now())) {
          if (openUntil === 0) options.onStateChange?.('open');
          openUntil = now() + options.cooldownMs;
          options.logger?.warn('Veeam keeps failing: circuit open, not calling it for a while', {
            failures,
            cooldownMs: options.cooldownMs,
          });
        }
      }
      throw error;
    } finally {
      if (trial === attempt) trial = null;
    }
  }

  return {
    listSessions: (filter, page) => guarded(() => source.listSessions(filter, page)),
    getSession: (id) => guarded(() => source.getSession(id)),
    getSessionLog: (id) => guarded(() => source.getSessionLog(id)),
    findPolicies: (name) => guarded(() => source.findPolicies(name)),
    findVms: (name) => guarded(() => source.findVms(name)),
  };
}
