import { API_VERSIONS } from '../../../src/core/sessions/api-version';
import { type ApiRequest, createAppliance } from '../../../src/veeam/simulator/appliance';
import { caseInsensitiveQuery } from '../../../src/veeam/simulator/query-params';
import { FIXED_NOW } from '../../support/simulator-client';

/** The appliance without HTTP: a request in, a response out, over a seeded world at a fixed moment. */
const appliance = createAppliance({
  seed: 'sessions-bot',
  now: () => FIXED_NOW,
  order: 'newest',
  apiVersions: API_VERSIONS,
});

type Page = { totalCount: number; results: Record<string, unknown>[] };

function get(pathAndQuery: string) {
  const [path, query = ''] = pathAndQuery.split('?') as [string, string?];
  const request: ApiRequest = {
    method: 'GET',
    path,
    query: caseInsensitiveQuery(new URLSearchParams(query)),
    baseUrl: 'https://appliance.example',
  };
  return appliance.handle(request) as { status: number; body: Page & Record<string, unknown> };
}

const sessions = appliance.sessions();
const failedBackup = sessions.find((s) => s.type === 'PolicyBackup' && s.status === 'Error' && s.failedVmId);
if (!failedBackup) throw new Error('the seeded world has no failed backup');

describe('the simulated appliance', () => {
  it('answers the per-VM results of a session, with the VM that failed in Error', () => {
    const res = get(`v8.1/jobSessions/${failedBackup.id}/protectedItems`);
    expect(res.status).toBe(200);
    expect(res.body.totalCount).toBe(failedBackup.vmIds.length);
    const failed = res.body.results.filter((r) => (r.runs as { status: string }[])[0]?.status === 'Error');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({
      resource: { id: failedBackup.failedVmId, type: 'VirtualMachine' },
      runs: [{ startTime: expect.any(String), rates: { transferredDataBytes: 0 } }],
    });
  });

  it('narrows the per-VM results by NameSearchPattern', () => {
    const names = (path: string) =>
      get(path).body.results.map((r) => (r.resource as { displayName: string }).displayName);
    const all = names(`v8.1/jobSessions/${failedBackup.id}/protectedItems`);
    const name = all[0] as string;
    const one = names(`v8.1/jobSessions/${failedBackup.id}/protectedItems?NameSearchPattern=${name}`);
    expect(all.length).toBeGreaterThan(1);
    expect(one).toContain(name);
    expect(one.every((n) => n.includes(name))).toBe(true);
    expect(one.length).toBeLessThan(all.length);
  });

  it('tells protected from unprotected VMs, and the two add up to all of them', () => {
    const all = get('v8.1/virtualMachines?Limit=-1').body.totalCount;
    const covered = get('v8.1/virtualMachines?ProtectionStatus=Protected&Limit=-1').body.totalCount;
    const bare = get('v8.1/virtualMachines?ProtectionStatus=Unprotected&Limit=-1').body.totalCount;
    expect(covered).toBeGreaterThan(0);
    expect(bare).toBeGreaterThan(0);
    expect(covered + bare).toBe(all);
    expect(get('v2/virtualMachines?ProtectionStatus=Unknown').status).toBe(400);
    expect(get('v8/virtualMachines?ProtectionStatus=Unknown').status).toBe(200);
  });

  it("lists a VM's policies with VirtualMachineId", () => {
    const vmId = failedBackup.vmIds[0] as string;
    const policies = get(`v8.1/policies/virtualMachines?VirtualMachineId=${vmId}`).body.results;
    expect(policies.length).toBeGreaterThan(0);
    expect(policies.map((p) => p.id)).toContain(failedBackup.policy?.id);
  });

  it('gives protected VMs their last backup time, the end of the newest policy session that backed them up', () => {
    const items = get('v8.1/protectedItem/virtualMachines?Limit=-1').body.results;
    const vmId = failedBackup.vmIds.find((id) => id !== failedBackup.failedVmId) as string;
    const item = items.find((i) => i.id === vmId);
    // A failed session failed on its one failed VM and backed up the others, as its per-VM results say.
    const newestGood = sessions.find(
      (s) =>
        ['PolicyBackup', 'PolicySnapshot'].includes(s.type) &&
        s.stopMs !== null &&
        s.vmIds.includes(vmId) &&
        (['Success', 'Warning'].includes(s.status) ||
          (s.status === 'Error' && s.failedVmId !== null && s.failedVmId !== vmId)),
    );
    expect(item?.lastBackup).toBe(new Date(newestGood?.stopMs as number).toISOString());
  });

  it('lists only the latest restore point of a VM with OnlyLatest=true', () => {
    const vmId = failedBackup.vmIds[0] as string;
    const all = get(`v8.1/restorePoints/virtualMachines?VirtualMachineId=${vmId}&Limit=-1`).body;
    const latest = get(`v8.1/restorePoints/virtualMachines?VirtualMachineId=${vmId}&OnlyLatest=true`).body;
    expect(all.totalCount).toBeGreaterThan(1);
    expect(latest.totalCount).toBe(1);
    expect(latest.results[0]).toEqual(all.results[0]);
    expect(latest.results[0]).toMatchObject({ vmName: expect.any(String), pointInTime: expect.any(String) });
    expect(get(`v8.1/restorePoints/virtualMachines?OnlyLatest=maybe`).status).toBe(400);
  });

  it("says the server's name and region", () => {
    expect(get('v8.1/system/serverInfo')).toMatchObject({
      status: 200,
      body: { serverName: expect.any(String), azureRegion: expect.any(String) },
    });
  });

  it('checks each request against its version: Limit=-1, Unknown and ResourceId exist from v8 on', () => {
    expect(get('v2/jobSessions?Limit=-1')).toMatchObject({
      status: 400,
      body: { errors: { Limit: [expect.any(String)] } },
    });
    expect(get('v8/jobSessions?Limit=-1').status).toBe(200);
    expect(get('v7/jobSessions?Status=Unknown').status).toBe(400);
    expect(get('v2/jobSessions?VmId=web-01')).toMatchObject({
      status: 400,
      body: { errors: { VmId: [expect.any(String)] } },
    });
    expect(get('v8.1/jobSessions?Types=AutoBackup')).toMatchObject({
      status: 400,
      body: { errors: { Types: [expect.any(String)] } },
    });
  });

  it('sends only the info blocks a version documents: no retentionJobInfo before v3', () => {
    const retention = sessions.find((s) => s.type === 'BackupRetention');
    if (!retention) throw new Error('no retention session');
    expect(get(`v2/jobSessions/${retention.id}`).body).not.toHaveProperty('retentionJobInfo');
    expect(get(`v3/jobSessions/${retention.id}`).body).toHaveProperty('retentionJobInfo');
  });

  it('answers 404 for a version it does not serve, or a path it does not know', () => {
    const only81 = createAppliance({
      seed: 's',
      now: () => FIXED_NOW,
      order: 'newest',
      apiVersions: ['v8.1'],
    });
    expect(only81.serves('v2/jobSessions')).toBe(false);
    expect(only81.serves('v8.1/jobSessions')).toBe(true);
    expect(get('v8.1/nothing/here').status).toBe(404);
  });
});
