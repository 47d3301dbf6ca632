import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { closeServer } from './local-server';

/**
 * A stand-in appliance that answers with the documented fixtures of test/fixtures/veeam, for client specs
 * that must not only agree with our own simulator. Each spec says what every path answers; the fake
 * records what was asked.
 */
export type Answer = {
  status?: number;
  body: string;
  contentType?: string;
  headers?: Record<string, string>;
};
export type Route = (request: {
  method: string;
  path: string;
  query: URLSearchParams;
  body: string;
  authorization: string | undefined;
}) => Answer | undefined;

export type DocumentedAppliance = {
  url: string;
  requests: { method: string; path: string; query: string; authorization: string | undefined }[];
  close(): Promise<void>;
};

export function fixture(name: string): string {
  return readFileSync(join(__dirname, '../fixtures/veeam', name), 'utf8');
}

export const json = (body: unknown, status = 200): Answer => ({
  status,
  body: typeof body === 'string' ? body : JSON.stringify(body),
  contentType: status >= 400 ? 'application/problem+json' : 'application/json',
});

export const html = (body: string, status = 200): Answer => ({ status, body, contentType: 'text/html' });

/** A token endpoint that logs anyone in, with a token that lasts an hour from `now`. */
export function tokenRoute(now = Date.now()): Route {
  return ({ path }) =>
    path.endsWith('/api/oauth2/token')
      ? json({
          ...JSON.parse(fixture('token-response-v3.json')),
          '.expires': new Date(now + 3_600_000).toISOString(),
        })
      : undefined;
}

export async function startDocumentedAppliance(...routes: Route[]): Promise<DocumentedAppliance> {
  const requests: DocumentedAppliance['requests'] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://appliance');
      const request = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        body: Buffer.concat(chunks).toString(),
        authorization: req.headers.authorization,
      };
      requests.push({
        method: request.method,
        path: request.path,
        query: url.search,
        authorization: request.authorization,
      });
      const answer =
        routes.map((r) => r(request)).find((a) => a !== undefined) ??
        json({ title: 'Not Found', status: 404 }, 404);
      res.writeHead(answer.status ?? 200, {
        'content-type': answer.contentType ?? 'application/json',
        ...answer.headers,
      });
      res.end(answer.body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => closeServer(server),
  };
}
