import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve as resolvePath } from 'node:path';
import { parseArgs } from 'node:util';
import { DateTime } from 'luxon';
import { type Config, ConfigError, loadConfig, secretsOf } from '../config/config';
import { readEnvironment } from '../config/environment';
import { BotError } from '../core/errors';
import { API_VERSIONS, isApiVersion, versionBeforeAsking } from '../core/sessions/api-version';
import { isTimeZone } from '../core/time-zone';
import { createLogger } from '../logging/logger';
import { startApp } from '../main';
import { buildTeamsAppPackage } from '../teams/app-package/build-teams-app-package';
import { vocabularyOf } from '../veeam/api-versions';
import { DEFAULT_SIMULATOR_USER, startVeeamSimulator } from '../veeam/simulator/simulator-server';
import { VeeamClient } from '../veeam/veeam-client';
import { runList } from './list-command';
import { parseForCli, runParseBatch } from './parse-command';

const HELP = `sessions-bot: ask Veeam Backup for Microsoft Azure "what ran, what failed?"

Usage:
  sessions-bot serve                         start the bot (HTTP on PORT, default 3978)
  sessions-bot parse [--now ISO] [--tz IANA] [--locale en-US] [--api-version v8.1] TEXT...
                                             print the filters TEXT means, as JSON
  sessions-bot parse --batch                 JSON lines {"text","now","tz","locale"} on stdin → one result per line
  sessions-bot list [--tz IANA] [--page N] TEXT...
                                             run the query and print a table
  sessions-bot simulator [--port N]          run the Veeam API simulator alone
  sessions-bot teams-package [--app-id GUID] [--domain HOST]... [--version X.Y.Z] [--out FILE]
                                             build the Teams app package (app id defaults to
                                             MICROSOFT_APP_ID; out defaults to dist/sessions-bot-teams.zip)

Configuration comes from the environment (see .env.example). With VEEAM_URL unset, the embedded
simulator stands in for the appliance.`;

type Io = { out: (s: string) => void; err: (s: string) => void; stdin: NodeJS.ReadableStream };

export async function runCli(
  argv: string[],
  env: Record<string, string | undefined>,
  io: Io,
): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'serve':
        return await serve(env, io);
      case 'parse':
        return await parse(rest, env, io);
      case 'list':
        return await list(rest, env, io);
      case 'simulator':
        return await simulator(rest, io);
      case 'teams-package':
        return teamsPackage(rest, env, io);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out(HELP);
        return command === undefined ? 2 : 0;
      default:
        io.err(`Unknown command "${command}".\n\n${HELP}`);
        return 2;
    }
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(error.message);
      return 1;
    }
    if (error instanceof BotError) {
      io.err(error.userMessage);
      return 1;
    }
    if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`${(error as Error).message}\n\n${HELP}`);
      return 2;
    }
    throw error;
  }
}

function usageError(io: Io, message: string): number {
  io.err(message);
  return 2;
}

function config(env: Record<string, string | undefined>): Config {
  return loadConfig(env, { isTty: Boolean(process.stderr.isTTY) });
}

/** A SessionsSource for one CLI run: the configured appliance, or a simulator started for the run. */
function lazySource(cfg: Config) {
  let opened: Promise<{ source: VeeamClient; close: () => Promise<void> }> | null = null;
  const open = async () => {
    const v = cfg.veeam;
    if (v.mode === 'appliance') {
      const client = new VeeamClient({
        baseUrl: v.url,
        apiVersion: v.apiVersion,
        username: v.username,
        password: v.password,
        caPem: v.caPem,
        insecure: v.insecure,
        timeoutMs: v.timeoutMs,
      });
      return { source: client, close: async () => client.close() };
    }
    const sim = await startVeeamSimulator({
      seed: v.seed,
      faults: { latencyMs: v.latencyMs },
      order: v.order,
      ...(v.servedVersions ? { apiVersions: v.servedVersions } : {}),
    });
    const client = new VeeamClient({ baseUrl: sim.url, apiVersion: v.apiVersion, ...DEFAULT_SIMULATOR_USER });
    return {
      source: client,
      close: async () => {
        client.close();
        await sim.close();
      },
    };
  };
  return {
    get: async (): Promise<VeeamClient> => {
      opened = opened ?? open();
      return (await opened).source;
    },
    close: async () => {
      if (opened) await (await opened).close();
    },
  };
}

async function serve(env: Record<string, string | undefined>, io: Io): Promise<number> {
  const cfg = config(env);
  const logger = createLogger({ level: cfg.logLevel, format: cfg.logFormat, secrets: secretsOf(cfg) });
  // A bot runs for months: a stray rejection in some SDK is logged, never allowed to stop it.
  process.on('unhandledRejection', (reason) => logger.error('Unhandled rejection', { error: reason }));
  const app = await startApp(cfg, logger);
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      logger.info(`Received ${signal}; shutting down`);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await app.close();
  void io;
  return 0;
}

