import { createHmac, createSecretKey, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { SessionVocabulary } from '../sessions/api-version';
import { isSessionId } from '../sessions/session';
import { MAX_NAME_LENGTH, type SessionQuery } from '../sessions/session-query';
import { isTimeZone } from '../time-zone';
import { codeOfValue, valueOfCode } from './button-codes';
import { ALERT_OPS, type AlertOp } from './sessions-view';

/**
 * Button state: the query (with absolute time bounds, so "Next" on "today" stays on the same window),
 * the offset and the page size, carried in the button itself so that any replica can serve the click
 * with no shared store.
 *
 * Format: `sb3.<base64url JSON>.<HMAC>`. A button comes back from a chat client, so it is signed with a
 * key only the bot's replicas share (BUTTON_SIGNING_KEY, or one derived from a configured secret): a
 * token nobody could forge is still checked field by field on the way back in, since a key can leak.
 * Statuses and types travel as stable codes (button-codes.ts), never as positions in a list that a new
 * API version may reorder.
 */

export type PageState = { query: SessionQuery; offset: number; limit: number };
type DetailsState = { sessionId: string; back: PageState | null; timeZone: string };
/** "Why did it fail?" on a failed session's details: the policy to explain, in the asker's zone. */
type WhyButtonState = { name: string; timeZone: string };
/** An alert's button: which incident, and what to do to it. */
export type AlertButtonState = { incidentId: string; op: AlertOp };

type TokenProblem = 'foreign' | 'outdated' | 'damaged';
type Decoded<T> = { ok: true; value: T } | { ok: false; problem: TokenProblem; message: string };

/** Encodes and checks button tokens with the bot's signing keys. */
export type ButtonTokens = {
  encodePage(state: PageState): string;
  decodePage(token: unknown): Decoded<PageState>;
  encodeDetails(state: DetailsState): string;
  decodeDetails(token: unknown): Decoded<DetailsState>;
  encodeAlert(state: AlertButtonState): string;
  decodeAlert(token: unknown): Decoded<AlertButtonState>;
  encodeWhy(state: WhyButtonState): string;
  decodeWhy(token: unknown): Decoded<WhyButtonState>;
};

/**
 * The key buttons are signed with, and the one before it (accepted while a rotation rolls out). With no
 * key, one is made at start: buttons then work in this process only, until it restarts.
 */
export type ButtonSigningKeys = { current: string | null; previous?: string | null };

// sb3: statuses and types are checked against the vocabulary the appliance serves now, not the token's.
const VERSION = 'sb3';
/** Slack allows 2,000 characters in a button value; keep a margin. */
export const MAX_TOKEN_LENGTH = 1900;
/** The most rows a page may ask for: PAGE_SIZE's own bound, and what Slack's 50 blocks leave room for. */
const MAX_PAGE_LIMIT = 25;
/** 128 bits of HMAC-SHA256, base64url. */
const MAC_LENGTH = 22;

const zone = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_+\-/]+$/)
  .refine(isTimeZone);
const name = z.string().max(MAX_NAME_LENGTH).nullable();
const code = z.number().int().min(0).max(999);
const compactQuery = z.strictObject({
  s: z.array(code).max(20),
  t: z.array(code).max(80),
  p: name,
  m: name,
  n: name,
  f: z.iso.datetime().nullable(),
  u: z.iso.datetime().nullable(),
  l: z.string().max(200).nullable(),
  z: zone,
  c: z.number().int().min(1).max(1000).nullable(),
});
const pageFields = {
  q: compactQuery,
  o: z.number().int().min(0).max(1_000_000),
  n: z.number().int().min(1).max(MAX_PAGE_LIMIT),
};
const pageSchema = z.strictObject({ k: z.literal('p'), ...pageFields });
const detailsSchema = z.strictObject({
  k: z.literal('d'),
  i: z.string().refine(isSessionId),
  z: zone,
  b: z.strictObject(pageFields).nullable(),
});

const whySchema = z.strictObject({
  k: z.literal('w'),
  n: z.string().min(1).max(MAX_NAME_LENGTH),
  z: zone,
});

const alertSchema = z.strictObject({
  k: z.literal('a'),
  // Incident ids are UUIDs, like session ids.
  i: z.string().refine(isSessionId),
  o: z.enum(ALERT_OPS),
});

type CompactQuery = z.infer<typeof compactQuery>;

function compact(q: SessionQuery): CompactQuery {
  const codes = (values: readonly string[]) => values.map(codeOfValue).filter((c): c is number => c !== null);
  return {
    s: codes(q.statuses),
    t: codes(q.types),
    p: q.policy,
    m: q.vm,
    n: q.name,
    f: q.fromUtc,
    u: q.toUtc,
    l: q.timeLabel,
    z: q.timeZone,
    c: q.limit,
  };
}

