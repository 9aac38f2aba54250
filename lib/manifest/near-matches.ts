import { distance as editDistance } from 'fastest-levenshtein';

/**
 * The candidates closest to what was typed, for "did you mean": by edit distance to the whole candidate, or to its
 * beginning (a label or ARN typed in part), within a fifth of the typed length (at least 2). Nearest first, at
 * most `limit`, ties in alphabetical order.
 */
export function nearMatches(typed: string, candidates: Iterable<string>, limit = 3): string[] {
  const allowed = Math.max(2, Math.floor(typed.length / 5));
  const scored = new Map<string, number>();
  for (const candidate of candidates) {
    if (candidate === typed || scored.has(candidate)) continue;
    const whole = editDistance(typed.toLowerCase(), candidate.toLowerCase());
    const start = candidate.length > typed.length ? editDistance(typed.toLowerCase(), candidate.slice(0, typed.length).toLowerCase()) + 1 : whole;
    const score = Math.min(whole, start);
    if (score <= allowed) scored.set(candidate, score);
  }
  return [...scored.entries()]
    .sort(([a, sa], [b, sb]) => sa - sb || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, limit)
    .map(([candidate]) => candidate);
}
