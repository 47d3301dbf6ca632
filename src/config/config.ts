import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { z } from 'zod';
import { API_VERSIONS, type ApiVersion } from '../core/sessions/api-version';
import { isTimeZone } from '../core/time-zone';
import { type DatabaseLocation, parseDatabaseUrl } from '../storage/database-location';

/**
 * The whole environment, read once at start-up. Nothing else in the bot reads process.env. A wrong or
 * missing variable stops the start with a message that names it.
 */

export type VeeamConfig =
  | {
      mode: 'simulator';
      apiVersion: ApiVersion | 'auto';
      /** The simulator's awkward modes: the order it lists in, the versions it serves. */
      order: 'newest' | 'oldest';
      servedVersions: ApiVersion[] | null;
      port: number;
      latencyMs: number;
      seed: string;
      timeoutMs: number;
      queueWaitMs: number;
    }
  | {
      mode: 'appliance';
      apiVersion: ApiVersion | 'auto';
      url: string;
      username: string;
      password: string;
      caPem: string | undefined;
      insecure: boolean;
      timeoutMs: number;
      queueWaitMs: number;
    };

export type SlackConfig = {
  /** socket: Socket Mode (no public URL); http: Slack posts to POST /slack/events. */
  mode: 'http' | 'socket';
  botToken: string;
  signingSecret: string | null;
  appToken: string | null;
  apiUrl: string | null;
  command: string;
  /** Whether answers to the slash command are seen by the asker alone, or by the channel. */
  responseType: 'ephemeral' | 'in_channel';
  allowed: { teams: string[]; channels: string[]; users: string[] };
};

export type TeamsConfig = {
  /** authenticated: JWTs checked with the app registration; open: no checks (Emulator and local tests only). */
  mode: 'authenticated' | 'open';
  appId: string;
  appPassword: string;
  appType: 'SingleTenant' | 'MultiTenant' | 'UserAssignedMSI';
  tenantId: string;
  /** Bot Framework's OpenID metadata (its signing keys); null for Microsoft's public one. */
  openIdMetadataUrl: string | null;
  allowed: { tenants: string[]; teams: string[]; users: string[] };
};

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

// Booleans are spelled out: z.coerce.boolean() would read "false" as true.
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], { message: 'must be true or false' })
  .transform((v) => ['true', '1', 'yes', 'on'].includes(v));
const int = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, { message: 'must be a whole number' })
    .transform(Number)
    .pipe(
      z
        .number()
        .min(min, { message: `must be at least ${min}` })
        .max(max, { message: `must be at most ${max}` }),
    );
const timeZone = z
  .string()
  .refine(isTimeZone, { message: 'must be an IANA time zone such as Europe/Berlin' });
