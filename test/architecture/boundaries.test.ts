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

  it('reads process.env only in src/config', () => {
    const readers = filesUnder(SRC)
      .filter((f) => readFileSync(f, 'utf8').includes('process.env'))
      .map((f) => relative(SRC, f));
    expect(readers.every((f) => f.startsWith('config/'))).toBe(true);
  });
});
