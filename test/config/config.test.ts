import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, ENVIRONMENT_VARIABLES, loadConfig, secretsOf } from '../../src/config/config';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

const appliance = {
  VEEAM_URL: 'https://veeam.example.com',
  VEEAM_USERNAME: 'sessions-bot',
  VEEAM_PASSWORD: 'pw-1234',
};

describe('reading the configuration', () => {
  it('runs on the embedded simulator with nothing set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3978,
      pageSize: 10,
      veeam: { mode: 'simulator', apiVersion: 'auto', order: 'newest', servedVersions: null },
      veeamUiUrl: null,
    });
  });

  it('reads an appliance, and links "Open in Veeam" to its root by default', () => {
    const config = loadConfig({ ...appliance, VEEAM_API_VERSION: 'v8.1', PORT: '8080' });
    expect(config).toMatchObject({
      port: 8080,
      veeam: {
        mode: 'appliance',
        url: 'https://veeam.example.com',
        apiVersion: 'v8.1',
        username: 'sessions-bot',
        insecure: false,
      },
      veeamUiUrl: 'https://veeam.example.com',
    });
    expect(secretsOf(config)).toEqual(['pw-1234', config.buttons.current]);
  });

  it.each([
    [{ VEEAM_URL: 'https://veeam.example.com' }, /VEEAM_USERNAME is required/],
    [
      { VEEAM_URL: 'https://veeam.example.com', VEEAM_USERNAME: 'u' },
      /VEEAM_PASSWORD or VEEAM_PASSWORD_FILE is required/,
    ],
    [
      { ...appliance, VEEAM_URL: 'https://veeam.example.com/api' },
      /VEEAM_URL is the appliance root, without \/api/,
    ],
    [{ ...appliance, VEEAM_URL: 'veeam.example.com' }, /VEEAM_URL must be a URL/],
    [{ ...appliance, VEEAM_URL: 'ftp://veeam.example.com' }, /VEEAM_URL must start with https:\/\//],
    [{ VEEAM_API_VERSION: 'v9' }, /VEEAM_API_VERSION must be auto or one of v2, v3/],
    [{ PORT: 'eighty' }, /PORT must be a whole number/],
    [{ PAGE_SIZE: '500' }, /PAGE_SIZE must be at most 25/],
    [{ VEEAM_TLS_INSECURE: 'maybe' }, /VEEAM_TLS_INSECURE must be true or false/],
    [{ DEFAULT_TIME_ZONE: 'Mars/Base' }, /DEFAULT_TIME_ZONE must be an IANA time zone/],
    [
      { ...appliance, VEEAM_CA_FILE: '/nonexistent/ca.pem' },
      /VEEAM_CA_FILE names a file that cannot be read/,
    ],
    [
      { ...appliance, VEEAM_PASSWORD_FILE: '/nonexistent/pw' },
      /set VEEAM_PASSWORD or VEEAM_PASSWORD_FILE, not both/,
    ],
  ])('refuses %j, naming the variable', (env, message) => {
    expect(problemsOf(env as Record<string, string>).join('\n')).toMatch(message);
  });

  it('reports every problem at once, and points at .env.example', () => {
    try {
      loadConfig({ PORT: 'x', PAGE_SIZE: '0' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect((error as Error).message).toMatch(/PORT[\s\S]*PAGE_SIZE[\s\S]*\.env\.example/);
    }
  });

  it('reads "false" as false (no truthy coercion), and empty variables as unset', () => {
    expect(loadConfig({ ...appliance, VEEAM_TLS_INSECURE: 'false' }).veeam).toMatchObject({
      insecure: false,
    });
    expect(loadConfig({ ...appliance, VEEAM_TLS_INSECURE: 'true' }).veeam).toMatchObject({ insecure: true });
    expect(loadConfig({ VEEAM_URL: '', PORT: '' })).toMatchObject({
      port: 3978,
      veeam: { mode: 'simulator' },
    });
  });

  it('reads the password and the CA bundle from files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sessions-bot-config-'));
    writeFileSync(join(dir, 'pw'), 'from-a-file\n');
    writeFileSync(join(dir, 'ca.pem'), '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    const config = loadConfig({
      VEEAM_URL: 'https://veeam.example.com',
      VEEAM_USERNAME: 'u',
      VEEAM_PASSWORD_FILE: join(dir, 'pw'),
      VEEAM_CA_FILE: join(dir, 'ca.pem'),
    });
    expect(config.veeam).toMatchObject({
      password: 'from-a-file',
      caPem: expect.stringContaining('BEGIN CERTIFICATE'),
    });
    writeFileSync(join(dir, 'bad.pem'), 'not a cert');
    expect(problemsOf({ ...appliance, VEEAM_CA_FILE: join(dir, 'bad.pem') }).join()).toMatch(
      /holds no PEM certificate/,
    );
  });
});

describe('.env.example', () => {
  const documented = readFileSync(join(__dirname, '../../.env.example'), 'utf8')
    .split('\n')
    .filter((line) => /^[A-Z_]+=/.test(line))
    .map((line) => line.slice(0, line.indexOf('=')));

  it('documents every variable the bot reads, and none it does not', () => {
    expect([...documented].sort()).toEqual([...ENVIRONMENT_VARIABLES].sort());
  });

  it('starts the bot as it stands: the simulator, no Slack, no Teams', () => {
    const env = Object.fromEntries(
      readFileSync(join(__dirname, '../../.env.example'), 'utf8')
        .split('\n')
        .filter((line) => /^[A-Z_]+=/.test(line))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    const config = loadConfig(env);
    expect(config).toMatchObject({ veeam: { mode: 'simulator' }, slack: null, teams: null });
  });
});

describe('secrets from files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'secrets-'));
  const file = (name: string, content: string) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };

  it('reads a token and a password from their files, trimmed', () => {
    const config = loadConfig({
      SLACK_BOT_TOKEN_FILE: file('bot', 'xoxb-from-a-file\n'),
      SLACK_SIGNING_SECRET_FILE: file('signing', '8f742231b10e8888abcd99aaaaaa85a5\n'),
      DATABASE_URL_FILE: file('db', 'postgres://bot:s3cret@db:5432/bot\n'),
    });
    expect(config.slack?.botToken).toBe('xoxb-from-a-file');
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://bot:s3cret@db:5432/bot' });
    expect(secretsOf(config)).toEqual(expect.arrayContaining(['xoxb-from-a-file', 's3cret']));
  });

  it.each([
    [
      { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_BOT_TOKEN_FILE: '/nope' },
      /SLACK_BOT_TOKEN or SLACK_BOT_TOKEN_FILE, not both/,
    ],
    [{ SLACK_APP_TOKEN_FILE: '/no/such/file' }, /SLACK_APP_TOKEN_FILE/],
  ])('names the variable when a file cannot be used (%#)', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});
