import { createHmac } from 'node:crypto';
import { hostname } from 'node:os';
import { z } from 'zod';
import { isTimeZone } from '../core/time-zone';
import { SLACK_SETTINGS, type SlackConfig } from '../slack/slack-settings';
import { type DatabaseLocation, parseDatabaseUrl } from '../storage/database-location';
import { TEAMS_SETTINGS, type TeamsConfig } from '../teams/teams-settings';
import { httpUrl, int, timeZone } from './env-values';
import { readSecretFiles, SECRET_FILE_VARIABLES } from './secret-files';
import { VEEAM_SETTINGS, type VeeamConfig } from './veeam-settings';

export type { SlackConfig, TeamsConfig, VeeamConfig };

/**
 * The whole environment, read once at start-up. Nothing else in the bot reads process.env. A wrong or
 * missing variable stops the start with a message that names it. Slack's and Teams' variables are their
 * slices (src/slack/slack-settings.ts, src/teams/teams-settings.ts), merged here.
 */

export type Config = {
  port: number;
  host: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  logFormat: 'pretty' | 'json';
  veeam: VeeamConfig;
  /** Where "Open in Veeam" links go. */
  veeamUiUrl: string | null;
  defaultTimeZone: string;
  /** How 03/12 is read when the platform does not say the asker's locale; null: the asker's zone decides. */
  defaultLocale: string | null;
  pageSize: number;
  /** Questions one user may ask the appliance per minute (0: no limit), and at once after a quiet spell. */
  rateLimit: { perMinute: number; burst: number };
  /** Null when no Slack variable is set: the Slack app is off. */
  slack: SlackConfig | null;
  /** Null when neither MICROSOFT_APP_ID nor TEAMS_ALLOW_UNAUTHENTICATED is set: /api/messages is off. */
  teams: TeamsConfig | null;
  database: DatabaseLocation;
  digests: DigestConfig;
  alerts: AlertConfig;
  /** auto: open on the simulator (this machine only once a chat platform is on), off on an appliance; on; off. */
  playground: 'auto' | 'on' | 'off';
  /** Required of every playground API call when set; required for PLAYGROUND=on against an appliance. */
  playgroundToken: string | null;
  /** When set, GET /metrics asks for it as a bearer token. */
  metricsToken: string | null;
  buttons: ButtonKeyConfig;
};

/**
 * The key that signs buttons, the same on every replica: BUTTON_SIGNING_KEY, else one derived from the
 * first configured secret (so replicas that share a configuration agree without a new variable), else
 * none: one made at start, for a single process with nothing configured (the simulator's playground).
 */
type ButtonKeyConfig = {
  current: string | null;
  previous: string | null;
  source:
    | 'BUTTON_SIGNING_KEY'
    | 'SLACK_SIGNING_SECRET'
    | 'MICROSOFT_APP_PASSWORD'
    | 'VEEAM_PASSWORD'
    | 'none';
};

type AlertConfig = {
  /** Alert subscriptions declared in git (YAML or JSON); null for none. */
  file: string | null;
  pollMs: number;
  graceMs: number;
  lookbackMs: number;
};

