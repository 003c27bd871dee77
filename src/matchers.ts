/**
 * `chainrule/matchers`: the matchers as plain functions, for any `expect.extend` (Jest, Bun, vitest):
 *   import { matchers } from 'chainrule/matchers';
 *   expect.extend(matchers);
 *   expect('2*x*cos(x^2)').toBeDerivativeOf('sin(x^2)', 'x');
 * It imports no test runner; `chainrule/vitest` extends vitest's expect with them.
 */
import { checkDerivative } from './check/derivative.js';
import { formatError, InputError } from './errors.js';

/** The matchers, for `expect.extend`. */
export const matchers = {
  /**
   * Passes when the received expression is the derivative of `fn` by `variable` (default: fn's only variable); each is
   * plain text or LaTeX, and `fn` may be bindings whose last line is the function (then `variable` may be a binding).
   */
  toBeDerivativeOf(received: unknown, fn: string, variable?: string) {
    if (typeof received !== 'string') return { pass: false, message: () => `expected an expression as a string, got ${typeof received}` };
    let result;
    try {
      result = checkDerivative(received, fn, variable);
    } catch (error) {
      // input that cannot be read fails the test either way: .not must not turn it into a pass
      if (error instanceof InputError) throw new Error(`chainrule could not read the claim:\n${formatError(error)}`);
      throw error;
    }
    const by = variable ?? 'its variable';
    if (result.verdict === 'correct') return { pass: true, message: () => `expected ${received} not to be the derivative of ${fn} by ${by}, but it is` };
    const details = [
      result.expected !== undefined ? `the derivative is ${result.expected}` : undefined,
      result.counterexample
        ? `at ${JSON.stringify(result.counterexample.point)} yours is ${result.counterexample.claimed}, the derivative is ${result.counterexample.correct}`
        : undefined,
      result.diagnosis,
      result.reason,
    ].filter((line) => line !== undefined);
    return { pass: false, message: () => `expected ${received} to be the derivative of ${fn} by ${by} (${result.verdict}):\n  ${details.join('\n  ')}` };
  },
};
