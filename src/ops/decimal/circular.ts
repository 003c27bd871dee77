/**
 * π, sin, cos and atan to a Decimal class's precision by bigint series, and asin, acos, atan2 built on them. The
 * argument of sin and cos is reduced by π/2 with as many bits of π as its size needs, and with more where it lies
 * so near a multiple of π/2 that the reduced argument would lose digits (sin(7π) is about 10^−70, not 0 or noise).
 */
import type { Decimal } from 'decimal.js';
import { bitLength, type DecimalClass, divideRounded, fromFixed, isqrt, log2Estimate, nan, toFixed, workingBits } from './binary.js';
import { piFixed } from './constants.js';
import { isTiny } from './exp-log.js';
import { sqrt } from './roots.js';

/** π to D's precision. */
export function pi(D: DecimalClass): Decimal {
  const scale = workingBits(D);
  return fromFixed(piFixed(scale), scale, D);
}

/** sin R and cos R at `scale` for |R| ≤ 2^scale, by their Taylor series (one term R^i/i! at a time). */
function sinCosFixed(R: bigint, scale: number): { sin: bigint; cos: bigint } {
  const shift = BigInt(scale);
  let term = 1n << shift;
  let sin = 0n;
  let cos = term;
  for (let i = 1n; term !== 0n; i++) {
    term = ((term * R) >> shift) / i;
    const quarter = i % 4n; // R^i/i! goes to sin for odd i, to cos for even i, with signs + − − +
    if (quarter === 1n) sin += term;
    else if (quarter === 2n) cos -= term;
    else if (quarter === 3n) sin -= term;
    else cos += term;
  }
  return { sin, cos };
}

/** sin x and cos x to D's precision, relative also near their zeros. */
export function sinCos(x: Decimal, D: DecimalClass): { sin: Decimal; cos: Decimal } {
  if (x.isZero()) return { sin: x, cos: new D(1) };
  if (isTiny(x, D)) {
    const square = x.times(x);
    return { sin: x.minus(square.times(x).div(6)), cos: new D(1).minus(square.div(2)) }; // x − x³/6, 1 − x²/2
  }
  const wanted = workingBits(D);
  const size = Math.max(0, Math.ceil(log2Estimate(x)) + 1); // bits of the number of quarter turns
  const start = wanted + size + 8;
  const limit = start + wanted + Math.ceil((x.sd() + Math.max(0, x.e) + 20) * 3.33); // no closer to kπ/2 than x's digits allow
  for (let scale = start; ; ) {
    const X = toFixed(x, scale);
    const halfPi = piFixed(scale + 1) >> 2n; // π/2 at scale
    const q = divideRounded(X, halfPi);
    const reduced = X - q * halfPi; // x − qπ/2, in [−π/4, π/4], off by at most |q| + 2 units
    const good = bitLength(reduced) - size - 2; // its correct bits
    if (good < wanted + 6 && scale < limit) {
      scale = Math.min(limit, scale + wanted + 6 - good);
      continue;
    }
    const { sin, cos } = sinCosFixed(reduced, scale);
    const quadrant = Number(((q % 4n) + 4n) % 4n); // sin(r + qπ/2), cos(r + qπ/2)
    const pairs: readonly (readonly [bigint, bigint])[] = [[sin, cos], [cos, -sin], [-sin, -cos], [-cos, sin]];
    const [s, c] = pairs[quadrant]!;
    return { sin: fromFixed(s, scale, D), cos: fromFixed(c, scale, D) };
  }
}

/** atan(X) at `scale` for |X| ≤ 2^scale: three halvings atan y = 2 atan(y/(1 + √(1 + y²))), then its series. */
function atanFixed(X: bigint, scale: number): bigint {
  const shift = BigInt(scale);
  const one = 1n << shift;
  let y = X;
  for (let h = 0; h < 3; h++) y = (y << shift) / (one + isqrt((one << shift) + y * y)); // now |y| ≤ tan(π/32) < 0.1
  const square = (y * y) >> shift;
  let power = y;
  let sum = y;
  for (let i = 1n; power !== 0n; i++) {
    power = -((power * square) >> shift);
    sum += power / (2n * i + 1n); // y − y³/3 + y⁵/5 − …
  }
  return sum << 3n;
}

