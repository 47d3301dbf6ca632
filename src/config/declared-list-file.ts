import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * A list of subscriptions kept in git (DIGESTS_FILE, ALERTS_FILE): YAML or JSON, a bare list or
 * `{ <key>: [...] }`, each entry checked on its own so a problem names its entry and field, names unique.
 * A mistake throws an Error naming the variable and the file, for the start to stop on.
 */
export function readDeclaredList<E extends { name: string }>(
  variable: string,
  path: string,
  key: string,
  entry: z.ZodType<E>,
): E[] {
  let raw: unknown;
  try {
    const text = readFileSync(path, 'utf8');
    raw = path.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new Error(`${variable} ${path} cannot be read: ${(error as Error).message}`);
  }
  const list = z.array(entry);
  const parsed = Array.isArray(raw)
    ? list.safeParse(raw)
    : z
        .object({ [key]: list })
        .strict()
        .safeParse(raw ?? { [key]: [] });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`);
    throw new Error(`${variable} ${path} is not valid:\n  ${problems.join('\n  ')}`);
  }
  const entries =
    (Array.isArray(parsed.data) ? parsed.data : (parsed.data as Record<string, E[]>)[key]) ?? [];
  const names = new Set<string>();
  for (const e of entries) {
    if (names.has(e.name)) throw new Error(`${variable} ${path}: the name "${e.name}" is used twice`);
    names.add(e.name);
  }
  return entries;
}

/** A name an entry is known by in the log and in `… status`. */
export const declaredName = z.string().regex(/^[\w.-]{1,64}$/, 'a name of letters, digits, ".", "_" or "-"');

/** yaml loads only when a YAML file is read, not in every process. */
function parseYaml(text: string): unknown {
  const yaml: typeof import('yaml') = require('yaml');
  return yaml.parse(text);
}
