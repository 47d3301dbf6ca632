import { DelegateBackoff, handleWhen, type IRetryBackoffContext, retry } from 'cockatiel';
import type { Logger } from '../core/ports';
import { VeeamError } from './veeam-errors';

export type RetryOptions = {
  /** Attempts for a GET that meets a network error, 429 or 5xx (first try included). */
  maxAttempts?: number;
  retryBaseMs?: number;
  /** A Retry-After longer than this is not waited for: the user is told to try later instead. */
  maxRetryAfterMs?: number;
  logger?: Logger;
};

/**
 * Tries a Veeam call again when the error says it may pass (network, 429, 5xx): a jittered doubling
 * backoff from retryBaseMs, never shorter than the appliance's Retry-After. A Retry-After longer than
 * maxRetryAfterMs is not waited out: somebody is waiting in chat.
 */
export function veeamRetryPolicy(options: RetryOptions) {
  const maxRetryAfter = options.maxRetryAfterMs ?? 10_000;
  const base = options.retryBaseMs ?? 300;
  return retry(
    handleWhen(
      (e) =>
        e instanceof VeeamError &&
        e.retryable &&
        (e.retryAfterMs === null || e.retryAfterMs <= maxRetryAfter),
    ),
    {
      // cockatiel counts retries, not attempts.
      maxAttempts: Math.max(0, (options.maxAttempts ?? 3) - 1),
      backoff: new DelegateBackoff<IRetryBackoffContext<unknown>>((context) => {
        const error = 'error' in context.result ? context.result.error : null;
        const retryAfter = error instanceof VeeamError ? (error.retryAfterMs ?? 0) : 0;
        const wait = Math.max(retryAfter, base * 2 ** (context.attempt - 1) * (0.5 + Math.random()));
        options.logger?.debug('Retrying Veeam request', {
          code: error instanceof VeeamError ? error.code : 'unknown',
          attempt: context.attempt,
          waitMs: Math.round(wait),
        });
        return wait;
      }),
    },
  );
}
