import { readFileSync } from 'node:fs';
import type http from 'node:http';
import { join } from 'node:path';
import type { z } from 'zod';
import type { Logger } from '../core/ports';
import { readJsonObject } from '../http/read-json-body';
import type { HttpServer } from '../http/server';
import { checkPlaygroundRequest, type PlaygroundAccess } from './playground-access';
import {
  ask,
  askSchema,
  digestPreview,
  digestSchema,
  failNow,
  failNowSchema,
  faultsSchema,
  type PlaygroundDeps,
  postedDigests,
  setFaults,
  simulatorState,
  slackAction,
  slackActionSchema,
  teamsAction,
  teamsActionSchema,
} from './playground-api';

const STATIC_DIR = join(__dirname, 'static');
const VENDOR_DIR = join(require.resolve('adaptivecards/package.json'), '..', 'dist');

/** Files served as they are: small, hand-written, no build step. */
const STATIC_FILES: Record<string, { file: string; type: string }> = {
  '/': { file: join(STATIC_DIR, 'index.html'), type: 'text/html; charset=utf-8' },
  '/playground/app.js': { file: join(STATIC_DIR, 'app.js'), type: 'text/javascript; charset=utf-8' },
  '/playground/block-kit.js': {
    file: join(STATIC_DIR, 'block-kit.js'),
    type: 'text/javascript; charset=utf-8',
  },
  '/playground/style.css': { file: join(STATIC_DIR, 'style.css'), type: 'text/css; charset=utf-8' },
  // The official Adaptive Cards renderer, from the npm package: the card is drawn as the SDK draws it.
  '/playground/vendor/adaptivecards.min.js': {
    file: join(VENDOR_DIR, 'adaptivecards.min.js'),
    type: 'text/javascript; charset=utf-8',
  },
};

const json = (res: http.ServerResponse, status: number, body: unknown) =>
  res
    .writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
    .end(JSON.stringify(body));

/** Mounts the playground's page and API on the bot's server. */
export function mountPlayground(
  http: HttpServer,
  access: PlaygroundAccess,
  deps: PlaygroundDeps,
  logger: Logger,
): void {
  if (access.scope === 'off') return;
  const allowed = (req: http.IncomingMessage, res: http.ServerResponse, api = true) => {
    const refusal = checkPlaygroundRequest(req, access, api);
    if (!refusal) return true;
    json(res, refusal.status, { error: refusal.error });
    return false;
  };

  const files = new Map<string, Buffer>();
  for (const [path, { file, type }] of Object.entries(STATIC_FILES)) {
    http.route('GET', path, (req, res) => {
      if (!allowed(req, res, false)) return;
      let body = files.get(file);
      if (!body) {
        body = readFileSync(file);
        files.set(file, body);
      }
      res
        .writeHead(200, {
          'content-type': type,
          'cache-control': 'no-cache',
          'x-content-type-options': 'nosniff',
          // Scripts only from here; cards may show images from anywhere, never run script from there.
          'content-security-policy': "default-src 'self'; img-src * data:; style-src 'self' 'unsafe-inline'",
        })
        .end(body);
    });
  }

  // Browsers ask for it on every page; nothing to show, nothing to log.
  http.route('GET', '/favicon.ico', (_req, res) => {
    res.writeHead(204).end();
  });

  const api = <S extends z.ZodType>(
    path: string,
    schema: S,
    run: (input: z.infer<S>) => Promise<unknown>,
  ) => {
    http.route('POST', path, async (req, res) => {
      if (!allowed(req, res)) return;
      const body = await readJsonObject(req, 16 * 1024);
      const parsed = schema.safeParse(body);
      if (!parsed.success) {
        json(res, 400, {
          error: parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
        });
        return;
      }
      json(res, 200, await run(parsed.data));
    });
  };
  api('/playground/api/ask', askSchema, (input) => ask(input, deps));
  api('/playground/api/slack-action', slackActionSchema, (input) => slackAction(input, deps));
  api('/playground/api/teams-action', teamsActionSchema, (input) => teamsAction(input, deps));
  api('/playground/api/digest', digestSchema, (input) => digestPreview(input, deps));
  api('/playground/api/fail-now', failNowSchema, async (input) => {
    const failed = failNow(input, deps);
    if ('policy' in failed) logger.info(`Playground: made policy ${failed.policy} fail now`);
    return failed;
  });
  api('/playground/api/faults', faultsSchema, async (input) => {
    const changed = setFaults(input, deps);
    if (changed) logger.info(`Playground: the simulated Veeam API is now ${input.veeam}`);
    return simulatorState(deps);
  });
  http.route('GET', '/playground/api/digests', (req, res) => {
    if (allowed(req, res)) json(res, 200, postedDigests(deps));
  });
  http.route('GET', '/playground/api/simulator', (req, res) => {
    if (allowed(req, res)) json(res, 200, simulatorState(deps));
  });
}