/**
 * Null when a code is unknown, or names a value the appliance's API version does not have (it may have
 * changed since the button was made): the question is then asked again rather than run without that filter.
 */
function expand(c: CompactQuery, profile: SessionVocabulary): SessionQuery | null {
  const statuses = c.s.map(valueOfCode);
  const types = c.t.map(valueOfCode);
  const known = (values: (string | null)[], allowed: readonly string[]) =>
    values.every((v) => v !== null && allowed.includes(v));
  if (!known(statuses, profile.statuses) || !known(types, profile.types)) return null;
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
    vocabulary: profile,
    limit: c.c,
    // How the words were read was said with the first page.
    notes: [],
  };
}

const FOREIGN = { ok: false, problem: 'foreign', message: 'That button was not made by this bot.' } as const;
const INVALID = {
  ok: false,
  problem: 'damaged',
  message: "That button's data is not valid. Please ask again.",
} as const;

/** `vocabulary` is what the appliance serves now (it may change while buttons are out). */
export function createButtonTokens(
  keys: ButtonSigningKeys,
  vocabulary: () => SessionVocabulary,
): ButtonTokens {
  const current = keys.current ?? randomBytes(32).toString('base64url');
  // Key objects made once: a page seals a token per row, and a string key would be imported each time.
  const macs = [current, ...(keys.previous ? [keys.previous] : [])].map((key) => {
    const secret = createSecretKey(Buffer.from(key, 'utf8'));
    return (body: string) =>
      createHmac('sha256', secret).update(`${VERSION}.${body}`).digest('base64url').slice(0, MAC_LENGTH);
  });
  const sign = macs[0] as (body: string) => string;

  function seal(payload: unknown): string {
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    const token = `${VERSION}.${body}.${sign(body)}`;
    if (token.length > MAX_TOKEN_LENGTH)
      throw new Error(`page token of ${token.length} characters exceeds ${MAX_TOKEN_LENGTH}`);
    return token;
  }

  function open(token: unknown): Decoded<unknown> {
    if (typeof token !== 'string' || token.length > 4000) return FOREIGN;
    const [version, body, mac, ...rest] = token.split('.');
    if (!version?.startsWith('sb') || body === undefined) return FOREIGN;
    if (version !== VERSION) {
      return {
        ok: false,
        problem: 'outdated',
        message: 'That button is from an older version of the bot. Please ask again.',
      };
    }
    const given = Buffer.from(mac ?? '');
    const signed = macs.some((m) => {
      const expected = Buffer.from(m(body));
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
    if (rest.length > 0 || !signed) {
      return {
        ok: false,
        problem: 'damaged',
        message: "That button's data is damaged or was changed. Please ask again.",
      };
    }
    try {
      return { ok: true, value: JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) };
    } catch {
      return INVALID;
    }
  }

  return {
    encodePage: (state) => seal({ k: 'p', q: compact(state.query), o: state.offset, n: state.limit }),
    decodePage(token) {
      const opened = open(token);
      if (!opened.ok) return opened;
      const parsed = pageSchema.safeParse(opened.value);
      const query = parsed.success ? expand(parsed.data.q, vocabulary()) : null;
      if (!parsed.success || !query) return INVALID;
      return { ok: true, value: { query, offset: parsed.data.o, limit: parsed.data.n } };
    },
    encodeDetails(state) {
      const back = state.back
        ? { q: compact(state.back.query), o: state.back.offset, n: state.back.limit }
        : null;
      return seal({ k: 'd', i: state.sessionId, z: state.timeZone, b: back });
    },
    decodeDetails(token) {
      const opened = open(token);
      if (!opened.ok) return opened;
      const parsed = detailsSchema.safeParse(opened.value);
      if (!parsed.success) return INVALID;
      const d = parsed.data;
      const backQuery = d.b ? expand(d.b.q, vocabulary()) : null;
      if (d.b && !backQuery) return INVALID;
      return {
        ok: true,
        value: {
          sessionId: d.i,
          timeZone: d.z,
          back: d.b && backQuery ? { query: backQuery, offset: d.b.o, limit: d.b.n } : null,
        },
      };
    },
    encodeWhy: (state) => seal({ k: 'w', n: state.name, z: state.timeZone }),
    decodeWhy(token) {
      const opened = open(token);
      if (!opened.ok) return opened;
      const parsed = whySchema.safeParse(opened.value);
      if (!parsed.success) return INVALID;
      return { ok: true, value: { name: parsed.data.n, timeZone: parsed.data.z } };
    },
    encodeAlert: (state) => seal({ k: 'a', i: state.incidentId, o: state.op }),
    decodeAlert(token) {
      const opened = open(token);
      if (!opened.ok) return opened;
      const parsed = alertSchema.safeParse(opened.value);
      if (!parsed.success) return INVALID;
      return { ok: true, value: { incidentId: parsed.data.i, op: parsed.data.o } };
    },
  };
}
