import { type ChildProcess, spawn } from 'node:child_process';

export type ServeProcess = {
  url: string;
  /** SIGTERM, the clean stop; resolves once the process is gone. */
  stop: () => Promise<void>;
  /** SIGKILL: the process dies at once, as a crashed or evicted replica does; resolves once it is gone. */
  kill: () => Promise<void>;
};

/**
 * Runs `<entry> serve` as an operator would (a process of its own, only PATH and the given variables)
 * and resolves once it logs the address it listens on.
 */
export async function startServeProcess(entry: string, env: Record<string, string>): Promise<ServeProcess> {
  const child: ChildProcess = spawn(process.execPath, [entry, 'serve'], {
    env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', LOG_FORMAT: 'json', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let seen = '';
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no "listening" line within 20 s: ${seen}`)), 20_000);
      // The log goes to stderr or stdout, whichever the logger picks: read both.
      const read = (chunk: Buffer) => {
        seen += chunk.toString();
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(seen);
        if (m?.[1]) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      };
      child.stdout?.on('data', read);
      child.stderr?.on('data', read);
      child.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`serve exited with ${code}: ${seen}`));
      });
    });
    const ended = (signal: NodeJS.Signals) =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      });
    return { url, stop: () => ended('SIGTERM'), kill: () => ended('SIGKILL') };
  } catch (error) {
    child.kill('SIGTERM');
    throw error;
  }
}
