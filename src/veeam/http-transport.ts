import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import { BotError } from '../core/errors';
import { veeamErrorFromNetwork } from './veeam-errors';

export type HttpRequest = {
  method: 'GET' | 'POST' | 'DELETE';
  url: URL;
  headers?: Record<string, string>;
  body?: string;
};

export type HttpResponse = { status: number; headers: http.IncomingHttpHeaders; body: string };

/** A response header as one string (Node gives repeated ones as an array: the first counts). */
export function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export type TransportOptions = {
  /** Extra trusted CAs (PEM), for appliances with a self-signed certificate. */
  ca?: string | undefined;
  /** Skip certificate checks: an explicit opt-in, warned about at start. */
  insecure?: boolean;
  timeoutMs: number;
  /**
   * How long a request may wait for one of the sockets before it is refused as "busy". Kept apart from
   * `timeoutMs`, which starts once the request is on a socket: a burst from one user must not use up
   * everyone else's timeout while they queue.
   */
  queueWaitMs?: number;
  /** Responses larger than this are refused, so a broken proxy cannot exhaust memory. */
  maxBodyBytes?: number;
};

/**
 * A small HTTP(S) client on node:http with keep-alive, a custom CA and a hard timeout over the whole
 * exchange. Network failures come back as VeeamErrors (unreachable, TLS, timeout).
 */
export function createHttpTransport(options: TransportOptions): {
  send: (request: HttpRequest) => Promise<HttpResponse>;
  close: () => void;
} {
  const httpsAgent = new https.Agent({
    keepAlive: true,
    maxSockets: 16,
    // Node's default roots stay trusted alongside the extra CA.
    ...(options.ca ? { ca: [...tls.rootCertificates, options.ca] } : {}),
    rejectUnauthorized: !options.insecure,
  });
  const httpAgent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  const maxBody = options.maxBodyBytes ?? 20 * 1024 * 1024;

  function send(request: HttpRequest): Promise<HttpResponse> {
    return new Promise((resolve, reject) => {
      const isHttps = request.url.protocol === 'https:';
      const lib = isHttps ? https : http;
      let timedOut = false;
      let settled = false;
      const finish = (fn: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        clearTimeout(queueTimer);
        fn();
      };
      const req = lib.request(
        request.url,
        {
          method: request.method,
          headers: {
            accept: 'application/json',
            ...(request.body !== undefined
              ? { 'content-length': String(Buffer.byteLength(request.body)) }
              : {}),
            ...request.headers,
          },
          agent: isHttps ? httpsAgent : httpAgent,
        },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > maxBody) {
              req.destroy(new Error(`response larger than ${maxBody} bytes`));
              return;
            }
            chunks.push(chunk);
          });
          res.on('end', () =>
            finish(() =>
              resolve({
                status: res.statusCode ?? 0,
                headers: res.headers,
                body: Buffer.concat(chunks).toString('utf8'),
              }),
            ),
          );
          res.on('error', (err) => finish(() => reject(veeamErrorFromNetwork(err, timedOut))));
        },
      );
      let timer: NodeJS.Timeout | undefined;
      // A request still waiting for a socket emits no error when destroyed until it gets one: answer now.
      const queueTimer = setTimeout(() => {
        finish(() =>
          reject(
            new BotError(
              'VEEAM_TIMEOUT',
              'Too many questions are waiting for the Veeam appliance right now. Try again in a moment.',
            ),
          ),
        );
        req.destroy();
      }, options.queueWaitMs ?? options.timeoutMs);
      req.once('socket', () => {
        clearTimeout(queueTimer);
        timer = setTimeout(() => {
          timedOut = true;
          req.destroy(new Error(`no answer within ${options.timeoutMs} ms`));
        }, options.timeoutMs);
      });
      req.on('error', (err) => finish(() => reject(veeamErrorFromNetwork(err, timedOut))));
      if (request.body !== undefined) req.write(request.body);
      req.end();
    });
  }

  return {
    send,
    close: () => {
      httpsAgent.destroy();
      httpAgent.destroy();
    },
  };
}