/** atan x to D's precision, in (−π/2, π/2). */
export function atan(x: Decimal, D: DecimalClass): Decimal {
  if (x.isZero()) return x;
  if (isTiny(x, D)) return x.minus(x.times(x).times(x).div(3)); // x − x³/3
  const wanted = workingBits(D) + 8;
  if (x.abs().lte(1)) {
    const scale = wanted - Math.min(0, Math.floor(log2Estimate(x))); // small x: as many more bits as it has leading zeros
    return fromFixed(atanFixed(toFixed(x, scale), scale), scale, D);
  }
  const inverse = (1n << BigInt(2 * wanted)) / toFixed(x.abs(), wanted); // 1/|x| < 1
  const angle = (piFixed(wanted + 1) >> 2n) - atanFixed(inverse, wanted); // atan |x| = π/2 − atan(1/|x|)
  return fromFixed(x.isNeg() ? -angle : angle, wanted, D);
}

/** asin x to D's precision (NaN for |x| > 1). */
export function asin(x: Decimal, D: DecimalClass): Decimal {
  const size = x.abs().cmp(1);
  if (size > 0) return nan(D);
  if (size === 0) return pi(D).div(x.isNeg() ? -2 : 2);
  return atan(x.div(sqrt(new D(1).minus(x).times(x.plus(1)), D)), D); // asin x = atan(x/√((1 − x)(1 + x)))
}

/** acos x to D's precision (NaN for |x| > 1). */
export function acos(x: Decimal, D: DecimalClass): Decimal {
  if (x.abs().gt(1)) return nan(D);
  if (x.eq(-1)) return pi(D);
  return atan(sqrt(new D(1).minus(x).div(x.plus(1)), D), D).times(2); // acos x = 2 atan √((1 − x)/(1 + x)), no cancellation near 1
}

/** atan2(y, x) to D's precision, with Math.atan2's conventions for zeros and signed zeros. */
export function atan2(y: Decimal, x: Decimal, D: DecimalClass): Decimal {
  const half = pi(D).div(2);
  if (y.isZero()) return x.isNeg() ? pi(D).times(y.isNeg() ? -1 : 1) : y; // atan2(±0, x): ±0 for x ≥ +0, ±π for x ≤ −0
  if (x.isZero()) return y.isNeg() ? half.neg() : half;
  if (y.abs().lte(x.abs())) {
    const angle = atan(y.div(x), D);
    if (!x.isNeg()) return angle;
    return y.isNeg() ? angle.minus(pi(D)) : angle.plus(pi(D)); // the left half-plane: ±π + atan(y/x)
  }
  const angle = atan(x.div(y), D);
  return y.isNeg() ? half.neg().minus(angle) : half.minus(angle); // steep: ±π/2 − atan(x/y)
}

/** asec x = acos(1/x) = 2 atan √((x − 1)/(x + 1)), which keeps every digit near |x| = 1 (NaN for |x| < 1). */
export function asec(x: Decimal, D: DecimalClass): Decimal {
  if (x.abs().lt(1)) return nan(D);
  if (x.eq(-1)) return pi(D);
  return atan(sqrt(x.minus(1).div(x.plus(1)), D), D).times(2);
}

/** acsc x = asin(1/x) = sign(x)·atan(1/√((x − 1)(x + 1))) (NaN for |x| < 1). */
export function acsc(x: Decimal, D: DecimalClass): Decimal {
  if (x.abs().lt(1)) return nan(D);
  const angle = x.abs().eq(1) ? pi(D).div(2) : atan(new D(1).div(sqrt(x.minus(1).times(x.plus(1)), D)), D);
  return x.isNeg() ? angle.neg() : angle;
}
