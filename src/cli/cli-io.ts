import { type Config, loadConfig } from '../config/config';
import type { SessionsSource } from '../core/ports';
import { type OpenedVeeam, openVeeam } from '../veeam/veeam-source';

/** What every CLI command is given and shares: its output streams, the configuration, a Veeam source. */

export type Env = Record<string, string | undefined>;

export type Io = { out: (s: string) => void; err: (s: string) => void; stdin: NodeJS.ReadableStream };

export function usageError(io: Io, message: string): number {
  io.err(message);
  return 2;
}

export function config(env: Env): Config {
  return loadConfig(env, { isTty: Boolean(process.stderr.isTTY) });
}

/** A Veeam source for one CLI run, opened at its first use: the configured appliance, or a simulator. */
export function lazySource(cfg: Config) {
  let opened: Promise<OpenedVeeam> | null = null;
  const open = (): Promise<OpenedVeeam> => {
    opened ??= openVeeam(cfg.veeam, { simulatorPort: 'any' });
    return opened;
  };
  return {
    get: async (): Promise<SessionsSource> => (await open()).source,
    /** Asks the appliance which API version it serves, so the words are read in its vocabulary. */
    ready: async (): Promise<SessionsSource> => {
      const veeam = await open();
      await veeam.client.profile();
      return veeam.source;
    },
    close: async () => {
      if (opened) await (await opened).close();
    },
  };
}
