import type { SessionVocabulary } from './sessions/api-version';
import type {
  NamedResource,
  ProtectedItemResults,
  Session,
  SessionLogLine,
  SessionPage,
  VmListing,
  VmPage,
} from './sessions/session';
import type { PageRequest, SessionFilter } from './sessions/session-query';

/** Where sessions come from: the Veeam API client implements it; so could a cache or a test double. */
export interface SessionsSource {
  /**
   * The statuses and types questions may use: those of the API version the appliance serves (until it
   * has been asked, the newest one the source expects).
   */
  readonly vocabulary: SessionVocabulary;
  listSessions(filter: SessionFilter, page: PageRequest): Promise<SessionPage>;
  getSession(id: string): Promise<Session>;
  getSessionLog(id: string): Promise<SessionLogLine[]>;
  /** The session's per-VM results, first page only (`limit` items at most). */
  getProtectedItems(id: string, limit: number): Promise<ProtectedItemResults>;
  /** Policies whose name may match; the caller picks the exact one. */
  findPolicies(name: string): Promise<NamedResource[]>;
  /** VMs whose name may match; the caller picks the exact one. */
  findVms(name: string): Promise<NamedResource[]>;
  /**
   * One page of the VMs no policy covers (`/virtualMachines?ProtectionStatus=Unprotected`), or of the
   * protected VMs with their last backup (`/protectedItem/virtualMachines`, from v7 on).
   */
  listVms(which: VmListing, page: PageRequest): Promise<VmPage>;
}

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}
