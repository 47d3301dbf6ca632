import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve as resolvePath } from 'node:path';
import { parseArgs } from 'node:util';
import { secretsOf, teamsPackageSettings } from '../config/config';
import { API_VERSIONS, isApiVersion, versionBeforeAsking } from '../core/sessions/api-version';
import { createLogger } from '../logging/logger';
import { startApp } from '../main';
import { buildTeamsAppPackage } from '../teams/app-package/build-teams-app-package';
import { vocabularyOf } from '../veeam/api-versions';
import { DEFAULT_SIMULATOR_USER, startVeeamSimulator } from '../veeam/simulator/simulator-server';
import { config, type Env, type Io, lazySource, usageError } from './cli-io';
import { readNow, readPage, readZone } from './cli-options';
import { runList } from './list-command';
import { parseForCli, runParseBatch } from './parse-command';

/** The CLI's commands, each reading its own options (cli-options.ts) and answering through Io. */

export async function serve(env: Env, io: Io): Promise<number> {
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

export async function parse(args: string[], env: Env, io: Io): Promise<number> {
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
  const zone = readZone(values.tz, cfg.defaultTimeZone);
  if (!zone.ok) return usageError(io, zone.message);
  const timeZone = zone.value;
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
    const now = readNow(values.now);
    if (!now.ok) return usageError(io, now.message);
    const result = await parseForCli(
      positionals.join(' '),
      { now: now.value, timeZone, vocabulary, locale },
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

export async function list(args: string[], env: Env, io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { tz: { type: 'string' }, page: { type: 'string' }, now: { type: 'string' } },
  });
  const cfg = config(env);
  const zone = readZone(values.tz, cfg.defaultTimeZone);
  const page = readPage(values.page);
  const now = readNow(values.now);
  if (!zone.ok) return usageError(io, zone.message);
  if (!page.ok) return usageError(io, page.message);
  if (!now.ok) return usageError(io, now.message);
  const source = lazySource(cfg);
  try {
    const result = await runList(
      {
        text: positionals.join(' '),
        timeZone: zone.value,
        locale: cfg.defaultLocale,
        page: page.value,
        pageSize: cfg.pageSize,
        now: now.value,
        veeamUrl: cfg.veeamUiUrl,
      },
      await source.ready(),
    );
    (result.exitCode === 0 ? io.out : io.err)(result.out);
    return result.exitCode;
  } finally {
    await source.close();
  }
}

export function teamsPackage(args: string[], env: Env, io: Io): number {
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
      appId: values['app-id'] ?? teamsPackageSettings(env).appId,
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

export async function simulator(args: string[], io: Io): Promise<number> {
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
