import type { SessionsSource } from '../ports';
import { readPages } from '../sessions/read-pages';
import type { ApplianceVm, VmListing } from '../sessions/session';
import { plural } from '../view/count-words';

/** Pages of 100 VMs read at most: the bound an answer states when it is reached. */
const MAX_PAGES = 10;

export type VmsRead = { vms: ApplianceVm[]; complete: boolean; unreadable: number; calls: number };

/** One of the appliance's VM lists, page by page, MAX_PAGES at most. */
export async function readVms(source: SessionsSource, which: VmListing): Promise<VmsRead> {
  const read = await readPages(async (page) => {
    const got = await source.listVms(which, page);
    return { items: got.vms, total: got.total, unreadable: got.unreadable };
  }, MAX_PAGES);
  return { vms: read.items, complete: read.complete, unreadable: read.unreadable, calls: read.calls };
}

/** What a read could not give, in words; null when it gave all. */
export function readNotice(read: VmsRead): string | null {
  const parts = [
    ...(read.complete
      ? []
      : [`Based on the first ${read.vms.length} VMs the appliance listed; there are more.`]),
    ...(read.unreadable > 0
      ? [`${plural(read.unreadable, 'VM')} in the list could not be read and are left out.`]
      : []),
  ];
  return parts.length > 0 ? parts.join(' ') : null;
}

export type StaleVms = {
  /** Covered VMs last backed up before the cut-off (or never), the longest ago first. */
  stale: ApplianceVm[];
  /** VMs with only old restore points that no policy covers any more: no RPO to miss. */
  uncovered: ApplianceVm[];
  /** Protected VMs backed up since the cut-off. */
  fresh: number;
  protectedRead: VmsRead;
  unprotectedRead: VmsRead;
};

/**
 * The VMs whose last backup is older than `sinceUtc`, from bounded list reads: the protected VMs with
 * their `lastBackup`, then (when some are behind) the unprotected ones, since the protected list keeps VMs
 * that only have old restore points and no policy backs those up any more.
 */
export async function findStaleVms(source: SessionsSource, sinceUtc: string): Promise<StaleVms> {
  const protectedRead = await readVms(source, 'protected');
  const cutoff = Date.parse(sinceUtc);
  const at = (vm: ApplianceVm) => Date.parse(vm.lastBackup ?? '') || 0;
  const old = protectedRead.vms.filter((vm) => vm.lastBackup === null || Date.parse(vm.lastBackup) < cutoff);
  // Only a VM that is behind can be one no policy covers any more: without one, one list read is enough.
  const unprotectedRead: VmsRead =
    old.length > 0
      ? await readVms(source, 'unprotected')
      : { vms: [], complete: true, unreadable: 0, calls: 0 };
  const notCovered = new Set(unprotectedRead.vms.map((vm) => vm.id));
  return {
    stale: old
      .filter((vm) => !notCovered.has(vm.id))
      .sort((a, b) => at(a) - at(b) || a.name.localeCompare(b.name)),
    uncovered: old.filter((vm) => notCovered.has(vm.id)),
    fresh: protectedRead.vms.length - old.length,
    protectedRead,
    unprotectedRead,
  };
}
