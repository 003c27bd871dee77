/** Square and cube roots to a Decimal class's precision, by integer roots of bigints (decimal.js's take 25–70 µs). */
import type { Decimal } from 'decimal.js';
import { bitLength, type DecimalClass, fromBinary, isqrt, log2Estimate, nan, toFixed, workingBits } from './binary.js';

/** ⌊∛n⌋ for n ≥ 0, by Newton's method from a float64 estimate above the root. */
function icbrt(n: bigint): bigint {
  if (n < 2n) return n;
  const shift = Math.max(0, bitLength(n) - 150);
  const third = Math.floor(shift / 3);
  const top = Number(n >> BigInt(3 * third));
  let x = BigInt(Math.ceil(Math.cbrt(top) * (1 + 1e-12)) + 1) << BigInt(third);
  for (;;) {
    const next = (2n * x + n / (x * x)) / 3n;
    if (next >= x) return x;
    x = next;
  }
}

/** x = m·2^k with k a multiple of `degree` and m of at least `degree` times the working bits. */
function spread(x: Decimal, degree: number, D: DecimalClass): { m: bigint; k: number } {
  let k = Math.floor(log2Estimate(x)) - degree * (workingBits(D) + 2);
  k -= ((k % degree) + degree) % degree;
  return { m: toFixed(x, -k), k };
}

/** √x to D's precision (NaN for x < 0). */
export function sqrt(x: Decimal, D: DecimalClass): Decimal {
  if (x.isZero()) return x;
  if (x.isNeg()) return nan(D);
  const { m, k } = spread(x, 2, D);
  return fromBinary(isqrt(m), k / 2, D);
}

/** The real cube root ∛x to D's precision (negative for negative x). */
export function cbrt(x: Decimal, D: DecimalClass): Decimal {
  if (x.isZero()) return x;
  const { m, k } = spread(x.abs(), 3, D);
  const root = fromBinary(icbrt(m), k / 3, D);
  return x.isNeg() ? root.neg() : root;
}
