import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { unzipSync } from 'fflate';
import { parseDigestCommand } from '../../../src/core/digest/parse-digest-command';
import { parseSessionQuery } from '../../../src/core/query/parse-session-query';
import {
  buildTeamsAppPackage,
  PLACEHOLDER_APP_ID,
  TEAMS_MANIFEST_DIR,
} from '../../../src/teams/app-package/build-teams-app-package';
import { V2_VOCABULARY } from '../../factories/sessions';

const APP_ID = '7ab4d9f1-3c2e-4b6a-8d1f-2e3c4b5a6d7e';
type Manifest = {
  manifestVersion: string;
  id: string;
  icons: { color: string; outline: string };
  bots: { botId: string; scopes: string[]; commandLists: { commands: { title: string }[] }[] }[];
  validDomains: string[];
};
const template = JSON.parse(readFileSync(join(TEAMS_MANIFEST_DIR, 'manifest.json'), 'utf8')) as Manifest;

/**
 * Microsoft's own schema for the manifest version the template declares, as shipped in
 * @microsoft/app-manifest (build/json-schemas/teams/vX.Y), the package Teams Toolkit validates with.
 */
function schemaValidator(version: string) {
  const schemaPath = join(
    require.resolve('@microsoft/app-manifest/package.json'),
    `../build/json-schemas/teams/v${version}/MicrosoftTeams.schema.json`,
  );
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));
}

/** Width, height, colour type and the RGBA of every pixel would need a decoder; IHDR is enough for size. */
function pngSize(png: Uint8Array): { width: number; height: number; colourType: number } {
  const view = Buffer.from(png);
  expect(view.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: view.readUInt32BE(16), height: view.readUInt32BE(20), colourType: view.readUInt8(25) };
}

describe('the Teams app package', () => {
  const validate = schemaValidator(template.manifestVersion);

  it("starts from a manifest that is valid against Microsoft's schema for its version", () => {
    expect(validate(template)).toBe(true);
    expect(validate.errors ?? []).toEqual([]);
  });

  it('offers the bot in personal chat, channels and group chats', () => {
    expect([...(template.bots[0]?.scopes ?? [])].sort()).toEqual(['groupChat', 'personal', 'team']);
  });

  it.each(template.bots[0]?.commandLists.flatMap((l) => l.commands.map((c) => [c.title])) ?? [])(
    'offers "%s", which the bot understands',
    (title) => {
      const context = { now: new Date('2026-11-29T10:00:00Z'), timeZone: 'UTC', vocabulary: V2_VOCABULARY };
      const digest = parseDigestCommand(title, context);
      if (digest) expect(digest.kind).not.toBe('usage');
      else expect(parseSessionQuery(title, context).kind).not.toBe('usage');
    },
  );

  it('fills in the app id, adds valid domains, and still validates', () => {
    const { manifest } = buildTeamsAppPackage({
      appId: APP_ID,
      validDomains: ['Veeam.Example.com'],
      version: '1.2.3',
    });
    expect(manifest).toMatchObject({ id: APP_ID, version: '1.2.3', validDomains: ['veeam.example.com'] });
    expect((manifest as unknown as Manifest).bots[0]?.botId).toBe(APP_ID);
    expect(validate(manifest)).toBe(true);
  });

  it('zips the manifest and the two icons flat, at the sizes Teams asks for', () => {
    const files = unzipSync(buildTeamsAppPackage({ appId: APP_ID, validDomains: [] }).zip);
    expect(Object.keys(files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json'])) as Manifest;
    expect(manifest.id).toBe(APP_ID);
    expect(pngSize(files[manifest.icons.color] as Uint8Array)).toEqual({
      width: 192,
      height: 192,
      colourType: 6,
    });
    expect(pngSize(files[manifest.icons.outline] as Uint8Array)).toEqual({
      width: 32,
      height: 32,
      colourType: 6,
    });
  });

  it.each([
    [undefined, /app id is required/],
    ['not-a-guid', /GUID/],
    [PLACEHOLDER_APP_ID, /placeholder/],
  ])('refuses app id %p with a sentence that says why', (appId, message) => {
    expect(() => buildTeamsAppPackage({ appId, validDomains: [] })).toThrow(message);
  });

  it('refuses a valid domain with a scheme or a path', () => {
    expect(() =>
      buildTeamsAppPackage({ appId: APP_ID, validDomains: ['https://veeam.example.com/ui'] }),
    ).toThrow(/host name/);
  });
});

describe('npm run teams:package', () => {
  const run = (args: string[], env: Record<string, string>) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        [join(__dirname, '../../../bin/sessions-bot'), 'teams-package', ...args],
        { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 30_000 },
        (error, stdout, stderr) =>
          resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });

  it('writes the zip for MICROSOFT_APP_ID and says where to upload it', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'teams-package-')), 'app.zip');
    const r = await run(['--out', out], { MICROSOFT_APP_ID: APP_ID });
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toContain('Upload an app');
    const manifest = JSON.parse(new TextDecoder().decode(unzipSync(readFileSync(out))['manifest.json']));
    expect(manifest.bots[0].botId).toBe(APP_ID);
  });

  it('names MICROSOFT_APP_ID when no app id is given', async () => {
    const r = await run([], {});
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('MICROSOFT_APP_ID');
  });
});
