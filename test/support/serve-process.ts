import { type ChildProcess, spawn } from 'node:child_process';

export type ServeProcess = { url: string; stop: () => void };

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
    return { url, stop: () => child.kill('SIGTERM') };
  } catch (error) {
    child.kill('SIGTERM');
    throw error;
  }
}
