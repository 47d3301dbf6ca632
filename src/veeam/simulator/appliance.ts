import { type ApiVersion, isApiVersion } from '../../core/sessions/api-version';
import { type ApiVersionRecord, apiVersionRecord } from '../api-versions';
import { createInjectedSessions, type InjectedSessions } from './injected-sessions';
import {
  protectedItemPayload,
  protectedVmPayload,
  restorePointPayload,
  type VmProtection,
  vmOutage,
  vmProtection,
  withVmOutage,
} from './protection';
import { pageOf, QueryReader } from './query-params';
import { generateSessions } from './seed-sessions';
import { sessionLog, sessionPayload } from './session-payloads';
import { json, problem, type SimResponse, validationProblem } from './sim-response';
import { createWorld, type SimSession, type SimWorld } from './sim-world';

/**
 * The simulated appliance itself, without HTTP, tokens or faults: an API request in, a response out, over
 * a world generated from a seed and a clock. Requests are checked against the documented facts of their
 * API version (api-versions.ts), as the appliance's ASP.NET binding would.
 */

export type ApplianceOptions = {
  seed: string;
  now: () => number;
  /**
   * The order /jobSessions lists its results in. Nothing documents one; the one published collection
   * example [D3] lists newest first, so that is the default. `oldest` is what an appliance may as well do.
   */
  order: 'newest' | 'oldest';
  /** The API versions served; the others answer 404 like any unknown path. */
  apiVersions: readonly ApiVersion[];
  /** Extra plain backup sessions for load tests: this many a day over the last `days` days. */
  bulk?: { sessionsPerDay: number; days: number } | undefined;
};

/** An authorised API call: `/api/<version>/<path>?<query>`. */
export type ApiRequest = {
  method: string;
  /** The path after `/api/`, e.g. `v8.1/jobSessions`. */
  path: string;
  query: Map<string, string[]>;
  /** Where the appliance is reached, for `_links`. */
  baseUrl: string;
};

export type Appliance = {
  world: SimWorld;
  /** The sessions held right now, newest first. */
  sessions(): SimSession[];
  /** POST /__simulator/sessions: a session of a policy, running from its start for its duration. */
  addSession: InjectedSessions['add'];
  /** Whether a path names a version this appliance serves (others are 404 before any token check). */
  serves(path: string): boolean;
  handle(request: ApiRequest): SimResponse;
  /** Counted as served. */
  stats: { apiCalls: number; jobSessionsCalls: number };
};

type Snapshot = {
  minute: number;
  sessions: SimSession[];
  byId: Map<string, SimSession>;
  protection: VmProtection | null;
};

