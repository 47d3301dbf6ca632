import { BotError } from '../errors';
import type { SessionsSource } from '../ports';
import { matchName } from './match-name';
import type { SessionPage } from './session';
import type { PageRequest, SessionFilter, SessionQuery } from './session-query';

export type ResolvedNames = { policy: string | null; vm: string | null };

/**
 * Turns the names in a query into API ids. A bare name is tried as a policy, then as a VM. A name that
 * matches nothing is a NOT_FOUND error that offers the closest names.
 */
export async function resolveSessionFilter(
  query: SessionQuery,
  source: SessionsSource,
): Promise<{ filter: SessionFilter; names: ResolvedNames }> {
  let policyId: string | null = null;
  let vmId: string | null = null;
  const names: ResolvedNames = { policy: null, vm: null };

  if (query.policy !== null) {
    const m = matchName(query.policy, await source.findPolicies(query.policy));
    if (m.kind === 'missing') throw notFound('policy', query.policy, m.suggestions);
    policyId = m.resource.id;
    names.policy = m.resource.name;
  }
  if (query.vm !== null) {
    const m = matchName(query.vm, await source.findVms(query.vm));
    if (m.kind === 'missing') throw notFound('VM', query.vm, m.suggestions);
    vmId = m.resource.id;
    names.vm = m.resource.name;
  }
  if (query.name !== null) {
    const asPolicy = policyId === null ? matchName(query.name, await source.findPolicies(query.name)) : null;
    if (asPolicy?.kind === 'found') {
      policyId = asPolicy.resource.id;
      names.policy = asPolicy.resource.name;
    } else {
      const asVm = vmId === null ? matchName(query.name, await source.findVms(query.name)) : null;
      if (asVm?.kind === 'found') {
        vmId = asVm.resource.id;
        names.vm = asVm.resource.name;
      } else {
        const suggestions = [
          ...(asPolicy?.kind === 'missing' ? asPolicy.suggestions : []),
          ...(asVm?.kind === 'missing' ? asVm.suggestions : []),
        ];
        throw notFound('policy or VM', query.name, suggestions.slice(0, 4));
      }
    }
  }
  return {
    filter: {
      statuses: query.statuses,
      types: query.types,
      policyId,
      vmId,
      fromUtc: query.fromUtc,
      toUtc: query.toUtc,
    },
    names,
  };
}

/**
 * The one use case: a parsed query and a page request → one page of sessions. A query with a limit ("last 5
 * failures") asks the API for no more than it needs and counts no further than its limit.
 */
export async function findSessions(
  query: SessionQuery,
  page: PageRequest,
  source: SessionsSource,
): Promise<{ page: SessionPage; names: ResolvedNames }> {
  const { filter, names } = await resolveSessionFilter(query, source);
  if (query.limit === null) return { page: await source.listSessions(filter, page), names };
  const left = Math.max(0, query.limit - page.offset);
  const found = await source.listSessions(filter, {
    offset: page.offset,
    limit: Math.max(1, Math.min(page.limit, left)),
  });
  const sessions = found.sessions.slice(0, left);
  const reached = page.offset + sessions.length >= query.limit;
  const total = found.total !== null ? Math.min(found.total, query.limit) : reached ? query.limit : null;
  return { page: { ...found, sessions, limit: page.limit, total }, names };
}

function notFound(what: string, name: string, suggestions: string[]): BotError {
  const hint = suggestions.length > 0 ? ` Did you mean ${suggestions.map((s) => `"${s}"`).join(', ')}?` : '';
  return new BotError('NOT_FOUND', `I found no ${what} named "${name}".${hint}`);
}
