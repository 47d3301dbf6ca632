/**
 * Typos in the bot's own words ("faild", "yesterdy", "warnigns"): corrected only when exactly one meaning
 * lies within a small Damerau–Levenshtein distance, scaled with the word's length, never for words of
 * three letters or fewer. The caller tries this last, after exact words and names, and says what it read.
 */

/** Edits allowed for a word of this length: none up to 3 letters, one up to 7, two from 8. */
function allowedEdits(length: number): number {
  if (length <= 3) return 0;
  return length <= 7 ? 1 : 2;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    let best = Number.POSITIVE_INFINITY;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const row = rows[i] as number[];
      const up = rows[i - 1] as number[];
      let d = Math.min((up[j] as number) + 1, (row[j - 1] as number) + 1, (up[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      row[j] = d;
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
  }
  return (rows[a.length] as number[])[b.length] as number;
}

/**
 * The one vocabulary word `word` is a typo of, or null. `meaningOf` groups words that mean the same
 * ("failed", "fails"), so two close words of one meaning are not an ambiguity.
 */
export function correctTypo(
  word: string,
  vocabulary: Iterable<string>,
  meaningOf: (w: string) => string,
): string | null {
  const max = allowedEdits(word.length);
  if (max === 0 || !/^[a-z']+$/.test(word)) return null;
  let best: { word: string; distance: number } | null = null;
  const meanings = new Set<string>();
  for (const candidate of vocabulary) {
    if (candidate.length <= 3 || candidate.includes(' ')) continue;
    const d = editDistance(word, candidate, max);
    if (d === 0 || d > max) continue;
    meanings.add(meaningOf(candidate));
    if (!best || d < best.distance) best = { word: candidate, distance: d };
  }
  return meanings.size === 1 && best ? best.word : null;
}
