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

/** An access token from a simulator at `url` for its default user, for specs that call its API directly. */
export async function simulatorToken(url: string): Promise<string> {
  const res = await fetch(`${url}/api/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'password',
      username: DEFAULT_SIMULATOR_USER.username,
      password: DEFAULT_SIMULATOR_USER.password,
    }).toString(),
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

/** A fixed moment for deterministic worlds: Sunday 29 Nov 2026, 10:00 UTC. */
export const FIXED_NOW = Date.parse('2026-11-29T10:00:00Z');
