// Fuzzy matching for the command palette and the form pickers: the query's characters must appear
// in order (a subsequence, as in VS Code's quick open, src/vs/base/common/filters.ts matchesFuzzy),
// and matches at word starts, in runs, or at the start score higher.

const WORD_START = /[\s/._:-]/;

/** A score (higher is better), or null when `query` is not a subsequence of `text`. Case-insensitive. */
export function fuzzyScore(query: string, text: string): number | null {
  const q = query.toLowerCase().replace(/\s+/g, '');
  if (q === '') return 0;
  const t = text.toLowerCase();
  // Greedy leftmost, and again preferring word starts ("pf" → Port Forwards): the better one counts.
  const greedy = scan(q, t, false);
  if (greedy === null) return null;
  const starts = scan(q, t, true) ?? 0;
  // A plain substring beats a scattered match; shorter texts win ties.
  return Math.max(greedy, starts) + (t.includes(q) ? 3 : 0) - t.length / 1000;
}

function isStart(t: string, at: number): boolean {
  return at === 0 || WORD_START.test(t[at - 1]!);
}

function scan(q: string, t: string, preferStarts: boolean): number | null {
  let score = 0;
  let from = 0;
  let last = -2;
  for (const ch of q) {
    let at = t.indexOf(ch, from);
    if (at < 0) return null;
    if (preferStarts && at !== last + 1) {
      for (let i = at; i >= 0; i = t.indexOf(ch, i + 1)) {
        if (isStart(t, i)) {
          at = i;
          break;
        }
      }
    }
    score += 1;
    if (at === last + 1) score += 3;
    if (isStart(t, at)) score += 3;
    last = at;
    from = at + 1;
  }
  return score;
}

/** The items whose `text(item)` matches `query`, best first (stable among equal scores). */
export function fuzzyFilter<T>(items: readonly T[], query: string, text: (item: T) => string, limit = Infinity): T[] {
  if (query.trim() === '') return items.slice(0, limit);
  const scored: Array<{ item: T; score: number; i: number }> = [];
  items.forEach((item, i) => {
    const score = fuzzyScore(query, text(item));
    if (score !== null) scored.push({ item, score, i });
  });
  scored.sort((a, b) => b.score - a.score || a.i - b.i);
  return scored.slice(0, limit).map((s) => s.item);
}
