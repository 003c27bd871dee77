/**
 * erf and erfc to a Decimal class's precision: near 0 by the series of positive terms
 * erf x = (2/√π) e^(−x²) Σ 2ⁿ x^(2n+1)/(1·3·…·(2n+1)) (A&S 7.1.6), with as many more bits as 1 − erf x cancels
 * when erfc is asked for; far out by Laplace's continued fraction erfc x = e^(−x²)/√π · 1/(x + ½/(x + 1/(x + …)))
 * (A&S 7.1.14), run with enough terms for the precision: measured against mpmath for b = 100 … 1500 bits and
 * x = 2 … 40, the terms needed stay below (b ln 2/(2x))²/2 + 0.27 b + 10; the count used is 1.1 (b ln 2/(2x))²/2 + 0.3 b + 20.
 */
import type { Decimal } from 'decimal.js';
import { type Binary, type DecimalClass, fromBinary, isqrt, log2Estimate, toFixed, workingBits } from './binary.js';
import { piFixed } from './constants.js';
import { expFixed, isTiny } from './exp-log.js';

const LOG2_E = 1.4426950408889634;

/** √π at scale. */
function sqrtPi(scale: number): bigint {
  return isqrt(piFixed(2 * scale));
}

/** Terms the continued fraction needs for `bits` bits at x. */
function fractionTerms(x: number, bits: number): number {
  return Math.ceil(1.1 * ((bits * Math.LN2) / (2 * x)) ** 2 / 2 + 0.3 * bits + 20);
}

/** Whether the continued fraction is cheaper than the series at x (either gives every bit). */
function useFraction(x: number, bits: number): boolean {
  const seriesCost = (4 * x * x + bits / 3) * (1 + (LOG2_E * x * x) / bits); // terms, each longer by the bits 1 − erf loses
  return fractionTerms(x, bits) < seriesCost;
}

/** erf x for x > 0 as m·2^k, good to `bits` bits, by the series. */
function erfSeries(x: Decimal, bits: number): Binary {
  const size = x.toNumber();
  const scale = bits + Math.max(0, -Math.floor(log2Estimate(x))) + Math.ceil(Math.log2(4 * size * size + bits + 1)) + 16;
  const shift = BigInt(scale);
  const X = toFixed(x, scale);
  const square = (X * X) >> shift;
  let term = X;
  let sum = X;
  for (let n = 1n; term !== 0n; n++) {
    term = ((term * square * 2n) >> shift) / (2n * n + 1n); // × 2x²/(2n + 1)
    sum += term;
  }
  const { m, k } = expFixed(-square, scale); // e^(−x²)
  return { m: ((2n * sum * m) << shift) / sqrtPi(scale), k: k - scale };
}

/** erfc x for x > 0 as m·2^k, good to `bits` bits, by the continued fraction. */
function erfcFraction(x: Decimal, bits: number): Binary {
  const scale = bits + 16 + Math.ceil(2 * Math.log2(x.toNumber() + 1)); // x² carries the bits of x² into e^(−x²)
  const X = toFixed(x, scale);
  const halfUnit = 1n << BigInt(2 * scale - 1); // ½ at the scale of a quotient
  let tail = X;
  for (let n = BigInt(fractionTerms(x.toNumber(), bits)); n >= 1n; n--) tail = X + (n * halfUnit) / tail; // x + (n/2)/tail
  const { m, k } = expFixed(-((X * X) >> BigInt(scale)), scale);
  return { m: (m << BigInt(2 * scale)) / (sqrtPi(scale) * tail), k };
}

/** erfc x is taken as 0 beyond this (it is below 10^(−4·10^13) there). */
const FAR = 1e7;

/** erf x for x ≥ 0 to D's precision. */
function erfPositive(x: Decimal, D: DecimalClass): Decimal {
  if (x.gt(FAR)) return new D(1);
  const bits = workingBits(D);
  if (!useFraction(x.toNumber(), bits)) {
    const { m, k } = erfSeries(x, bits);
    return fromBinary(m, k, D);
  }
  const { m, k } = erfcFraction(x, bits);
  return new D(1).minus(fromBinary(m, k, D));
}

/** The error function erf x to D's precision. */
export function erf(x: Decimal, D: DecimalClass): Decimal {
  if (x.isZero()) return x;
  if (isTiny(x, D)) return x.minus(x.times(x).times(x).div(3)).times(2).div(sqrtPiDecimal(D)); // (2/√π)(x − x³/3)
  const value = erfPositive(x.abs(), D);
  return x.isNeg() ? value.neg() : value;
}

/** The complementary error function erfc x = 1 − erf x to D's precision, also where it is tiny. */
export function erfc(x: Decimal, D: DecimalClass): Decimal {
  if (x.isZero()) return new D(1);
  if (x.isNeg()) return new D(1).plus(erfPositive(x.neg(), D)); // 1 + erf |x|: nothing cancels
  if (x.gt(FAR)) return new D(0);
  const bits = workingBits(D);
  const size = x.toNumber();
  if (useFraction(size, bits)) {
    const { m, k } = erfcFraction(x, bits);
    return fromBinary(m, k, D);
  }
  const lost = Math.ceil(LOG2_E * size * size + Math.log2(size + 1)) + 2; // erfc x ≈ e^(−x²)/(x√π): the bits 1 − erf cancels
  const { m, k } = erfSeries(x, bits + lost); // k < 0 here: erf x < 1
  return fromBinary((1n << BigInt(-k)) - m, k, D);
}

/** √π to D's precision. */
function sqrtPiDecimal(D: DecimalClass): Decimal {
  const scale = workingBits(D);
  return fromBinary(sqrtPi(scale), -scale, D);
}
