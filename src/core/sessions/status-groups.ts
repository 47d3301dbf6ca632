import type { JobStatus } from './api-version';

/**
 * The statuses counted together, one table for every answer that counts (the digest, rates,
 * comparisons): a session is failed, warned, succeeded, was canceled, or is still under way.
 */
export const STATUS_GROUPS = {
  failed: ['Error'],
  warning: ['Warning'],
  success: ['Success'],
  canceled: ['Canceled'],
  running: ['Running', 'RunningWithWarning', 'RunningWithError', 'Canceling', 'Pending'],
} as const satisfies Record<string, readonly JobStatus[]>;

/** Sessions that ended with a result: what a rate or a ranking counts. */
export const FINISHED_STATUSES: readonly JobStatus[] = [
  ...STATUS_GROUPS.success,
  ...STATUS_GROUPS.warning,
  ...STATUS_GROUPS.failed,
];