async function parse(args: string[], env: Record<string, string | undefined>, io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      now: { type: 'string' },
      tz: { type: 'string' },
      batch: { type: 'boolean' },
      locale: { type: 'string' },
      'api-version': { type: 'string' },
    },
  });
  const cfg = config(env);
  const timeZone = values.tz ?? cfg.defaultTimeZone;
  if (!isTimeZone(timeZone))
    return usageError(io, `--tz "${timeZone}" is not an IANA time zone such as Europe/Berlin.`);
  const version = values['api-version'];
  if (version !== undefined && !isApiVersion(version))
    return usageError(io, `--api-version "${version}" is not one of ${API_VERSIONS.join(', ')}.`);
  // With no appliance asked, questions are read with the newest version the bot knows unless told.
  const vocabulary = vocabularyOf(version ?? versionBeforeAsking(cfg.veeam.apiVersion));
  const locale = values.locale ?? cfg.defaultLocale;
  const source = lazySource(cfg);
  try {
    if (values.batch) {
      await runParseBatch(io.stdin, io.out, { timeZone, vocabulary, locale }, source.get);
      return 0;
    }
    const now = values.now ? DateTime.fromISO(values.now, { setZone: true }) : DateTime.now();
    if (!now.isValid) {
      io.err(`--now "${values.now}" is not an ISO 8601 date and time.`);
      return 2;
    }
    const result = await parseForCli(
      positionals.join(' '),
      { now, timeZone, vocabulary, locale },
      source.get,
    );
    if (!result.ok) {
      io.err(result.error);
      return 2;
    }
    io.out(JSON.stringify(result.output));
    return 0;
  } finally {
    await source.close();
  }
}

async function list(args: string[], env: Record<string, string | undefined>, io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { tz: { type: 'string' }, page: { type: 'string' }, now: { type: 'string' } },
  });
  const cfg = config(env);
  const timeZone = values.tz ?? cfg.defaultTimeZone;
  if (!isTimeZone(timeZone))
    return usageError(io, `--tz "${timeZone}" is not an IANA time zone such as Europe/Berlin.`);
  const page = Number(values.page ?? '1');
  if (!Number.isInteger(page) || page < 1) {
    io.err('--page must be a whole number from 1.');
    return 2;
  }
  const now = values.now ? DateTime.fromISO(values.now, { setZone: true }) : DateTime.now();
  const source = lazySource(cfg);
  try {
    const client = await source.get();
    await client.profile();
    const result = await runList(
      {
        text: positionals.join(' '),
        timeZone,
        page,
        pageSize: cfg.pageSize,
        now,
        veeamUrl: cfg.veeamUiUrl,
      },
      client,
    );
    (result.exitCode === 0 ? io.out : io.err)(result.out);
    return result.exitCode;
  } finally {
    await source.close();
  }
}

function teamsPackage(args: string[], env: Record<string, string | undefined>, io: Io): number {
  const { values } = parseArgs({
    args,
    options: {
      'app-id': { type: 'string' },
      domain: { type: 'string', multiple: true },
      version: { type: 'string' },
      out: { type: 'string' },
    },
  });
  const out = resolvePath(values.out ?? 'dist/sessions-bot-teams.zip');
  let built: ReturnType<typeof buildTeamsAppPackage>;
  try {
    built = buildTeamsAppPackage({
      appId: values['app-id'] ?? env.MICROSOFT_APP_ID,
      validDomains: values.domain ?? [],
      ...(values.version ? { version: values.version } : {}),
    });
  } catch (error) {
    return usageError(io, `Cannot build the Teams app package: ${(error as Error).message}.`);
  }
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, built.zip);
  io.out(
    `Wrote ${out} (${built.zip.length} bytes) for app id ${String(built.manifest.id)}.\n` +
      'Upload it in Teams: Apps → Manage your apps → Upload an app (or the Teams admin center).',
  );
  return 0;
}

async function simulator(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({ args, options: { port: { type: 'string' }, host: { type: 'string' } } });
  const port = Number(values.port ?? '8443');
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    io.err('--port must be a port number.');
    return 2;
  }
  const sim = await startVeeamSimulator({ port, host: values.host ?? '127.0.0.1' });
  io.out(`Veeam simulator listening on ${sim.url} (${sim.sessions().length} sessions)`);
  io.out(
    `Log in as ${DEFAULT_SIMULATOR_USER.username} / ${DEFAULT_SIMULATOR_USER.password}; state at ${sim.url}/__simulator/state`,
  );
  io.out(
    `Point the bot at it with VEEAM_URL=${sim.url} VEEAM_USERNAME=${DEFAULT_SIMULATOR_USER.username} VEEAM_PASSWORD=…`,
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await sim.close();
  return 0;
}

/** Entry point of bin/sessions-bot. */
export function main(): void {
  runCli(process.argv.slice(2), readEnvironment(), {
    out: (s) => process.stdout.write(`${s}\n`),
    err: (s) => process.stderr.write(`${s}\n`),
    stdin: process.stdin,
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(
        `sessions-bot failed: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      process.exitCode = 1;
    },
  );
}
