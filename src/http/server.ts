import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../core/ports';

type RouteHandler = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void> | void;

export type HttpServer = {
  /** Adds a route: Slack, Teams, the playground, /metrics and /readyz are mounted this way. */
  route(method: string, path: string, handler: RouteHandler): void;
  setReady(ready: boolean): void;
  listen(port: number, host: string): Promise<string>;
  close(): Promise<void>;
  readonly server: http.Server;
};

/**
 * The bot's one HTTP server. `GET /healthz` answers 200 once the bot is ready (503 before and while
 * shutting down). A handler that throws answers 500 with no detail; the cause goes to the log.
 */
export function createHttpServer(logger: Logger): HttpServer {
  const routes = new Map<string, RouteHandler>();
  let ready = false;
  routes.set('GET /healthz', (_req, res) => {
    const body = JSON.stringify({ status: ready ? 'ok' : 'starting' });
    res.writeHead(ready ? 200 : 503, { 'content-type': 'application/json' }).end(body);
  });

  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] as string;
    const handler = routes.get(`${req.method} ${path}`);
    if (!handler) {
      const allowed = [...routes.keys()].some((k) => k.endsWith(` ${path}`));
      res.writeHead(allowed ? 405 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: allowed ? 'method not allowed' : 'not found' }));
      return;
    }
    Promise.resolve()
      .then(() => handler(req, res))
      .catch((error: unknown) => {
        logger.error('HTTP handler failed', { path, error });
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        if (!res.writableEnded) res.end(JSON.stringify({ error: 'internal error' }));
      });
  });
  // Slow clients must not hold sockets for ever.
  server.requestTimeout = 30_000;
  server.headersTimeout = 15_000;

  return {
    server,
    route: (method, path, handler) => routes.set(`${method.toUpperCase()} ${path}`, handler),
    setReady: (value) => {
      ready = value;
    },
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          const a = server.address() as AddressInfo;
          const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : a.address;
          resolve(`http://${shown}:${a.port}`);
        });
      }),
    close: () =>
      new Promise((resolve) => {
        ready = false;
        server.closeIdleConnections();
        server.close(() => resolve());
        setTimeout(() => server.closeAllConnections(), 2000).unref();
      }),
  };
}
