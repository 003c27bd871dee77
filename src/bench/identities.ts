/** The identities benchmark: checking a 1,000-line file of identities, true ones and ones that fail somewhere. */
import { timeCheck } from './claims.js';

/** Identities students check: right, and wrong in ways that hide from random points (negative or large values, exactness). */
const CASES: readonly string[] = [
  'sin(2x) = 2 sin(x) cos(x)',
  '(x^2 - 9)/(x - 3) = x + 3',
  'cos(x)^2 - sin(x)^2 = cos(2x)',
  '(a + b)^3 = a^3 + 3a^2 b + 3a b^2 + b^3',
  'exp(log(x)) = x',
  'log(x*y) = log(x) + log(y)',
  'tanh(x) = (exp(2x) - 1)/(exp(2x) + 1)',
  'sigmoid(x) = 1/(1 + exp(-x))',
  'x = sqrt(x^2)',
  'abs(x + 100) - 100 = abs(x + 101) - 101',
  '(a^b)^c = a^(b*c)',
  '0.333333333333333 x^2 = x^2/3',
  'cos(pi*x) = 1',
  'sin(x)^2 + cos(x)^2 = 1',
  '1/(x - 1) - 1/(x + 1) = 2/(x^2 - 1)',
  'sqrt(x^2 + 2x + 1) = x + 1',
];

/** A file of `count` identity lines cycling through the cases. */
export function identitiesFile(count: number): string {
  return Array.from({ length: count }, (_, i) => CASES[i % CASES.length]!).join('\n');
}

/** Identities checked per second on a 1,000-line file (median of a few runs, each a fresh checker). */
export function timeIdentities(count = 1000, samples = 5) {
  return timeCheck(identitiesFile(count), count, samples);
}