const httpUrl = z
  .string()
  .url({ message: 'must be a URL such as https://veeam.example.com' })
  .refine((u) => /^https?:\/\//i.test(u), { message: 'must start with https:// (or http:// for local use)' });

const envSchema = z.object({
  PORT: int(0, 65535).default(3978),
  HOST: z.string().min(1).default('0.0.0.0'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  LOG_FORMAT: z.enum(['pretty', 'json']).optional(),
  VEEAM_URL: httpUrl
    .refine((u) => !/\/api\/?$/i.test(u), { message: 'is the appliance root, without /api' })
    .optional(),
  VEEAM_API_VERSION: z
    .enum(['auto', ...API_VERSIONS], { message: `must be auto or one of ${API_VERSIONS.join(', ')}` })
    .default('auto'),
  VEEAM_USERNAME: z.string().min(1).optional(),
  VEEAM_PASSWORD: z.string().min(1).optional(),
  VEEAM_PASSWORD_FILE: z.string().min(1).optional(),
  VEEAM_CA_FILE: z.string().min(1).optional(),
  VEEAM_TLS_INSECURE: bool.default(false),
  VEEAM_TIMEOUT_MS: int(100, 300_000).default(15_000),
  VEEAM_QUEUE_WAIT_MS: int(100, 300_000).default(5_000),
  VEEAM_UI_URL: httpUrl.optional(),
  SIMULATOR_PORT: int(0, 65535).default(0),
  SIMULATOR_LATENCY_MS: int(0, 60_000).default(0),
  SIMULATOR_SEED: z.string().min(1).default('sessions-bot'),
  SIMULATOR_ORDER: z.enum(['newest', 'oldest'], { message: 'must be newest or oldest' }).default('newest'),
  SIMULATOR_API_VERSIONS: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(
      z
        .array(
          z.enum(API_VERSIONS, {
            message: `lists versions from ${API_VERSIONS.join(', ')}, comma-separated`,
          }),
        )
        .min(1, { message: 'names at least one version' }),
    )
    .optional(),
  DEFAULT_TIME_ZONE: timeZone.default(systemTimeZone()),
  DEFAULT_LOCALE: z
    .string()
    .refine(isLocale, { message: 'is a BCP 47 locale such as en-US or de-DE' })
    .optional(),
  PAGE_SIZE: int(1, 25).default(10),
  RATE_LIMIT_PER_MINUTE: int(0, 100_000).default(30),
  RATE_LIMIT_BURST: int(1, 10_000).default(10),
  SLACK_BOT_TOKEN: z
    .string()
    .startsWith('xoxb-', { message: 'must be a bot token starting with xoxb-' })
    .optional(),
  SLACK_SIGNING_SECRET: z
    .string()
    .regex(/^[0-9a-f]{16,}$/i, { message: 'must be the hex signing secret from Basic Information' })
    .optional(),
  SLACK_APP_TOKEN: z
    .string()
    .startsWith('xapp-', { message: 'must be an app-level token starting with xapp-' })
    .optional(),
  SLACK_API_URL: httpUrl.optional(),
  SLACK_COMMAND: z
    .string()
    .regex(/^\/[a-z0-9_-]{1,31}$/, { message: 'must look like /sessions' })
    .default('/sessions'),
  SESSIONS_RESPONSE: z.enum(['ephemeral', 'in_channel']).default('ephemeral'),
  SLACK_ALLOWED_TEAM_IDS: idList('T'),
  SLACK_ALLOWED_CHANNEL_IDS: idList('CGD'),
  SLACK_ALLOWED_USER_IDS: idList('UW'),
  MICROSOFT_APP_ID: z
    .string()
    .uuid({ message: "must be the bot registration's application (client) id, a GUID" })
    .optional(),
  MICROSOFT_APP_PASSWORD: z.string().min(1).optional(),
  MICROSOFT_APP_TYPE: z.enum(['SingleTenant', 'MultiTenant', 'UserAssignedMSI']).default('SingleTenant'),
  MICROSOFT_APP_TENANT_ID: z
    .string()
    .uuid({ message: 'must be the Microsoft Entra tenant id, a GUID' })
    .optional(),
  TEAMS_ALLOW_UNAUTHENTICATED: bool.default(false),
  TEAMS_OPENID_METADATA_URL: httpUrl.optional(),
  TEAMS_ALLOWED_TENANT_IDS: csv(),
  TEAMS_ALLOWED_TEAM_IDS: csv(),
  TEAMS_ALLOWED_USER_IDS: csv(),
  DATABASE_URL: z.string().min(1).default('sqlite:./data/sessions-bot.db'),
  DIGESTS_FILE: z.string().min(1).optional(),
  DIGEST_GRACE_HOURS: int(0, 72).default(6),
  DIGEST_LEASE_SECONDS: int(10, 3600).default(600),
  DIGEST_TICK_SECONDS: int(1, 3600).default(30),
  DIGEST_MAX_PER_USER: int(1, 10_000).default(20),
  INSTANCE_ID: z.string().min(1).max(200).default(`${hostname()}:${process.pid}`),
  PLAYGROUND: z.enum(['auto', 'on', 'off']).default('auto'),
  METRICS_TOKEN: z.string().min(16, { message: 'must be at least 16 characters' }).optional(),
  PLAYGROUND_TOKEN: z.string().min(16, { message: 'must be at least 16 characters' }).optional(),
  BUTTON_SIGNING_KEY: z.string().min(32, { message: 'must be at least 32 characters' }).optional(),
  BUTTON_SIGNING_KEY_PREVIOUS: z.string().min(32, { message: 'must be at least 32 characters' }).optional(),
});

function csv() {
  return z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    );
}

/**
 * What `sessions-bot teams-package` takes from the environment: the bot registration's app id, which the
 * package's manifest must name. Read here, like every variable, rather than in the CLI.
 */
export function teamsPackageSettings(env: Record<string, string | undefined>): { appId: string | undefined } {
  const appId = env.MICROSOFT_APP_ID?.trim();
  return { appId: appId === '' ? undefined : appId };
}

/** "T01, T02" → ["T01", "T02"]; each id must start with one of the given letters. */
function idList(prefixes: string) {
  return csv().refine((ids) => ids.every((id) => new RegExp(`^[${prefixes}][A-Z0-9]+$`).test(id)), {
    message: `must be a comma-separated list of Slack ids starting with ${prefixes.split('').join(' or ')}`,
  });
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
  let veeam: VeeamConfig;
  if (e.VEEAM_URL) {
    if (!e.VEEAM_USERNAME)
      problems.push('VEEAM_USERNAME is required when VEEAM_URL is set (the API user of the appliance)');
    let password = e.VEEAM_PASSWORD;
    if (e.VEEAM_PASSWORD && e.VEEAM_PASSWORD_FILE)
      problems.push('set VEEAM_PASSWORD or VEEAM_PASSWORD_FILE, not both');
    if (e.VEEAM_PASSWORD_FILE)
      password = readText('VEEAM_PASSWORD_FILE', e.VEEAM_PASSWORD_FILE, problems)?.trim();
    if (!password && !e.VEEAM_PASSWORD_FILE)
      problems.push('VEEAM_PASSWORD or VEEAM_PASSWORD_FILE is required when VEEAM_URL is set');
    const caPem = e.VEEAM_CA_FILE ? readText('VEEAM_CA_FILE', e.VEEAM_CA_FILE, problems) : undefined;
    if (caPem !== undefined && !caPem.includes('-----BEGIN CERTIFICATE-----')) {
      problems.push(`VEEAM_CA_FILE (${e.VEEAM_CA_FILE}) holds no PEM certificate`);
    }
    veeam = {
      mode: 'appliance',
      apiVersion: e.VEEAM_API_VERSION,
      url: e.VEEAM_URL.replace(/\/+$/, ''),
      username: e.VEEAM_USERNAME ?? '',
      password: password ?? '',
      caPem,
      insecure: e.VEEAM_TLS_INSECURE,
      timeoutMs: e.VEEAM_TIMEOUT_MS,
      queueWaitMs: e.VEEAM_QUEUE_WAIT_MS,
    };
  } else {
    veeam = {
      mode: 'simulator',
      apiVersion: e.VEEAM_API_VERSION,
      order: e.SIMULATOR_ORDER,
      servedVersions: e.SIMULATOR_API_VERSIONS ?? null,
      port: e.SIMULATOR_PORT,
      latencyMs: e.SIMULATOR_LATENCY_MS,
      seed: e.SIMULATOR_SEED,
      timeoutMs: e.VEEAM_TIMEOUT_MS,
      queueWaitMs: e.VEEAM_QUEUE_WAIT_MS,
    };
  }
  if (e.VEEAM_URL && e.PLAYGROUND === 'on' && !e.PLAYGROUND_TOKEN)
    problems.push(
      'PLAYGROUND=on against a real appliance (VEEAM_URL) needs PLAYGROUND_TOKEN, or anyone who reaches the port reads your sessions',
    );
  const slack = readSlack(e, problems);
  const teams = readTeams(e, problems);
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
  };
}

