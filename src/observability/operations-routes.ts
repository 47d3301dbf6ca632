import { toBotError } from '../core/errors';
import type { SessionsSource } from '../core/ports';
import { bearerMatches } from '../http/bearer-token';
import type { HttpServer } from '../http/server';
import type { Metrics } from './metrics';

/** How long one readiness answer is reused: probes stay cheap for Veeam and the database. */
const READINESS_REUSE_MS = 5_000;

export type ReadinessChecks = Record<string, () => Promise<unknown>>;

/**
 * The checks behind `GET /readyz`, run together and kept for a few seconds: each says "ok" or, in the
 * bot's own words, what is wrong.
 */
export function readinessOf(checks: ReadinessChecks, now: () => number = Date.now) {
  let last: { at: number; result: Promise<Record<string, string>> } | null = null;
  return (): Promise<Record<string, string>> => {
    if (!last || now() - last.at > READINESS_REUSE_MS) {
      const names = Object.keys(checks);
      last = {
        at: now(),
        result: Promise.allSettled(names.map((n) => (checks[n] as () => Promise<unknown>)())).then(
          (settled) =>
            Object.fromEntries(
              settled.map((r, i) => [
                names[i],
                r.status === 'fulfilled' ? 'ok' : toBotError(r.reason).userMessage,
              ]),
            ),
        ),
      };
    }
    return last.result;
  };
}

/** Veeam answering a real question (one session: a cached login token alone says nothing of an outage). */
export function veeamAnswers(source: Pick<SessionsSource, 'listSessions'>): () => Promise<unknown> {
  return () =>
    source.listSessions(
      { statuses: [], types: [], policyId: null, vmId: null, fromUtc: null, toUtc: null },
      { offset: 0, limit: 1 },
    );
}

/** `GET /metrics` (behind METRICS_TOKEN when set) and `GET /readyz`. */
export function mountOperationsRoutes(
  http: HttpServer,
  deps: { metrics: Metrics; metricsToken: string | null; readiness: () => Promise<Record<string, string>> },
): void {
  http.route('GET', '/metrics', async (req, res) => {
    if (deps.metricsToken && !bearerMatches(req.headers.authorization, deps.metricsToken)) {
      res
        .writeHead(401, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: 'METRICS_TOKEN required' }));
      return;
    }
    res
      .writeHead(200, { 'content-type': deps.metrics.registry.contentType })
      .end(await deps.metrics.registry.metrics());
  });
  http.route('GET', '/readyz', async (_req, res) => {
    const checks = await deps.readiness();
    const ok = Object.values(checks).every((c) => c === 'ok');
    res
      .writeHead(ok ? 200 : 503, { 'content-type': 'application/json' })
      .end(JSON.stringify({ status: ok ? 'ready' : 'not ready', checks }));
  });
}
