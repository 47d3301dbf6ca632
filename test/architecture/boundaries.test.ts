import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const SRC = join(__dirname, '../../src');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : path.endsWith('.ts') ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from\s+|require\()\s*['"]([^'"]+)['"]/g)].map((m) => m[1] as string);
}

// The core knows nothing of chat platforms, HTTP, storage or the Veeam wire format.
const FORBIDDEN_IN_CORE = [
  /^@slack\//,
  /^botbuilder/,
  /^node:(http|https|net|tls|fs)$/,
  /^(pg|better-sqlite3|kysely|ioredis)$/,
  /\/veeam\//,
  /\/slack\//,
  /\/teams\//,
  /\/http\//,
  /\/config\//,
];

describe('dependencies point inward', () => {
  const coreFiles = filesUnder(join(SRC, 'core'));

  it('finds the core files', () => {
    expect(coreFiles.length).toBeGreaterThan(5);
  });

  it.each(coreFiles.map((f) => [relative(SRC, f), f]))(
    '%s imports no platform, HTTP, storage or adapter module',
    (_name, file) => {
      const offending = importsOf(file).filter((i) => FORBIDDEN_IN_CORE.some((re) => re.test(i)));
      expect(offending).toEqual([]);
    },
  );

  const renderFiles = [
    ...filesUnder(join(SRC, 'slack/render')),
    ...(existsSync(join(SRC, 'teams/render')) ? filesUnder(join(SRC, 'teams/render')) : []),
  ];
  it.each(renderFiles.map((f) => [relative(SRC, f), f]))(
    '%s (a renderer) imports no SDK, HTTP or storage module',
    (_name, file) => {
      const offending = importsOf(file).filter((i) =>
        /^@slack\/|^botbuilder|^node:(http|https|net)$|^(pg|better-sqlite3)$/.test(i),
      );
      expect(offending).toEqual([]);
    },
  );

  it('keeps every botbuilder import inside src/teams, so moving to its successor touches one folder', () => {
    const outside = filesUnder(SRC).filter(
      (f) => !relative(SRC, f).startsWith('teams/') && importsOf(f).some((i) => i.startsWith('botbuilder')),
    );
    expect(outside).toEqual([]);
  });

  // Any spelling: process.env.X, process.env['X'], and an env record passed along (env.X, env['X']).
  const ENV_READ = /\bprocess\.env\b|\benv\s*(\.|\[\s*['"`])\s*[A-Z][A-Z0-9_]{2,}/;
  it('can tell an environment read when it sees one', () => {
    for (const read of ['process.env', 'env.MICROSOFT_APP_ID', "env['VEEAM_URL']", 'env[ `PORT`]'])
      expect(ENV_READ.test(read)).toBe(true);
    for (const other of ['environment', 'env.time', 'const env = 1'])
      expect(ENV_READ.test(other)).toBe(false);
  });

  it('reads the environment only in src/config', () => {
    const readers = filesUnder(SRC)
      .filter((f) => ENV_READ.test(readFileSync(f, 'utf8')))
      .map((f) => relative(SRC, f));
    expect(readers.filter((f) => !f.startsWith('config/'))).toEqual([]);
  });

  const folder = (f: string) => relative(SRC, f).split('/')[0];
  it.each([
    ['slack', /\/teams\//],
    ['teams', /\/slack\//],
    ['veeam', /\/(slack|teams|playground|cli)\//],
  ])('nothing in src/%s imports %s', (dir, forbidden) => {
    const offending = filesUnder(SRC)
      .filter((f) => folder(f) === dir)
      .flatMap((f) =>
        importsOf(f)
          .filter((i) => forbidden.test(i))
          .map((i) => `${relative(SRC, f)} → ${i}`),
      );
    expect(offending).toEqual([]);
  });
});
