// Answer checkers' own equivalence tests (STACK's answer-test fixtures, Khan Academy's KAS comparison tests and
// math-expressions' equivalence specs), as data in ../shared/peers (read at run time, never copied here: the GPL
// sources' licence is not ours). Each pair `a`, `b` is checked as the identity line `a = b`, the way a student
// would write it, and must get the mathematically right verdict over the reals: the source's label, except where
// that label is wrong over the reals (listed below, with the reason).
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkClaims } from '../../src/engines.js';
import { readTable } from './table.js';

const FOLDER = process.env.CHAINRULE_PEERS ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/peers');
const FILE = resolve(FOLDER, 'equivalence_pairs.tsv');
const present = existsSync(FILE);
if (!present) console.warn(`peers: ${FILE} is absent, so the answer checkers' equivalence tests are skipped (set CHAINRULE_PEERS to the folder)`);

/** Pairs whose label is wrong over the reals under chainrule's documented rule, with the right verdict and why. */
const WRONG_LABELS: Readonly<Record<string, { readonly verdict: 'correct' | 'incorrect'; readonly why: string; readonly domainsDiffer?: boolean }>> = {
  // STACK compares in Maxima's complex/natural-domain semantics; over the reals the two sides are equal wherever
  // both are defined (x ≥ 5, and x ≤ 3 only for the left side), and chainrule's rule is "equal on the common
  // domain, with a note saying the domains differ"
  'sqrt((x-3)*(x-5)) = sqrt(x-3)*sqrt(x-5)': { verdict: 'correct', why: 'equal where both sides are defined (x ≥ 5); the note names x < 3, where only the left side is', domainsDiffer: true },
  // ln|x² − 9| = ln|x − 3| + ln|x + 3| for every x ≠ ±3 (|ab| = |a||b|); STACK labels it 0, math-expressions 1
  'log(abs((x^2-9))) = log(abs(x-3))+log(abs(x+3))': { verdict: 'correct', why: '|x² − 9| = |x − 3|·|x + 3|, so the logarithms agree wherever they are defined' },
};
// Labels the file's README doubts but that are right over the reals, so they stay: STACK's 0 for
// (n+1)^((n+2)/(n+1))/(n+2) against 1/(n+2)*((n+1)^(1/(n+1)))^(n+2) (called a simplifier limit there) — at
// n = −1.25 both sides are real and they are 85.33 and −85.33; and the seven pairs that differ only at negative
// points or at a negative base with an integer exponent (x and sqrt(x^2), abs(x+1000)-1000 and abs(x+1001)-1001,
// (a^b)^c and a^(b*c), …).

interface Row {
  readonly line: number;
  readonly source: string;
  readonly a: string;
  readonly b: string;
  readonly equal: boolean;
}

function readRows(): Row[] {
  return readTable(FILE, ['source', 'a', 'b', 'equal']).map((row) => ({ line: row.line, source: row.source, a: row.a, b: row.b, equal: row.equal === '1' }));
}

const rows = present ? readRows() : [];

describe.skipIf(!present)(`peers: the answer checkers' equivalence tests${present ? '' : ` (skipped: ${FILE} is absent; set CHAINRULE_PEERS to the folder)`}`, () => {
  it('reads every row of the file', () => {
    expect(rows.length).toBeGreaterThanOrEqual(399);
    expect(new Set(rows.map((row) => row.source))).toEqual(new Set(['stack_AlgEquiv', 'stack_Diff', 'perseus_kas', 'doenet_math_expressions']));
  });

  it.each(rows.map((row) => [row.line, `${row.a} = ${row.b}`, row] as const))('line %i: %s', (_line, claim, row) => {
    const report = checkClaims(claim);
    expect(report.errors).toEqual([]);
    expect(report.claims).toHaveLength(1);
    const wrong = WRONG_LABELS[claim];
    const expected = wrong ? wrong.verdict : row.equal ? 'correct' : 'incorrect';
    const result = report.claims[0]!;
    expect(result.verdict, `${row.source} line ${row.line}: ${result.reason ?? ''}`).toBe(expected);
    if (wrong?.domainsDiffer) expect(result.notes?.[0], wrong.why).toContain('different domains'); // said, not hidden
  });

  it('lists only pairs that are in the file', () => {
    const claims = new Set(rows.map((row) => `${row.a} = ${row.b}`));
    for (const claim of Object.keys(WRONG_LABELS)) expect(claims.has(claim), claim).toBe(true);
  });
});