export function createAppliance(options: ApplianceOptions): Appliance {
  const { seed, now } = options;
  const world = createWorld(seed);
  const vmsById = new Map(world.vms.map((v) => [v.id, v]));
  const vmName = (id: string) => vmsById.get(id)?.name ?? id;
  const bulk = options.bulk ? bulkSessions(world, now(), options.bulk.sessionsPerDay, options.bulk.days) : [];
  const stats = { apiCalls: 0, jobSessionsCalls: 0 };
  let snapshot: Snapshot | null = null;

  const injected = createInjectedSessions(world, now);
  const outage = vmOutage(world);
  const generatedNow = (): Snapshot => {
    // Regenerated once a simulated minute: cheap enough, and running sessions finish on time.
    const minute = Math.floor(now() / 60_000);
    if (!snapshot || snapshot.minute !== minute) {
      const generated = withVmOutage(generateSessions(seed, world, now()), outage, now());
      const sessions =
        bulk.length > 0 ? [...generated, ...bulk].sort((a, b) => b.startMs - a.startMs) : generated;
      snapshot = { minute, sessions, byId: new Map(sessions.map((s) => [s.id, s])), protection: null };
    }
    return snapshot;
  };
  // Added sessions are placed at every request, not once a minute: one that ends at 06:00:20 is listed
  // as failed from 06:00:20, as an appliance would. VM protection counts the generated sessions only.
  const current = (): Pick<Snapshot, 'sessions' | 'byId'> => {
    const base = generatedNow();
    if (injected.count() === 0) return base;
    const added = injected.at(now());
    const sessions = [...base.sessions, ...added].sort((a, b) => b.startMs - a.startMs);
    const byId = new Map(base.byId);
    for (const s of added) byId.set(s.id, s);
    return { sessions, byId };
  };
  const protection = (): VmProtection => {
    const s = generatedNow();
    s.protection ??= vmProtection(world, s.sessions);
    return s.protection;
  };

  const versionOf = (path: string): ApiVersion | null => {
    const v = /^(v[\d.]+)\//.exec(path)?.[1];
    return v && isApiVersion(v) && options.apiVersions.includes(v) ? v : null;
  };

  function handle(request: ApiRequest): SimResponse {
    const version = versionOf(request.path);
    if (!version) return notFound(request.path);
    stats.apiCalls++;
    if (request.method !== 'GET') return problem(405, 'Method Not Allowed', '');
    const record = apiVersionRecord(version);
    const path = request.path.slice(version.length + 1);
    const q = new QueryReader(request.query);

    if (path === 'jobSessions') {
      stats.jobSessionsCalls++;
      return listJobSessions(record, q, request.baseUrl);
    }
    const one = /^jobSessions\/([^/]+)(\/log|\/protectedItems)?$/.exec(path);
    if (one) {
      const session = current().byId.get(decodeURIComponent(one[1] as string));
      if (!session) return problem(404, 'Not Found', `Job session ${one[1]} was not found.`);
      if (one[2] === '/log')
        return json(200, { jobSessionId: session.id, log: sessionLog(seed, session, world) });
      if (one[2] === '/protectedItems') {
        const pattern = q.raw('NameSearchPattern')?.toLowerCase();
        const items = session.vmIds
          .map((id) => vmsById.get(id))
          .filter((vm) => vm !== undefined)
          .filter((vm) => !pattern || vm.name.toLowerCase().includes(pattern))
          .map((vm) => protectedItemPayload(session, vm));
        return paged(q, record, items);
      }
      return json(200, sessionPayload(session, request.baseUrl, record, vmName));
    }
    if (path === 'policies/virtualMachines') {
      // [C8]: PolicyName and VirtualMachineId narrow the list.
      const name = q.raw('PolicyName')?.toLowerCase();
      const vmId = q.raw('VirtualMachineId');
      const items = world.policies
        .filter((p) => p.removedAfterMs === null)
        .filter((p) => !name || p.name.toLowerCase().includes(name))
        .filter((p) => !vmId || p.vmIds.includes(vmId))
        .map((p) => ({ id: p.id, name: p.name, description: '', isEnabled: true }));
      return paged(q, record, items);
    }
    if (path === 'virtualMachines') {
      // [D24]: SearchPattern matches names; ProtectionStatus is Protected or Unprotected (v8 adds Unknown).
      const pattern = q.raw('SearchPattern')?.toLowerCase();
      const statuses = q.enumValues('ProtectionStatus', record.protectionStatuses);
      const covered = statuses.length > 0 ? protection().protectedIds : null;
      const items = world.vms
        .filter((v) => !pattern || v.name.toLowerCase().includes(pattern))
        .filter((v) => !covered || statuses.includes(covered.has(v.id) ? 'Protected' : 'Unprotected'))
        .map((v) => ({ ...v }));
      return paged(q, record, items);
    }
    if (path === 'protectedItem/virtualMachines') {
      const pattern = q.raw('SearchPattern')?.toLowerCase();
      const p = protection();
      const items = world.vms
        .filter((v) => p.protectedIds.has(v.id) || p.restorePoints.has(v.id))
        .filter((v) => !pattern || v.name.toLowerCase().includes(pattern))
        .map((v) => protectedVmPayload(v, p));
      return paged(q, record, items);
    }
    if (path === 'restorePoints/virtualMachines') {
      const vmId = q.raw('VirtualMachineId');
      const onlyLatest = q.boolean('OnlyLatest') ?? false;
      const p = protection();
      const vms = vmId ? [vmsById.get(vmId)].filter((v) => v !== undefined) : world.vms;
      const items = vms.flatMap((vm) => {
        const points = p.restorePoints.get(vm.id) ?? [];
        return (onlyLatest ? points.slice(0, 1) : points).map((s) => restorePointPayload(vm, s));
      });
      return paged(q, record, items);
    }
    if (path === 'system/about') {
      return json(200, { serverVersion: '8.1.0.0-simulator', workerVersion: '8.1.0.0' });
    }
    if (path === 'system/serverInfo') {
      // [C1][C2][C4]: the appliance's name and the region it runs in.
      return json(200, { serverName: 'vbazure-simulator', azureRegion: 'westeurope' });
    }
    return notFound(request.path);
  }

  function listJobSessions(record: ApiVersionRecord, q: QueryReader, baseUrl: string): SimResponse {
    const statuses = q.enumValues('Status', record.statuses);
    const types = q.enumValues('Types', record.types);
    const fromMs = q.date('FromUtc');
    const toMs = q.date('ToUtc');
    const policyId = q.uuid('PolicyId');
    // Before v8 the VM filter is a UUID named VmId; from v8 on a string named ResourceId [D1][D6].
    const vmId = record.vmParameter === 'VmId' ? q.uuid('VmId') : (q.raw('ResourceId') ?? null);
    if (record.display) q.enumValues('Display', ['Full', 'Grouped']);
    const textFilter = record.textFilter ? q.raw('Filter')?.toLowerCase() : undefined;
    const paging = q.paging(record);
    if (q.failed) return validationProblem(q.errors);

    const matches = current().sessions.filter(
      (s) =>
        (statuses.length === 0 || statuses.includes(s.status as (typeof statuses)[number])) &&
        (types.length === 0 || types.includes(s.type)) &&
        (policyId === null || s.policy?.id === policyId) &&
        (vmId === null || s.vmIds.includes(vmId)) &&
        (fromMs === null || s.startMs >= fromMs) &&
        (toMs === null || s.startMs < toMs) &&
        (!textFilter || (s.policy?.name ?? s.repository?.name ?? '').toLowerCase().includes(textFilter)),
    );
    if (options.order === 'oldest') matches.reverse();
    const page = pageOf(matches, paging);
    return json(200, {
      ...page,
      results: page.results.map((s) => sessionPayload(s, baseUrl, record, vmName)),
    });
  }

  return {
    world,
    sessions: () => current().sessions,
    addSession: (request) => injected.add(request),
    serves: (path) => versionOf(path) !== null,
    handle,
    stats,
  };
}