/** Secrets that may come from a file (Docker and Kubernetes secrets): VAR_FILE=/run/secrets/var. */
const SECRET_FILE_VARIABLES = [
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'MICROSOFT_APP_PASSWORD',
  'DATABASE_URL',
  'BUTTON_SIGNING_KEY',
  'PLAYGROUND_TOKEN',
  'METRICS_TOKEN',
] as const;

/** Replaces each VAR_FILE by VAR read from the file, in place; returns what went wrong. */
function readSecretFiles(present: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  for (const name of SECRET_FILE_VARIABLES) {
    const path = present[`${name}_FILE`];
    if (path === undefined) continue;
    delete present[`${name}_FILE`];
    if (present[name] !== undefined) {
      problems.push(`set ${name} or ${name}_FILE, not both`);
      continue;
    }
    const value = readText(`${name}_FILE`, path, problems)?.trim();
    if (value) present[name] = value;
    else if (value === '') problems.push(`${name}_FILE (${path}) is empty`);
  }
  return problems;
}

/** Every variable the bot reads; .env.example documents each of them (a test keeps the two in step). */
export const ENVIRONMENT_VARIABLES: readonly string[] = [
  ...Object.keys(envSchema.shape),
  ...SECRET_FILE_VARIABLES.map((name) => `${name}_FILE`),
];

