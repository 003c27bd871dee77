/** One derivative claim from strings: the checker behind the vitest matcher and other programmatic uses. */
import { InputError } from '../errors.js';
import { GraphBuilder } from '../graph/build.js';
import { parseProgram } from '../syntax/parse.js';
import { checkClaims, type CheckOptions, type ClaimResult } from './claims.js';

/**
 * Whether `claimed` is the derivative of `fn` by `variable` (default: fn's only variable), with the same
 * verdicts, counterexamples and diagnoses as `chainrule check`.
 */
export function checkDerivative(claimed: string, fn: string, variable?: string, options: CheckOptions = {}): ClaimResult {
  for (const text of [claimed, fn]) {
    if (/[\n;=]/.test(text)) throw new InputError('syntax', `one expression was expected, not "${text}"`);
  }
  const by = variable ?? onlyVariable(fn);
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(by)) throw new InputError('syntax', `"${by}" is not a variable name`);
  const report = checkClaims(`d/d${by} (${fn}) = ${claimed}`, options);
  const error = report.errors[0];
  if (error) throw error.error;
  return report.claims[0]!;
}

function onlyVariable(fn: string): string {
  const builder = new GraphBuilder();
  const statements = parseProgram(fn);
  for (const statement of statements) if (statement.kind !== 'declare') builder.expression(statement.expr, { text: fn });
  if (builder.variables.length !== 1) {
    throw new InputError('syntax', `say which variable to differentiate ${fn} by: it has ${builder.variables.length === 0 ? 'none' : builder.variables.join(', ')}`);
  }
  return builder.variables[0]!;
}
