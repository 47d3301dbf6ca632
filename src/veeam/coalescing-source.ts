import type { SessionsSource } from '../core/ports';

export type CoalescingOptions = {
  /** How long an answer is reused for the very same question. Short: sessions change by the minute. */
  ttlMs: number;
  maxEntries: number;
  now?: () => number;
};

/**
 * One Veeam call for many identical questions: callers asking the same thing while it is in flight share
 * its answer, and the answer is kept for a few seconds (a channel where ten people press the same Next,
 * or type the same "failed today", costs one call). Keyed by the exact method and arguments; failures are
 * never kept.
 */
export function coalescingSource(source: SessionsSource, options: CoalescingOptions): SessionsSource {
  const now = options.now ?? Date.now;
  const entries = new Map<string, { at: number; value: Promise<unknown> }>();

  function shared<T>(key: string, call: () => Promise<T>): Promise<T> {
    const found = entries.get(key);
    if (found && now() - found.at < options.ttlMs) return found.value as Promise<T>;
    const value = call();
    entries.delete(key);
    if (entries.size >= options.maxEntries) entries.delete(entries.keys().next().value as string);
    entries.set(key, { at: now(), value });
    value.catch(() => {
      if (entries.get(key)?.value === value) entries.delete(key);
    });
    return value;
  }

  return {
    get vocabulary() {
      return source.vocabulary;
    },
    listSessions: (filter, page) =>
      shared(`list|${JSON.stringify(filter)}|${page.offset}|${page.limit}`, () =>
        source.listSessions(filter, page),
      ),
    getSession: (id) => shared(`session|${id}`, () => source.getSession(id)),
    getSessionLog: (id) => shared(`log|${id}`, () => source.getSessionLog(id)),
    getProtectedItems: (id, limit) =>
      shared(`items|${id}|${limit}`, () => source.getProtectedItems(id, limit)),
    findPolicies: (name) => shared(`policies|${name}`, () => source.findPolicies(name)),
    findVms: (name) => shared(`vms|${name}`, () => source.findVms(name)),
    listVms: (which, page) =>
      shared(`vm-list|${which}|${page.offset}|${page.limit}`, () => source.listVms(which, page)),
  };
}
