/**
 * What the core knows of the Veeam REST API's versions: their names, the statuses a session may have, and
 * the vocabulary (statuses and types) a question may use in one version. The facts per version (parameter
 * names, lists, shapes) live in src/veeam/api-versions.ts; the core receives a version's vocabulary
 * through its port, never the wire format.
 */

export const API_VERSIONS = ['v2', 'v3', 'v4', 'v5', 'v6', 'v7', 'v8', 'v8.1'] as const;
export type ApiVersion = (typeof API_VERSIONS)[number];

/** Every status any version knows (../shared/veeam-api/README.md, section 2.3); `Unknown` from v8 on. */
export type JobStatus =
  | 'Canceled'
  | 'Canceling'
  | 'Error'
  | 'NeverExecuted'
  | 'Pending'
  | 'Running'
  | 'RunningWithError'
  | 'RunningWithWarning'
  | 'Success'
  | 'Warning'
  | 'Unknown';

/** The statuses and session types a question may use against one API version. */
export type SessionVocabulary = {
  version: ApiVersion;
  statuses: readonly JobStatus[];
  types: readonly string[];
};

/**
 * The version whose words a question is read with before the appliance has said which it serves
 * (`auto`): the newest the bot knows, which is also what `auto` finds on a current appliance.
 */
export function versionBeforeAsking(setting: ApiVersion | 'auto'): ApiVersion {
  return setting === 'auto' ? 'v8.1' : setting;
}

export function isApiVersion(value: string): value is ApiVersion {
  return (API_VERSIONS as readonly string[]).includes(value);
}
