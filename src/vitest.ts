/**
 * `chainrule/vitest`: matchers for hand-derived formulas under test. Import it once (in a test file or a setup file):
 *   import 'chainrule/vitest';
 *   expect('2*x*cos(x^2)').toBeDerivativeOf('sin(x^2)', 'x');
 */
import { expect } from 'vitest';
import { matchers } from './matchers.js';

export { matchers };

expect.extend(matchers);

declare module 'vitest' {
  // the type parameter must be declared exactly as vitest declares it
  interface Matchers<T = any> {
    /** The received expression is the derivative of `fn` by `variable` (checked symbolically and at sampled points). */
    toBeDerivativeOf(fn: string, variable?: string): T;
  }
}
