import { z } from 'zod';
import { API_VERSIONS, type ApiVersion } from '../core/sessions/api-version';
import { bool, httpUrl, int } from './env-values';
import { readText } from './secret-files';

/** The Veeam slice of the configuration: the appliance (VEEAM_URL set) or the embedded simulator. */

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

export const VEEAM_SETTINGS = {
  schema: z.object({
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
  }),
  read: readVeeam,
};

function readVeeam(e: z.infer<typeof VEEAM_SETTINGS.schema>, problems: string[]): VeeamConfig {
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
    return {
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
    return {
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
}
