/**
 * npm run bench [-- --repeat N]: the bot as a separate process over real HTTP (Bolt's receiver, botbuilder's
 * adapter) and over a Socket Mode WebSocket, the simulator in a process of its own at a fixed latency, fake
 * Slack, Socket Mode endpoint and Bot Connector in this process. Every figure is measured in this one run,
 * next to its baseline; targets come from the performance issue. With --repeat, each run starts fresh
 * processes and the last table is the worst of the runs.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type FakeBotConnector, startFakeBotConnector } from '../test/fakes/bot-connector';
import { type FakeSocketMode, startFakeSocketMode } from '../test/fakes/slack-socket-mode';
import { type FakeSlack, startFakeSlack } from '../test/fakes/slack-web-api';
import { simulatorToken } from '../test/support/simulator-client';
import { blockActionBody, FORM, postToSlackEndpoint, slashCommandBody } from '../test/support/slack-requests';
import { latencyRow, type Row, renderRows, worstOf } from './bench-rows';
import {
  type BenchProcess,
  type Entry,
  PRODUCTION_NODE_OPTIONS,
  startBotProcess,
  startSimulatorProcess,
} from './bot-process';
import { inParallel, percentile } from './measure';
import { slackLoad } from './slack-load';

/** The simulated appliance's answer time. */
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 50);
const ROOT = join(__dirname, '..');
const MB = 1024 * 1024;

type World = { slack: FakeSlack; connector: FakeBotConnector; socket: FakeSocketMode; sim: BenchProcess };

const cpuSeconds = (bot: BenchProcess) => bot.metric('sessions_bot_process_cpu_seconds_total');
const rssBytes = (bot: BenchProcess) => bot.metric('sessions_bot_process_resident_memory_bytes');

/** Samples the bot's RSS every 100 ms while `run` runs; returns the peak. */
async function peakRssDuring(bot: BenchProcess, run: () => Promise<void>): Promise<number> {
  let peak = await rssBytes(bot);
  const sampler = setInterval(() => {
    void rssBytes(bot).then((v) => {
      peak = Math.max(peak, v);
    });
  }, 100);
  try {
    await run();
  } finally {
    clearInterval(sampler);
  }
  return Math.max(peak, await rssBytes(bot));
}

/**
 * `total` distinct commands with 100 in flight: the bot's RSS before and at its peak, commands answered a
 * second, how many failed, and the bot's CPU per command.
 */
async function burst(bot: BenchProcess, load: ReturnType<typeof slackLoad>, total: number) {
  const idleRss = await rssBytes(bot);
  const cpuBefore = await cpuSeconds(bot);
  let failures = 0;
  const started = performance.now();
  const peakRss = await peakRssDuring(bot, () =>
    inParallel(total, 100, async () => {
      await load.command(load.distinct()).catch(() => failures++);
    }),
  );
  const perSecond = total / ((performance.now() - started) / 1000);
  const cpuPerCommandMs = (((await cpuSeconds(bot)) - cpuBefore) * 1000) / total;
  return { idleRss, peakRss, perSecond, failures, cpuPerCommandMs };
}

/** The bot as production runs it: the compiled build with the Dockerfile's NODE_OPTIONS, Slack at the fake. */
function productionBot(world: World, env: Record<string, string> = {}): Promise<BenchProcess> {
  return startBotProcess({
    entry: 'compiled',
    veeamUrl: world.sim.url,
    nodeOptions: PRODUCTION_NODE_OPTIONS,
    env: { SLACK_API_URL: world.slack.apiUrl, ...env },
  });
}

