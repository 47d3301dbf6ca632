import { STATUS_GROUPS } from './status-groups';

/** One job session as the core sees it: plain, exact, already validated at the API boundary. */
export type Session = {
  id: string;
  /** An API status value; unknown future values are kept as the API sent them. */
  status: string;
  /** An API session type; unknown values are kept. */
  type: string;
  /** The appliance's own label for the type ("Policy Backup"). */
  typeLabel: string;
  startTime: string | null;
  /** Null while the session runs. */
  stopTime: string | null;
  durationMs: number | null;
  policyId: string | null;
  /** What the session worked on: a policy, a repository or a restore's source, whichever the API gave. */
  targetName: string | null;
  /** What the session's info block says besides a name ("3 restore points deleted", a restore's reason). */
  summary: string | null;
  protectedInstances: number | null;
  /** The policy was deleted after the session ran. */
  targetRemoved: boolean;
};

export type SessionPage = {
  sessions: Session[];
  offset: number;
  limit: number;
  /** Null when the API does not say (v8.1 makes totalCount nullable). */
  total: number | null;
  /** Sessions the appliance sent for this page that could not be read (skipped, counted, logged). */
  unreadable: number;
  /**
   * Set when the appliance's order could not be told and more sessions matched than the bot sorts
   * itself: the page is the newest of the first `sortedOf` the appliance gave, not of all of them.
   */
  sortedOf: number | null;
};

/** Statuses of a session still under way; only these may say "running for". */
export const RUNNING_STATUSES: readonly string[] = STATUS_GROUPS.running;

export type SessionLogLine = {
  time: string | null;
  status: string | null;
  message: string;
};

export type NamedResource = { id: string; name: string };

/** What one session did for one VM it protected (`/jobSessions/{id}/protectedItems`). */
type ProtectedItemResult = {
  name: string;
  resourceGroup: string | null;
  /** The status of its latest run in the session (Success, Warning, Error, Running). */
  status: string | null;
};

/** A VM the appliance knows, and when it was last backed up where the list says. */
export type ApplianceVm = {
  id: string;
  name: string;
  resourceGroup: string | null;
  /** ISO instant of its latest backup or snapshot; null when the appliance names none. */
  lastBackup: string | null;
};

/** One page of VMs, as many as the appliance gave and could be read. */
export type VmPage = { vms: ApplianceVm[]; total: number | null; unreadable: number };

/** Which VMs: those no policy covers, or those a policy protects (with their last backup). */
export type VmListing = 'unprotected' | 'protected';

/** A session's per-VM results, as many as a bounded read gave. */
export type ProtectedItemResults = { items: ProtectedItemResult[]; total: number | null; unreadable: number };

const SESSION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Session ids name appliance paths: only a UUID may reach one (never `.` or `..`). */
export function isSessionId(value: unknown): value is string {
  return typeof value === 'string' && SESSION_ID.test(value);
}