function readSlack(e: z.infer<typeof envSchema>, problems: string[]): SlackConfig | null {
  if (!e.SLACK_BOT_TOKEN && !e.SLACK_SIGNING_SECRET && !e.SLACK_APP_TOKEN) return null;
  if (!e.SLACK_BOT_TOKEN)
    problems.push(
      'SLACK_BOT_TOKEN is required to turn the Slack app on (OAuth & Permissions › Bot User OAuth Token)',
    );
  if (!e.SLACK_APP_TOKEN && !e.SLACK_SIGNING_SECRET) {
    problems.push('SLACK_SIGNING_SECRET is required for HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)');
  }
  return {
    mode: e.SLACK_APP_TOKEN ? 'socket' : 'http',
    botToken: e.SLACK_BOT_TOKEN ?? '',
    signingSecret: e.SLACK_SIGNING_SECRET ?? null,
    appToken: e.SLACK_APP_TOKEN ?? null,
    apiUrl: e.SLACK_API_URL ? e.SLACK_API_URL.replace(/\/?$/, '/') : null,
    command: e.SLACK_COMMAND,
    responseType: e.SESSIONS_RESPONSE,
    allowed: {
      teams: e.SLACK_ALLOWED_TEAM_IDS,
      channels: e.SLACK_ALLOWED_CHANNEL_IDS,
      users: e.SLACK_ALLOWED_USER_IDS,
    },
  };
}

function readTeams(e: z.infer<typeof envSchema>, problems: string[]): TeamsConfig | null {
  const allowed = {
    tenants: e.TEAMS_ALLOWED_TENANT_IDS,
    teams: e.TEAMS_ALLOWED_TEAM_IDS,
    users: e.TEAMS_ALLOWED_USER_IDS,
  };
  if (e.MICROSOFT_APP_ID) {
    if (e.TEAMS_ALLOW_UNAUTHENTICATED)
      problems.push('TEAMS_ALLOW_UNAUTHENTICATED=true cannot be combined with MICROSOFT_APP_ID');
    if (e.MICROSOFT_APP_TYPE !== 'UserAssignedMSI' && !e.MICROSOFT_APP_PASSWORD) {
      problems.push(
        `MICROSOFT_APP_PASSWORD is required for MICROSOFT_APP_TYPE=${e.MICROSOFT_APP_TYPE} (the client secret of the bot registration)`,
      );
    }
    if (e.MICROSOFT_APP_TYPE !== 'MultiTenant' && !e.MICROSOFT_APP_TENANT_ID) {
      problems.push(`MICROSOFT_APP_TENANT_ID is required for MICROSOFT_APP_TYPE=${e.MICROSOFT_APP_TYPE}`);
    }
    return {
      mode: 'authenticated',
      appId: e.MICROSOFT_APP_ID,
      appPassword: e.MICROSOFT_APP_PASSWORD ?? '',
      appType: e.MICROSOFT_APP_TYPE,
      tenantId: e.MICROSOFT_APP_TENANT_ID ?? '',
      openIdMetadataUrl: e.TEAMS_OPENID_METADATA_URL ?? null,
      allowed,
    };
  }
  if (e.MICROSOFT_APP_PASSWORD || e.MICROSOFT_APP_TENANT_ID)
    problems.push('MICROSOFT_APP_ID is required with MICROSOFT_APP_PASSWORD or MICROSOFT_APP_TENANT_ID');
  if (!e.TEAMS_ALLOW_UNAUTHENTICATED) return null;
  // Bot Framework's open mode is the MultiTenant factory with no app id: it neither checks nor sends tokens.
  return {
    mode: 'open',
    appId: '',
    appPassword: '',
    appType: 'MultiTenant',
    tenantId: '',
    openIdMetadataUrl: null,
    allowed,
  };
}

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

function readText(variable: string, path: string, problems: string[]): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    problems.push(
      `${variable} names a file that cannot be read (${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
    return undefined;
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
