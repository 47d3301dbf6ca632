import type http from 'node:http';
import type { Request, Response } from 'botbuilder';

const MAX_BODY_BYTES = 256 * 1024;

/**
 * CloudAdapter speaks to express-like request and response objects; the bot's server is plain node:http.
 * This reads the JSON body (bounded) and wraps the response.
 */
export async function toBotFrameworkRequest(req: http.IncomingMessage): Promise<Request | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  let body: Record<string, unknown> | undefined;
  try {
    const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    body = parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : undefined;
  } catch {
    body = undefined;
  }
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
