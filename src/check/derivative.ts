/** One derivative claim from strings: the checker behind the vitest matcher and other programmatic uses. */
import { InputError } from '../errors.js';
import { parseLatexClaimLine } from '../syntax/latex.js';
import { parseProgram } from '../syntax/parse.js';
import { childrenOf, type Expr } from '../syntax/tree.js';
import { isLatex } from '../syntax/claim-lines.js';
import { checkClaims } from './claims.js';
import type { CheckOptions, ClaimResult } from './results.js';

/**
 * Whether `claimed` is the derivative of `fn` by `variable` (default: fn's only variable), with the same verdicts,
 * counterexamples and diagnoses as `chainrule check`. Each of the two is read on its own, in plain syntax or LaTeX;
 * `fn` may be a program of bindings (`z = w*x + b; a = sigmoid(z); L = (y - a)^2/2`), whose last line is the function,
 * and then `variable` may be one of its bindings (∂L/∂a is a's adjoint).
 */
export function checkDerivative(claimed: string, fn: string, variable?: string, options: CheckOptions = {}): ClaimResult {
  if (/[\n;=]/.test(claimed)) throw new InputError('syntax', `one expression was expected, not "${claimed}"`);
  const statements = fn.split(/[\n;]/).map((line) => line.trim()).filter((line) => line !== '');
  if (statements.length === 0) throw new InputError('syntax', 'the function is empty');
  const last = /^([A-Za-z_][A-Za-z0-9_]*)\s*=(?!=)/.exec(statements[statements.length - 1]!);
  const name = last?.[1] ?? freshName(`${fn} ${claimed}`);
  const lines = last ? statements : [...statements.slice(0, -1), `${name} = ${statements[statements.length - 1]}`];
  const by = variable ?? onlyVariable(statements[statements.length - 1]!.replace(/^[A-Za-z_][A-Za-z0-9_]*\s*=/, ''), statements.length > 1);
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(by)) throw new InputError('syntax', `"${by}" is not a variable name`);
  const claim = `d${name}/d${by} = ${claimed}`; // read in the answer's own syntax: dF/dx is a derivative in both
  const report = checkClaims([...lines, claim].join('\n'), options);
  const error = report.errors[0];
  if (error) throw error.error;
  const result = report.claims.find((found) => found.startLine === lines.length + 1);
  if (!result) throw new InputError('syntax', `"${fn}" could not be read as a function`);
  return result;
}

/** A name for the function that neither text uses. */
function freshName(texts: string): string {
  return ['F', 'G', 'H', 'f', 'g', 'h', 'F_1', 'F_2'].find((candidate) => !new RegExp(`(?<![A-Za-z0-9_\\\\])${candidate}(?![A-Za-z0-9_])`).test(texts)) ?? 'F_3';
}

/** The one variable of a function written as plain text or LaTeX. */
function onlyVariable(fn: string, hasBindings: boolean): string {
  const expr = isLatex(fn) ? latexExpression(fn) : plainExpression(fn);
  const names = [...new Set(namesIn(expr))].filter((name) => name !== 'pi' && name !== 'e');
  if (names.length !== 1 || hasBindings) {
    throw new InputError('syntax', `say which variable to differentiate ${fn} by: it has ${names.length === 0 ? 'none' : names.join(', ')}`);
  }
  return names[0]!;
}

function plainExpression(fn: string): Expr {
  const [statement] = parseProgram(fn);
  if (!statement || statement.kind === 'declare') throw new InputError('syntax', `"${fn}" is not an expression`);
  return statement.expr;
}

function latexExpression(fn: string): Expr {
  const line = parseLatexClaimLine(`F_0 = ${fn}`);
  return line.steps[0]!;
}

function namesIn(expr: Expr): string[] {
  return expr.kind === 'name' ? [expr.name] : childrenOf(expr).flatMap(namesIn);
}
