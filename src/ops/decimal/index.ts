/** High-precision values for the op records: everything an op's `precise` is written with. */
export type { DecimalClass } from './binary.js';
export { acos, acsc, asec, asin, atan, atan2, pi, sinCos } from './circular.js';
export { erf, erfc } from './erf.js';
export { exp, expm1, ln, log10, log1p, log2 } from './exp-log.js';
export { acosh, acoth, asech, asinh, atanh, cosh, sigmoid, sinh, softplus, tanh } from './hyperbolic.js';
export { isOddInteger, nthRoot, power } from './power.js';
export { cbrt, sqrt } from './roots.js';
export { nan } from './binary.js';
