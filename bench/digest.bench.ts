/**
 * npm run bench:digest: what a digest costs as the number of sessions a day grows, next to the naive way
 * (page through every session of the window and count). Both run against the same simulator, with a fixed
 * latency per request, in the same process, one after the other.
 */

import { answerComparison } from '../src/core/comparisons/answer-comparison';
import { parseComparison } from '../src/core/comparisons/parse-comparison';
import { collectDigest } from '../src/core/digest/collect-digest';
import { answerLastGood } from '../src/core/last-good/answer-last-good';
import { answerProtection } from '../src/core/protection/answer-protection';
import { parseProtection } from '../src/core/protection/parse-protection';
import type { ParseContext } from '../src/core/query/parse-session-query';
import { answerRankings } from '../src/core/rankings/answer-rankings';
import { parseRankings } from '../src/core/rankings/parse-rankings';
import type { SessionPage } from '../src/core/sessions/session';
import { unfilteredQuery } from '../src/core/sessions/session-query';
import { answerStreaks } from '../src/core/streaks/answer-streaks';
import { createButtonTokens } from '../src/core/view/page-token';
import type { AnswerView } from '../src/core/view/sessions-view';
import { answerWhy } from '../src/core/why/answer-why';
import { vocabularyOf } from '../src/veeam/api-versions';
import { DEFAULT_SIMULATOR_USER, startVeeamSimulator } from '../src/veeam/simulator/simulator-server';
import { VeeamClient } from '../src/veeam/veeam-client';
import { measure, table } from './measure';

const DAY = 86_400_000;
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 5);
const VOLUMES = (process.env.BENCH_SESSIONS_PER_DAY ?? '1000,10000,100000').split(',').map(Number);
const NAIVE_PAGE = 1000;

const scope = unfilteredQuery('UTC', vocabularyOf('v2'));

/** Every session of the window and the day before, page by page, counted here. */
async function naiveDigest(client: VeeamClient, from: Date, to: Date) {
  let calls = 0;
  const counts: Record<string, number> = {};
  const problems: unknown[] = [];
  for (const [a, b] of [
    [new Date(from.getTime() - DAY), from],
    [from, to],
  ] as const) {
    for (let offset = 0; ; offset += NAIVE_PAGE) {
      calls++;
      const page: SessionPage = await client.listSessions(
        {
          statuses: [],
          types: [],
          policyId: null,
          vmId: null,
          fromUtc: a.toISOString(),
          toUtc: b.toISOString(),
        },
        { offset, limit: NAIVE_PAGE },
      );
      for (const s of page.sessions) {
        const key = `${b === to ? 'window' : 'before'}:${s.status}`;
        counts[key] = (counts[key] ?? 0) + 1;
        if (b === to && (s.status === 'Error' || s.status === 'Warning')) problems.push(s);
      }
      if (page.sessions.length < NAIVE_PAGE) break;
    }
  }
  return { calls, failed: counts['window:Error'] ?? 0 };
}

