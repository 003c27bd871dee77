// The derivative-claims corpus (derivatives.tsv, see README.md here) against `checkClaims`: every row becomes one
// claim line `d/d<variable> (<function>) = <claim>`, the whole file is checked at once, and each verdict must match
// the row's label. The labels themselves are re-verified with mathjs, without chainrule, in labels.test.ts.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type ClaimResult, type ClaimsReport, type MistakeKind } from '../../src/index.js';
import { checkClaims } from '../../src/engines.js';

interface Row {
  readonly function: string;
  readonly variable: string;
  readonly claim: string;
  readonly label: 'correct' | 'incorrect';
  readonly kind: string;
  readonly note: string;
}

/** The mistake kinds chainrule can name; the corpus's `other` mistakes are left out of the diagnosis rate. */
const NAMED_KINDS: readonly MistakeKind[] = [
  'sign', 'constant-factor', 'chain-rule', 'product-rule', 'quotient-rule-sign', 'power-not-decreased', 'sin-cos-swapped',
];
/** The share of named mistakes that must be diagnosed as their kind (some mistakes coincide with others). */
const DIAGNOSIS_RATE = 0.9;

const ROWS: readonly Row[] = readFileSync(new URL('./derivatives.tsv', import.meta.url), 'utf8')
  .split('\n')
  .slice(1)
  .filter((line) => line.trim() !== '')
  .map((line) => {
    const [fn, variable, claim, label, kind, note] = line.split('\t') as [string, string, string, Row['label'], string, string];
    return { function: fn, variable, claim, label, kind, note };
  });

/** Line i + 1 of the claims text is row i of the corpus. */
const CLAIMS_TEXT = ROWS.map((row) => `d/d${row.variable} (${row.function}) = ${row.claim}`).join('\n');

let report: ClaimsReport | undefined;
/** One checkClaims call on the whole corpus, shared by the tests. */
const checked = (): ClaimsReport => (report ??= checkClaims(CLAIMS_TEXT));

/** Each row with the result for its line (undefined when the line has none). */
function results(): { row: Row; line: number; result: ClaimResult | undefined }[] {
  const byLine = new Map(checked().claims.map((result) => [result.line, result]));
  return ROWS.map((row, index) => ({ row, line: index + 1, result: byLine.get(index + 1) }));
}

const describeRow = (row: Row, line: number): string =>
  `line ${line}: d/d${row.variable} (${row.function}) = ${row.claim} [${row.label}, ${row.kind}${row.note ? `: ${row.note}` : ''}]`;

describe('corpus: chainrule check on the derivative-claims corpus', () => {
  it('reads every claim of the corpus', { timeout: 300_000 }, () => {
    const { errors } = checked();
    expect(errors.map(({ line, error }) => `${describeRow(ROWS[line - 1]!, line)}: ${error.message}`)).toEqual([]);
    expect(results().filter(({ result }) => !result).map(({ row, line }) => describeRow(row, line))).toEqual([]);
  });

  it('gives every claim the verdict of its label: no false accepts, no false rejects', { timeout: 300_000 }, () => {
    const all = results();
    const falseAccepts = all.filter(({ row, result }) => row.label === 'incorrect' && result?.verdict === 'correct');
    const falseRejects = all.filter(({ row, result }) => row.label === 'correct' && result?.verdict === 'incorrect');
    const undetermined = all.filter(({ result }) => result?.verdict !== 'correct' && result?.verdict !== 'incorrect');
    const summary =
      `${ROWS.length} claims: ${falseAccepts.length} false accepts, ${falseRejects.length} false rejects, ` +
      `${undetermined.length} undetermined or missing`;
    console.log(`corpus: ${summary}`);
    const listed = (title: string, entries: typeof all) =>
      entries.map(({ row, line, result }) => `${title} ${describeRow(row, line)}${result?.reason ? ` (${result.reason})` : ''}${result?.expected ? ` expected ${result.expected}` : ''}`);
    const mismatches = [...listed('false accept', falseAccepts), ...listed('false reject', falseRejects), ...listed('undetermined', undetermined)];
    expect(mismatches, summary).toEqual([]);
    expect(falseAccepts.length, summary).toBe(0);
    expect(falseRejects.length, summary).toBe(0);
  });

  it(`names the mistake: diagnosisKind is the row's kind for at least ${DIAGNOSIS_RATE * 100}% of named mistakes`, { timeout: 300_000 }, () => {
    const named = results().filter(({ row }) => row.label === 'incorrect' && (NAMED_KINDS as readonly string[]).includes(row.kind));
    const matched = named.filter(({ row, result }) => result?.diagnosisKind === row.kind);
    const perKind = NAMED_KINDS.map((kind) => {
      const ofKind = named.filter(({ row }) => row.kind === kind);
      return `${kind} ${ofKind.filter(({ row, result }) => result?.diagnosisKind === row.kind).length}/${ofKind.length}`;
    });
    const rate = matched.length / named.length;
    const summary = `diagnosis: ${matched.length} of ${named.length} named mistakes diagnosed as their kind (${(100 * rate).toFixed(1)}%): ${perKind.join(', ')}`;
    console.log(`corpus: ${summary}`);
    const missed = named
      .filter(({ row, result }) => result?.diagnosisKind !== row.kind)
      .map(({ row, line, result }) => `${describeRow(row, line)}: diagnosed ${result?.diagnosisKind ?? 'nothing'}`);
    expect(rate, `${summary}\nmissed:\n${missed.join('\n')}`).toBeGreaterThanOrEqual(DIAGNOSIS_RATE);
  });
});