function paged(q: QueryReader, record: ApiVersionRecord, items: readonly unknown[]): SimResponse {
  const paging = q.paging(record);
  if (q.failed) return validationProblem(q.errors);
  return json(200, pageOf(items, paging));
}

function notFound(path: string): SimResponse {
  return problem(404, 'Not Found', `No resource at /api/${path}`);
}

/**
 * Volume without variety, for benchmarks: policy backups spread evenly over the last days, 2% failed and
 * 3% with warnings, in a fixed pattern so every run counts the same.
 */
function bulkSessions(world: SimWorld, nowMs: number, perDay: number, days: number): SimSession[] {
  const total = perDay * days;
  const step = (days * 86_400_000) / total;
  const out: SimSession[] = new Array(total);
  for (let i = 0; i < total; i++) {
    const policy = world.policies[i % world.policies.length] as SimWorld['policies'][number];
    const vm = world.vms[i % world.vms.length] as SimWorld['vms'][number];
    const startMs = Math.floor(nowMs - 3_600_000 - i * step);
    out[i] = {
      id: `00000000-0000-4000-a000-${i.toString(16).padStart(12, '0')}`,
      type: 'PolicyBackup',
      localizedType: 'Policy Backup',
      status: i % 50 === 7 ? 'Error' : i % 33 === 5 ? 'Warning' : 'Success',
      startMs,
      stopMs: startMs + 300_000,
      policy,
      repository: null,
      vmIds: [vm.id],
      failedVmId: null,
      restoreReason: null,
    };
  }
  return out;
}
