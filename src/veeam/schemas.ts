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
export type TokenResponse = z.infer<typeof tokenResponseSchema>;

export const jobSessionSchema = z.looseObject({
  id: nullableString,
  status: z.string(),
  type: z.union([z.string(), z.array(z.string())]).nullish(),
  localizedType: nullableString,
  executionStartTime: nullableString,
  executionStopTime: nullableString,
  // The v2 schema page calls it integer milliseconds; every real example is a TimeSpan string.
  executionDuration: z.union([z.string(), z.number()]).nullish(),
  backupJobInfo: z
    .looseObject({
      policyId: nullableString,
      policyName: nullableString,
      protectedInstancesCount: z.number().nullish(),
      policyRemoved: z.boolean().nullish(),
    })
    .nullish(),
  healthCheckJobInfo: z
    .looseObject({
      policyId: nullableString,
      policyName: nullableString,
      policyRemoved: z.boolean().nullish(),
    })
    .nullish(),
  restoreJobInfo: z
    .looseObject({ reason: nullableString, backupPolicyDisplayName: nullableString })
    .nullish(),
  repositoryJobInfo: z
    .looseObject({ repositoryName: nullableString, repositoryRemoved: z.boolean().nullish() })
    .nullish(),
  fileLevelRestoreJobInfo: z.looseObject({}).nullish(),
});
export type JobSessionPayload = z.infer<typeof jobSessionSchema>;

/** The collection envelope shared by /jobSessions, /virtualMachines and /policies. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.looseObject({
    offset: z.number().nullish(),
    limit: z.number().nullish(),
    totalCount: z.number().nullish(),
    results: z.array(item).nullish(),
  });
}

export const jobSessionPageSchema = pageSchema(jobSessionSchema);

export const sessionLogSchema = z.looseObject({
  jobSessionId: nullableString,
  log: z
    .array(
      z.looseObject({
        logTime: nullableString,
        status: nullableString,
        message: nullableString,
      }),
    )
    .nullish(),
});

export const namedResourceSchema = z.looseObject({ id: z.string(), name: z.string() });
export const namedResourcePageSchema = pageSchema(namedResourceSchema);

/** RFC 7807 problem details, as far as they help a user. */
export const problemSchema = z.looseObject({
  type: nullableString,
  title: nullableString,
  status: z.number().nullish(),
  detail: nullableString,
  traceId: nullableString,
  errors: z.unknown().optional(),
});
export type Problem = z.infer<typeof problemSchema>;
