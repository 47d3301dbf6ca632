import type http from 'node:http';
import type { Activity } from 'botbuilder';
import { z } from 'zod';
import { isLoopbackHost } from '../http/loopback';
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
  | { ok: true; activity: Activity; authorization: string }
  | { ok: false; status: 400 | 403; problem: string };

/**
 * In open mode nothing proves who sent an activity, and the bot would POST its reply to whatever
 * serviceUrl the activity names: only this machine's addresses are answered (the Emulator, local tests).
 */
function isLoopbackServiceUrl(serviceUrl: string): boolean {
  try {
    return isLoopbackHost(new URL(serviceUrl).hostname);
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
  const authorization = req.headers.authorization;
  return {
    ok: true,
    activity: withDates(body) as unknown as Activity,
    authorization: typeof authorization === 'string' ? authorization : '',
  };
}

/** The SDK expects its activity's times as Dates, with the text as sent kept beside them. */
function withDates(body: Record<string, unknown>): Record<string, unknown> {
  const activity = { ...body };
  for (const [field, raw] of [
    ['timestamp', 'rawTimestamp'],
    ['localTimestamp', 'rawLocalTimestamp'],
    ['expiration', 'rawExpiration'],
  ] as const) {
    const value = activity[field];
    if (typeof value === 'string') {
      activity[raw] = value;
      activity[field] = new Date(value);
    }
  }
  return activity;
}

/** Refusals from token checks: botbuilder's AuthenticationError, or jsonwebtoken's own (another key). */
export function isTokenRefusal(error: unknown): boolean {
  const e = error as { statusCode?: number; name?: string } | null;
  return (
    e?.statusCode === 401 ||
    e?.name === 'AuthenticationError' ||
    e?.name === 'JsonWebTokenError' ||
    e?.name === 'TokenExpiredError' ||
    e?.name === 'NotBeforeError'
  );
}
