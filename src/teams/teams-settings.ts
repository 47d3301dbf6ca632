import { z } from 'zod';
import { bool, csv, httpUrl } from '../config/env-values';

/** Teams' slice of the configuration: its variables and what they come to; null when Teams is off. */

export type TeamsConfig = {
  /** authenticated: JWTs checked with the app registration; open: no checks (Emulator and local tests only). */
  mode: 'authenticated' | 'open';
  appId: string;
  appPassword: string;
  appType: 'SingleTenant' | 'MultiTenant' | 'UserAssignedMSI';
  tenantId: string;
  /** Bot Framework's OpenID metadata (its signing keys); null for Microsoft's public one. */
  openIdMetadataUrl: string | null;
  allowed: { tenants: string[]; teams: string[]; users: string[] };
};

export const TEAMS_SETTINGS = {
  schema: z.object({
    MICROSOFT_APP_ID: z
      .string()
      .uuid({ message: "must be the bot registration's application (client) id, a GUID" })
      .optional(),
    MICROSOFT_APP_PASSWORD: z.string().min(1).optional(),
    MICROSOFT_APP_TYPE: z.enum(['SingleTenant', 'MultiTenant', 'UserAssignedMSI']).default('SingleTenant'),
    MICROSOFT_APP_TENANT_ID: z
      .string()
      .uuid({ message: 'must be the Microsoft Entra tenant id, a GUID' })
      .optional(),
    TEAMS_ALLOW_UNAUTHENTICATED: bool.default(false),
    TEAMS_OPENID_METADATA_URL: httpUrl.optional(),
    TEAMS_ALLOWED_TENANT_IDS: csv(),
    TEAMS_ALLOWED_TEAM_IDS: csv(),
    TEAMS_ALLOWED_USER_IDS: csv(),
  }),
  read: readTeams,
};

function readTeams(e: z.infer<typeof TEAMS_SETTINGS.schema>, problems: string[]): TeamsConfig | null {
  const allowed = {
    tenants: e.TEAMS_ALLOWED_TENANT_IDS,
    teams: e.TEAMS_ALLOWED_TEAM_IDS,
    users: e.TEAMS_ALLOWED_USER_IDS,
  };
  if (e.MICROSOFT_APP_ID) {
    if (e.TEAMS_ALLOW_UNAUTHENTICATED)
      problems.push('TEAMS_ALLOW_UNAUTHENTICATED=true cannot be combined with MICROSOFT_APP_ID');
    if (e.MICROSOFT_APP_TYPE !== 'UserAssignedMSI' && !e.MICROSOFT_APP_PASSWORD) {
      problems.push(
        `MICROSOFT_APP_PASSWORD is required for MICROSOFT_APP_TYPE=${e.MICROSOFT_APP_TYPE} (the client secret of the bot registration)`,
      );
    }
    if (e.MICROSOFT_APP_TYPE !== 'MultiTenant' && !e.MICROSOFT_APP_TENANT_ID) {
      problems.push(`MICROSOFT_APP_TENANT_ID is required for MICROSOFT_APP_TYPE=${e.MICROSOFT_APP_TYPE}`);
    }
    return {
      mode: 'authenticated',
      appId: e.MICROSOFT_APP_ID,
      appPassword: e.MICROSOFT_APP_PASSWORD ?? '',
      appType: e.MICROSOFT_APP_TYPE,
      tenantId: e.MICROSOFT_APP_TENANT_ID ?? '',
      openIdMetadataUrl: e.TEAMS_OPENID_METADATA_URL ?? null,
      allowed,
    };
  }
  if (e.MICROSOFT_APP_PASSWORD || e.MICROSOFT_APP_TENANT_ID)
    problems.push('MICROSOFT_APP_ID is required with MICROSOFT_APP_PASSWORD or MICROSOFT_APP_TENANT_ID');
  if (!e.TEAMS_ALLOW_UNAUTHENTICATED) return null;
  // Bot Framework's open mode is the MultiTenant factory with no app id: it neither checks nor sends tokens.
  return {
    mode: 'open',
    appId: '',
    appPassword: '',
    appType: 'MultiTenant',
    tenantId: '',
    openIdMetadataUrl: null,
    allowed,
  };
}
