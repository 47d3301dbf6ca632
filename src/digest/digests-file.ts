import { z } from 'zod';
import { declaredName, readDeclaredList } from '../config/declared-list-file';
import type { DigestSubscription } from '../core/digest/digest-subscription';
import { isTimeZone } from '../core/time-zone';
import { PLATFORMS } from '../platforms/registry';

/** The platforms a declared digest may name: those the registry lists, never retyped. */
const PLATFORM_NAMES = PLATFORMS.map((p) => p.name);

export const declaredPlatform = z
  .string()
  .refine((name) => PLATFORM_NAMES.includes(name), `one of ${PLATFORM_NAMES.join(', ')}, where it is posted`);

const entrySchema = z
  .object({
    name: declaredName,
    platform: declaredPlatform,
    /** Slack channel id (C…), or the Teams conversation id (19:…@thread.tacv2). */
    channel: z.string().min(1),
    days: z.enum(['daily', 'weekdays']).default('daily'),
    time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a 24-hour time such as "08:00" (quoted in YAML)'),
    timeZone: z.string().refine(isTimeZone, 'an IANA time zone such as Europe/Berlin'),
    filters: z.string().default(''),
  })
  .strict();

/**
 * DIGESTS_FILE: subscriptions kept in git, YAML or JSON. Read at start; its entries are listed with the
 * chat-made ones and can only be changed in the file. A mistake stops the start, naming the entry.
 */
export function readDigestsFile(path: string, now: Date): DigestSubscription[] {
  return readDeclaredList('DIGESTS_FILE', path, 'digests', entrySchema).map((e) => ({
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
