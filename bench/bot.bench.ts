/**
 * npm run bench: the bot as a separate process over real HTTP (Bolt's receiver, botbuilder's adapter), its
 * embedded simulator at a fixed latency, fake Slack and Bot Connector in this process. Every figure is
 * measured in this one run, next to its baseline; targets come from the performance issue.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { startFakeBotConnector } from '../test/fakes/bot-connector';
import { startFakeSlack } from '../test/fakes/slack-web-api';
import {
  blockActionBody,
  FORM,
  postToSlackEndpoint,
  slashCommandBody,
  TEST_SIGNING_SECRET,
} from '../test/support/slack-requests';
import { inParallel, percentile, table } from './measure';

/** A table row of p50 and p99 in milliseconds. */
const latencyRow = (label: string, samples: number[], target = ''): (string | number)[] => [
  label,
  percentile(samples, 50).toFixed(1),
  percentile(samples, 99).toFixed(1),
  'ms',
  target,
];

/**
 * What the Dockerfile sets. Without a cap V8 lets the heap grow lazily under a burst (200 MB used, most of
 * it garbage not yet collected); with it the same load runs in a third of that.
 */
const PRODUCTION_NODE_OPTIONS =
  readFileSync(join(__dirname, '..', 'Dockerfile'), 'utf8').match(/NODE_OPTIONS="([^"]*)"/)?.[1] ?? '';
