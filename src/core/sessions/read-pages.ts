import type { PageRequest } from './session-query';

/** One page as a bounded read sees it: what could be read, the appliance's total, what could not. */
export type ReadablePage<T> = { items: T[]; total: number | null; unreadable: number };

export type PagesRead<T> = {
  items: T[];
  /** List requests made. */
  calls: number;
  /** False when the read stopped at its bound with more left. */
  complete: boolean;
  /** Items the appliance listed that could not be read (skipped, counted). */
  unreadable: number;
};

/**
 * The safe paging loop of ../shared/veeam-api §2.6, `maxPages` pages at most: on by `pageSize`, stopping on
 * the total, on a short page or an empty one. An unreadable item still took its place on the page, so it
 * counts towards a full one.
 */
export async function readPages<T>(
  fetchPage: (page: PageRequest) => Promise<ReadablePage<T>>,
  maxPages: number,
  pageSize = 100,
): Promise<PagesRead<T>> {
  const items: T[] = [];
  let unreadable = 0;
  for (let calls = 1; calls <= maxPages; calls++) {
    const offset = (calls - 1) * pageSize;
    const page = await fetchPage({ offset, limit: pageSize });
    items.push(...page.items);
    unreadable += page.unreadable;
    const got = page.items.length + page.unreadable;
    const more = got > 0 && (page.total !== null ? offset + pageSize < page.total : got === pageSize);
    if (!more) return { items, calls, complete: true, unreadable };
  }
  return { items, calls: maxPages, complete: false, unreadable };
}
