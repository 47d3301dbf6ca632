import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { DigestSubscription } from '../core/digest/digest-subscription';
import { isTimeZone } from '../core/time-zone';
import { PLATFORMS } from '../platforms/registry';

/** The platforms a declared digest may name: those the registry lists, never retyped. */
const PLATFORM_NAMES = PLATFORMS.map((p) => p.name);

const entrySchema = z
  .object({
    name: z.string().regex(/^[\w.-]{1,64}$/, 'a name of letters, digits, ".", "_" or "-"'),
    platform: z
      .string()
      .refine(
        (name) => PLATFORM_NAMES.includes(name),
        `one of ${PLATFORM_NAMES.join(', ')}, where digests are posted`,
      ),
    /** Slack channel id (C…), or the Teams conversation id (19:…@thread.tacv2). */
    channel: z.string().min(1),
    days: z.enum(['daily', 'weekdays']).default('daily'),
    time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a 24-hour time such as "08:00" (quoted in YAML)'),
    timeZone: z.string().refine(isTimeZone, 'an IANA time zone such as Europe/Berlin'),
    filters: z.string().default(''),
  })
  .strict();

const listSchema = z.array(entrySchema);
const documentSchema = z.object({ digests: listSchema }).strict();

/**
 * DIGESTS_FILE: subscriptions kept in git, YAML or JSON. Read at start; its entries are listed with the
 * chat-made ones and can only be changed in the file. A mistake stops the start, naming the entry.
 */
export function readDigestsFile(path: string, now: Date): DigestSubscription[] {
  let raw: unknown;
  try {
    const text = readFileSync(path, 'utf8');
    raw = path.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new Error(`DIGESTS_FILE ${path} cannot be read: ${(error as Error).message}`);
  }
  // A bare list or { digests: [...] }; each checked on its own so a problem names its entry and field.
  const parsed = Array.isArray(raw)
    ? listSchema.safeParse(raw)
    : documentSchema.safeParse(raw ?? { digests: [] });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`);
    throw new Error(`DIGESTS_FILE ${path} is not valid:\n  ${problems.join('\n  ')}`);
  }
  const entries = Array.isArray(parsed.data) ? parsed.data : parsed.data.digests;
  const names = new Set<string>();
  for (const e of entries) {
    if (names.has(e.name)) throw new Error(`DIGESTS_FILE ${path}: the name "${e.name}" is used twice`);
    names.add(e.name);
  }
  return entries.map((e) => ({
    id: `file:${e.name}`,
    platform: e.platform,
    channelId: e.channel,
    schedule: { days: e.days, time: e.time, timeZone: e.timeZone },
    filters: e.filters,
    createdBy: 'DIGESTS_FILE',
    createdAt: now.toISOString(),
    source: 'file',
  }));
}

/** yaml loads only when a YAML file is read, not in every process. */
function parseYaml(text: string): unknown {
  const yaml: typeof import('yaml') = require('yaml');
  return yaml.parse(text);
}
