import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { z } from 'zod';

/** Where the manifest template and its two icons live, relative to the repository root. */
export const TEAMS_MANIFEST_DIR = join(__dirname, '../../../manifests/teams');
/** The id the template carries until a real app id is filled in. */
export const PLACEHOLDER_APP_ID = '00000000-0000-0000-0000-000000000000';

const optionsSchema = z.object({
  appId: z
    .string({ message: "the bot registration's app id is required (MICROSOFT_APP_ID or --app-id)" })
    .uuid({ message: 'the app id must be the GUID of the bot registration (MICROSOFT_APP_ID)' })
    .refine(
      (id) => id !== PLACEHOLDER_APP_ID,
      "the app id is still the placeholder; use your bot registration's",
    ),
  /** Host names only (no scheme, no path): Teams matches them against the links a card opens. */
  validDomains: z
    .array(
      z
        .string()
        .regex(/^(\*\.)?[a-z0-9.-]+(:\d+)?$/i, 'a valid domain is a host name such as veeam.example.com'),
    )
    .max(16),
  version: z
    .string()
    .regex(/^\d+\.\d+\.\d+$/, 'the version must be semver, such as 1.2.3')
    .optional(),
});

/** Raw, as typed on the command line: checked here, so a missing app id gets a sentence, not a stack. */
export type TeamsAppPackageOptions = { appId: string | undefined; validDomains: string[]; version?: string };
export type TeamsAppPackage = { manifest: Record<string, unknown>; zip: Uint8Array };

/**
 * The app package a Teams admin uploads: the manifest with the bot registration's id filled in, and the
 * two icons, zipped flat (Teams refuses a package whose files sit in a folder).
 */
export function buildTeamsAppPackage(
  options: TeamsAppPackageOptions,
  dir = TEAMS_MANIFEST_DIR,
): TeamsAppPackage {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => i.message).join('; '));
  const { appId, validDomains, version } = parsed.data;
  const template = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  const bots = (template.bots as Record<string, unknown>[]).map((bot) => ({ ...bot, botId: appId }));
  const domains = [
    ...new Set([...(template.validDomains as string[]), ...validDomains.map((d) => d.toLowerCase())]),
  ];
  const manifest = { ...template, id: appId, bots, validDomains: domains, ...(version ? { version } : {}) };
  const zip = zipSync({
    'manifest.json': new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`),
    'color.png': readFileSync(join(dir, 'color.png')),
    'outline.png': readFileSync(join(dir, 'outline.png')),
  });
  return { manifest, zip };
}
