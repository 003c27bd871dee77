/**
 * The exponential and the logarithm to a Decimal class's precision, by bigint series: e^x after x = n ln 2 + r,
 * ln x as j ln 2 + 2 atanh((f − 1)/(f + 1)). Results are good to their relative precision also where a naive
 * formula cancels (expm1 and log1p near 0, ln near 1), and every power b^y is built from them.
 */
import type { Decimal } from 'decimal.js';
import { type Binary, type DecimalClass, decimalParts, divideRounded, fromBinary, fromFixed, log2Estimate, nan, pow10, toFixed, workingBits } from './binary.js';
import { ln2Fixed } from './constants.js';

/** Arguments beyond this size give 0 or ∞ (e^(10^15) is about 10^(4·10^14), far beyond any use here). */
const HUGE = 1e15;

/** Whether |x| < 10^−(P/2 + 2): small enough that two terms of a series give every digit of the precision. */
export function isTiny(x: Decimal, D: DecimalClass): boolean {
  return x.e < -(D.precision / 2 + 2);
}

/** e^(Y/2^scale) as m·2^k, with a relative error of a few units of 2^−(scale − log2|y|); |y| < 2^52. */
export function expFixed(Y: bigint, scale: number): Binary {
  const ln2 = ln2Fixed(scale);
  const n = divideRounded(Y, ln2);
  const reduced = Y - n * ln2; // |r| ≤ ln2/2, so that e^r = (e^(r/2^s))^(2^s) needs few terms
  const halvings = Math.ceil(Math.sqrt(scale) / 2);
  const fine = scale + halvings; // the same integer, read at a finer scale, is r/2^s
  const shift = BigInt(fine);
  const one = 1n << shift;
  let sum = one;
  let term = one;
  for (let i = 1n; term !== 0n; i++) {
    term = ((term * reduced) >> shift) / i;
    sum += term;
  }
  for (let j = 0; j < halvings; j++) sum = (sum * sum) >> shift;
  return { m: sum, k: Number(n) - fine };
}

/** atanh(Z/2^scale)·2^scale for |z| ≤ 0.18, by Σ z^(2i+1)/(2i + 1). */
function atanhFixed(Z: bigint, scale: number): bigint {
  if (Z < 0n) return -atanhFixed(-Z, scale); // odd; shifting a negative power right would stop at −1, never at 0
  const shift = BigInt(scale);
  const square = (Z * Z) >> shift;
  let power = Z;
  let sum = Z;
  for (let i = 1n; power !== 0n; i++) {
    power = (power * square) >> shift;
    sum += power / (2n * i + 1n);
  }
  return sum;
}

/** ln x · 2^scale for x > 0, with an absolute error of a few units. */
export function lnFixed(x: Decimal, scale: number): bigint {
  const guarded = scale + 8;
  const j = Math.round(log2Estimate(x)); // x = f·2^j with f within a factor √2·(a little) of 1
  const f = toFixed(x, guarded - j);
  const one = 1n << BigInt(guarded);
  const z = ((f - one) << BigInt(guarded)) / (f + one);
  const ln = 2n * atanhFixed(z, guarded) + BigInt(j) * ln2Fixed(guarded);
  return ln >> 8n;
}

/** atanh z for a Decimal |z| ≤ 0.18, to its relative precision. */
function atanhSmall(z: Decimal, D: DecimalClass): Decimal {
  if (z.isZero()) return z;
  if (isTiny(z, D)) return z.plus(z.times(z).times(z).div(3)); // z + z³/3
  const scale = workingBits(D) - Math.min(0, Math.floor(log2Estimate(z)));
  return fromFixed(atanhFixed(toFixed(z, scale), scale), scale, D);
}

/** e^x to D's precision. */
export function exp(x: Decimal, D: DecimalClass): Decimal {
  if (x.isZero()) return new D(1);
  if (x.abs().gt(HUGE)) return new D(x.isNeg() ? 0 : Number.POSITIVE_INFINITY);
  const scale = workingBits(D) + Math.max(0, Math.ceil(log2Estimate(x))) + 8; // r = x − n ln 2 needs the bits of n too
  const { m, k } = expFixed(toFixed(x, scale), scale);
  return fromBinary(m, k, D);
}

/** eˣ − 1 to D's relative precision, also for x near 0. */
export function expm1(x: Decimal, D: DecimalClass): Decimal {
  if (x.isZero()) return x;
  if (x.abs().gte(0.5)) return exp(x, D).minus(1);
  if (isTiny(x, D)) return x.plus(x.times(x).div(2)); // x + x²/2
  const scale = workingBits(D) - Math.floor(log2Estimate(x)) + 8; // the bits eˣ − 1 loses to cancellation, added
  const { m, k } = expFixed(toFixed(x, scale), scale); // k < 0: eˣ = m/2^−k
  return fromBinary(m - (1n << BigInt(-k)), k, D);
}

/** ln x to D's precision (NaN for x ≤ 0). */
export function ln(x: Decimal, D: DecimalClass): Decimal {
  if (!x.isPositive() || x.isZero()) return nan(D);
  if (x.gt(0.7) && x.lt(1.42)) return atanhSmall(x.minus(1).div(x.plus(1)), D).times(2); // near 1: ln x = 2 atanh((x − 1)/(x + 1))
  const scale = workingBits(D) + 8;
  return fromFixed(lnFixed(x, scale), scale, D); // |ln x| > 0.34: the absolute error is a relative one
}

/** ln(1 + x) to D's relative precision, also for x near 0 (NaN for x ≤ −1). */
export function log1p(x: Decimal, D: DecimalClass): Decimal {
  if (x.gt(-0.29) && x.lt(0.41)) return atanhSmall(x.div(x.plus(2)), D).times(2); // ln(1 + x) = 2 atanh(x/(2 + x))
  return ln(x.plus(1), D);
}

/** base^exponent for a positive base, as e^(exponent · ln base) with the bits the product's size needs. */
export function positivePower(base: Decimal, exponent: Decimal, D: DecimalClass): Decimal {
  if (exponent.isZero() || base.eq(1)) return new D(1);
  const lnBound = base.gt(0.5) && base.lt(2) ? base.minus(1).abs().times(2) : new D(Math.abs(log2Estimate(base)) + 1); // ≥ |ln base|
  const size = exponent.abs().times(lnBound); // ≥ |exponent · ln base|
  if (size.gt(HUGE)) return new D(exponent.isNeg() === base.lt(1) ? Number.POSITIVE_INFINITY : 0);
  const scale = workingBits(D) + Math.max(0, Math.ceil(log2Estimate(size.plus(1)))) + 8;
  const { digits, exponent: tens } = decimalParts(exponent);
  const extra = Math.max(0, Math.ceil(log2Estimate(exponent))) + 2; // |exponent| multiplies ln base's error
  const lnBase = lnFixed(base, scale + extra);
  let product = lnBase * digits; // y = exponent · ln base, at scale + extra
  product = tens >= 0 ? product * pow10(tens) : product / pow10(-tens);
  const { m, k } = expFixed(product >> BigInt(extra), scale);
  return fromBinary(m, k, D);
}

/** log₂ x to D's precision (NaN for x ≤ 0). */
export function log2(x: Decimal, D: DecimalClass): Decimal {
  const scale = workingBits(D) + 8;
  return ln(x, D).div(fromFixed(ln2Fixed(scale), scale, D));
}

/** log₁₀ x to D's precision (NaN for x ≤ 0). */
export function log10(x: Decimal, D: DecimalClass): Decimal {
  return ln(x, D).div(ln(new D(10), D));
}
