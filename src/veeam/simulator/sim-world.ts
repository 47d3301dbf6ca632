import { pick, randomFor, uuidFor } from './seed-random';

/** The simulator's world: the policies, VMs and repositories its sessions are about, from a seed. */

export type SimPolicy = {
  id: string;
  name: string;
  vmIds: string[];
  backupMinuteOfDay: number;
  backupEveryHours: number;
  snapshotEveryHours: number;
  snapshotOffsetMinutes: number;
  errorRate: number;
  /** Deleted policies keep their old sessions (policyRemoved: true). */
  removedAfterMs: number | null;
};

export type SimVm = {
  id: string;
  name: string;
  azureId: string;
  resourceGroupName: string;
  regionName: string;
};

export type SimRepository = { id: string; name: string };

export type SimSession = {
  id: string;
  type: string;
  localizedType: string;
  status: string;
  startMs: number;
  stopMs: number | null;
  policy: SimPolicy | null;
  repository: SimRepository | null;
  /** VMs the session processed (VmId filter). */
  vmIds: string[];
  failedVmId: string | null;
  restoreReason: string | null;
};

export type SimWorld = { policies: SimPolicy[]; vms: SimVm[]; repositories: SimRepository[] };

const VM_ROLES = [
  'web',
  'app',
  'api',
  'sql',
  'db',
  'dc',
  'file',
  'cache',
  'mq',
  'k8s-node',
  'build',
  'jump',
  'vdi',
  'erp',
  'crm',
  'etl',
  'mon',
  'log',
  'sap',
  'proxy',
];
const REGIONS = ['West Europe', 'North Europe', 'East US', 'East US 2', 'UK South', 'Germany West Central'];
const ENVIRONMENTS = ['prod', 'stage', 'dev'];

const POLICY_NAMES = [
  'Prod VMs',
  'Prod SQL Daily',
  'Prod Web Tier',
  'Prod App Tier',
  'Domain Controllers',
  'File Servers',
  'ERP Nightly',
  'CRM Nightly',
  'SAP HANA Hosts',
  'Kubernetes Nodes',
  'Build Agents',
  'Jump Hosts',
  'VDI Pool A',
  'VDI Pool B',
  'Staging All',
  'Dev Sandbox',
  'R&D Sandbox',
  'Finance Apps',
  'HR Systems',
  'Monitoring Stack',
  'Logging Cluster',
  'Message Queues',
  'Cache Cluster',
  'Proxy Farm',
  'ETL Workers',
  'Web Tier - Hourly Snapshots',
  'SQL - 4h Snapshots',
  'Gold SLA',
  'Silver SLA',
  'Bronze SLA',
  'Weekend Archive Candidates',
  'EU Region Critical',
  'US Region Critical',
  'Compliance 7y',
  'Test Lab',
  'Partner Portal',
  'Payments (PCI)',
  'Data Warehouse',
];

export function createWorld(seed: string): SimWorld {
  const rand = randomFor(seed, 'world');
  const vms: SimVm[] = [];
  for (const role of VM_ROLES) {
    const count = 8 + Math.floor(rand() * 12);
    for (let n = 1; n <= count; n++) {
      const env = n <= count * 0.6 ? 'prod' : pick(rand, ENVIRONMENTS);
      const name = `${role}-${String(n).padStart(2, '0')}`;
      const id = uuidFor(seed, `vm|${name}`);
      vms.push({
        id,
        name,
        azureId: `/subscriptions/${uuidFor(seed, 'sub')}/resourceGroups/rg-${env}-${role}/providers/Microsoft.Compute/virtualMachines/${name}`,
        resourceGroupName: `rg-${env}-${role}`,
        regionName: pick(rand, REGIONS),
      });
    }
  }
  const policies: SimPolicy[] = POLICY_NAMES.map((name, index) => {
    const r = randomFor(seed, `policy|${name}`);
    // The data warehouse is the big one: dozens of VMs, backed up every six hours, always busy.
    const big = name === 'Data Warehouse';
    const size = big ? 40 : 3 + Math.floor(r() * 14);
    const start = Math.floor(r() * vms.length);
    const vmIds = Array.from({ length: size }, (_, k) => (vms[(start + k * 7) % vms.length] as SimVm).id);
    return {
      id: uuidFor(seed, `policy|${name}`),
      name,
      vmIds: [...new Set(vmIds)],
      // Spread over the day, as appliances serving several time zones are, so something is always running.
      backupMinuteOfDay: Math.floor(r() * 24 * 60),
      backupEveryHours: big ? 6 : 24,
      snapshotEveryHours: name.includes('Hourly') ? 1 : pick(r, [4, 6, 8, 12, 24]),
      snapshotOffsetMinutes: Math.floor(r() * 60),
      // A few flaky policies make "failed today" interesting.
      errorRate: index % 9 === 4 ? 0.25 : index % 5 === 1 ? 0.08 : 0.02,
      removedAfterMs: null,
    };
  });
  policies.push({
    id: uuidFor(seed, 'policy|Legacy SAP'),
    name: 'Legacy SAP',
    vmIds: vms.filter((v) => v.name.startsWith('sap-')).map((v) => v.id),
    backupMinuteOfDay: 23 * 60,
    backupEveryHours: 24,
    snapshotEveryHours: 24,
    snapshotOffsetMinutes: 5,
    errorRate: 0.1,
    removedAfterMs: 12 * 24 * 3_600_000,
  });
  const repositories = ['repo-hot-westeurope', 'repo-archive-northeurope', 'repo-eastus'].map((name) => ({
    id: uuidFor(seed, `repo|${name}`),
    name,
  }));
  return { policies, vms, repositories };
}
