import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const DIR = join(__dirname, '../golden');

/**
 * Compares a whole rendered output with test/golden/<name>.json. The files change only when a run is
 * started with UPDATE_GOLDEN=1, so a reviewer sees every change of a card as a diff of JSON.
 */
export function expectMatchesGolden(name: string, value: unknown): void {
  const path = join(DIR, `${name}.json`);
  const actual = `${JSON.stringify(value, null, 2)}\n`;
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  if (!existsSync(path)) {
    throw new Error(`No golden file ${path}. Run UPDATE_GOLDEN=1 npm test, then review and commit it.`);
  }
  expect(JSON.parse(actual)).toEqual(JSON.parse(readFileSync(path, 'utf8')));
}
