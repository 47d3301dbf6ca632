import { DateTime } from 'luxon';
import { type AnswerDeps, audited, failure } from '../answers/answer-question';
import type { ApplianceVm } from '../sessions/session';
import { unfilteredQuery } from '../sessions/session-query';
import { buildReportView } from '../view/build-report-view';
import { plural } from '../view/count-words';
import { formatDuration, formatLocalTime } from '../view/human-time';
import type { AnswerView } from '../view/sessions-view';
import { findStaleVms, readNotice, readVms } from './find-stale-vms';
import type { ProtectionRequest } from './parse-protection';

/** VMs named one a line; the rest are counted. */
const NAMED = 20;

const vmName = (vm: ApplianceVm) => `${vm.name}${vm.resourceGroup ? ` (${vm.resourceGroup})` : ''}`;

/**
 * "Unprotected VMs" from the appliance's own protection status, and "which VMs have no backup in 24h"
 * from each protected VM's last backup: one bounded list read each (MAX_PAGES pages), never a call per VM.
 */
export function answerProtection(
  request: Exclude<ProtectionRequest, { kind: 'usage' }>,
  timeZone: string,
  deps: AnswerDeps,
): Promise<AnswerView> {
  const base = unfilteredQuery(timeZone, deps.source.vocabulary);
  return audited(deps, 'protection', null, async () => {
    try {
      const now = DateTime.fromJSDate(deps.now());
      if (request.kind === 'unprotected') {
        const read = await readVms(deps.source, 'unprotected');
        const sorted = [...read.vms].sort((a, b) => a.name.localeCompare(b.name));
        // VMs, not sessions: nothing to list behind the figure.
        return {
          kind: 'report',
          title: 'Unprotected VMs',
          understood: `VMs the appliance reports as covered by no backup policy (ProtectionStatus Unprotected) · ${plural(read.vms.length, 'VM')} read`,
          notice: readNotice(read),
          counts: [
            {
              label: 'Unprotected',
              tone: read.vms.length > 0 ? 'warning' : 'success',
              count: read.vms.length,
              changeText: null,
            },
          ],
          lines: [
            ...sorted.slice(0, NAMED).map(vmName),
            ...(sorted.length > NAMED ? [`And ${plural(sorted.length - NAMED, 'more VM')}.`] : []),
          ],
          emptyText:
            read.vms.length === 0 ? 'Every VM the appliance knows is covered by a backup policy.' : null,
          summary: plural(read.vms.length, 'VM'),
          list: null,
          timeZone,
          veeamUrl: deps.veeamUrl,
        };
      }
      const {
        stale,
        uncovered: left,
        fresh,
        protectedRead: read,
        unprotectedRead: unprotected,
      } = await findStaleVms(deps.source, request.sinceUtc);
      const since = formatLocalTime(request.sinceUtc, timeZone, now);
      const line = (vm: ApplianceVm) =>
        vm.lastBackup === null
          ? `${vmName(vm)}: no backup on record.`
          : `${vmName(vm)}: last backup ${formatLocalTime(vm.lastBackup, timeZone, now)}, ${formatDuration(now.toMillis() - Date.parse(vm.lastBackup))} ago.`;
      return buildReportView(
        {
          title: `VMs with no backup since ${since}`,
          understood: `Protected VMs whose last backup (the appliance's lastBackup of each protected VM) is older than ${since} (${request.label}) · ${plural(read.vms.length, 'protected VM')} read · times in ${timeZone}; VMs no policy covers are not here (ask \`unprotected VMs\`)`,
          notice: [readNotice(read), readNotice(unprotected)].filter(Boolean).join(' ') || null,
          counts: [
            {
              label: 'No backup since',
              tone: stale.length > 0 ? 'failed' : 'success',
              count: stale.length,
              changeText: null,
            },
            {
              label: 'Backed up since',
              tone: 'success',
              count: fresh,
              changeText: null,
            },
          ],
          lines: [
            ...stale.slice(0, NAMED).map(line),
            ...(stale.length > NAMED ? [`And ${plural(stale.length - NAMED, 'more VM')}.`] : []),
            ...(stale.length === 0 ? [`Every VM a policy covers was backed up since ${since}.`] : []),
            ...(left.length > 0
              ? [
                  `Not counted, since no policy covers them any more: ${left
                    .slice(0, NAMED)
                    .map((vm) => vm.name)
                    .join(
                      ', ',
                    )}${left.length > NAMED ? ` and ${left.length - NAMED} more` : ''} (last backed up before ${since}).`,
                ]
              : []),
          ],
          emptyText: read.vms.length === 0 ? 'The appliance lists no protected VM.' : null,
          summary: stale.length === 0 ? 'none' : plural(stale.length, 'VM'),
        },
        {
          query: { ...base, statuses: ['Error'], fromUtc: request.sinceUtc, timeLabel: request.label },
          label: 'Show the failed sessions since then',
        },
        deps,
      );
    } catch (error) {
      return failure(error, deps, null, timeZone);
    }
  });
}
