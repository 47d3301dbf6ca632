import { execFile } from 'node:child_process';
import { join } from 'node:path';

const BIN = join(__dirname, '../../bin/sessions-bot');

/** Runs the real CLI as a user would, with a clean environment (no VEEAM_URL: the embedded simulator). */
function run(args: string[], input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [BIN, ...args],
      { env: { PATH: process.env.PATH ?? '', DEFAULT_TIME_ZONE: 'UTC' }, timeout: 30_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
    if (input !== undefined) child.stdin?.end(input);
  });
}

describe('sessions-bot parse', () => {
  it('prints the filters as one JSON object', async () => {
    const r = await run([
      'parse',
      '--now',
      '2026-11-29T10:00:00Z',
      '--tz',
      'Europe/Berlin',
      'failed',
      'today',
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      status: ['Error', 'RunningWithError'],
      types: [],
      policy: null,
      vm: null,
      fromUtc: '2026-11-28T23:00:00Z',
      toUtc: null,
    });
  });

  it('looks a bare name up in the API to tell a VM from a policy', async () => {
    const r = await run([
      'parse',
      '--now',
      '2026-11-29T10:00:00Z',
      '--tz',
      'UTC',
      'any failed backups for web-01 since Monday?',
    ]);
    expect(JSON.parse(r.stdout)).toMatchObject({
      vm: 'web-01',
      policy: null,
      fromUtc: '2026-11-23T00:00:00Z',
    });
    const p = await run(['parse', '--tz', 'UTC', 'warnings for "Prod VMs"']);
    expect(JSON.parse(p.stdout)).toMatchObject({ vm: null, policy: 'Prod VMs' });
  });

  it('exits 2 with the reason on stderr for text it cannot understand', async () => {
    const r = await run(['parse', 'status:exploded']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/"exploded" is not a status/);
  });

  it('reads JSON lines in --batch mode and answers each line', async () => {
    const input = [
      JSON.stringify({ text: 'yesterday', now: '2026-03-30T10:00:00Z', tz: 'Europe/Berlin' }),
      JSON.stringify({ text: 'blorp', now: '2026-03-30T10:00:00Z', tz: 'UTC' }),
      'not json',
      JSON.stringify({ text: 'today', tz: 'Nowhere/Land' }),
    ].join('\n');
    const r = await run(['parse', '--batch'], input);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(r.code).toBe(0);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatchObject({ fromUtc: '2026-03-28T23:00:00Z', toUtc: '2026-03-29T22:00:00Z' });
    expect(lines[1]).toEqual({ error: expect.stringContaining('blorp') });
    expect(lines[2]).toEqual({ error: 'not a JSON line' });
    expect(lines[3]).toEqual({ error: expect.stringContaining('Nowhere/Land') });
  });

  it('prints exactly one line per input line in --batch mode, blank lines included', async () => {
    const input = ['failed today', '', '   ', 'warnings']
      .map((t) => (t.trim() ? JSON.stringify({ text: t }) : t))
      .join('\n');
    const lines = (await run(['parse', '--batch'], input)).stdout.replace(/\n$/, '').split('\n');
    expect(lines).toHaveLength(4);
    expect(JSON.parse(lines[1] as string)).toEqual({ error: 'empty line' });
    expect(JSON.parse(lines[3] as string)).toMatchObject({ status: ['Warning', 'RunningWithWarning'] });
  });

  it('reads 03/12 in the order of --locale, and says how it read it', async () => {
    const at = ['--now', '2026-12-20T10:00:00Z', '--tz', 'UTC'];
    const us = JSON.parse((await run(['parse', ...at, '--locale', 'en-US', '03/12'])).stdout);
    const uk = JSON.parse((await run(['parse', ...at, '--locale', 'en-GB', '03/12'])).stdout);
    expect(us).toMatchObject({
      fromUtc: '2026-03-12T00:00:00Z',
      notes: [expect.stringMatching(/month\/day/)],
    });
    expect(uk).toMatchObject({
      fromUtc: '2026-12-03T00:00:00Z',
      notes: [expect.stringMatching(/day\/month/)],
    });
  });

  it('reads the words of the API version --api-version names', async () => {
    const v2 = await run(['parse', '--api-version', 'v2', 'sql', 'failures']);
    expect(v2.code).toBe(2);
    expect(v2.stderr).toMatch(/API v2 has no SQL sessions/);
    const v81 = await run(['parse', 'sql', 'failures']);
    expect(JSON.parse(v81.stdout).types).toContain('SqlPolicyBackup');
    expect((await run(['parse', '--api-version', 'v9', 'failed'])).stderr).toMatch(/--api-version "v9"/);
  });
});

describe('sessions-bot list', () => {
  it('answers help, refusals and digest commands as the chat platforms do, as text', async () => {
    const help = await run(['list', 'help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/failed today/);
    const zork = await run(['list', 'zork']);
    expect(zork.code).toBe(2);
    expect(zork.stderr).toMatch(/I don't know "zork"/);
    const digest = await run(['list', 'digest', 'daily', '08:00']);
    expect(digest.code).toBe(2);
    expect(digest.stderr).toMatch(/Digests and alerts are posted to a Slack channel or a Teams chat/);
  });

  it('prints a table of sessions against the embedded simulator, with the page label', async () => {
    const r = await run(['list', '--tz', 'UTC', 'this', 'week']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/STATUS\s+STARTED\s+DURATION\s+TYPE\s+POLICY/);
    expect(r.stdout).toMatch(/1–10 of \d+/);
    const page2 = await run(['list', '--tz', 'UTC', '--page', '2', 'this', 'week']);
    expect(page2.stdout).toMatch(/11–20 of \d+/);
  });

  it('explains a bad page number and a wrong setting', async () => {
    expect((await run(['list', '--page', 'zero', 'failed'])).stderr).toMatch(/--page must be a whole number/);
    // Read one way for parse and list: a bad --now names --now, not the time zone.
    const badNow = await run(['list', '--now', 'garbage', 'failed']);
    expect(badNow.code).toBe(2);
    expect(badNow.stderr).toMatch(/--now "garbage" is not an ISO 8601 date/);
    const r = await run(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Unknown command "frobnicate"/);
  });
});
