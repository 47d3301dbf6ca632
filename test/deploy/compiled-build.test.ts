import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

// Production runs the compiled build, with no TypeScript at run time: built here exactly as
// `npm run build` builds it (into a folder of the test's own), then run as the Dockerfile runs it.

const ROOT = join(__dirname, '../..');
const OUT = join(ROOT, 'test-results', 'compiled-build');

function run(
  file: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [file, ...args],
      { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 120_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('the compiled production build', () => {
  beforeAll(async () => {
    const built = await run(join(ROOT, 'scripts/build.js'), [OUT]);
    if (built.code !== 0) throw new Error(`the build failed: ${built.stdout}${built.stderr}`);
  }, 120_000);

  it('holds the entry the Dockerfile runs and the playground page it serves', () => {
    expect(existsSync(join(OUT, 'cli/bin.js'))).toBe(true);
    expect(existsSync(join(OUT, 'playground/static/index.html'))).toBe(true);
  });

  it('reads a question as the TypeScript sources do', async () => {
    const r = await run(join(OUT, 'cli/bin.js'), [
      'parse',
      '--now',
      '2026-11-29T10:00:00Z',
      '--tz',
      'Europe/Berlin',
      'failed',
      'today',
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      status: ['Error', 'RunningWithError'],
      fromUtc: '2026-11-28T23:00:00Z',
    });
  });

  it('serves: healthy, and the playground page from the built static files', async () => {
    const child = spawn(process.execPath, [join(OUT, 'cli/bin.js'), 'serve'], {
      env: {
        PATH: process.env.PATH ?? '',
        PORT: '0',
        HOST: '127.0.0.1',
        DATABASE_URL: ':memory:',
        LOG_FORMAT: 'json',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no "listening" line within 20 s')), 20_000);
        let seen = '';
        // The log goes to stderr or stdout, whichever the logger picks: read both.
        const read = (chunk: Buffer) => {
          seen += chunk.toString();
          const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(seen);
          if (m?.[1]) {
            clearTimeout(timer);
            resolve(m[1]);
          }
        };
        child.stdout.on('data', read);
        child.stderr.on('data', read);
        child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${seen}`)));
      });
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      const page = await fetch(`${url}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('/playground/app.js');
    } finally {
      child.kill('SIGTERM');
    }
  }, 40_000);
});
