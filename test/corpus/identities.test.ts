// The identities corpus (identities.tsv): pairs `a`, `b` that a calculus or algebra course would check, chosen to
// be hard for answer checkers (identities that need real algebra, false claims that agree at many points, domain
// cases, exact constants), each checked as the identity line `a = b` and required to get its labelled verdict:
// correct, incorrect, or undetermined (no point where both sides are defined). The labels were verified without
// chainrule, with mpmath at 100 and 140 digits under the README's real-domain rules, by tools/identities.py (which
// also writes the file); this test only reads the TSV.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type ClaimResult, type ClaimsReport, type Verdict } from '../../src/index.js';
import { checkClaims } from '../../src/engines.js';

interface Row {
  /** The line of the TSV (the header is line 1). */
  readonly line: number;
  readonly a: string;
  readonly b: string;
  readonly verdict: Verdict;
  readonly why: string;
}

const VERDICTS: readonly Verdict[] = ['correct', 'incorrect', 'undetermined'];
const COLUMNS = ['a', 'b', 'verdict', 'why'] as const;

function readRows(): Row[] {
  const [header, ...lines] = readFileSync(new URL('./identities.tsv', import.meta.url), 'utf8').split('\n');
  if (header !== COLUMNS.join('\t')) throw new Error(`identities.tsv: the header must be ${COLUMNS.join(', ')}, tab-separated`);
  return lines.flatMap((text, index) => {
    if (text.trim() === '') return [];
    const cells = text.split('\t');
    const [a, b, verdict, why] = cells as [string, string, Verdict, string];
    return [{ line: index + 2, a, b, verdict, why, cells: cells.length } as Row & { cells: number }];
  });
}

const ROWS = readRows();

/**
 * False identities chainrule still accepts, with why: each fails only at a point no float64 can hold (x = 1/3 exactly,
 * x = ±√2), and the probe at the nearest double is, rightly, not a counterexample. Catching them needs kink roots
 * solved exactly (as rationals or algebraic numbers). They are asserted to be still missed, so that fixing one
 * fails this list and moves the row back among the others.
 */
const KNOWN_MISSES = new Set(['sign(x - 1/3)^2 = 1', 'sign(x^2 - 2)^2 = 1', 'floor(x - 1/3) + floor(1/3 - x) = -1']);
const claimOf = (row: Row): string => `${row.a} = ${row.b}`;

const reports = new Map<Row, ClaimsReport>();
/** One checkClaims call per row (each row is a claims text of one line), shared by the tests. */
const reportOf = (row: Row): ClaimsReport => {
  let report = reports.get(row);
  if (!report) {
    report = checkClaims(claimOf(row));
    reports.set(row, report);
  }
  return report;
};

const describeResult = (result: ClaimResult | undefined): string =>
  result
    ? [
        result.verdict,
        result.reason,
        result.expected && `expected ${result.expected}`,
        result.counterexample &&
          `at ${Object.entries(result.counterexample.point)
            .map(([name, value]) => `${name} = ${value}`)
            .join(', ')}: ${result.counterexample.claimed} vs ${result.counterexample.correct}`,
        ...(result.notes ?? []),
      ]
        .filter(Boolean)
        .join('; ')
    : 'no result';

describe('corpus: identities that are hard for answer checkers', () => {
  it('reads a well-formed table', () => {
    expect(ROWS.length).toBeGreaterThanOrEqual(250);
    for (const row of ROWS as (Row & { cells: number })[]) {
      expect(row.cells, `line ${row.line}: ${row.cells} columns`).toBe(COLUMNS.length);
      expect(VERDICTS, `line ${row.line}: verdict ${row.verdict}`).toContain(row.verdict);
      expect(row.a.trim(), `line ${row.line}: a`).not.toBe('');
      expect(row.b.trim(), `line ${row.line}: b`).not.toBe('');
      expect(row.why.trim(), `line ${row.line}: why`).not.toBe('');
    }
    const claims = ROWS.map(claimOf);
    expect(claims.filter((claim, index) => claims.indexOf(claim) !== index), 'duplicate rows').toEqual([]);
    for (const verdict of VERDICTS) expect(ROWS.filter((row) => row.verdict === verdict).length, verdict).toBeGreaterThanOrEqual(15);
  });

  it.each(ROWS.map((row) => [row.line, claimOf(row), row] as const))('line %i: %s', { timeout: 120_000 }, (_line, claim, row) => {
    const report = reportOf(row);
    expect(report.errors.map(({ error }) => error.message)).toEqual([]);
    expect(report.claims).toHaveLength(1);
    const result = report.claims[0]!;
    if (KNOWN_MISSES.has(claim)) expect(result.verdict, `${claim} is now right: remove it from KNOWN_MISSES`).not.toBe(row.verdict);
    else expect(result.verdict, `${claim} [${row.verdict}: ${row.why}] — chainrule: ${describeResult(result)}`).toBe(row.verdict);
  });

  it('gives every row its verdict: no false accepts, no false rejects, no undetermined by mistake', { timeout: 1_200_000 }, () => {
    const wrong = ROWS.flatMap((row) => {
      const report = reportOf(row);
      const result = report.claims.length === 1 ? report.claims[0] : undefined;
      if (KNOWN_MISSES.has(claimOf(row)) || (report.errors.length === 0 && result?.verdict === row.verdict)) return [];
      const got = report.errors.length ? `error: ${report.errors.map(({ error }) => error.message).join('; ')}` : describeResult(result);
      return [`line ${row.line}: ${claimOf(row)} is ${row.verdict} (${row.why}); chainrule: ${got}`];
    });
    const count = (label: Verdict, got: Verdict): number =>
      ROWS.filter((row) => row.verdict === label && reportOf(row).claims[0]?.verdict === got).length;
    const table = VERDICTS.map((label) => `${label}: ${VERDICTS.map((got) => `${count(label, got)} ${got}`).join(', ')}`);
    console.info(`identities corpus: ${ROWS.length} rows, ${ROWS.length - wrong.length - KNOWN_MISSES.size} right, ${KNOWN_MISSES.size} known misses\n${table.join('\n')}`);
    expect(wrong).toEqual([]);
  });
});