/** Slack over HTTP and Teams, on the compiled build with the Dockerfile's NODE_OPTIONS. */
async function httpRun(world: World): Promise<Row[]> {
  const { slack, connector, sim } = world;
  const bot = await productionBot(world);
  try {
    const load = slackLoad(slack, { httpUrl: bot.url });
    await load.command('failed today'); // warm: login, JIT
    const rows: Row[] = [];
    const e2e: number[] = [];
    for (const concurrency of [1, 10, 50]) {
      const samples: number[] = [];
      await inParallel(concurrency === 1 ? 100 : 400, concurrency, async () => {
        const t = await load.command(load.distinct());
        samples.push(t.ackMs);
        if (concurrency === 1) e2e.push(t.answerMs);
      });
      rows.push(
        latencyRow(`Slack ack, ${concurrency} concurrent`, samples, concurrency === 50 ? 'p99 < 50 ms' : ''),
      );
    }

    // Baseline: the same filters straight to the simulator's /jobSessions, with a token of our own.
    const token = await simulatorToken(sim.url);
    const direct: number[] = [];
    for (let i = 0; i < 100; i++) {
      const from = new Date(Date.now() - (1 + (i % 500)) * 3_600_000).toISOString();
      const started = performance.now();
      const res = await fetch(
        `${sim.url}/api/v2/jobSessions?Status=Error&Status=RunningWithError&FromUtc=${from}&Offset=0&Limit=10`,
        { headers: { authorization: `Bearer ${token}` } },
      );
      await res.arrayBuffer();
      direct.push(performance.now() - started);
    }
    rows.push(latencyRow('Slack command → answer, 1 at a time', e2e));
    rows.push(latencyRow('simulator /jobSessions directly', direct));
    rows.push({
      measure: 'bot overhead (p50 ratio)',
      value: percentile(e2e, 50) / percentile(direct, 50),
      unit: '×',
      target: '≤ 1.05',
      digits: 2,
      better: 'lower',
    });

    // Throughput with 100 in flight, the bot's CPU and peak RSS meanwhile.
    const total = 3_000;
    const { idleRss, peakRss, perSecond, failures, cpuPerCommandMs } = await burst(bot, load, total);
    rows.push(
      {
        measure: `throughput, ${total} commands, 100 in flight`,
        value: perSecond,
        unit: 'commands/s',
        better: 'higher',
      },
      { measure: 'failed commands in that run', value: failures, unit: '', target: '0', better: 'lower' },
      {
        measure: 'bot CPU per Slack command',
        value: cpuPerCommandMs,
        unit: 'ms',
        target: '≤ 1.0',
        digits: 2,
        better: 'lower',
      },
      { measure: 'bot RSS before that run (idle)', value: idleRss / MB, unit: 'MB', better: 'lower' },
      { measure: 'bot peak RSS in that run', value: peakRss / MB, unit: 'MB', better: 'lower' },
    );

    // Upstream load and CPU of clicks: 100 identical questions, then 100 clicks on one Next button.
    const stats = async () =>
      (
        (await (await fetch(`${sim.url}/__simulator/state`)).json()) as {
          stats: { jobSessionsCalls: number };
        }
      ).stats.jobSessionsCalls;
    let before = await stats();
    const firstId = `same-${Date.now()}`;
    await Promise.all(
      Array.from({ length: 100 }, async (_, i) => {
        const id = i === 0 ? firstId : `${firstId}-${i}`;
        await postToSlackEndpoint(
          `${bot.url}/slack/events`,
          slashCommandBody({ text: 'warnings yesterday', responseUrl: slack.responseUrl(id) }),
          FORM,
        );
        await slack.waitFor(() => slack.responses.find((r) => r.id === id), 10_000);
      }),
    );
    const identical = (await stats()) - before;
    const page = slack.responses.find((r) => r.id === firstId)?.body as {
      blocks: { elements?: { action_id?: string; value?: string }[] }[];
    };
    const nextValue =
      page.blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === 'sessions.next')?.value ?? '';
    before = await stats();
    const click = async (i: number) => {
      const id = `next-${firstId}-${i}`;
      await postToSlackEndpoint(
        `${bot.url}/slack/events`,
        blockActionBody({
          actionId: 'sessions.next',
          value: nextValue,
          responseUrl: slack.responseUrl(id),
        }),
        FORM,
      );
      await slack.waitFor(() => slack.responses.find((r) => r.id === id), 10_000);
    };
    await click(-1); // warm: the first click loads and compiles what only clicks use
    const clickCpuBefore = await cpuSeconds(bot);
    await Promise.all(Array.from({ length: 100 }, (_, i) => click(i)));
    const clickCpuMs = (((await cpuSeconds(bot)) - clickCpuBefore) * 1000) / 100;
    const clicks = (await stats()) - before;
    rows.push(
      {
        measure: 'bot CPU per button click (Next)',
        value: clickCpuMs,
        unit: 'ms',
        target: '≤ 1.0',
        digits: 2,
        better: 'lower',
      },
      {
        measure: 'Veeam calls for 100 identical questions',
        value: identical,
        unit: 'calls',
        target: 'a handful',
      },
      {
        measure: 'Veeam calls for 100 clicks on one Next',
        value: clicks,
        unit: 'calls',
        target: 'a handful',
      },
      {
        measure: 'Veeam logins by the bot in the whole run',
        value: await bot.metric('sessions_bot_veeam_logins{grant="password"}'),
        unit: 'logins',
        target: '1',
      },
    );

    // Teams: a message activity → the card at the fake connector.
    const fixture = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/teams/message-personal.json'), 'utf8'));
    const teamsAck: number[] = [];
    const teamsE2e: number[] = [];
    let teamsCpuBefore = 0;
    // The first message (i = -1) warms botbuilder's lazily loaded parts and is not counted.
    for (let i = -1; i < 100; i++) {
      if (i === 0) teamsCpuBefore = await cpuSeconds(bot);
      const sent = connector.calls.length;
      const started = performance.now();
      const res = await fetch(`${bot.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          ...fixture,
          id: `t${i}`,
          serviceUrl: connector.serviceUrl,
          text: `failed last ${1 + i} hours`,
        }),
      });
      const ackMs = performance.now() - started;
      await connector.waitFor(
        () =>
          connector.calls.slice(sent).find((c) => (c.activity.attachments as unknown[] | undefined)?.length),
        10_000,
      );
      if (i >= 0) teamsAck.push(ackMs);
      if (i >= 0) teamsE2e.push(performance.now() - started);
      if (res.status !== 200) throw new Error(`Teams HTTP ${res.status}`);
    }
    const teamsCpuMs = (((await cpuSeconds(bot)) - teamsCpuBefore) * 1000) / 100;
    rows.push(
      latencyRow('Teams message → HTTP 200', teamsAck),
      latencyRow('Teams message → card at the connector', teamsE2e),
      {
        measure: 'bot CPU per Teams message',
        value: teamsCpuMs,
        unit: 'ms',
        target: '≤ 1.0',
        digits: 2,
        better: 'lower',
      },
    );
    return rows;
  } finally {
    await bot.stop();
  }
}

/**
 * Sources (tsx) against the compiled build, with Node's defaults (no heap cap): start to healthy, idle RSS,
 * and CPU and peak RSS over 1,000 commands with 100 in flight.
 */
async function entryRun(world: World, entry: Entry): Promise<Row[]> {
  const bot = await startBotProcess({
    entry,
    veeamUrl: world.sim.url,
    nodeOptions: '',
    env: { SLACK_API_URL: world.slack.apiUrl },
  });
  try {
    const load = slackLoad(world.slack, { httpUrl: bot.url });
    await load.command('failed today');
    const { idleRss: idle, peakRss: peak, failures, cpuPerCommandMs: cpuMs } = await burst(bot, load, 1_000);
    if (failures > 0) throw new Error(`${entry}: ${failures} of 1000 commands failed`);
    return [
      {
        measure: `${entry}: start → healthy`,
        value: bot.startMs,
        unit: 'ms',
        target: entry === 'compiled' ? '≤ 1000' : '',
        better: 'lower',
      },
      {
        measure: `${entry}: idle RSS, no heap cap`,
        value: idle / MB,
        unit: 'MB',
        target: entry === 'compiled' ? '≤ 100' : '',
        better: 'lower',
      },
      {
        measure: `${entry}: peak RSS, 100 in flight, no heap cap`,
        value: peak / MB,
        unit: 'MB',
        target: entry === 'compiled' ? '≤ 150' : '',
        better: 'lower',
      },
      { measure: `${entry}: CPU per Slack command`, value: cpuMs, unit: 'ms', digits: 2, better: 'lower' },
    ];
  } finally {
    await bot.stop();
  }
}

/**
 * Slack in Socket Mode on the compiled build: envelope → ack over the WebSocket, and a `disconnect`
 * (refresh_requested) in the middle of a burst: every command must still be answered, once.
 */
async function socketModeRun(world: World): Promise<Row[]> {
  const { slack, socket } = world;
  const connected = socket.connections();
  const bot = await productionBot(world, { SLACK_APP_TOKEN: 'xapp-1-A1-2-bench', SLACK_SIGNING_SECRET: '' });
  try {
    for (let i = 0; socket.connections() === connected; i++) {
      if (i > 300) throw new Error('the bot did not open its Socket Mode connection');
      await new Promise((r) => setTimeout(r, 10));
    }
    const load = slackLoad(slack, { socket });
    await load.command('failed today');
    const rows: Row[] = [];
    for (const concurrency of [1, 10, 50]) {
      const samples: number[] = [];
      await inParallel(concurrency === 1 ? 100 : 400, concurrency, async () => {
        samples.push((await load.command(load.distinct())).ackMs);
      });
      rows.push(
        latencyRow(
          `Socket Mode ack, ${concurrency} concurrent`,
          samples,
          concurrency === 50 ? 'p99 < 50 ms' : '',
        ),
      );
    }
    const total = 400;
    let answered = 0;
    let slowest = 0;
    const responsesBefore = slack.responses.length;
    const redeliveredBefore = socket.redeliveries();
    await inParallel(total, 50, async (i) => {
      if (i === 100) socket.disconnect('refresh_requested');
      const timed = await Promise.race([
        load.command(load.distinct()),
        new Promise<null>((r) => setTimeout(() => r(null), 30_000)),
      ]);
      if (timed) {
        answered++;
        slowest = Math.max(slowest, timed.ackMs);
      }
    });
    rows.push(
      {
        measure: `Socket Mode: commands lost across a refresh (of ${total})`,
        value: total - answered,
        unit: '',
        target: '0',
        better: 'lower',
      },
      {
        measure: 'Socket Mode: answers beyond one a command',
        value: slack.responses.length - responsesBefore - answered,
        unit: '',
        target: '0',
        better: 'lower',
      },
      {
        measure: 'Socket Mode: slowest ack across the refresh',
        value: slowest,
        unit: 'ms',
        digits: 0,
        better: 'lower',
      },
      {
        measure: 'Socket Mode: envelopes redelivered',
        value: socket.redeliveries() - redeliveredBefore,
        unit: '',
      },
    );
    return rows;
  } finally {
    await bot.stop();
  }
}

/**
 * A daily digest set for the next minute through the bot (HTTP mode, compiled build): seconds from that
 * minute until its chat.postMessage reaches Slack.
 */
async function digestRun(world: World): Promise<Row[]> {
  const { slack } = world;
  const bot = await productionBot(world);
  try {
    // At least 5 s ahead, so the subscription is stored before its minute begins.
    const due = new Date(Math.ceil((Date.now() + 5_000) / 60_000) * 60_000);
    const hhmm = due.toISOString().slice(11, 16);
    const channel = `CDIGEST${Date.now()}`;
    const load = slackLoad(slack, { httpUrl: bot.url });
    await load.command(`digest daily ${hhmm}`, 'U1', channel);
    await slack.waitFor(
      () => slack.calls.find((c) => c.method === 'chat.postMessage' && c.args.channel === channel),
      90_000,
    );
    return [
      {
        measure: `digest at ${hhmm} UTC → chat.postMessage`,
        value: (Date.now() - due.getTime()) / 1000,
        unit: 's after',
        target: '≤ 5',
        digits: 1,
        better: 'lower',
      },
    ];
  } finally {
    await bot.stop();
  }
}

async function main() {
  const repeatAt = process.argv.indexOf('--repeat');
  const repeat = repeatAt > 0 ? Number(process.argv[repeatAt + 1]) : 1;
  if (!Number.isInteger(repeat) || repeat < 1)
    throw new Error('--repeat takes a whole number of runs, 1 or more');
  const slack = await startFakeSlack();
  const connector = await startFakeBotConnector();
  const socket = await startFakeSocketMode();
  slack.socketModeUrl = socket.url;
  const sim = await startSimulatorProcess();
  try {
    await fetch(`${sim.url}/__simulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ latencyMs: LATENCY_MS }),
    });
    const world = { slack, connector, socket, sim };
    const runs: Row[][] = [];
    process.stdout.write(
      `sessions-bot benchmark of ${commitMeasured()}: simulator latency ${LATENCY_MS} ms a call, bot and simulator in processes of their own, bot NODE_OPTIONS="${PRODUCTION_NODE_OPTIONS}" unless "no heap cap", Node ${process.version}, ${new Date().toISOString().slice(0, 10)}\n`,
    );
    for (let run = 1; run <= repeat; run++) {
      const rows = [
        ...(await httpRun(world)),
        ...(await entryRun(world, 'sources')),
        ...(await entryRun(world, 'compiled')),
        ...(await socketModeRun(world)),
      ];
      runs.push(rows);
      process.stdout.write(`\n${repeat > 1 ? `run ${run} of ${repeat}` : 'one run'}:\n${renderRows(rows)}\n`);
    }
    if (repeat > 1) process.stdout.write(`\nworst of the ${repeat} runs:\n${renderRows(worstOf(runs))}\n`);
    // Once, not per run: it waits for the next minute.
    process.stdout.write(`\n${renderRows(await digestRun(world))}\n`);
  } finally {
    await sim.stop();
    await socket.close();
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
