import { createInterface } from 'node:readline';
import { DateTime } from 'luxon';
import { BotError } from '../core/errors';
import type { SessionsSource } from '../core/ports';
import { type ParseContext, parseSessionQuery } from '../core/query/parse-session-query';
import { buildUsageText } from '../core/query/usage';
import type { SessionVocabulary } from '../core/sessions/api-version';
import { resolveSessionFilter } from '../core/sessions/find-sessions';
import { isTimeZone } from '../core/time-zone';

/** The JSON line `sessions-bot parse` prints for one text. */
export type ParseOutput = {
  status: string[];
  types: string[];
  policy: string | null;
  vm: string | null;
  fromUtc: string | null;
  toUtc: string | null;
  /** "last 5 failures": newest first, at most this many. */
  limit?: number;
  /** How words were read when not in the obvious way (typos, ambiguous dates, a zone said). */
  notes?: string[];
};

/**
 * Parses one text for the CLI. A bare name ("for web-01") is looked up in the configured API (the
 * simulator by default) to tell a policy from a VM; it is printed as the user wrote it.
 */
export async function parseForCli(
  text: string,
  context: ParseContext,
  source: () => Promise<SessionsSource>,
): Promise<{ ok: true; output: ParseOutput } | { ok: false; error: string }> {
  const result = parseSessionQuery(text, context);
  if (result.kind === 'help') return { ok: false, error: buildUsageText(context.vocabulary) };
  if (result.kind === 'usage') return { ok: false, error: result.message };
  const q = result.query;
  let policy = q.policy;
  let vm = q.vm;
  if (q.name !== null) {
    try {
      const { names } = await resolveSessionFilter({ ...q, policy: null, vm: null }, await source());
      if (names.policy !== null) policy = q.name;
      else vm = q.name;
    } catch (error) {
      return { ok: false, error: error instanceof BotError ? error.userMessage : String(error) };
    }
  }
  return {
    ok: true,
    output: {
      status: q.statuses,
      types: q.types,
      policy,
      vm,
      fromUtc: q.fromUtc,
      toUtc: q.toUtc,
      // Said only when there is something to say, so the output of a plain question stays as it was.
      ...(q.limit !== null ? { limit: q.limit } : {}),
      ...(q.notes.length > 0 ? { notes: q.notes } : {}),
    },
  };
}

export type BatchDefaults = { timeZone: string; vocabulary: SessionVocabulary; locale: string | null };

/**
 * `parse --batch`: JSON lines {"text","now","tz","locale"} in, exactly one result line out for each,
 * blank lines included, so that outputs line up with inputs.
 */
export async function runParseBatch(
  input: NodeJS.ReadableStream,
  write: (line: string) => void,
  defaults: BatchDefaults,
  source: () => Promise<SessionsSource>,
): Promise<void> {
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    if (line.trim() === '') {
      write(JSON.stringify({ error: 'empty line' }));
      continue;
    }
    write(JSON.stringify(await parseBatchLine(line, defaults, source)));
  }
}

async function parseBatchLine(
  line: string,
  defaults: BatchDefaults,
  source: () => Promise<SessionsSource>,
): Promise<ParseOutput | { error: string }> {
  let item: unknown;
  try {
    item = JSON.parse(line);
  } catch {
    return { error: 'not a JSON line' };
  }
  if (!item || typeof item !== 'object' || typeof (item as { text?: unknown }).text !== 'string') {
    return { error: 'each line needs a "text" string' };
  }
  const { text, now, tz, locale } = item as { text: string; now?: unknown; tz?: unknown; locale?: unknown };
  const timeZone = typeof tz === 'string' && tz !== '' ? tz : defaults.timeZone;
  if (!isTimeZone(timeZone)) return { error: `"${timeZone}" is not an IANA time zone` };
  const at =
    typeof now === 'string' && now !== '' ? DateTime.fromISO(now, { setZone: true }) : DateTime.now();
  if (!at.isValid) return { error: `"${String(now)}" is not an ISO date and time` };
  const result = await parseForCli(
    text,
    {
      now: at,
      timeZone,
      vocabulary: defaults.vocabulary,
      locale: typeof locale === 'string' && locale !== '' ? locale : defaults.locale,
    },
    source,
  );
  return result.ok ? result.output : { error: result.error };
}
