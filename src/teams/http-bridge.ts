import type http from 'node:http';
import type { Request, Response } from 'botbuilder';
import { z } from 'zod';
import { readJsonObject } from '../http/read-json-body';

const MAX_BODY_BYTES = 256 * 1024;

/**
 * CloudAdapter speaks to express-like request and response objects; the bot's server is plain node:http.
 * This reads the JSON body (bounded) and wraps the response.
 */
/**
 * What every activity from the Bot Connector carries. Checked before botbuilder sees it: the SDK answers
 * a body without these with an exception (a 500), where the sender deserves a 400 that says what is missing.
 */
const activityEnvelope = z
  .object({
    type: z.string().min(1).max(64),
    channelId: z.string().min(1).max(64),
    serviceUrl: z.url({ protocol: /^https?$/ }).max(2048),
    conversation: z.object({ id: z.string().min(1).max(1024) }).passthrough(),
  })
  .passthrough();

export type BridgedRequest = { ok: true; request: Request } | { ok: false; problem: string };

export async function toBotFrameworkRequest(req: http.IncomingMessage): Promise<BridgedRequest> {
  const body = await readJsonObject(req, MAX_BODY_BYTES);
  if (!body) return { ok: false, problem: 'expected one JSON activity of at most 256 KB' };
  const envelope = activityEnvelope.safeParse(body);
  if (!envelope.success) {
    return {
      ok: false,
      problem: `not an activity: ${envelope.error.issues.map((i) => `${i.path.join('.') || 'body'} ${i.message}`).join('; ')}`,
    };
  }
  return {
    ok: true,
    request: {
      body,
      headers: req.headers as Record<string, string | string[] | undefined>,
      method: req.method ?? 'POST',
    },
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
