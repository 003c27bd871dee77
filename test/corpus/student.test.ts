// The student corpus (student/cases.jsonl, see README.md here): claims files written as students and TAs write them
// (textbook exercises in plain, Unicode and LaTeX notation, multi-line derivations, rounded neural-network numbers,
// matrix gradients, backprop by named intermediates). Each case is one claims file; `checkClaims` must read every
// line and give every claim line its label. The labels were computed without chainrule, with sympy and mpmath, by
// tools/student.py (`python3 test/corpus/tools/student.py --check` re-verifies them); this test only reads the file.
import { appendFileSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type ClaimResult, type ClaimsReport } from '../../src/index.js';
import { checkClaims } from '../../src/engines.js';

type Label = 'correct' | 'incorrect';

interface Expectation {
  readonly line: number;
  readonly verdict: Label;
}

interface Case {
  readonly id: string;
  readonly category: string;
  readonly form: string;
  readonly text: string;
  readonly expect: readonly Expectation[];
  readonly note: string;
}

const CATEGORIES = ['textbook', 'derivation', 'numbers', 'matrix', 'intermediate'] as const;

const CASES: readonly Case[] = readFileSync(new URL('./student/cases.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as Case);

const reports = new Map<string, ClaimsReport>();
/** One checkClaims call per case (each case is a whole claims file), shared by the tests. */
function reportOf(c: Case): ClaimsReport {
  let report = reports.get(c.id);
  if (!report) {
    report = checkClaims(c.text);
    reports.set(c.id, report);
  }
  return report;
}

/** The first line of the claim that line `line` belongs to: continuation lines (`=`, `&=`) belong to the line above. */
function claimStart(c: Case, line: number): number {
  const lines = c.text.split('\n');
  let start = line;
  while (start > 1 && /^\s*&?\s*=/.test(lines[start - 1]!)) start -= 1;
  return start;
}

type Outcome = 'right' | 'false accept' | 'false reject' | 'wrong step' | 'undetermined' | 'unread';

interface Row {
  readonly c: Case;
  readonly expected: Expectation;
  readonly result: ClaimResult | undefined;
  readonly outcome: Outcome;
}

/**
 * Each expected verdict with chainrule's result for it: the result reported at that line, or else the result of the
 * claim that line belongs to (a derivation is reported at its first wrong step, or at its first line when every step
 * is right).
 */
function rowsOf(c: Case): Row[] {
  const report = reportOf(c);
  return c.expect.map((expected) => {
    const result =
      report.claims.find((claim) => claim.line === expected.line) ??
      report.claims.find((claim) => claim.startLine === claimStart(c, expected.line));
    let outcome: Outcome;
    if (!result) outcome = 'unread';
    else if (result.verdict === 'undetermined') outcome = 'undetermined';
    else if (result.verdict !== expected.verdict) outcome = expected.verdict === 'incorrect' ? 'false accept' : 'false reject';
    else if (result.line !== expected.line) outcome = 'wrong step';
    else outcome = 'right';
    return { c, expected, result, outcome };
  });
}

/** Results that answer no expected line: a definition or a continuation line read as a claim of its own. */
function extraResults(c: Case): ClaimResult[] {
  const matched = new Set(rowsOf(c).map((row) => row.result));
  return reportOf(c).claims.filter((claim) => !matched.has(claim));
}

const textLine = (c: Case, line: number): string => c.text.split('\n')[line - 1] ?? '';

function describeResult(result: ClaimResult | undefined): string {
  if (!result) return 'no result for this line';
  return [
    `chainrule: ${result.verdict} at line ${result.line}${result.step ? ` (step ${result.step})` : ''}`,
    result.reason,
    result.expected && `expected ${result.expected.length > 300 ? `${result.expected.slice(0, 300)}…` : result.expected}`,
    result.counterexample &&
      `at ${Object.entries(result.counterexample.point)
        .slice(0, 8)
        .map(([name, value]) => `${name} = ${value}`)
        .join(', ')}${result.counterexample.entry ? ` (entry ${result.counterexample.entry})` : ''}: ` +
        `claimed ${result.counterexample.claimed}, right ${result.counterexample.correct}`,
    result.diagnosis,
  ]
    .filter(Boolean)
    .join('; ');
}

const describeRow = (row: Row): string =>
  `${row.outcome}: ${row.c.id} line ${row.expected.line} [label ${row.expected.verdict}; ${row.c.form}]: ${textLine(row.c, row.expected.line)}\n` +
  `    ${describeResult(row.result)}${row.c.note ? `\n    note: ${row.c.note}` : ''}`;

describe('corpus: the student corpus (claims as students write them)', () => {
  it('is a well-formed file', () => {
    expect(CASES.length).toBeGreaterThan(50);
    const ids = CASES.map((c) => c.id);
    expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([]);
    for (const c of CASES) {
      expect(CATEGORIES as readonly string[], `${c.id}: category`).toContain(c.category);
      expect(c.expect.length, `${c.id}: no expected verdicts`).toBeGreaterThan(0);
      for (const e of c.expect) {
        expect(['correct', 'incorrect'], `${c.id} line ${e.line}`).toContain(e.verdict);
        expect(textLine(c, e.line).trim(), `${c.id} line ${e.line} is empty`).not.toBe('');
      }
    }
  });

  for (const category of CATEGORIES) {
    it(`${category}: every line read, no false accepts, no false rejects, none undetermined`, { timeout: 120_000 }, () => {
      const cases = CASES.filter((c) => c.category === category);
      const rows = cases.flatMap(rowsOf);
      const errors = cases.flatMap((c) =>
        reportOf(c).errors.map(({ line, error }) => `unread: ${c.id} line ${line} [${c.form}]: ${textLine(c, line)}\n    ${error.message.split('\n')[0]}`),
      );
      const extras = cases.flatMap((c) =>
        extraResults(c).map((result) => `extra verdict: ${c.id} line ${result.line}: ${textLine(c, result.line)}\n    ${describeResult(result)}`),
      );
      const count = (outcome: Outcome) => rows.filter((row) => row.outcome === outcome).length;
      const summary =
        `${category}: ${cases.length} cases, ${rows.length} claim lines: ${count('false accept')} false accepts, ` +
        `${count('false reject')} false rejects, ${count('wrong step')} wrong steps, ${count('undetermined')} undetermined, ` +
        `${count('unread')} unread (${errors.length} lines with read errors, ${extras.length} extra verdicts)`;
      console.log(`student corpus: ${summary}`);
      const failures = [...rows.filter((row) => row.outcome !== 'right').map(describeRow), ...errors, ...extras];
      // STUDENT_CORPUS_JSONL=FILE appends one JSON line per claim line (outcome, label, chainrule's verdict), for triage.
      const dump = process.env['STUDENT_CORPUS_JSONL'];
      if (dump) {
        for (const row of rows) {
          const { c, expected, result, outcome } = row;
          appendFileSync(
            dump,
            `${JSON.stringify({ id: c.id, category, line: expected.line, text: textLine(c, expected.line), label: expected.verdict, outcome, verdict: result?.verdict, at: result?.line, why: describeResult(result), errors: reportOf(c).errors.map((e) => `line ${e.line}: ${e.error.message.split('\n')[0]}`) })}\n`,
          );
        }
      }
      expect(failures, `${summary}\n${failures.join('\n')}`).toEqual([]);
    });
  }
});
