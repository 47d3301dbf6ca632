import type { TimeContext } from './calendar-span';
import { bounds, type TimeMatch } from './time-bounds';
import { CALENDAR_UNITS, COMPACT_DURATION, NUMBER_WORDS, UNITS, VAGUE_AMOUNTS } from './time-words';
import type { Token } from './tokenize';

/** Rolling windows count back from now exactly: "last 24h", "48h", "past 3 days", "past fortnight". */

/** A rolling window back from now: "last 24h", "past 3 days", "48h", "past fortnight", "last few days". */
export function parseRolling(tokens: Token[], i: number, ctx: TimeContext): TimeMatch {
  const t0 = tokens[i];
  if (!t0 || t0.quoted || t0.key !== undefined) return null;
  const w = t0.word;
  // Bare compact durations: "errors 24h".
  const bare = COMPACT_DURATION.exec(w);
  if (bare) return window(ctx, Number(bare[1]), bare[2]?.toLowerCase() ?? '', i + 1, w);
  // "this past week"
  if (w === 'this' && tokens[i + 1]?.word === 'past' && tokens[i + 2]?.word === 'week')
    return window(ctx, 7, 'days', i + 3, 'this past week');
  const leading = w === 'last' || w === 'past' || w === 'previous' || w === 'the';
  if (!leading) {
    // "24 hours", "3 days" said bare (not "3 days ago").
    const amount = /^\d{1,5}$/.test(w) ? Number(w) : null;
    const unit = tokens[i + 1]?.word;
    if (amount !== null && unit && UNITS.has(unit) && tokens[i + 2]?.word !== 'ago' && !CALENDAR_ONLY(unit))
      return window(ctx, amount, unit, i + 2, `${amount} ${unit}`);
    return null;
  }
  let j = i + 1;
  if (w === 'the' && tokens[j]?.word !== 'last' && tokens[j]?.word !== 'past') return null;
  if (w === 'the') j++;
  const t1 = tokens[j];
  if (!t1 || t1.quoted) return null;
  if (t1.word === 'fortnight') return window(ctx, 14, 'days', j + 1, 'last fortnight');
  const compact = COMPACT_DURATION.exec(t1.word);
  if (compact) return window(ctx, Number(compact[1]), compact[2]?.toLowerCase() ?? '', j + 1, t1.word);
  // "last couple of days", "past few hours", "last several days"
  const vague = VAGUE_AMOUNTS.get(t1.word);
  if (vague !== undefined) {
    const ofSkip = tokens[j + 1]?.word === 'of' ? 1 : 0;
    const unitWord = tokens[j + 1 + ofSkip]?.word;
    if (unitWord && UNITS.has(unitWord))
      return window(ctx, vague, unitWord, j + 2 + ofSkip, `${t1.word} ${unitWord}`);
    return null;
  }
  const amount = /^\d{1,5}$/.test(t1.word) ? Number(t1.word) : (NUMBER_WORDS.get(t1.word) ?? null);
  if (amount !== null) {
    const unitWord = tokens[j + 1]?.word;
    if (!unitWord || !UNITS.has(unitWord)) return null;
    return window(ctx, amount, unitWord, j + 2, `${amount} ${unitWord}`);
  }
  // "past hour", "last day": one unit. "last week" and "last month" are calendar spans, not rolling,
  // unless said as "past".
  if (!UNITS.has(t1.word)) return null;
  if (w !== 'past' && CALENDAR_UNITS.get(t1.word)) return null;
  return window(ctx, 1, t1.word, j + 1, t1.word);
}

const CALENDAR_ONLY = (unit: string) => unit === 'month' || unit === 'months';

function window(ctx: TimeContext, amount: number, unitWord: string, next: number, said: string): TimeMatch {
  const unit = UNITS.get(unitWord);
  if (!unit) return null;
  if (amount < 1) return { error: `"${said}" is an empty window.`, next };
  const from = ctx.now.minus({ [unit]: amount });
  const unitLabel = amount === 1 ? unit.slice(0, -1) : unit;
  return { bounds: bounds(from, null, `last ${amount === 1 ? '' : `${amount} `}${unitLabel}`), next };
}
