/** Real powers and roots of Decimals, deciding exactly as Math.pow and the float64 ops do which are defined. */
import type { Decimal } from 'decimal.js';
import { type DecimalClass, decimalParts, nan, pow10 } from './binary.js';
import { positivePower } from './exp-log.js';
import { cbrt, sqrt } from './roots.js';

/** Integer exponents up to this size are raised by repeated squaring (exact up to rounding), larger ones by e^(b ln a). */
const SQUARING_LIMIT = 1 << 20;

/** Whether x is an odd integer. */
export function isOddInteger(x: Decimal): boolean {
  if (!x.isInteger()) return false;
  const { digits, exponent } = decimalParts(x);
  if (exponent > 0) return false; // a multiple of 10
  return (digits / pow10(-exponent)) % 2n !== 0n;
}

/** a^n for an integer n by repeated squaring (a few roundings more than one multiplication: log₂|n| of them). */
function integerPower(a: Decimal, n: number, D: DecimalClass): Decimal {
  let result: Decimal | undefined;
  let square = a;
  for (let rest = Math.abs(n); rest > 0; rest = Math.floor(rest / 2)) {
    if (rest % 2 === 1) result = result ? result.times(square) : square;
    if (rest > 1) square = square.times(square);
  }
  return n < 0 ? new D(1).div(result!) : result!;
}

/** a^b on the reals: NaN for a negative base with a non-integer exponent and for 0 to a negative power; a^0 = 1. */
export function power(a: Decimal, b: Decimal, D: DecimalClass): Decimal {
  if (b.isZero()) return new D(1);
  if (a.isZero()) return b.isNeg() ? nan(D) : new D(0);
  if (b.isInteger() && b.abs().lte(SQUARING_LIMIT)) return integerPower(a, b.toNumber(), D);
  if (!a.isNeg()) return positivePower(a, b, D);
  if (!b.isInteger()) return nan(D);
  const magnitude = positivePower(a.neg(), b, D);
  return isOddInteger(b) ? magnitude.neg() : magnitude;
}

/** The real n-th root of x: NaN for n = 0, for negative x unless n is an odd integer, and for x = 0 with n < 0. */
export function nthRoot(x: Decimal, n: Decimal, D: DecimalClass): Decimal {
  if (n.isZero()) return nan(D);
  if (x.isZero()) return n.isNeg() ? nan(D) : new D(0);
  if (x.isNeg()) return isOddInteger(n) ? nthRoot(x.neg(), n, D).neg() : nan(D);
  if (n.eq(2)) return sqrt(x, D);
  if (n.eq(3)) return cbrt(x, D);
  return positivePower(x, new D(1).div(n), D);
}
