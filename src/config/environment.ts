import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';

/**
 * The process environment, plus a `.env` file in the working directory when there is one. Variables set
 * in the real environment win over the file, as with `node --env-file`.
 */
export function readEnvironment(cwd = process.cwd()): Record<string, string | undefined> {
  const path = `${cwd}/.env`;
  const fromFile = existsSync(path) ? parseEnv(readFileSync(path, 'utf8')) : {};
  return { ...fromFile, ...process.env };
}
