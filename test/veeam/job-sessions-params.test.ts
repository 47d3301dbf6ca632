import { apiVersionRecord } from '../../src/veeam/api-versions';
import { toJobSessionsParams } from '../../src/veeam/job-sessions-params';

const filter = {
  statuses: ['Error', 'RunningWithError'] as const,
  types: ['PolicyBackup', 'PolicySnapshot'],
  policyId: 'p-1',
  vmId: 'vm-1',
  fromUtc: '2026-11-01T00:00:00Z',
  toUtc: '2026-11-02T00:00:00Z',
};

describe('the query string of GET /jobSessions', () => {
  it('repeats keys for several values and uses VmId and Display before v8', () => {
    const params = toJobSessionsParams(
      { ...filter, statuses: [...filter.statuses] },
      { offset: 20, limit: 10 },
      apiVersionRecord('v2'),
      'Grouped',
    );
    expect(params.toString()).toBe(
      'Status=Error&Status=RunningWithError&Types=PolicyBackup&Types=PolicySnapshot&PolicyId=p-1&VmId=vm-1&FromUtc=2026-11-01T00%3A00%3A00Z&ToUtc=2026-11-02T00%3A00%3A00Z&Display=Grouped&Offset=20&Limit=10',
    );
  });

  it('uses ResourceId and drops Display from v8 on', () => {
    const params = toJobSessionsParams(
      { ...filter, statuses: [...filter.statuses] },
      { offset: 0, limit: 10 },
      apiVersionRecord('v8.1'),
      'Grouped',
    );
    expect(params.get('ResourceId')).toBe('vm-1');
    expect(params.has('VmId')).toBe(false);
    expect(params.has('Display')).toBe(false);
  });

  it('never sends a status the version does not have', () => {
    const params = toJobSessionsParams(
      { ...filter, statuses: ['Unknown', 'Error'] },
      { offset: 0, limit: 10 },
      apiVersionRecord('v2'),
    );
    expect(params.getAll('Status')).toEqual(['Error']);
  });
});
