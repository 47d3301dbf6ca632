import {
  DEFAULT_SIMULATOR_USER,
  type SimulatorOptions,
  startVeeamSimulator,
  type VeeamSimulator,
} from '../../src/veeam/simulator/simulator-server';
import type { VeeamClientOptions } from '../../src/veeam/veeam-client';
import { VeeamClient } from '../../src/veeam/veeam-client';

/** A simulator on 127.0.0.1 and a client pointed at it, closed together. Fast retries keep tests quick. */
export async function startSimulatorWithClient(
  simulatorOptions: SimulatorOptions = {},
  clientOptions: Partial<VeeamClientOptions> = {},
): Promise<{ sim: VeeamSimulator; client: VeeamClient; close: () => Promise<void> }> {
  const sim = await startVeeamSimulator(simulatorOptions);
  const client = new VeeamClient({
    baseUrl: sim.url,
    apiVersion: 'v2',
    ...DEFAULT_SIMULATOR_USER,
    retryBaseMs: 5,
    timeoutMs: 2000,
    ...clientOptions,
  });
  return {
    sim,
    client,
    close: async () => {
      client.close();
      await sim.close();
    },
  };
}

/** A fixed moment for deterministic worlds: Sunday 29 Nov 2026, 10:00 UTC. */
export const FIXED_NOW = Date.parse('2026-11-29T10:00:00Z');
