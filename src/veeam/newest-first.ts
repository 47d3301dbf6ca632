import type { Logger } from '../core/ports';
import type { Session, SessionPage } from '../core/sessions/session';
import type { PageRequest } from '../core/sessions/session-query';

/** One page exactly as the appliance sent it, in its own order and offsets. */
type RawPage = { sessions: Session[]; totalCount: number | null; unreadable: number };
export type FetchRaw = (offset: number, limit: number) => Promise<RawPage>;

/**
 * How this appliance orders /jobSessions. Nothing documents an order and there is no Sort parameter
 * (../shared/veeam-api/README.md §2.6, §10), so it is learnt from what the appliance sends and kept for
 * the process: `newest` and `oldest` page from the matching end, `unordered` means sorting on our side.
 */
type ApplianceOrder = 'newest' | 'oldest' | 'unordered';

export type OrderMemory = { order: ApplianceOrder | null };

export type NewestFirstOptions = {
  /** At most this many matches are fetched to sort on our side when the order cannot be told. */
  maxSorted: number;
  /** Page size for that fetch. */
  chunk: number;
  logger?: Logger;
};

/**
 * A page of the newest-first list, whatever order the appliance lists in: page 1 is always the newest
 * sessions. Every fetched page is checked against the order believed, so an appliance that changes its
 * mind (or a wrong first guess) is noticed, not trusted.
 */
export async function newestFirstPage(
  fetch: FetchRaw,
  page: PageRequest,
  memory: OrderMemory,
  options: NewestFirstOptions,
): Promise<SessionPage> {
  if (memory.order === 'oldest') return fromOldestEnd(fetch, page, memory, options, null);
  if (memory.order === 'unordered') return sortedOnOurSide(fetch, page, options);

  const raw = await fetch(page.offset, page.limit);
  const seen = orderOf(raw.sessions);
  if (seen === 'newest') return learnt(memory, 'newest', options, () => asPage(raw, page));
  if (seen === 'oldest')
    return learnt(memory, 'oldest', options, () =>
      fromOldestEnd(fetch, page, memory, options, raw.totalCount),
    );
  if (seen === 'mixed')
    return learnt(memory, 'unordered', options, () => sortedOnOurSide(fetch, page, options));

  // One row, or rows that all started at once: this page alone cannot tell.
  if (memory.order === 'newest') return asPage(raw, page);
  const total = raw.totalCount;
  if (raw.sessions.length === 0 || (page.offset === 0 && total !== null && total <= raw.sessions.length))
    return asPage(raw, page);
  const first = startOf(raw.sessions[0] as Session);
  if (total !== null && first !== null && total > page.offset + 1) {
    const far = await fetch(total - 1, 1);
    const last = far.sessions[0] ? startOf(far.sessions[0]) : null;
    if (last !== null && last < first) return learnt(memory, 'newest', options, () => asPage(raw, page));
    if (last !== null && last > first)
      return learnt(memory, 'oldest', options, () => fromOldestEnd(fetch, page, memory, options, total));
  }
  return sortedOnOurSide(fetch, page, options);
}

async function learnt(
  memory: OrderMemory,
  order: ApplianceOrder,
  options: NewestFirstOptions,
  then: () => Promise<SessionPage> | SessionPage,
): Promise<SessionPage> {
  if (memory.order !== order) {
    options.logger?.info(
      {
        newest: 'The Veeam appliance lists sessions newest first',
        oldest: 'The Veeam appliance lists sessions oldest first: paging from the other end',
        unordered: 'The Veeam appliance lists sessions in no order: sorting them on our side',
      }[order],
      { previously: memory.order },
    );
    memory.order = order;
  }
  return then();
}

/** Page N of newest-first is the mirror page from the appliance's far end, reversed. */
async function fromOldestEnd(
  fetch: FetchRaw,
  page: PageRequest,
  memory: OrderMemory,
  options: NewestFirstOptions,
  knownTotal: number | null,
): Promise<SessionPage> {
  const total = knownTotal ?? (await fetch(0, 1)).totalCount;
  // v8.1 may leave totalCount out [C8]: without it the far end cannot be found.
  if (total === null) return sortedOnOurSide(fetch, page, options);
  const end = total - page.offset;
  if (end <= 0)
    return { sessions: [], offset: page.offset, limit: page.limit, total, unreadable: 0, sortedOf: null };
  const start = Math.max(0, end - page.limit);
  const raw = await fetch(start, end - start);
  const seen = orderOf(raw.sessions);
  if (seen === 'newest' || seen === 'mixed') {
    memory.order = null;
    options.logger?.warn(
      'The Veeam appliance no longer lists sessions oldest first: finding its order again',
    );
    return newestFirstPage(fetch, page, memory, options);
  }
  return {
    sessions: newestFirst(raw.sessions),
    offset: page.offset,
    limit: page.limit,
    total: raw.totalCount ?? total,
    unreadable: raw.unreadable,
    sortedOf: null,
  };
}

/** Every match (up to maxSorted), sorted here; the answer says so when that bound cut the list. */
async function sortedOnOurSide(
  fetch: FetchRaw,
  page: PageRequest,
  options: NewestFirstOptions,
): Promise<SessionPage> {
  const all: Session[] = [];
  let unreadable = 0;
  let total: number | null = null;
  let offset = 0;
  let cut = false;
  while (all.length < options.maxSorted) {
    const asked = Math.min(options.chunk, options.maxSorted - all.length);
    const raw = await fetch(offset, asked);
    total = raw.totalCount ?? total;
    all.push(...raw.sessions);
    unreadable += raw.unreadable;
    const got = raw.sessions.length + raw.unreadable;
    offset += got;
    if (got === 0) break;
    if (total !== null && offset >= total) break;
    if (total === null && got < asked) break;
    if (all.length >= options.maxSorted) cut = total === null || offset < total;
  }
  const sorted = newestFirst(all);
  return {
    sessions: sorted.slice(page.offset, page.offset + page.limit),
    offset: page.offset,
    limit: page.limit,
    total: total ?? (cut ? null : all.length + unreadable),
    unreadable,
    sortedOf: cut ? all.length : null,
  };
}

function asPage(raw: RawPage, page: PageRequest): SessionPage {
  return {
    sessions: newestFirst(raw.sessions),
    offset: page.offset,
    limit: page.limit,
    total: raw.totalCount,
    unreadable: raw.unreadable,
    sortedOf: null,
  };
}

/** The order one page shows, from the start times of neighbouring rows that have one. */
function orderOf(sessions: readonly Session[]): 'newest' | 'oldest' | 'mixed' | 'unclear' {
  let down = 0;
  let up = 0;
  let previous: number | null = null;
  for (const s of sessions) {
    const t = startOf(s);
    if (t === null) continue;
    if (previous !== null && t < previous) down++;
    if (previous !== null && t > previous) up++;
    previous = t;
  }
  if (down > 0 && up > 0) return 'mixed';
  if (down > 0) return 'newest';
  if (up > 0) return 'oldest';
  return 'unclear';
}

function startOf(s: Session): number | null {
  if (!s.startTime) return null;
  const t = Date.parse(s.startTime);
  return Number.isNaN(t) ? null : t;
}

/** Newest start first; sessions without a start last; equal starts by id, so pages never overlap. */
function newestFirst(sessions: readonly Session[]): Session[] {
  return [...sessions].sort((a, b) => {
    const ta = startOf(a);
    const tb = startOf(b);
    if (ta !== tb) {
      if (ta === null) return 1;
      if (tb === null) return -1;
      return tb - ta;
    }
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
}
