import type { NamedResource } from '../core/sessions/session';

const PAGE_OF_NAMES = 500;

/** One page of a named collection, as the client reads it (unreadable items skipped and counted). */
type NamesPage = { items: NamedResource[]; totalCount: number | null; skipped: number };

export type NameDirectoryOptions = {
  /** Fetches one page of a collection (`policies/virtualMachines`, `virtualMachines`). */
  page: (path: string, params: URLSearchParams) => Promise<NamesPage>;
  /** How long the whole lists are kept. */
  ttlMs: number;
  now: () => number;
};

/**
 * Policy and VM names to ids. The policy list is short (dozens), so it is fetched whole and matched on our
 * side; VMs are searched by pattern first, and only without an exact hit is the whole list fetched to
 * offer the closest names. Whole lists are kept a few minutes; a failed load is never kept.
 */
export class NameDirectory {
  private readonly cache = new Map<string, { at: number; value: Promise<NamedResource[]> }>();

  constructor(private readonly options: NameDirectoryOptions) {}

  findPolicies(): Promise<NamedResource[]> {
    return this.cached('policies', () => this.listAll('policies/virtualMachines', new URLSearchParams()));
  }

  async findVms(name: string): Promise<NamedResource[]> {
    const matches = await this.listAll('virtualMachines', new URLSearchParams({ SearchPattern: name }));
    if (matches.some((vm) => vm.name.toLowerCase() === name.toLowerCase())) return matches;
    return this.cached('vms', () => this.listAll('virtualMachines', new URLSearchParams()));
  }

  private cached(key: string, load: () => Promise<NamedResource[]>): Promise<NamedResource[]> {
    const now = this.options.now();
    const hit = this.cache.get(key);
    if (hit && now - hit.at < this.options.ttlMs) return hit.value;
    const value = load();
    value.catch(() => this.cache.delete(key));
    this.cache.set(key, { at: now, value });
    return value;
  }

  /** Safe paging loop of ../shared/veeam-api §2.6: stops on an empty page, on totalCount, or a short page. */
  private async listAll(path: string, filters: URLSearchParams, maxPages = 100): Promise<NamedResource[]> {
    const out: NamedResource[] = [];
    let offset = 0;
    for (let i = 0; i < maxPages; i++) {
      const params = new URLSearchParams(filters);
      params.set('Offset', String(offset));
      params.set('Limit', String(PAGE_OF_NAMES));
      const page = await this.options.page(path, params);
      out.push(...page.items);
      const got = page.items.length + page.skipped;
      offset += got;
      if (got === 0) break;
      if (page.totalCount != null && offset >= page.totalCount) break;
      if (page.totalCount == null && got < PAGE_OF_NAMES) break;
    }
    return out;
  }
}
