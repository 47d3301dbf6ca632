import type { PageRequest, SessionFilter } from '../core/sessions/session-query';
import type { ApiVersionRecord } from './api-versions';

/**
 * SessionFilter → the query string of `GET /jobSessions`. Several values repeat the key
 * (`Status=Error&Status=Warning`), as every public client does; the VM filter is `VmId` before v8 and
 * `ResourceId` from v8 on; `Display` exists only before v8.
 */
export function toJobSessionsParams(
  filter: SessionFilter,
  page: PageRequest,
  profile: ApiVersionRecord,
  display?: 'Full' | 'Grouped',
): URLSearchParams {
  const params = new URLSearchParams();
  for (const status of filter.statuses) {
    if (profile.statuses.includes(status)) params.append('Status', status);
  }
  for (const type of filter.types) params.append('Types', type);
  if (filter.policyId) params.set('PolicyId', filter.policyId);
  if (filter.vmId) params.set(profile.vmParameter, filter.vmId);
  if (filter.fromUtc) params.set('FromUtc', filter.fromUtc);
  if (filter.toUtc) params.set('ToUtc', filter.toUtc);
  if (display && profile.display) params.set('Display', display);
  params.set('Offset', String(page.offset));
  params.set('Limit', String(page.limit));
  return params;
}
