import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { API_VERSIONS } from '../../src/core/sessions/api-version';
import { API_VERSION_RECORDS, apiVersionRecord, vocabularyOf } from '../../src/veeam/api-versions';

/**
 * The per-version records against what others wrote down: the reconstructed OpenAPI excerpt of
 * ../shared/veeam-api/, copied to test/fixtures/veeam/ so a clean clone has it (Veeam's documentation and a
 * generated v8.1 client, each item with its source).
 */
type Schema = {
  enum?: string[];
  items?: { $ref?: string };
  minimum?: number;
  'x-also-seen'?: Record<string, string[]>;
};
type Parameter = { name: string; schema: Schema };
type OpenApi = {
  paths: Record<string, { get?: { parameters: Parameter[] } }>;
  components: { schemas: Record<string, Schema & { properties?: Record<string, unknown> }> };
};

const openapi = JSON.parse(
  readFileSync(join(__dirname, '../fixtures/veeam/openapi-reconstructed.json'), 'utf8'),
) as OpenApi;
const schemas = openapi.components.schemas;
const enumOf = (name: string) => schemas[name]?.enum ?? [];
const parametersOf = (path: string) => openapi.paths[path]?.get?.parameters ?? [];
const refOf = (p: Parameter | undefined) => p?.schema.items?.$ref?.split('/').pop() ?? '';

describe.each([
  ['v2', '/api/v2/jobSessions', 'JobSessionV2'],
  ['v8.1', '/api/v8.1/jobSessions', 'JobSession'],
] as const)('the %s record, against the documented GET %s', (version, path, itemSchema) => {
  const record = apiVersionRecord(version);
  const params = parametersOf(path);
  const param = (name: string) => params.find((p) => p.name === name);

  it('names the VM filter, Display and Filter as the documented parameters do', () => {
    expect(param(record.vmParameter)).toBeDefined();
    expect(param(record.vmParameter === 'VmId' ? 'ResourceId' : 'VmId')).toBeUndefined();
    expect(param('Display') !== undefined).toBe(record.display);
    expect(param('Filter') !== undefined).toBe(record.textFilter);
  });

  it('accepts the Limit the documentation allows', () => {
    expect(param('Limit')?.schema.minimum ?? 0).toBe(record.minLimit);
  });

  it('lists exactly the documented statuses', () => {
    expect([...record.statuses].sort()).toEqual([...enumOf(refOf(param('Status')))].sort());
  });

  it('lists every documented session type, and those public scripts were seen to send', () => {
    const typesSchema = schemas[refOf(param('Types'))] ?? {};
    const documented = [
      ...(typesSchema.enum ?? []),
      ...Object.values(typesSchema['x-also-seen'] ?? {}).flat(),
    ];
    expect([...record.types].sort()).toEqual([...new Set(documented)].sort());
  });

  it('sends only info blocks the session schema has', () => {
    const properties = Object.keys(schemas[itemSchema]?.properties ?? {});
    for (const block of record.infoBlocks) expect(properties).toContain(block);
  });
});

describe('the records together', () => {
  it('cover every version the bot knows, each under its own name, each with its sources', () => {
    expect(Object.keys(API_VERSION_RECORDS).sort()).toEqual([...API_VERSIONS].sort());
    for (const v of API_VERSIONS) {
      expect(apiVersionRecord(v).version).toBe(v);
      expect(apiVersionRecord(v).sources.length).toBeGreaterThan(0);
    }
  });

  it('hand the core one vocabulary object per version, with nothing of the wire format', () => {
    expect(vocabularyOf('v8')).toBe(vocabularyOf('v8'));
    expect(Object.keys(vocabularyOf('v2')).sort()).toEqual(['statuses', 'types', 'version']);
    expect(vocabularyOf('v2').statuses).not.toContain('Unknown');
    expect(vocabularyOf('v8.1').statuses).toContain('Unknown');
  });
});
