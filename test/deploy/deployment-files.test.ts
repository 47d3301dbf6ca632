import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const ROOT = join(__dirname, '../..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

/** No Docker engine runs here, so these specs check what can be checked: every file the builds name exists. */
describe('the Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  const lines = dockerfile.split('\n');

  it('copies only files and folders that exist', () => {
    const sources = lines
      .filter((l) => l.startsWith('COPY ') && !l.includes('--from='))
      .flatMap((l) =>
        l
          .replace(/^COPY\s+/, '')
          .split(/\s+/)
          .slice(0, -1),
      );
    expect(sources.length).toBeGreaterThan(3);
    expect(sources.filter((s) => !existsSync(join(ROOT, s)))).toEqual([]);
  });

  it('builds in stages, installs production dependencies only, and runs as a user that is not root', () => {
    expect(lines.filter((l) => l.startsWith('FROM ')).length).toBe(3);
    expect(dockerfile).toContain('npm ci --omit=dev');
    // The runtime stage takes node_modules from the production-only stage, and dist from the build.
    expect(dockerfile).toContain('COPY --from=deps /app/node_modules ./node_modules');
    expect(dockerfile).toContain('COPY --from=build /app/dist ./dist');
    expect(dockerfile).toContain('RUN npm run build');
    expect(lines.filter((l) => l.startsWith('USER ')).at(-1)).toBe('USER node');
  });

  it('starts the compiled build as start:prod does, and checks the health endpoint the bot serves', () => {
    const cmd = JSON.parse(lines.find((l) => l.startsWith('CMD '))?.slice(4) ?? '[]') as string[];
    expect(cmd).toEqual(['node', 'dist/cli/bin.js', 'serve']);
    // dist/ is built, not kept: the compiled build spec (compiled-build.test.ts) builds and runs it.
    expect(existsSync(join(ROOT, 'src/cli/bin.ts'))).toBe(true);
    const scripts = JSON.parse(read('package.json')).scripts;
    expect(scripts['start:prod']).toBe('node dist/cli/bin.js serve');
    expect(scripts.start).toBe('node bin/sessions-bot serve');
    expect(dockerfile).toMatch(/HEALTHCHECK[\s\S]*\/healthz/);
    expect(read('src/http/server.ts')).toContain("'GET /healthz'");
  });

  it('keeps what must not go into an image out of the build context', () => {
    const ignored = read('.dockerignore').split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', '.env', 'data']));
  });
});

describe('the compose example', () => {
  const compose = parse(read('deploy/compose.yaml'));

  it('builds the Dockerfile and mounts only files that exist', () => {
    const build = compose.services.bot.build;
    expect(existsSync(join(ROOT, 'deploy', build.context, build.dockerfile))).toBe(true);
    const mounts = Object.values(compose.services as Record<string, { volumes?: string[] }>)
      .flatMap((s) => s.volumes ?? [])
      .map((v) => v.split(':')[0] as string)
      .filter((source) => source.startsWith('.'));
    expect(mounts.filter((m) => !existsSync(join(ROOT, 'deploy', m)))).toEqual([]);
  });

  it('runs two replicas on one PostgreSQL behind one port, the setup that posts a digest once', () => {
    expect(compose.services.bot.deploy.replicas).toBe(2);
    expect(compose.services.bot.environment.DATABASE_URL).toMatch(/^postgres:\/\/.*@postgres:5432\//);
    expect(compose.services.proxy.ports).toEqual(['3978:3978']);
    expect(read('deploy/nginx.conf')).toContain('server bot:3978');
  });

  it('names only variables .env.example documents, besides the database password', () => {
    const used = [...read('deploy/compose.yaml').matchAll(/\$\{([A-Z_]+)/g)].map((m) => m[1]);
    const documented = read('.env.example');
    expect(used.filter((v) => v !== 'POSTGRES_PASSWORD' && !documented.includes(`${v}=`))).toEqual([]);
  });
});
