import type { NamedResource } from './session';

export type NameMatch =
  | { kind: 'found'; resource: NamedResource }
  | { kind: 'missing'; suggestions: string[] };

/**
 * Exact (case-insensitive) match first; otherwise the closest names, so the user gets a "did you mean".
 * Closeness: names that contain the text (or are contained by it), then small edit distance.
 */
export function matchName(name: string, candidates: NamedResource[], maxSuggestions = 3): NameMatch {
  const wanted = name.trim().toLowerCase();
  const exact = candidates.find((c) => c.name.toLowerCase() === wanted);
  if (exact) return { kind: 'found', resource: exact };
  const scored = candidates
    .map((c) => {
      const lower = c.name.toLowerCase();
      const contains = lower.includes(wanted) || wanted.includes(lower);
      const distance = editDistance(wanted, lower);
      return { name: c.name, score: contains ? distance / 4 : distance };
    })
    .filter((s) => s.score <= Math.max(2, wanted.length / 2))
    .sort((a, b) => a.score - b.score || a.name.localeCompare(b.name));
  const suggestions = [...new Set(scored.map((s) => s.name))].slice(0, maxSuggestions);
  return { kind: 'missing', suggestions };
}

function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const curr = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      curr[j] = Math.min(
        (prev[j] as number) + 1,
        (curr[j - 1] as number) + 1,
        (prev[j - 1] as number) + cost,
      );
    }
    prev = curr;
  }
  return prev[b.length] as number;
}