/** The simulated appliance's answer time. */
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 50);
const ROOT = join(__dirname, '..');

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function main() {
  const slack = await startFakeSlack();
  const connector = await startFakeBotConnector();
  const [port, simPort] = [await freePort(), await freePort()];
  // The simulator runs in a process of its own, as an appliance would, so the bot's memory is its own.
  const simulator: ChildProcess = spawn(
    process.execPath,
    [join(ROOT, 'bin/sessions-bot'), 'simulator', '--port', String(simPort)],
    { stdio: 'ignore' },
  );
  // BENCH_BOT_NODE_ARGS adds node flags NODE_OPTIONS refuses, such as --cpu-prof for a profile of the bot.
  const nodeArgs = process.env.BENCH_BOT_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const bot: ChildProcess = spawn(process.execPath, [...nodeArgs, join(ROOT, 'bin/sessions-bot'), 'serve'], {
    env: {
      PATH: process.env.PATH ?? '',
      // As the Dockerfile runs it; BENCH_BOT_NODE_OPTIONS= (empty) measures Node's defaults instead.
      NODE_OPTIONS: process.env.BENCH_BOT_NODE_OPTIONS ?? PRODUCTION_NODE_OPTIONS,
      PORT: String(port),
      HOST: '127.0.0.1',
      VEEAM_URL: `http://127.0.0.1:${simPort}`,
      VEEAM_USERNAME: 'sessions-bot',
      VEEAM_PASSWORD: 'simulator',
      DATABASE_URL: ':memory:',
      SLACK_BOT_TOKEN: 'xoxb-bench',
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      TEAMS_ALLOW_UNAUTHENTICATED: 'true',
      DEFAULT_TIME_ZONE: 'UTC',
      LOG_LEVEL: 'error',
      // A load generator is one very busy user per seat: measure the bot, not its per-user limit.
      RATE_LIMIT_PER_MINUTE: '0',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const simUrl = `http://127.0.0.1:${simPort}`;
  try {
    for (let i = 0; ; i++) {
      const up = await Promise.all([fetch(`${url}/healthz`), fetch(`${simUrl}/__simulator/state`)]).catch(
        () => null,
      );
      if (up?.every((r) => r.ok)) break;
      if (i > 200) throw new Error('the bot did not start');
      await new Promise((r) => setTimeout(r, 100));
    }

    await fetch(`${simUrl}/__simulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ latencyMs: LATENCY_MS }),
    });

    // Answers are timed from the signed request to the post at its response_url.
    const answered = new Map<string, () => void>();
    slack.onResponse = (post) => answered.get(post.id)?.();
    let seq = 0;
    const command = async (text: string) => {
      const id = `b${++seq}`;
      const arrived = new Promise<void>((resolve) => answered.set(id, resolve));
      const started = performance.now();
      const res = await postToSlackEndpoint(
        `${url}/slack/events`,
        slashCommandBody({ text, userId: `U${seq % 20}`, responseUrl: slack.responseUrl(id) }),
        FORM,
      );
      const ackMs = performance.now() - started;
      if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
      await arrived;
      answered.delete(id);
      return { ackMs, answerMs: performance.now() - started };
    };
    // Distinct filters each time ("last N hours"), so no answer comes from the short cache.
    const distinct = () => `failed last ${1 + (seq % 500)} hours`;
    await command('failed today'); // warm: login, JIT

    const rows: (string | number)[][] = [];
    const acks: Record<number, number[]> = {};
    const e2e: number[] = [];
    for (const concurrency of [1, 10, 50]) {
      const runs = concurrency === 1 ? 100 : 400;
      const samples: number[] = [];
      await inParallel(runs, concurrency, async () => {
        const t = await command(distinct());
        samples.push(t.ackMs);
        if (concurrency === 1) e2e.push(t.answerMs);
      });
      acks[concurrency] = samples;
      rows.push(
        latencyRow(`Slack ack, ${concurrency} concurrent`, samples, concurrency === 50 ? 'p99 < 100 ms' : ''),
      );
    }

    // Baseline: the same filters straight to the simulator's /jobSessions, with a token of our own.
    const tokenRes = await fetch(`${simUrl}/api/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=password&username=sessions-bot&password=simulator',
    });
    const token = ((await tokenRes.json()) as { access_token: string }).access_token;
    const direct: number[] = [];
    for (let i = 0; i < 100; i++) {
      const from = new Date(Date.now() - (1 + (i % 500)) * 3_600_000).toISOString();
      const started = performance.now();
      const res = await fetch(
        `${simUrl}/api/v2/jobSessions?Status=Error&Status=RunningWithError&FromUtc=${from}&Offset=0&Limit=10`,
        {
          headers: { authorization: `Bearer ${token}` },
        },
      );
      await res.arrayBuffer();
      direct.push(performance.now() - started);
    }
    const ratio = percentile(e2e, 50) / percentile(direct, 50);
    rows.push(latencyRow('Slack command → answer, 1 at a time', e2e));
    rows.push(latencyRow('simulator /jobSessions directly', direct));
    rows.push(['bot overhead (p50 ratio)', ratio.toFixed(2), '', '×', '≤ 1.2']);

    // Throughput: commands answered per second with 100 in flight, and the bot's peak RSS meanwhile.
    let peakRss = 0;
    let peakHeap = 0;
    const metric = (text: string, name: string) => Number(new RegExp(`${name} (\\d+)`).exec(text)?.[1] ?? 0);
    const rss = async () => {
      const text = await (await fetch(`${url}/metrics`)).text();
      peakRss = Math.max(peakRss, metric(text, 'sessions_bot_process_resident_memory_bytes'));
      peakHeap = Math.max(peakHeap, metric(text, 'sessions_bot_nodejs_heap_size_used_bytes'));
    };
    await rss();
    const idleRss = peakRss;
    const cpuSeconds = async () =>
      Number(
        /sessions_bot_process_cpu_seconds_total ([\d.]+)/.exec(
          await (await fetch(`${url}/metrics`)).text(),
        )?.[1] ?? 0,
      );
    const cpuBefore = await cpuSeconds();
    const sampler = setInterval(() => void rss(), 100);
    const total = 3_000;
    let failures = 0;
    const started = performance.now();
    await inParallel(total, 100, async () => {
      await command(distinct()).catch(() => failures++);
    });
    const perSecond = total / ((performance.now() - started) / 1000);
    clearInterval(sampler);
    await rss();
    const cpuPerCommandMs = (((await cpuSeconds()) - cpuBefore) * 1000) / total;
    rows.push([
      `throughput, ${total} commands, 100 in flight`,
      perSecond.toFixed(0),
      '',
      'commands/s',
      '≥ 300',
    ]);
    rows.push(['failed commands in that run', failures, '', '', '0']);
    rows.push(['bot CPU per command in that run', cpuPerCommandMs.toFixed(2), '', 'ms', '']);
    rows.push(['→ commands per bot CPU core', (1000 / cpuPerCommandMs).toFixed(0), '', 'commands/s', '']);
    rows.push(['bot RSS before that run (idle)', (idleRss / 1024 / 1024).toFixed(0), '', 'MB', '']);
    rows.push(['bot peak RSS in that run', (peakRss / 1024 / 1024).toFixed(0), '', 'MB', '< 200']);
    rows.push(['bot peak heap used in that run', (peakHeap / 1024 / 1024).toFixed(0), '', 'MB', '']);

    // Upstream load: 100 identical questions and 100 clicks on one Next button.
    const stats = async () =>
      (await (await fetch(`${simUrl}/__simulator/state`)).json()) as {
        stats: { jobSessionsCalls: number; logins: number };
      };
    let before = (await stats()).stats.jobSessionsCalls;
    const answers: unknown[] = [];
    await Promise.all(
      Array.from({ length: 100 }, async () => {
        const id = `same-${++seq}`;
        const arrived = new Promise<void>((resolve) => answered.set(id, resolve));
        await postToSlackEndpoint(
          `${url}/slack/events`,
          slashCommandBody({ text: 'warnings yesterday', responseUrl: slack.responseUrl(id) }),
          FORM,
        );
        await arrived;
        answers.push(id);
      }),
    );
    const identical = (await stats()).stats.jobSessionsCalls - before;
    const page = slack.responses.find((r) => r.id === answers[0])?.body as {
      blocks: { elements?: { action_id?: string; value?: string }[] }[];
    };
    const nextValue =
      page.blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === 'sessions.next')?.value ?? '';
    before = (await stats()).stats.jobSessionsCalls;
    await Promise.all(
      Array.from({ length: 100 }, async () => {
        const id = `next-${++seq}`;
        const arrived = new Promise<void>((resolve) => answered.set(id, resolve));
        await postToSlackEndpoint(
          `${url}/slack/events`,
          blockActionBody({
            actionId: 'sessions.next',
            value: nextValue,
            responseUrl: slack.responseUrl(id),
          }),
          FORM,
        );
        await arrived;
      }),
    );
    const clicks = (await stats()).stats.jobSessionsCalls - before;
    rows.push(['Veeam calls for 100 identical questions', identical, '', 'calls', 'a handful']);
    rows.push(['Veeam calls for 100 clicks on one Next', clicks, '', 'calls', 'a handful']);
    const botLogins = /sessions_bot_veeam_logins\{grant="password"\} (\d+)/.exec(
      await (await fetch(`${url}/metrics`)).text(),
    )?.[1];
    rows.push(['Veeam logins by the bot in the whole run', botLogins ?? '?', '', 'logins', '1']);

    // Teams: a message activity → the card at the fake connector.
    const fixture = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/teams/message-personal.json'), 'utf8'));
    const teamsAck: number[] = [];
    const teamsE2e: number[] = [];
    for (let i = 0; i < 100; i++) {
      const before = connector.calls.length;
      const started = performance.now();
      const res = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          ...fixture,
          id: `t${i}`,
          serviceUrl: connector.serviceUrl,
          text: `failed last ${1 + i} hours`,
        }),
      });
      teamsAck.push(performance.now() - started);
      await connector.waitFor(
        () =>
          connector.calls
            .slice(before)
            .find((c) => (c.activity.attachments as unknown[] | undefined)?.length),
        10_000,
      );
      teamsE2e.push(performance.now() - started);
      if (res.status !== 200) throw new Error(`Teams HTTP ${res.status}`);
    }
    rows.push(latencyRow('Teams message → HTTP 200', teamsAck));
    rows.push(latencyRow('Teams message → card at the connector', teamsE2e));

    process.stdout.write(
      `sessions-bot benchmark of ${commitMeasured()}: simulator latency ${LATENCY_MS} ms a call, bot and simulator in processes of their own, bot NODE_OPTIONS="${PRODUCTION_NODE_OPTIONS}", Node ${process.version}, ${new Date().toISOString().slice(0, 10)}\n\n` +
        `${table(['measure', 'p50 / value', 'p99', 'unit', 'target'], rows)}\n`,
    );
  } finally {
    bot.kill('SIGTERM');
    simulator.kill('SIGTERM');
    await slack.close();
    await connector.close();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);

/** The commit the figures belong to, with "+ changes" when the working tree differs from it. */
function commitMeasured(): string {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { encoding: 'utf8' }).trim() !== '';
    return dirty ? `${commit} + changes` : commit;
  } catch {
    return 'an unknown commit (no git here)';
  }
}
