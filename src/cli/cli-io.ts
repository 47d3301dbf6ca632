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
  return {
    get: async (): Promise<SessionsSource> => {
      opened = opened ?? openVeeam(cfg.veeam, { simulatorPort: 'any' });
      return (await opened).source;
    },
    /** Asks the appliance which API version it serves, so the words are read in its vocabulary. */
    ready: async (): Promise<SessionsSource> => {
      opened = opened ?? openVeeam(cfg.veeam, { simulatorPort: 'any' });
      await (await opened).client.profile();
      return (await opened).source;
    },
    close: async () => {
      if (opened) await (await opened).close();
    },
  };
}
