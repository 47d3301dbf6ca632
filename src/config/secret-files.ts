import { readFileSync } from 'node:fs';

/** Secrets that may come from a file (Docker and Kubernetes secrets): VAR_FILE=/run/secrets/var. */
export const SECRET_FILE_VARIABLES = [
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'MICROSOFT_APP_PASSWORD',
  'DATABASE_URL',
  'BUTTON_SIGNING_KEY',
  'PLAYGROUND_TOKEN',
  'METRICS_TOKEN',
] as const;

/** Replaces each VAR_FILE by VAR read from the file, in place; returns what went wrong. */
export function readSecretFiles(present: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  for (const name of SECRET_FILE_VARIABLES) {
    const path = present[`${name}_FILE`];
    if (path === undefined) continue;
    delete present[`${name}_FILE`];
    if (present[name] !== undefined) {
      problems.push(`set ${name} or ${name}_FILE, not both`);
      continue;
    }
    const value = readText(`${name}_FILE`, path, problems)?.trim();
    if (value) present[name] = value;
    else if (value === '') problems.push(`${name}_FILE (${path}) is empty`);
  }
  return problems;
}

/** A file a variable names, or undefined with the reason in problems. */
export function readText(variable: string, path: string, problems: string[]): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    problems.push(
      `${variable} names a file that cannot be read (${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
    return undefined;
  }
}