async function main() {
  const now = Date.parse('2026-12-01T08:00:00Z');
  const rows: (string | number)[][] = [];
  const summary: string[] = [];
  for (const perDay of VOLUMES) {
    const sim = await startVeeamSimulator({
      now: () => now,
      bulk: { sessionsPerDay: perDay, days: 2 },
      faults: { latencyMs: LATENCY_MS },
    });
    const client = new VeeamClient({
      baseUrl: sim.url,
      apiVersion: 'v2',
      ...DEFAULT_SIMULATOR_USER,
      timeoutMs: 120_000,
    });
    const window = { from: new Date(now - DAY), to: new Date(now) };
    await client.listSessions(
      { statuses: [], types: [], policyId: null, vmId: null, fromUtc: null, toUtc: null },
      { offset: 0, limit: 1 },
    ); // log in first, so neither approach pays for it

    const ours = await measure(() => collectDigest(scope, window, client));
    const naive = await measure(() => naiveDigest(client, window.from, window.to));
    if (ours.result.counts.failed !== naive.result.failed)
      throw new Error(
        `the two approaches disagree: ${ours.result.counts.failed} vs ${naive.result.failed} failed`,
      );
    rows.push(
      [
        perDay,
        'digest (Limit=1 counts)',
        ours.result.apiCalls,
        ours.ms.toFixed(0),
        ours.peakHeapMb.toFixed(1),
      ],
      [
        perDay,
        `naive (pages of ${NAIVE_PAGE})`,
        naive.result.calls,
        naive.ms.toFixed(0),
        naive.peakHeapMb.toFixed(1),
      ],
    );
    // The answers that are not lists: their calls must not grow with the volume (name lookups, cached by
    // the client for every question, are made once before).
    const policy = sim.world.policies.find((p) => p.errorRate >= 0.25) ?? sim.world.policies[0];
    const name = policy?.name ?? '';
    await client.findPolicies(name);
    const deps = {
      source: client,
      pageSize: 10,
      veeamUrl: null,
      now: () => new Date(now),
      logger: { debug() {}, info() {}, warn() {}, error() {} },
      tokens: createButtonTokens({ current: 'bench-key' }, () => client.vocabulary),
    };
    // The protected-VM list comes with v7: the protection rows ask as a v8.1 client.
    const modern = new VeeamClient({
      baseUrl: sim.url,
      apiVersion: 'v8.1',
      ...DEFAULT_SIMULATOR_USER,
      timeoutMs: 120_000,
    });
    const modernDeps = {
      ...deps,
      source: modern,
      tokens: createButtonTokens({ current: 'bench-key' }, () => modern.vocabulary),
    };
    const ctx: ParseContext = { now: new Date(now), timeZone: 'UTC', vocabulary: client.vocabulary };
    const parsed = <R extends { kind: string }>(r: R | null, kind: string): R => {
      if (!r || r.kind !== kind) throw new Error(`the bench question did not parse: ${JSON.stringify(r)}`);
      return r;
    };
    const ranking = (text: string) => () =>
      answerRankings(parsed(parseRankings(text, ctx), 'ranking') as never, 'UTC', deps);
    const answers: [string, string, () => Promise<AnswerView>][] = [
      ['why did it fail', 'why', () => answerWhy({ kind: 'why', name, as: 'policy' }, 'UTC', deps)],
      [
        'failed 3 days in a row',
        'report',
        () => answerStreaks({ kind: 'streaks', days: 3, of: 'policies' }, 'UTC', deps),
      ],
      [
        'VMs failed 3 days in a row',
        'report',
        () => answerStreaks({ kind: 'streaks', days: 3, of: 'vms' }, 'UTC', deps),
      ],
      ['last success', 'last-good', () => answerLastGood({ kind: 'last-good', name }, 'UTC', deps)],
      ['success rate (24 h)', 'report', ranking('success rate in the last 24 hours')],
      ['top failing policies (24 h)', 'report', ranking('top failing policies in the last 24 hours')],
      ['failure rate per policy (24 h)', 'report', ranking('failure rate per policy in the last 24 hours')],
      ['slowest policies (24 h)', 'report', ranking('slowest policies in the last 24 hours')],
      ['flapping policies (24 h)', 'report', ranking('flapping policies in the last 24 hours')],
      [
        'yesterday vs the day before',
        'report',
        () =>
          answerComparison(
            parsed(parseComparison('compare yesterday with the day before', ctx), 'comparison') as never,
            'UTC',
            deps,
          ),
      ],
      [
        'unprotected VMs',
        'report',
        () =>
          answerProtection(
            parsed(parseProtection('unprotected VMs', ctx), 'unprotected') as never,
            'UTC',
            modernDeps,
          ),
      ],
      [
        'no backup in 24 h',
        'report',
        () =>
          answerProtection(
            parsed(parseProtection('which VMs have no backup in 24h', ctx), 'rpo') as never,
            'UTC',
            modernDeps,
          ),
      ],
    ];
    await modern.findPolicies(name);
    for (const [label, kind, run] of answers) {
      const before = sim.stats.apiCalls;
      const answered = await measure(run);
      if (answered.result.kind !== kind) throw new Error(`${label} answered ${answered.result.kind}`);
      rows.push([
        perDay,
        label,
        sim.stats.apiCalls - before,
        answered.ms.toFixed(0),
        answered.peakHeapMb.toFixed(1),
      ]);
    }
    summary.push(
      `${perDay} sessions/day: naive/digest = ${(naive.result.calls / ours.result.apiCalls).toFixed(1)}× calls, ${(naive.ms / ours.ms).toFixed(1)}× time`,
    );
    client.close();
    modern.close();
    await sim.close();
  }
  process.stdout.write(
    `Digest and answer cost by volume (simulator latency ${LATENCY_MS} ms a request, one process, Node ${process.version})\n\n` +
      `${table(['sessions/day', 'approach', 'API calls', 'wall ms', 'peak heap MB'], rows)}\n\n${summary.join('\n')}\n`,
  );
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
