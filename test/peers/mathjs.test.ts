// mathjs's own derivative tests, as data in ../shared/peers (read at run time, never copied here: Apache-2.0 there).
// Every row that is a real scalar expression in our syntax is differentiated by chainrule, which must pass its own
// three-way cross-check and be equivalent to mathjs's expected derivative, except where that expectation is wrong
// over the reals (listed below, with the reason).
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readTable } from './table.js';
import { diffProgram as diff, InputError } from '../../src/engines.js';
import { compareExpressions, parse, printText, Simplifier } from '../../src/engines.js';

const FOLDER = process.env.CHAINRULE_PEERS ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/peers');
const FILE = resolve(FOLDER, 'mathjs_derivative_tests.tsv');
const present = existsSync(FILE);
if (!present) console.warn(`peers: ${FILE} is absent, so mathjs's derivative tests are skipped (set CHAINRULE_PEERS to the folder)`);

/** Rows whose expected derivative is wrong over the reals: chainrule must find it different, with the reason. */
const WRONG_EXPECTATIONS: Readonly<Record<string, string>> = {
  // acoth u = atanh(1/u), so d/dx acoth(2x) = 2/(1 − 4x²) on |2x| > 1 (the same formula as atanh's);
  // mathjs's test expects −2/(1 − 4x²), the opposite sign
  'acoth((2x))': 'mathjs expects the opposite sign: d/dx acoth(2x) = 2/(1 − (2x)²) for |2x| > 1',
};

/** Rows whose expected text means something else in our grammar than in mathjs's: only the cross-check applies. */
const READ_DIFFERENTLY: Readonly<Record<string, string>> = {
  // mathjs binds "2 x" after "/" tighter than the division (abs(2x)/2 x is abs(2x)/(2x)); ours reads (abs(2x)/2)·x
  'abs(2x)': 'the expectation "… abs(2 x) / 2 x" divides by 2x in mathjs, but multiplies by x in our grammar',
};

interface Row {
  readonly line: number;
  readonly expr: string;
  readonly variable: string;
  readonly expected: string;
}

function readRows(): Row[] {
  return readTable(FILE, ['expr', 'var', 'expected']).map((row) => ({ line: row.line, expr: row.expr, variable: row.var, expected: row.expected }));
}

type Outcome =
  | { readonly kind: 'skipped'; readonly reason: string }
  | { readonly kind: 'ran'; readonly agree: boolean; readonly verdict: string; readonly note?: string; readonly derivative: string };

/** Why a text is not a real scalar expression in our syntax, or undefined when it is one. */
function notOurs(text: string): string | undefined {
  try {
    parse(text);
    return undefined;
  } catch (error) {
    if (error instanceof InputError) return error.message;
    throw error;
  }
}

function runRow(row: Row): Outcome {
  const exprProblem = notOurs(row.expr);
  if (exprProblem) return { kind: 'skipped', reason: `the expression is not in our syntax (${exprProblem})` };
  const expectedProblem = notOurs(row.expected);
  if (expectedProblem) return { kind: 'skipped', reason: `the expectation is not in our syntax (${expectedProblem})` };
  // a row that defines a function (`f(x) = 5x + x + 2`) differentiates the function applied to its parameters
  const definition = /^\s*([A-Za-z_]\w*\s*\([^)]*\))\s*=/.exec(row.expr);
  const program = parse(definition ? `${row.expr}\nexpected__ = ${row.expected}\nf__ = ${definition[1]}` : `expected__ = ${row.expected}\nf = ${row.expr}`);
  let result: ReturnType<typeof diff>;
  try {
    result = diff(program, { wrt: [row.variable], points: 5 });
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return { kind: 'ran', agree: false, verdict: 'unknown', note: `chainrule diff failed: ${error.message}`, derivative: '?' };
  }
  const derivative = result.derivatives.byVariable.get(row.variable)!;
  const expectedNode = program.bindings.find((binding) => binding.name === 'expected__')!.node;
  const comparison = compareExpressions(new Simplifier(program.graph), derivative, expectedNode);
  return { kind: 'ran', agree: result.verification.agree, verdict: comparison.verdict, note: comparison.reason, derivative: printText(program.graph, derivative) };
}

describe.skipIf(!present)(`peers: mathjs's derivative tests${present ? '' : ` (skipped: ${FILE} is absent; set CHAINRULE_PEERS to the folder)`}`, () => {
  const rows = present ? readRows() : [];
  const outcomes = rows.map((row) => ({ row, outcome: runRow(row) }));

  it.each(outcomes.filter(({ outcome }) => outcome.kind === 'ran').map(({ row, outcome }) => [`${row.line}: d/d${row.variable} ${row.expr}`, row, outcome] as const))(
    '%s passes the cross-check and matches the expectation (where the expectation is right)',
    (_title, row, outcome) => {
      if (outcome.kind !== 'ran') return;
      expect(outcome.agree, `${row.expr}: the three-way cross-check ${outcome.note ?? ''}`).toBe(true);
      if (row.expr in WRONG_EXPECTATIONS) expect(outcome.verdict, WRONG_EXPECTATIONS[row.expr]).toBe('different');
      else if (!(row.expr in READ_DIFFERENTLY)) expect(outcome.verdict, `${row.expr}: chainrule's ${outcome.derivative} vs ${row.expected} (${outcome.note ?? ''})`).toBe('equal');
    },
  );

  it('finds the acoth expectation wrong and the opposite sign right', () => {
    const program = parse('right = -(-(2 * 1) / (1 - (2 x) ^ 2)); f = acoth(2x)');
    const result = diff(program, { wrt: ['x'] });
    const right = program.bindings.find((binding) => binding.name === 'right')!.node;
    expect(compareExpressions(new Simplifier(program.graph), result.derivatives.byVariable.get('x')!, right).verdict).toBe('equal');
    expect(outcomes.some(({ row }) => row.expr in WRONG_EXPECTATIONS)).toBe(true);
  });

  it('reports how many rows ran, passed and were skipped, and why', () => {
    const ran = outcomes.filter(({ outcome }) => outcome.kind === 'ran');
    const skipped = outcomes.filter(({ outcome }) => outcome.kind === 'skipped');
    const passed = ran.filter(({ row, outcome }) => outcome.kind === 'ran' && outcome.agree && (outcome.verdict === 'equal' || row.expr in WRONG_EXPECTATIONS || row.expr in READ_DIFFERENTLY));
    const lines = [
      `peers: mathjs derivative tests: ${rows.length} rows, ${ran.length} ran, ${passed.length} passed, ${skipped.length} skipped`,
      ...Object.entries(WRONG_EXPECTATIONS).map(([expr, why]) => `  expectation wrong over the reals: ${expr}: ${why}`),
      ...Object.entries(READ_DIFFERENTLY).map(([expr, why]) => `  cross-check only: ${expr}: ${why}`),
      ...skipped.map(({ row, outcome }) => `  skipped line ${row.line} (${row.expr}): ${outcome.kind === 'skipped' ? outcome.reason : ''}`),
    ];
    console.info(lines.join('\n'));
    expect(passed.length).toBe(ran.length);
    expect(ran.length).toBeGreaterThan(rows.length / 2);
  });
});
