import { loadConfig } from '../../src/config/config';
import { createLogger } from '../../src/logging/logger';
import { type RunningApp, type StartOptions, startApp } from '../../src/main';

/**
 * The whole bot for a spec: on a free port of 127.0.0.1, the embedded simulator, an in-memory database,
 * plus whatever variables the spec adds. Log lines go to `logLines` when given, else nowhere.
 */
export function startBotForTest(
  env: Record<string, string>,
  options: StartOptions & { logLines?: string[]; logLevel?: 'debug' | 'info' | 'warn' | 'error' } = {},
): Promise<RunningApp> {
  const { logLines, logLevel, ...startOptions } = options;
  return startApp(
    loadConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: ':memory:', DEFAULT_TIME_ZONE: 'UTC', ...env }),
    createLogger({ level: logLevel ?? 'error', format: 'json', write: (l) => logLines?.push(l) }),
    startOptions,
  );
}
