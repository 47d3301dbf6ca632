import type http from 'node:http';
import type { Request, Response } from 'botbuilder';
import { readJsonObject } from '../http/read-json-body';

const MAX_BODY_BYTES = 256 * 1024;

/**
 * CloudAdapter speaks to express-like request and response objects; the bot's server is plain node:http.
 * This reads the JSON body (bounded) and wraps the response.
 */
export async function toBotFrameworkRequest(req: http.IncomingMessage): Promise<Request | null> {
  const body = await readJsonObject(req, MAX_BODY_BYTES);
  if (!body) return null;
  return {
    body,
    headers: req.headers as Record<string, string | string[] | undefined>,
    method: req.method ?? 'POST',
  };
}

export function toBotFrameworkResponse(res: http.ServerResponse): Response {
  return {
    socket: res.socket,
    status: (code: number) => {
      res.statusCode = code;
    },
    header: (name: string, value: unknown) => {
      res.setHeader(name, String(value));
    },
    send: (body?: unknown) => {
      if (body === undefined || body === null) return;
      if (typeof body === 'object' && !Buffer.isBuffer(body)) {
        if (!res.hasHeader('content-type')) res.setHeader('content-type', 'application/json; charset=utf-8');
        res.write(JSON.stringify(body));
      } else {
        res.write(body as string | Buffer);
      }
    },
    end: () => {
      if (!res.writableEnded) res.end();
    },
  };
}
