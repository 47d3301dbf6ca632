import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { TEST_SIGNING_SECRET } from '../test/support/slack-requests';

/** The bot and the simulator as processes of their own, as production runs them, for the benchmarks. */

const ROOT = join(__dirname, '..');

/** What each entry runs: the TypeScript sources through tsx (npm start) or the compiled build (start:prod). */
const ENTRIES = {
  sources: join(ROOT, 'bin/sessions-bot'),
  compiled: join(ROOT, 'dist/cli/bin.js'),
} as const;
export type Entry = keyof typeof ENTRIES;

/**
 * What the Dockerfile sets. Without a cap V8 lets the heap grow lazily under a burst (most of it garbage
 * not yet collected); the benchmark measures both.
 */
export const PRODUCTION_NODE_OPTIONS =
  readFileSync(join(ROOT, 'Dockerfile'), 'utf8').match(/NODE_OPTIONS="([^"]*)"/)?.[1] ?? '';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export type BenchProcess = {
  url: string;
  /** From spawn to the first 200 from its health endpoint. */
  startMs: number;
  /** A figure from the bot's /metrics (0 when absent). */
  metric(name: string): Promise<number>;
  /** SIGTERM, then waits for the process to exit (it closes its connections first). */
  stop(): Promise<void>;
};

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
}

async function healthy(child: ChildProcess, url: string, what: string): Promise<number> {
  const started = performance.now();
  for (;;) {
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return performance.now() - started;
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}`);
    if (performance.now() - started > 30_000) throw new Error(`${what} did not start within 30 s`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The simulator in a process of its own, as an appliance would be, so the bot's memory is its own. */
export async function startSimulatorProcess(): Promise<BenchProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [ENTRIES.sources, 'simulator', '--port', String(port)], {
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  const startMs = await healthy(child, `${url}/__simulator/state`, 'the simulator');
  return { url, startMs, metric: async () => 0, stop: stopper(child) };
}

export type BotOptions = {
  entry: Entry;
  veeamUrl: string;
  /** NODE_OPTIONS for the bot; '' for Node's defaults. */
  nodeOptions: string;
  /** Variables added to (or, as '', removed from) the HTTP-mode Slack and Teams set-up. */
  env?: Record<string, string>;
};

export async function startBotProcess(options: BotOptions): Promise<BenchProcess> {
  if (options.entry === 'compiled' && !existsSync(ENTRIES.compiled)) {
    throw new Error('no compiled build: run npm run build first');
  }
  const port = await freePort();
  // BENCH_BOT_NODE_ARGS adds node flags NODE_OPTIONS refuses, such as --cpu-prof for a profile of the bot.
  const nodeArgs = process.env.BENCH_BOT_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    NODE_OPTIONS: options.nodeOptions,
    PORT: String(port),
    HOST: '127.0.0.1',
    VEEAM_URL: options.veeamUrl,
    VEEAM_USERNAME: 'sessions-bot',
    VEEAM_PASSWORD: 'simulator',
    DATABASE_URL: ':memory:',
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    TEAMS_ALLOW_UNAUTHENTICATED: 'true',
    DEFAULT_TIME_ZONE: 'UTC',
    LOG_LEVEL: 'error',
    // A load generator is one very busy user per seat: measure the bot, not its per-user limit.
    RATE_LIMIT_PER_MINUTE: '0',
  };
  for (const [name, value] of Object.entries(options.env ?? {})) {
    if (value === '') delete env[name];
    else env[name] = value;
  }
  const child = spawn(process.execPath, [...nodeArgs, ENTRIES[options.entry], 'serve'], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const startMs = await healthy(child, `${url}/healthz`, `the bot (${options.entry})`);
  return {
    url,
    startMs,
    metric: async (name) => {
      const text = await (await fetch(`${url}/metrics`)).text();
      const escaped = name.replace(/[{}"]/g, (c) => `\\${c}`);
      return Number(new RegExp(`^${escaped} ([\\d.e+]+)$`, 'm').exec(text)?.[1] ?? 0);
    },
    stop: stopper(child),
  };
}
