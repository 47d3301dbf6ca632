import type { VeeamConfig } from '../config/config';
import { toBotError } from '../core/errors';
import type { Logger, SessionsSource } from '../core/ports';
import { circuitBreaker } from './circuit-breaker';
import { coalescingSource } from './coalescing-source';
import {
  DEFAULT_SIMULATOR_USER,
  startVeeamSimulator,
  type VeeamSimulator,
} from './simulator/simulator-server';
import { VeeamClient } from './veeam-client';

/**
 * The one place a Veeam source is built, for the server and the CLI alike: the configured appliance, or
 * the embedded simulator behind a client; then a circuit breaker and the sharing of identical calls.
 */

/** After this many failures in a row the appliance is given a rest, and asked again after the cooldown. */
const BREAKER = { failureThreshold: 5, cooldownMs: 30_000 } as const;
/** Identical questions within this long share one call; at most this many are remembered. */
const SHARED_CALLS = { ttlMs: 5_000, maxEntries: 1_000 } as const;

export type OpenedVeeam = {
  client: VeeamClient;
  simulator: VeeamSimulator | null;
  /** What the answers read: the client behind the breaker and the call sharing. */
  source: SessionsSource;
  /** The client behind the breaker without the call sharing: what the alert poller reads, since each poll must see the appliance as it is now. */
  fresh: SessionsSource;
  close(): Promise<void>;
};

export type OpenVeeamOptions = {
  /** Where to say which appliance is used; the CLI passes none, so its output stays its own. */
  logger?: Logger;
  /** The server listens on VEEAM_SIMULATOR_PORT; a CLI run takes any free port. */
  simulatorPort: 'configured' | 'any';
  /**
   * With VEEAM_API_VERSION=auto, ask at once which version the appliance serves, so the first question is
   * read with its words (the server); a CLI run asks when it needs to.
   */
  askVersionAtOpen?: boolean;
  onResponse?: (outcome: string) => void;
  onBreakerChange?: (state: 'open' | 'half-open' | 'closed') => void;
};

export async function openVeeam(vc: VeeamConfig, options: OpenVeeamOptions): Promise<OpenedVeeam> {
  const { logger } = options;
  const shared = {
    apiVersion: vc.apiVersion,
    timeoutMs: vc.timeoutMs,
    queueWaitMs: vc.queueWaitMs,
    ...(logger ? { logger } : {}),
    ...(options.onResponse ? { onResponse: options.onResponse } : {}),
  };
  let simulator: VeeamSimulator | null = null;
  let client: VeeamClient;
  if (vc.mode === 'simulator') {
    simulator = await startVeeamSimulator({
      seed: vc.seed,
      ...(options.simulatorPort === 'configured' ? { port: vc.port } : {}),
      faults: { latencyMs: vc.latencyMs },
      order: vc.order,
      ...(vc.servedVersions ? { apiVersions: vc.servedVersions } : {}),
    });
    logger?.info('No VEEAM_URL set: using the embedded Veeam simulator', {
      url: simulator.url,
      sessions: simulator.sessions().length,
      policies: simulator.world.policies.length,
      vms: simulator.world.vms.length,
      order: vc.order,
      apiVersions: vc.servedVersions ?? 'all',
    });
    client = new VeeamClient({ baseUrl: simulator.url, ...DEFAULT_SIMULATOR_USER, ...shared });
  } else {
    if (vc.insecure)
      logger?.warn(
        'VEEAM_TLS_INSECURE=true: the Veeam certificate is NOT checked. Anyone on the path can read the API password. Use VEEAM_CA_FILE instead outside a lab.',
      );
    client = new VeeamClient({
      baseUrl: vc.url,
      username: vc.username,
      password: vc.password,
      caPem: vc.caPem,
      insecure: vc.insecure,
      ...shared,
    });
    logger?.info('Using the Veeam appliance', { url: vc.url, apiVersion: vc.apiVersion, user: vc.username });
  }
  if (vc.apiVersion === 'auto' && options.askVersionAtOpen) {
    // Asked again at the first call if the appliance is not answering yet.
    void client.profile().catch((error) =>
      logger?.warn('Could not yet ask the Veeam appliance which API version it serves; will ask again', {
        error: toBotError(error).userMessage,
      }),
    );
  }
  const fresh = circuitBreaker(client, {
    ...BREAKER,
    ...(logger ? { logger } : {}),
    ...(options.onBreakerChange ? { onStateChange: options.onBreakerChange } : {}),
  });
  const source = coalescingSource(fresh, SHARED_CALLS);
  const sim = simulator;
  return {
    client,
    simulator,
    source,
    fresh,
    close: async () => {
      client.close();
      await sim?.close();
    },
  };
}
