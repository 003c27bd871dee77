/** "Did you mean …?": the known name closest to a mistyped one. */

/** Edit distance between two short strings (insertions, deletions, substitutions, adjacent swaps). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/** The closest known name within a distance that makes a typo likely, or undefined. */
export function suggest(name: string, known: readonly string[]): string | undefined {
  return suggestions(name, known, 1)[0];
}

/**
 * The known names closest to a mistyped one (at most `most`, all at the least edit distance, within a distance that
 * makes a typo likely): the same letters swapped first (sehc → sech before sec), then the longest common start, then
 * the shortest.
 */
export function suggestions(name: string, known: readonly string[], most = 2): string[] {
  const lower = name.toLowerCase();
  const limit = Math.max(1, Math.min(2, Math.floor(name.length / 3)));
  const letters = sortedLetters(lower);
  const scored = known
    .map((candidate) => ({ candidate, distance: editDistance(lower, candidate), anagram: sortedLetters(candidate) === letters, prefix: commonPrefix(lower, candidate) }))
    .filter((entry) => entry.distance <= limit)
    .sort((a, b) => a.distance - b.distance || Number(b.anagram) - Number(a.anagram) || b.prefix - a.prefix || a.candidate.length - b.candidate.length || a.candidate.localeCompare(b.candidate));
  const best = scored[0]?.distance;
  return scored.filter((entry) => entry.distance === best).slice(0, most).map((entry) => entry.candidate);
}

const sortedLetters = (word: string): string => [...word].sort().join('');

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}
