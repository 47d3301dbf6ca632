import { DateTime } from 'luxon';
import type { JobStatus, SessionVocabulary } from '../sessions/api-version';
import { MAX_NAME_LENGTH, type SessionQuery } from '../sessions/session-query';
import { parseTimeKey, parseTimePhrase, TIME_WORDS, type TimeBounds } from './time-expressions';
import { type Token, tokenize } from './tokenize';
import {
  FILLER_WORDS,
  multiWordPhrases,
  STATUS_WORDS,
  statusesForWord,
  TYPE_WORDS,
  typesForWord,
} from './vocabulary';

export type ParseContext = {
  now: Date | DateTime;
  /** IANA zone of the asker; "today" is their today. */
  timeZone: string;
  /** The statuses and types of the API version the appliance serves. */
  vocabulary: SessionVocabulary;
};

export type ParseResult =
  | { kind: 'query'; query: SessionQuery }
  | { kind: 'help' }
  | { kind: 'usage'; message: string; unknownWords: string[] };

const POLICY_KEYS = new Set(['policy', 'policies', 'pol']);
const VM_KEYS = new Set(['vm', 'vms', 'machine', 'server', 'resource']);
/** Words that announce the name after them ("policy Prod VMs", "vm web-01"). */
const POLICY_MARKERS = new Set(['policy']);
const VM_MARKERS = new Set(['vm', 'machine']);
const STATUS_KEYS = new Set(['status', 'statuses', 'state']);
const TYPE_KEYS = new Set(['type', 'types', 'kind']);
const TIME_KEYS = new Set(['since', 'after', 'from', 'to', 'until', 'before']);
const NAME_PREPOSITIONS = new Set(['for', 'on', 'of', 'in']);
const MAX_QUESTION_LENGTH = 1000;
const HELP_WORDS = new Set(['help', 'usage', '?', '-h', '--help']);

/**
 * Reads a slash-command or natural-language question into session filters. Never throws on user text:
 * anything it cannot place comes back as a usage result naming the words.
 */
