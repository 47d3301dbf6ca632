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

export type BridgedRequest =
  | { ok: true; request: Request }
  | { ok: false; status: 400 | 403; problem: string };

/**
 * In open mode nothing proves who sent an activity, and the bot would POST its reply to whatever
 * serviceUrl the activity names: only this machine's addresses are answered (the Emulator, local tests).
 */
export function isLoopbackServiceUrl(serviceUrl: string): boolean {
  try {
    const host = new URL(serviceUrl).hostname.toLowerCase();
    return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
  } catch {
    return false;
  }
}

export async function toBotFrameworkRequest(
  req: http.IncomingMessage,
  options: { loopbackServiceUrlOnly: boolean },
): Promise<BridgedRequest> {
  const body = await readJsonObject(req, MAX_BODY_BYTES);
  if (!body) return { ok: false, status: 400, problem: 'expected one JSON activity of at most 256 KB' };
  const envelope = activityEnvelope.safeParse(body);
  if (!envelope.success) {
    return {
      ok: false,
      status: 400,
      problem: `not an activity: ${envelope.error.issues.map((i) => `${i.path.join('.') || 'body'} ${i.message}`).join('; ')}`,
    };
  }
  if (options.loopbackServiceUrlOnly && !isLoopbackServiceUrl(envelope.data.serviceUrl)) {
    return {
      ok: false,
      status: 403,
      problem:
        'TEAMS_ALLOW_UNAUTHENTICATED answers activities whose serviceUrl is on this machine only (the Emulator, local tests)',
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

/** jsonwebtoken's own errors, which botbuilder lets through as a 500 (a token signed by another key). */
const TOKEN_REFUSALS =
  /^(invalid signature|invalid token|jwt |TokenExpired|The token has expired|Unauthorized)/i;

/**
 * botbuilder answers a failed request with its internal error text as the body. A caller learns only the
 * status and one plain sentence; a token it cannot verify is a 401, whatever botbuilder made of it.
 */
export function toBotFrameworkResponse(
  res: http.ServerResponse,
  onFailure: (status: number, detail: string) => void = () => {},
): Response {
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
      if (res.statusCode === 401 || res.statusCode >= 500) {
        const detail = typeof body === 'string' ? body : JSON.stringify(body);
        if (res.statusCode >= 500 && TOKEN_REFUSALS.test(detail)) res.statusCode = 401;
        onFailure(res.statusCode, detail);
        res.setHeader('content-type', 'application/json; charset=utf-8');
        res.write(
          JSON.stringify({
            error: res.statusCode === 401 ? 'not authorized: no valid Bot Framework token' : 'internal error',
          }),
        );
        return;
      }
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
