#!/usr/bin/env node
// The compiled production build: TypeScript to JavaScript (tsc), plus the playground's static files, into
// dist/ (or the folder given). `node dist/cli/bin.js serve` then runs with no TypeScript at run time.
const { execFileSync } = require('node:child_process');
const { cpSync, rmSync } = require('node:fs');
const { join, resolve } = require('node:path');

const root = join(__dirname, '..');
const out = resolve(root, process.argv[2] ?? 'dist');
rmSync(out, { recursive: true, force: true });
execFileSync(
  process.execPath,
  [require.resolve('typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json'), '--outDir', out],
  {
    stdio: 'inherit',
  },
);
cpSync(join(root, 'src/playground/static'), join(out, 'playground/static'), { recursive: true });
