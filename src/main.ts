import type { Config } from './config/config';
import type { Logger } from './core/ports';
import { createHttpServer } from './http/server';
import {
  DEFAULT_SIMULATOR_USER,
  startVeeamSimulator,
  type VeeamSimulator,
} from './veeam/simulator/simulator-server';
import { VeeamClient } from './veeam/veeam-client';

export type RunningApp = {
  url: string;
  veeam: VeeamClient;
  simulator: VeeamSimulator | null;
  close: () => Promise<void>;
};

/**
 * The composition root: Veeam client (or the embedded simulator behind it), then the one HTTP server.
 * Slack, Teams, the playground and the digest are mounted here as their issues land.
 */
export async function startApp(config: Config, logger: Logger): Promise<RunningApp> {
  const { veeam: vc } = config;
  let simulator: VeeamSimulator | null = null;
  let client: VeeamClient;
  if (vc.mode === 'simulator') {
    simulator = await startVeeamSimulator({
      seed: vc.seed,
      port: vc.port,
      faults: { latencyMs: vc.latencyMs },
    });
    logger.info('No VEEAM_URL set: using the embedded Veeam simulator', {
      url: simulator.url,
      sessions: simulator.sessions().length,
      policies: simulator.world.policies.length,
      vms: simulator.world.vms.length,
    });
    client = new VeeamClient({
      baseUrl: simulator.url,
      apiVersion: vc.apiVersion,
      username: DEFAULT_SIMULATOR_USER.username,
      password: DEFAULT_SIMULATOR_USER.password,
      logger,
    });
  } else {
    if (vc.insecure) {
      logger.warn(
        'VEEAM_TLS_INSECURE=true: the Veeam certificate is NOT checked. Anyone on the path can read the API password. Use VEEAM_CA_FILE instead outside a lab.',
      );
    }
    client = new VeeamClient({
      baseUrl: vc.url,
      apiVersion: vc.apiVersion,
      username: vc.username,
      password: vc.password,
      caPem: vc.caPem,
      insecure: vc.insecure,
      timeoutMs: vc.timeoutMs,
      logger,
    });
    logger.info('Using the Veeam appliance', { url: vc.url, apiVersion: vc.apiVersion, user: vc.username });
  }

  const http = createHttpServer(logger);
  const url = await http.listen(config.port, config.host);
  http.setReady(true);
  logger.info(`sessions-bot is listening on ${url} (health: ${url}/healthz)`);

  return {
    url,
    veeam: client,
    simulator,
    close: async () => {
      await http.close();
      client.close();
      await simulator?.close();
    },
  };
}