type DigestConfig = {
  /** Subscriptions declared in git (YAML or JSON); null for none. */
  file: string | null;
  graceMs: number;
  leaseMs: number;
  tickMs: number;
  /** Chat-made subscriptions one person may have across channels. */
  maxPerUser: number;
  /** This replica's name in digest claims. */
  instanceId: string;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Configuration is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}\nSee .env.example for every variable.`,
    );
    this.name = 'ConfigError';
  }
}

const envSchema = z
  .object({
    PORT: int(0, 65535).default(3978),
    HOST: z.string().min(1).default('0.0.0.0'),
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
    LOG_FORMAT: z.enum(['pretty', 'json']).optional(),
    VEEAM_UI_URL: httpUrl.optional(),
    DEFAULT_TIME_ZONE: timeZone.default(systemTimeZone()),
    DEFAULT_LOCALE: z
      .string()
      .refine(isLocale, { message: 'is a BCP 47 locale such as en-US or de-DE' })
      .optional(),
    PAGE_SIZE: int(1, 25).default(10),
    RATE_LIMIT_PER_MINUTE: int(0, 100_000).default(30),
    RATE_LIMIT_BURST: int(1, 10_000).default(10),
    DATABASE_URL: z.string().min(1).default('sqlite:./data/sessions-bot.db'),
    DIGESTS_FILE: z.string().min(1).optional(),
    DIGEST_GRACE_HOURS: int(0, 72).default(6),
    DIGEST_LEASE_SECONDS: int(10, 3600).default(600),
    DIGEST_TICK_SECONDS: int(1, 3600).default(30),
    DIGEST_MAX_PER_USER: int(1, 10_000).default(20),
    ALERTS_FILE: z.string().min(1).optional(),
    ALERT_POLL_SECONDS: int(5, 3600).default(60),
    ALERT_GRACE_HOURS: int(0, 72).default(6),
    ALERT_LOOKBACK_HOURS: int(1, 168).default(24),
    INSTANCE_ID: z.string().min(1).max(200).default(`${hostname()}:${process.pid}`),
    PLAYGROUND: z.enum(['auto', 'on', 'off']).default('auto'),
    METRICS_TOKEN: z.string().min(16, { message: 'must be at least 16 characters' }).optional(),
    PLAYGROUND_TOKEN: z.string().min(16, { message: 'must be at least 16 characters' }).optional(),
    BUTTON_SIGNING_KEY: z.string().min(32, { message: 'must be at least 32 characters' }).optional(),
    BUTTON_SIGNING_KEY_PREVIOUS: z.string().min(32, { message: 'must be at least 32 characters' }).optional(),
  })
  .extend(VEEAM_SETTINGS.schema.shape)
  .extend(SLACK_SETTINGS.schema.shape)
  .extend(TEAMS_SETTINGS.schema.shape);

/**
 * What `sessions-bot teams-package` takes from the environment: the bot registration's app id, which the
 * package's manifest must name. Read here, like every variable, rather than in the CLI.
 */
export function teamsPackageSettings(env: Record<string, string | undefined>): { appId: string | undefined } {
  const appId = env.MICROSOFT_APP_ID?.trim();
  return { appId: appId === '' ? undefined : appId };
}

export function loadConfig(
  env: Record<string, string | undefined>,
  options: { isTty?: boolean } = {},
): Config {
  // An empty variable (VAR= in a .env file) means "not set".
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const fileProblems = readSecretFiles(present);
  if (fileProblems.length > 0) throw new ConfigError(fileProblems);
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${String(i.path[0])} ${i.message}`));
  }
  const e = parsed.data;
  const problems: string[] = [];
  const veeam = VEEAM_SETTINGS.read(e, problems);
  if (e.VEEAM_URL && e.PLAYGROUND === 'on' && !e.PLAYGROUND_TOKEN)
    problems.push(
      'PLAYGROUND=on against a real appliance (VEEAM_URL) needs PLAYGROUND_TOKEN, or anyone who reaches the port reads your sessions',
    );
  const slack = SLACK_SETTINGS.read(e, problems);
  const teams = TEAMS_SETTINGS.read(e, problems);
  const database = parseDatabaseUrl(e.DATABASE_URL);
  if (!database)
    problems.push('DATABASE_URL must be a SQLite file (sqlite:./data/bot.db) or a postgres:// URL');
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    slack,
    teams,
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT ?? (options.isTty ? 'pretty' : 'json'),
    veeam,
    veeamUiUrl: e.VEEAM_UI_URL ?? (veeam.mode === 'appliance' ? veeam.url : null),
    defaultTimeZone: e.DEFAULT_TIME_ZONE,
    defaultLocale: e.DEFAULT_LOCALE ?? null,
    pageSize: e.PAGE_SIZE,
    rateLimit: { perMinute: e.RATE_LIMIT_PER_MINUTE, burst: e.RATE_LIMIT_BURST },
    database: database as DatabaseLocation,
    playground: e.PLAYGROUND,
    playgroundToken: e.PLAYGROUND_TOKEN ?? null,
    metricsToken: e.METRICS_TOKEN ?? null,
    buttons: readButtonKeys(e, veeam),
    digests: {
      file: e.DIGESTS_FILE ?? null,
      graceMs: e.DIGEST_GRACE_HOURS * 3_600_000,
      leaseMs: e.DIGEST_LEASE_SECONDS * 1000,
      tickMs: e.DIGEST_TICK_SECONDS * 1000,
      maxPerUser: e.DIGEST_MAX_PER_USER,
      instanceId: e.INSTANCE_ID,
    },
    alerts: {
      file: e.ALERTS_FILE ?? null,
      pollMs: e.ALERT_POLL_SECONDS * 1000,
      graceMs: e.ALERT_GRACE_HOURS * 3_600_000,
      lookbackMs: e.ALERT_LOOKBACK_HOURS * 3_600_000,
    },
  };
}

/** Every variable the bot reads; .env.example documents each of them (a test keeps the two in step). */
export const ENVIRONMENT_VARIABLES: readonly string[] = [
  ...Object.keys(envSchema.shape),
  ...SECRET_FILE_VARIABLES.map((name) => `${name}_FILE`),
];

function readButtonKeys(e: z.infer<typeof envSchema>, veeam: VeeamConfig): ButtonKeyConfig {
  const previous = e.BUTTON_SIGNING_KEY_PREVIOUS ?? null;
  if (e.BUTTON_SIGNING_KEY) return { current: e.BUTTON_SIGNING_KEY, previous, source: 'BUTTON_SIGNING_KEY' };
  const candidates = [
    ['SLACK_SIGNING_SECRET', e.SLACK_SIGNING_SECRET],
    ['MICROSOFT_APP_PASSWORD', e.MICROSOFT_APP_PASSWORD],
    ['VEEAM_PASSWORD', veeam.mode === 'appliance' ? veeam.password : undefined],
  ] as const;
  for (const [source, secret] of candidates) {
    // A one-way derivation: the button key reveals nothing of the secret it comes from.
    if (secret)
      return {
        current: createHmac('sha256', secret)
          .update('sessions-bot button signing key v1')
          .digest('base64url'),
        previous,
        source,
      };
  }
  return { current: null, previous, source: 'none' };
}

/** Values that must never reach a log line or a chat message. */
export function secretsOf(config: Config): string[] {
  const values = [
    config.veeam.mode === 'appliance' ? config.veeam.password : '',
    config.slack?.botToken ?? '',
    config.slack?.signingSecret ?? '',
    config.slack?.appToken ?? '',
    config.teams?.appPassword ?? '',
    config.buttons.current ?? '',
    config.playgroundToken ?? '',
    config.metricsToken ?? '',
    config.buttons.previous ?? '',
    config.database.kind === 'postgres' ? (safeUrl(config.database.url)?.password ?? '') : '',
  ];
  return values.filter((s) => s.length >= 4);
}

function safeUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

function systemTimeZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone && isTimeZone(zone) ? zone : 'UTC';
}

function isLocale(value: string): boolean {
  try {
    return new Intl.Locale(value).baseName.length > 0;
  } catch {
    return false;
  }
}
