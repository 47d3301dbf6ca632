import {
  BrokenCircuitError,
  ConsecutiveBreaker,
  circuitBreaker as cockatielBreaker,
  handleWhen,
  IsolatedCircuitError,
} from 'cockatiel';
import { BotError, toBotError } from '../core/errors';
import type { Logger, SessionsSource } from '../core/ports';

export type CircuitBreakerOptions = {
  /** Consecutive failures (after the client's own retries) that open the circuit. */
  failureThreshold: number;
  /** How long an open circuit answers at once without calling Veeam; then one call tries again. */
  cooldownMs: number;
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
  'VEEAM_PROXY',
]);

/**
 * Stops hammering a dead appliance: after a run of outage failures every question is answered at once
 * with "Veeam is not answering" for a cooldown, then a single call is let through to see if it is back
 * (cockatiel's half-open state; questions that arrive meanwhile wait for that call).
 */
export function circuitBreaker(source: SessionsSource, options: CircuitBreakerOptions): SessionsSource {
  const counter = new ConsecutiveBreaker(options.failureThreshold);
  const policy = cockatielBreaker(
    handleWhen((e) => OUTAGE.has(toBotError(e).code)),
    { halfOpenAfter: options.cooldownMs, breaker: counter },
  );
  let openedAt = 0;
  let failuresWhenOpened = 0;
  let open = false;
  policy.onBreak(() => {
    openedAt = Date.now();
    failuresWhenOpened = counter.state;
    if (!open) options.onStateChange?.('open');
    open = true;
    options.logger?.warn('Veeam keeps failing: circuit open, not calling it for a while', {
      failures: failuresWhenOpened,
      cooldownMs: options.cooldownMs,
    });
  });
  policy.onReset(() => {
    open = false;
    options.logger?.info('Veeam answers again: circuit closed');
    options.onStateChange?.('closed');
  });

  async function guarded<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await policy.execute(call);
    } catch (error) {
      if (error instanceof BrokenCircuitError || error instanceof IsolatedCircuitError) {
        const seconds = Math.max(1, Math.ceil((openedAt + options.cooldownMs - Date.now()) / 1000));
        throw new BotError(
          'VEEAM_UNREACHABLE',
          `Veeam has failed the last ${failuresWhenOpened} requests, so the bot is giving it a rest and will try again in about ${seconds} s.`,
        );
      }
      throw error;
    }
  }

  return {
    get vocabulary() {
      return source.vocabulary;
    },
    listSessions: (filter, page) => guarded(() => source.listSessions(filter, page)),
    getSession: (id) => guarded(() => source.getSession(id)),
    getSessionLog: (id) => guarded(() => source.getSessionLog(id)),
    getProtectedItems: (id, limit) => guarded(() => source.getProtectedItems(id, limit)),
    findPolicies: (name) => guarded(() => source.findPolicies(name)),
    findVms: (name) => guarded(() => source.findVms(name)),
    listVms: (which, page) => guarded(() => source.listVms(which, page)),
  };
}
