import { z } from 'zod';
import { declaredName, readDeclaredList } from '../config/declared-list-file';
import type { AlertSubscription } from '../core/alerts/alert-subscription';
import { parseAlertsCommand } from '../core/alerts/parse-alerts-command';
import type { SessionVocabulary } from '../core/sessions/api-version';
import { isTimeZone } from '../core/time-zone';
import { declaredPlatform } from '../digest/digests-file';

const entrySchema = z
  .object({
    name: declaredName,
    platform: declaredPlatform,
    /** Slack channel id (C…), or the Teams conversation id (19:…@thread.tacv2). */
    channel: z.string().min(1),
    /** Policy and type words, as after `alerts on` ('policy:"Prod VMs"', 'snapshots'). */
    filters: z.string().default(''),
    warnings: z.boolean().default(false),
    afterFailures: z.number().int().min(1).max(10).default(1),
    /** Where times in its alerts are shown; DEFAULT_TIME_ZONE when left out. */
    timeZone: z.string().refine(isTimeZone, 'an IANA time zone such as Europe/Berlin').optional(),
  })
  .strict();

/**
 * ALERTS_FILE: alert subscriptions kept in git, YAML or JSON, read at start like DIGESTS_FILE. A policy is
 * named as the appliance spells it and matched by that name (the appliance need not answer at start); a
 * filter the chat would refuse stops the start, naming the entry.
 */
export function readAlertsFile(
  path: string,
  context: { now: Date; defaultTimeZone: string; vocabulary: SessionVocabulary },
): AlertSubscription[] {
  return readDeclaredList('ALERTS_FILE', path, 'alerts', entrySchema).map((e) => {
    const timeZone = e.timeZone ?? context.defaultTimeZone;
    const said = `alerts on ${e.filters}`;
    const command = parseAlertsCommand(said, { timeZone, now: context.now, vocabulary: context.vocabulary });
    if (command?.kind !== 'on')
      throw new Error(
        `ALERTS_FILE ${path}: the filters of "${e.name}" are not understood: ${command?.kind === 'usage' ? (command.message.split('\n')[0] ?? '') : e.filters}`,
      );
    return {
      id: `file:${e.name}`,
      platform: e.platform,
      channelId: e.channel,
      filters: e.filters,
      scope: {
        policyId: null,
        policyName: command.query?.policy ?? command.query?.name ?? null,
        types: command.query?.types ?? [],
      },
      includeWarnings: e.warnings || command.includeWarnings,
      afterFailures: Math.max(e.afterFailures, command.afterFailures),
      timeZone,
      createdBy: 'ALERTS_FILE',
      createdAt: context.now.toISOString(),
      source: 'file',
    };
  });
}
