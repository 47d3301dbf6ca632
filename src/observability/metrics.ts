import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { AnswerEvent } from '../core/answers/answer-question';

/**
 * The bot's Prometheus metrics, on its own registry (tests start many bots in one process). Names follow
 * Prometheus conventions: a `sessions_bot_` prefix, `_total` counters, `_seconds` histograms.
 */
export type Metrics = {
  registry: Registry;
  recordAnswer(event: AnswerEvent): void;
  recordVeeamResponse(outcome: string): void;
  recordDigest(outcome: 'posted' | 'failed' | 'skipped'): void;
  /** One alert poll this replica made: appliance list calls, messages posted, how long it took. */
  recordAlertPoll(poll: { calls: number; alerts: number; durationMs: number }): void;
  setCircuitOpen(open: boolean): void;
  /** Read at each scrape: the client's own login and refresh counts. */
  watchLogins(read: () => { logins: number; refreshes: number }): void;
};

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'sessions_bot_' });
  const answers = new Counter({
    name: 'sessions_bot_answers_total',
    help: 'Questions and buttons answered, by platform, action and outcome (ok or an error code)',
    labelNames: ['platform', 'action', 'outcome'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'sessions_bot_answer_duration_seconds',
    help: 'Time to build an answer (Veeam calls included), by platform and action',
    labelNames: ['platform', 'action'] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const veeam = new Counter({
    name: 'sessions_bot_veeam_responses_total',
    help: 'Veeam API responses by HTTP status, or the network error that took their place',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const digests = new Counter({
    name: 'sessions_bot_digests_total',
    help: 'Digests by outcome: posted, failed (given up) or skipped (missed by more than the grace period)',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const alertPolls = new Histogram({
    name: 'sessions_bot_alert_poll_duration_seconds',
    help: 'Alert polls this replica made (it held the lease), by how long each took',
    buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [registry],
  });
  const alertCalls = new Counter({
    name: 'sessions_bot_alert_poll_list_calls_total',
    help: 'jobSessions list calls made by alert polls',
    registers: [registry],
  });
  const alertsPosted = new Counter({
    name: 'sessions_bot_alert_messages_total',
    help: 'Alert messages posted: top-level alerts, thread replies and catch-up summaries',
    registers: [registry],
  });
  const circuit = new Gauge({
    name: 'sessions_bot_veeam_circuit_open',
    help: '1 while the bot has stopped calling a failing Veeam appliance',
    registers: [registry],
  });
  let readLogins: (() => { logins: number; refreshes: number }) | null = null;
  new Gauge({
    name: 'sessions_bot_veeam_logins',
    help: 'Password logins and token refreshes sent to Veeam since start',
    labelNames: ['grant'] as const,
    registers: [registry],
    collect() {
      const counts = readLogins?.() ?? { logins: 0, refreshes: 0 };
      this.set({ grant: 'password' }, counts.logins);
      this.set({ grant: 'refresh_token' }, counts.refreshes);
    },
  });

  return {
    registry,
    recordAnswer: (e) => {
      answers.inc({ platform: e.asker.platform, action: e.action, outcome: e.outcome });
      latency.observe({ platform: e.asker.platform, action: e.action }, e.latencyMs / 1000);
    },
    recordVeeamResponse: (outcome) => veeam.inc({ outcome }),
    recordDigest: (outcome) => digests.inc({ outcome }),
    recordAlertPoll: (poll) => {
      alertPolls.observe(poll.durationMs / 1000);
      alertCalls.inc(poll.calls);
      alertsPosted.inc(poll.alerts);
    },
    setCircuitOpen: (open) => circuit.set(open ? 1 : 0),
    watchLogins: (read) => {
      readLogins = read;
    },
  };
}
