import { createHash } from 'node:crypto';
import { z } from 'zod';
import { API_VERSIONS, apiVersionProfile } from '../sessions/api-version';
import { MAX_NAME_LENGTH, type SessionQuery } from '../sessions/session-query';

/**
 * Button state: the query (with absolute time bounds, so "Next" on "today" stays on the same window),
 * the offset and the page size, carried in the button itself so that any replica can serve the click
 * with no shared store.
 *
 * Format: `sb1.<base64url JSON>.<check>`. The check is a short hash that catches truncation and casual
 * editing. It is not a signature, and needs none: a token grants nothing the user could not type as a
 * query, and access control is checked again on every click.
 */

export type PageState = { query: SessionQuery; offset: number; limit: number };
export type DetailsState = {
  sessionId: string;
  back: PageState | null;
  timeZone: string;
  apiVersion: SessionQuery['apiVersion'];
};

export type TokenProblem = 'foreign' | 'outdated' | 'damaged';
export type Decoded<T> = { ok: true; value: T } | { ok: false; problem: TokenProblem; message: string };

const VERSION = 'sb1';
/** Slack allows 2,000 characters in a button value; keep a margin. */
export const MAX_TOKEN_LENGTH = 1900;

const name = z.string().max(MAX_NAME_LENGTH).nullable();
const index = z.number().int().min(0).max(200);
const compactQuery = z.strictObject({
  // Statuses and types travel as indexes into the API version's lists, which keeps the worst case short.
  s: z.array(index).max(20),
  t: z.array(index).max(80),
  p: name,
  m: name,
  n: name,
  f: z.iso.datetime().nullable(),
  u: z.iso.datetime().nullable(),
  l: z.string().max(200).nullable(),
  z: z.string().min(1).max(64),
  a: z.enum(API_VERSIONS),
});
const pageSchema = z.strictObject({
  k: z.literal('p'),
  q: compactQuery,
  o: z.number().int().min(0).max(1_000_000),
  n: z.number().int().min(1).max(100),
});
const detailsSchema = z.strictObject({
  k: z.literal('d'),
  i: z.string().min(1).max(100),
  z: z.string().min(1).max(64),
  a: z.enum(API_VERSIONS),
  b: pageSchema.omit({ k: true }).nullable(),
});

type CompactQuery = z.infer<typeof compactQuery>;

function compact(q: SessionQuery): CompactQuery {
  const profile = apiVersionProfile(q.apiVersion);
  return {
    s: q.statuses.map((v) => profile.statuses.indexOf(v)).filter((i) => i >= 0),
    t: q.types.map((v) => profile.types.indexOf(v)).filter((i) => i >= 0),
    p: q.policy,
    m: q.vm,
    n: q.name,
    f: q.fromUtc,
    u: q.toUtc,
    l: q.timeLabel,
    z: q.timeZone,
    a: q.apiVersion,
  };
}

/** Null when an index points past the version's list (a token from another build). */
function expand(c: CompactQuery): SessionQuery | null {
  const profile = apiVersionProfile(c.a);
  const statuses = c.s.map((i) => profile.statuses[i]);
  const types = c.t.map((i) => profile.types[i]);
  if (statuses.some((v) => v === undefined) || types.some((v) => v === undefined)) return null;
  return {
    statuses: statuses as SessionQuery['statuses'],
    types: types as string[],
    policy: c.p,
    vm: c.m,
    name: c.n,
    fromUtc: c.f,
    toUtc: c.u,
    timeLabel: c.l,
    timeZone: c.z,
    apiVersion: c.a,
  };
}

function check(body: string): string {
  return createHash('sha256').update(`sessions-bot|${body}`).digest('base64url').slice(0, 10);
}

function seal(payload: unknown): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  const token = `${VERSION}.${body}.${check(body)}`;
  if (token.length > MAX_TOKEN_LENGTH)
    throw new Error(`page token of ${token.length} characters exceeds ${MAX_TOKEN_LENGTH}`);
  return token;
}

function open(token: unknown): Decoded<unknown> {
  if (typeof token !== 'string' || token.length > 4000) {
    return { ok: false, problem: 'foreign', message: 'That button was not made by this bot.' };
  }
  const [version, body, sum, ...rest] = token.split('.');
  if (!version?.startsWith('sb') || body === undefined) {
    return { ok: false, problem: 'foreign', message: 'That button was not made by this bot.' };
  }
  if (version !== VERSION) {
    return {
      ok: false,
      problem: 'outdated',
      message: 'That button is from an older version of the bot. Please ask again.',
    };
  }
  if (rest.length > 0 || sum !== check(body)) {
    return {
      ok: false,
      problem: 'damaged',
      message: "That button's data is damaged or was changed. Please ask again.",
    };
  }
  try {
    return { ok: true, value: JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) };
  } catch {
    return { ok: false, problem: 'damaged', message: "That button's data is damaged. Please ask again." };
  }
}

export function encodePageToken(state: PageState): string {
  return seal({ k: 'p', q: compact(state.query), o: state.offset, n: state.limit });
}

export function decodePageToken(token: unknown): Decoded<PageState> {
  const opened = open(token);
  if (!opened.ok) return opened;
  const parsed = pageSchema.safeParse(opened.value);
  const query = parsed.success ? expand(parsed.data.q) : null;
  if (!parsed.success || !query) return invalid();
  return { ok: true, value: { query, offset: parsed.data.o, limit: parsed.data.n } };
}

export function encodeDetailsToken(state: DetailsState): string {
  const back = state.back
    ? { q: compact(state.back.query), o: state.back.offset, n: state.back.limit }
    : null;
  return seal({ k: 'd', i: state.sessionId, z: state.timeZone, a: state.apiVersion, b: back });
}

export function decodeDetailsToken(token: unknown): Decoded<DetailsState> {
  const opened = open(token);
  if (!opened.ok) return opened;
  const parsed = detailsSchema.safeParse(opened.value);
  if (!parsed.success) return invalid();
  const d = parsed.data;
  const backQuery = d.b ? expand(d.b.q) : null;
  if (d.b && !backQuery) return invalid();
  return {
    ok: true,
    value: {
      sessionId: d.i,
      timeZone: d.z,
      apiVersion: d.a,
      back: d.b && backQuery ? { query: backQuery, offset: d.b.o, limit: d.b.n } : null,
    },
  };
}

function invalid(): { ok: false; problem: TokenProblem; message: string } {
  return { ok: false, problem: 'damaged', message: "That button's data is not valid. Please ask again." };
}
