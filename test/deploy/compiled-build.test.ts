import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { serveWithChatPlatformsOn } from '../support/chat-platforms-on';
import { startServeProcess } from '../support/serve-process';

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
    const bot = await startServeProcess(join(OUT, 'cli/bin.js'), { DATABASE_URL: ':memory:' });
    try {
      expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
      const page = await fetch(`${bot.url}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('/playground/app.js');
    } finally {
      bot.stop();
    }
  }, 40_000);

  it('loads Slack and Teams when they are on, and answers a slash command', async () => {
    const bot = await serveWithChatPlatformsOn(join(OUT, 'cli/bin.js'));
    try {
      const answer = await bot.ask('failed today');
      expect(JSON.stringify(answer.body)).toContain('sessions.');
    } finally {
      await bot.stop();
    }
  }, 60_000);
});
