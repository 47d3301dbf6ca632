import { problem, type SimResponse } from './sim-response';

/** Switches that make the simulator misbehave the way appliances and networks do. */
export type SimulatorFaults = {
  /** Added to every answer. */
  latencyMs: number;
  /** The next N API calls answer this HTTP status (500, 503, ...). */
  failNext: { count: number; status: number };
  /** The next N API calls answer 429 with this Retry-After. */
  rateLimitNext: { count: number; retryAfterSeconds: number };
  /** The next N API calls never answer (until the client gives up). */
  hangNext: number;
  /** The next N API calls have their connection dropped. */
  dropNext: number;
  /** Refresh grants are refused (the bot must fall back to a password login). */
  refuseRefresh: boolean;
  /** Share of API calls (0..1) that fail with 500 at random. */
  errorRate: number;
};

const DEFAULT_FAULTS: SimulatorFaults = {
  latencyMs: 0,
  failNext: { count: 0, status: 500 },
  rateLimitNext: { count: 0, retryAfterSeconds: 1 },
  hangNext: 0,
  dropNext: 0,
  refuseRefresh: false,
  errorRate: 0,
};

export function createFaults(initial: Partial<SimulatorFaults> = {}): SimulatorFaults {
  return structuredClone({ ...DEFAULT_FAULTS, ...initial });
}

/** Replaces every switch at once (what POST /__simulator/faults does); unnamed switches reset. */
export function resetFaults(faults: SimulatorFaults, patch: Partial<SimulatorFaults>): void {
  Object.assign(faults, createFaults(patch));
}

export type FaultOutcome = { kind: 'drop' } | { kind: 'hang' } | { kind: 'respond'; response: SimResponse };

/**
 * The fault the next API call meets, if any, counting it down. Faults apply to API calls, not to
 * logins: that is where appliances hurt in practice.
 */
export function nextFault(faults: SimulatorFaults, random: () => number = Math.random): FaultOutcome | null {
  if (faults.dropNext > 0) {
    faults.dropNext--;
    return { kind: 'drop' };
  }
  if (faults.hangNext > 0) {
    faults.hangNext--;
    return { kind: 'hang' };
  }
  if (faults.rateLimitNext.count > 0) {
    faults.rateLimitNext.count--;
    const response = problem(429, 'Too Many Requests', 'Slow down');
    response.headers = { ...response.headers, 'retry-after': String(faults.rateLimitNext.retryAfterSeconds) };
    return { kind: 'respond', response };
  }
  if (faults.failNext.count > 0) {
    faults.failNext.count--;
    return { kind: 'respond', response: problem(faults.failNext.status, 'Server Error', 'Injected fault') };
  }
  if (faults.errorRate > 0 && random() < faults.errorRate) {
    return { kind: 'respond', response: problem(500, 'Server Error', 'Injected random fault') };
  }
  return null;
}