export function parseSessionQuery(text: string, context: ParseContext): ParseResult {
  const zone = context.timeZone;
  const nowBase = DateTime.isDateTime(context.now) ? context.now : DateTime.fromJSDate(context.now);
  const now = nowBase.setZone(zone);
  if (!now.isValid) {
    return usage(`"${zone}" is not a time zone I know. Use an IANA name such as Europe/Berlin.`);
  }
  const profile = context.vocabulary;
  if (text.length > MAX_QUESTION_LENGTH) {
    return usage(
      `That question is too long (over ${MAX_QUESTION_LENGTH.toLocaleString('en')} characters). Ask something shorter.`,
    );
  }
  const tokens = joinPhrases(tokenize(text));
  if (
    tokens.length === 0 ||
    (tokens.length <= 2 && tokens.some((t) => HELP_WORDS.has(t.word) && !t.quoted))
  ) {
    return { kind: 'help' };
  }

  const statuses: JobStatus[] = [];
  const types: string[] = [];
  const unknown: string[] = [];
  const problems: string[] = [];
  let policy: string | null = null;
  let vm: string | null = null;
  let name: string | null = null;
  let from: DateTime | null = null;
  let to: DateTime | null = null;
  const labels: string[] = [];

  const addBounds = (b: TimeBounds, said: string) => {
    if ((b.from && from) || (b.to && to)) {
      problems.push(
        `"${said}" gives a second time range; say one (for example "since Monday" or "yesterday").`,
      );
      return;
    }
    from = b.from ?? from;
    to = b.to ?? to;
    labels.push(b.label);
  };
  const addStatuses = (word: string, preferApiName = false): boolean => {
    const found = statusesForWord(word, profile, preferApiName);
    if (!found) return false;
    for (const s of found) if (!statuses.includes(s)) statuses.push(s);
    return true;
  };
  const addTypes = (word: string): boolean => {
    const found = typesForWord(word, profile);
    if (!found) return false;
    if (found.length === 0) {
      problems.push(`API version ${profile.version} has no "${word}" sessions.`);
      return true;
    }
    for (const t of found) if (!types.includes(t)) types.push(t);
    return true;
  };
  const setName = (kind: 'policy' | 'vm' | 'name', value: string) => {
    if (value.length > MAX_NAME_LENGTH) {
      problems.push(`That name is longer than ${MAX_NAME_LENGTH} characters: "${value.slice(0, 40)}…".`);
      return;
    }
    const current = kind === 'policy' ? policy : kind === 'vm' ? vm : name;
    if (current !== null && current.toLowerCase() !== value.toLowerCase()) {
      const what = kind === 'name' ? 'name' : kind === 'vm' ? 'VM' : 'policy';
      problems.push(`I can look at one ${what} at a time, not both "${current}" and "${value}".`);
      return;
    }
    if (kind === 'policy') policy = value;
    else if (kind === 'vm') vm = value;
    else name = value;
  };

  const timeContext = { now };
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i] as Token;

    if (t.key !== undefined) {
      i++;
      if (POLICY_KEYS.has(t.key)) setName('policy', t.raw);
      else if (VM_KEYS.has(t.key)) setName('vm', t.raw);
      else if (STATUS_KEYS.has(t.key)) {
        for (const v of splitList(t.raw)) {
          if (!addStatuses(v, true)) problems.push(`"${v}" is not a status. ${statusHint(profile.statuses)}`);
        }
      } else if (TYPE_KEYS.has(t.key)) {
        for (const v of splitList(t.raw)) {
          if (!addTypes(v))
            problems.push(`"${v}" is not a session type in API ${profile.version}. ${typeHint()}`);
        }
      } else if (TIME_KEYS.has(t.key)) {
        const valueTokens = tokenize(t.raw);
        const m = parseTimeKey(t.key, valueTokens, t.raw, timeContext);
        if (m && 'error' in m) problems.push(m.error);
        else if (m) addBounds(m.bounds, `${t.key}:${t.raw}`);
      } else {
        unknown.push(`${t.key}:${t.raw}`);
      }
      continue;
    }

    if (t.quoted) {
      setName('name', t.raw);
      i++;
      continue;
    }

    const time = parseTimePhrase(tokens, i, timeContext);
    if (time) {
      if ('error' in time) problems.push(time.error);
      else
        addBounds(
          time.bounds,
          tokens
            .slice(i, time.next)
            .map((x) => x.raw)
            .join(' '),
        );
      i = Math.max(time.next, i + 1);
      continue;
    }

    if (POLICY_MARKERS.has(t.word) || VM_MARKERS.has(t.word)) {
      const kind = POLICY_MARKERS.has(t.word) ? 'policy' : 'vm';
      const read = readName(tokens, i + 1, timeContext, profile);
      if (read) {
        setName(kind, read.value);
        i = read.next;
        continue;
      }
    }

    if (addStatuses(t.word) || addTypes(t.word)) {
      i++;
      continue;
    }

    if (NAME_PREPOSITIONS.has(t.word)) {
      const read = readName(tokens, i + 1, timeContext, profile);
      if (read) {
        setName('name', read.value);
        i = read.next;
        continue;
      }
    }

    if (
      FILLER_WORDS.has(t.word) ||
      HELP_WORDS.has(t.word) ||
      POLICY_MARKERS.has(t.word) ||
      VM_MARKERS.has(t.word)
    ) {
      i++;
      continue;
    }

    if (looksLikeName(t.raw)) setName('name', t.raw);
    else unknown.push(t.raw);
    i++;
  }

  if (unknown.length > 0) {
    const list = unknown.map((w) => `"${w}"`).join(', ');
    return usage(
      `I don't know ${list}. If ${unknown.length === 1 ? 'it is' : 'they are'} a policy or VM name, say policy:"…" or vm:"…". Try \`help\` for examples.`,
      unknown,
    );
  }
  if (problems.length > 0) return usage(problems.join(' '));
  const fromDt = from as DateTime | null;
  const toDt = to as DateTime | null;
  if (fromDt && toDt && fromDt >= toDt) return usage('That time range ends before it starts.');

  return {
    kind: 'query',
    query: {
      statuses,
      types,
      policy,
      vm,
      name,
      fromUtc: fromDt ? toUtcIso(fromDt) : null,
      toUtc: toDt ? toUtcIso(toDt) : null,
      timeLabel: labels.length > 0 ? labels.join(', ') : null,
      timeZone: now.zoneName ?? zone,
      vocabulary: profile,
    },
  };
}

