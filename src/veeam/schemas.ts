import { z } from 'zod';

/**
 * Zod schemas for what the Veeam API sends back, parsed at the boundary. Lenient on purpose
 * (../shared/veeam-api/README.md §9.4): everything but `status` may be missing or null, unknown fields and
 * unknown enum values pass through, so a newer appliance does not break the bot.
 */

const nullableString = z.string().nullish();

export const tokenResponseSchema = z.looseObject({
  access_token: nullableString,
  refresh_token: nullableString,
  token_type: nullableString,
  expires_in: z.number().nullish(),
  '.expires': nullableString,
  mfa_token: nullableString,
  mfa_enabled: z.boolean().nullish(),
  roleName: nullableString,
});

// Lenient per field: a value in an unexpected shape becomes null instead of failing its item.
const text = z.string().nullish().catch(null);
const flag = z.boolean().nullish().catch(null);
/** A count as a number or, as some serialisers send it, a string of digits. */
const count = z
  .union([z.number(), z.string().regex(/^\d+$/).transform(Number)])
  .nullish()
  .catch(null);
/** One value, or the one-element array the v2 schema page shows for `status` and `type` [D4]. */
const oneString = z.union([
  z.string().min(1),
  z
    .array(z.string().min(1))
    .min(1)
    .transform((a) => a[0] as string),
]);

/**
 * One session. Only `status` (the one field v8.1 requires [C8]) and `id` (without it there are no
 * Details) must be there; every other field is read when it has a shape the docs show and dropped
 * otherwise. Info blocks per type: ../shared/veeam-api/README.md §3.3 and §10.
 */
export const jobSessionSchema = z.looseObject({
  id: z.union([z.string().min(1), z.number().transform(String)]),
  status: oneString,
  type: oneString.nullish().catch(null),
  localizedType: text,
  executionStartTime: text,
  executionStopTime: text,
  // The v2 schema page calls it integer milliseconds [D4]; every real example is a TimeSpan string [D3].
  executionDuration: z.union([z.string(), z.number()]).nullish().catch(null),
  backupJobInfo: z
    .looseObject({ policyId: text, policyName: text, protectedInstancesCount: count, policyRemoved: flag })
    .nullish()
    .catch(null),
  healthCheckJobInfo: z
    .looseObject({ policyId: text, policyName: text, checkedInstancesCount: count, policyRemoved: flag })
    .nullish()
    .catch(null),
  restoreJobInfo: z.looseObject({ reason: text, backupPolicyDisplayName: text }).nullish().catch(null),
  fileLevelRestoreJobInfo: z
    .looseObject({ reason: text, vmId: text, vmName: text, backupPolicyDisplayName: text, initiator: text })
    .nullish()
    .catch(null),
  fileShareFileLevelRestoreJobInfo: z
    .looseObject({ reason: text, backupPolicyDisplayName: text })
    .nullish()
    .catch(null),
  repositoryJobInfo: z.looseObject({ repositoryName: text, repositoryRemoved: flag }).nullish().catch(null),
  retentionJobInfo: z.looseObject({ deletedRestorePointsCount: count }).nullish().catch(null),
  restorePointDataRetrievalJobInfo: z.looseObject({ backupPolicyDisplayName: text }).nullish().catch(null),
});
export type JobSessionPayload = z.infer<typeof jobSessionSchema>;

/**
 * The collection envelope shared by /jobSessions, /virtualMachines and /policies [D3][C8]. Strict where a
 * wrong answer would look like an empty one: `results` must be a list. Its items are read one by one
 * (read-page.ts), so one odd item never costs the page.
 */
export const pageEnvelopeSchema = z.looseObject({
  offset: count,
  limit: count,
  totalCount: count,
  results: z.array(z.unknown()),
});

export const sessionLogSchema = z.looseObject({
  jobSessionId: nullableString,
  log: z
    .array(
      z.looseObject({
        logTime: text,
        status: text,
        message: text,
      }),
    )
    .nullish(),
});

/** One item of `/jobSessions/{id}/protectedItems` [D23][C5]: the resource and its runs in the session. */
export const protectedItemSchema = z.looseObject({
  resource: z.looseObject({ displayName: z.string(), resourceGroupName: nullableString.optional() }),
  runs: z
    .array(z.looseObject({ status: nullableString.optional(), startTime: nullableString.optional() }))
    .nullish(),
});

export const namedResourceSchema = z.looseObject({ id: z.string().min(1), name: z.string() });

/**
 * A VM of `/virtualMachines` [D24] or `/protectedItem/virtualMachines` [C7][C8]: the resource group comes
 * as `resourceGroupName` or as `resourceGroup.name`; `lastBackup` only on the protected list
 * (../shared/veeam-api/README.md §10). A wrong type of an optional field is dropped, not fatal.
 */
export const applianceVmSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string(),
  resourceGroupName: nullableString.optional().catch(null),
  resourceGroup: z.looseObject({ name: nullableString.optional() }).nullish().catch(null),
  lastBackup: nullableString.optional().catch(null),
});

/**
 * What an error body may explain: RFC 7807 problem details (`title`, `detail`) [D2][C6], ASP.NET's
 * ValidationProblemDetails with per-field `errors` [C6], an OAuth `error_description`, or the bare
 * `message` some 500s carry [C4]. Every field is optional and a wrong type is dropped, not fatal.
 */
const said = z.string().optional().catch(undefined);
export const problemSchema = z.looseObject({
  title: said,
  detail: said,
  error_description: said,
  message: said,
  error: said,
  errors: z
    .record(z.string(), z.union([z.array(z.unknown()), z.string()]))
    .optional()
    .catch(undefined),
});