function usage(message: string, unknownWords: string[] = []): ParseResult {
  return { kind: 'usage', message, unknownWords };
}

export function toUtcIso(dt: DateTime): string {
  return dt.toUTC().toISO({ suppressMilliseconds: true }) as string;
}

function splitList(value: string): string[] {
  return value
    .split(/[,|+]/)
    .map((v) => v.trim())
    .filter(Boolean);
}

function statusHint(statuses: readonly string[]): string {
  return `Try ${STATUS_WORDS.map((s) => s.help).join(', ')}, or one of the API's names: ${statuses.join(', ')}.`;
}

function typeHint(): string {
  return `Try ${TYPE_WORDS.map((t) => t.help).join(', ')}, or an API type name such as PolicyBackup.`;
}

/** Resource names usually carry a digit, dash, dot or underscore ("web-01", "sql_prod", "app.contoso"). */
function looksLikeName(raw: string): boolean {
  return /[\d_.-]/.test(raw) && /[a-z]/i.test(raw) && !/^\d+(st|nd|rd|th)?$/i.test(raw);
}

/** Is the token at i the start of something the grammar knows (so a name must end before it)? */
function isVocabulary(
  tokens: Token[],
  i: number,
  ctx: { now: DateTime },
  profile: SessionVocabulary,
): boolean {
  const t = tokens[i];
  if (!t) return true;
  if (t.key !== undefined) return true;
  if (t.quoted) return false;
  const w = t.word;
  if (FILLER_WORDS.has(w) || TIME_WORDS.has(w) || POLICY_MARKERS.has(w) || VM_MARKERS.has(w)) return true;
  if (statusesForWord(w, profile) || typesForWord(w, profile)) return true;
  return parseTimePhrase(tokens, i, ctx) !== null;
}

/**
 * The name after "policy", "vm" or "for": one quoted value, or the unquoted words up to the next word the
 * grammar knows ("failed for Prod VMs since Monday" → "Prod VMs").
 */
function readName(
  tokens: Token[],
  i: number,
  ctx: { now: DateTime },
  profile: SessionVocabulary,
): { value: string; next: number } | null {
  const first = tokens[i];
  if (!first) return null;
  if (first.quoted) return { value: first.raw, next: i + 1 };
  // "for vm web-01": let the marker speak for itself.
  if (POLICY_MARKERS.has(first.word) || VM_MARKERS.has(first.word)) return null;
  const words: string[] = [];
  let j = i;
  while (j < tokens.length && !isVocabulary(tokens, j, ctx, profile)) {
    words.push((tokens[j] as Token).raw);
    j++;
  }
  return words.length > 0 ? { value: words.join(' '), next: j } : null;
}

/** Glues multi-word vocabulary ("in progress", "never executed") into one token before parsing. */
function joinPhrases(tokens: Token[]): Token[] {
  const phrases = multiWordPhrases().map((p) => p.split(' '));
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const match = phrases.find((words) =>
      words.every((w, k) => {
        const t = tokens[i + k];
        return t !== undefined && !t.quoted && t.key === undefined && t.word === w;
      }),
    );
    if (match) {
      const raw = tokens
        .slice(i, i + match.length)
        .map((t) => t.raw)
        .join(' ');
      out.push({ raw, word: match.join(' '), quoted: false });
      i += match.length - 1;
    } else {
      out.push(tokens[i] as Token);
    }
  }
  return out;
}
