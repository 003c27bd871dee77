/**
 * Conversions between Decimals and the bigint numbers the high-precision kernels compute with: fixed point
 * (X stands for X/2^scale) and binary floating point (m·2^k). BigInt arithmetic is tens of times faster than
 * decimal.js's at a few hundred bits, which is what makes a point take microseconds rather than milliseconds.
 */
import { WorkLimit } from '../../errors.js';
import type { Decimal } from 'decimal.js';

/** A Decimal constructor whose precision (significant digits) is set: a clone of decimal.js's. */
export type DecimalClass = typeof Decimal;

/** A binary floating-point number m·2^k. */
export interface Binary {
  readonly m: bigint;
  readonly k: number;
}

const LOG2_10 = 3.321928094887362;
const LOG10_2 = 0.3010299956639812;
/** Beyond 2^±BIG_EXPONENT a binary number goes to Decimal through decimal.js's own power of 2. */
const BIG_EXPONENT = 16384;

/** The bits a kernel keeps for D's precision: its significant digits in bits, plus guard bits. */
export function workingBits(D: DecimalClass): number {
  return Math.ceil(D.precision * LOG2_10) + 24;
}

/** Number of bits of |n| (0 for 0). */
export function bitLength(n: bigint): number {
  if (n === 0n) return 0;
  const hex = (n < 0n ? -n : n).toString(16);
  return (hex.length - 1) * 4 + 32 - Math.clz32(parseInt(hex[0]!, 16));
}

/** Powers of 10 and 5 are kept up to this exponent (enough for every float64: 2^−1074 needs 5^1074). */
const KEPT_POWERS = 1100;
const powers10: bigint[] = [1n];
const powers5: bigint[] = [1n];

/**
 * The most digits a number computed with many digits may have (10^(10^8) would be 40 MB and seconds to make): beyond it
 * the many-digit tier stops, with a WorkLimit.
 */
export const MAX_DIGITS = 20_000;

function withinDigits(n: number): void {
  if (n > MAX_DIGITS) throw new WorkLimit(`checking it would need a number of more than ${MAX_DIGITS} digits`);
}

/** 10^n (n ≥ 0), kept for the exponents decimals usually have. */
export function pow10(n: number): bigint {
  withinDigits(n);
  if (n > KEPT_POWERS) return 10n ** BigInt(n);
  while (powers10.length <= n) powers10.push(powers10[powers10.length - 1]! * 10n);
  return powers10[n]!;
}

/** 5^n (n ≥ 0), kept like pow10. */
export function pow5(n: number): bigint {
  withinDigits(n);
  if (n > KEPT_POWERS) return 5n ** BigInt(n);
  while (powers5.length <= n) powers5.push(powers5[powers5.length - 1]! * 5n);
  return powers5[n]!;
}

/** x = digits·10^exponent exactly, with the sign on digits (x finite). */
export function decimalParts(x: Decimal): { digits: bigint; exponent: number } {
  const limbs = x.d; // base 10^7, most significant first, no trailing zero limbs
  let text = String(limbs[0]);
  for (let i = 1; i < limbs.length; i++) text += String(limbs[i]).padStart(7, '0');
  const digits = BigInt(text);
  return { digits: x.s < 0 ? -digits : digits, exponent: x.e - text.length + 1 };
}

/** numerator·2^twos·10^tens, truncated toward zero. */
function scaled(numerator: bigint, twos: number, tens: number): bigint {
  withinDigits(Math.abs(twos) * LOG10_2); // a power of 2 is bounded as one of 10 is (2^(1e9) has 3·10^8 digits)
  let num = numerator;
  let den = 1n;
  if (twos >= 0) num <<= BigInt(twos);
  else den <<= BigInt(-twos);
  if (tens >= 0) num *= pow10(tens);
  else den *= pow10(-tens);
  return num / den;
}

/** x·2^scale truncated to an integer: x in fixed point (error below one unit). */
export function toFixed(x: Decimal, scale: number): bigint {
  const { digits, exponent } = decimalParts(x);
  return scaled(digits, scale, exponent);
}

/** log2|x| from x's leading 8 to 14 digits (within 10^−7), for choosing scales and reductions; x finite and nonzero. */
export function log2Estimate(x: Decimal): number {
  const lead = x.d[0]!; // 1 to 7 digits, worth lead·10^(e − digits(lead) + 1)
  const next = x.d[1] ?? 0; // the next 7 digits
  return Math.log2(lead + next / 1e7) + (x.e - String(lead).length + 1) * LOG2_10;
}

/** The Decimal nearest m·2^k (to D's precision, within about an ulp). */
export function fromBinary(m: bigint, k: number, D: DecimalClass): Decimal {
  if (m === 0n) return new D(0);
  const bits = bitLength(m) + k; // 2^(bits−1) ≤ |m·2^k| < 2^bits
  if (Math.abs(bits) > BIG_EXPONENT) return new D(m.toString()).times(new D(2).pow(k)); // far outside float64's range
  const last = Math.floor((bits - 1) * LOG10_2) - D.precision - 3; // decimal exponent of the last digit kept
  let num = m;
  let den = 1n;
  const twos = k - last;
  if (twos >= 0) num <<= BigInt(twos);
  else den <<= BigInt(-twos);
  if (last <= 0) num *= pow5(-last);
  else den *= pow5(last);
  return new D(`${num / den}e${last}`).toSignificantDigits(D.precision);
}

/** The Decimal nearest X/2^scale. */
export function fromFixed(X: bigint, scale: number, D: DecimalClass): Decimal {
  return fromBinary(X, -scale, D);
}

/** ⌊√n⌋ for n ≥ 0, by Newton's method from a float64 estimate above the root. */
export function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  const shift = Math.max(0, bitLength(n) - 100) & ~1;
  const top = Number(n >> BigInt(shift));
  let x = BigInt(Math.ceil(Math.sqrt(top + 1)) + 1) << BigInt(shift / 2);
  for (;;) {
    const next = (x + n / x) >> 1n;
    if (next >= x) return x;
    x = next;
  }
}

/** a/b rounded to the nearest integer (b > 0). */
export function divideRounded(a: bigint, b: bigint): bigint {
  return a >= 0n ? (2n * a + b) / (2n * b) : -((-2n * a + b) / (2n * b));
}

/** NaN as a Decimal: the value outside an op's real domain. */
export function nan(D: DecimalClass): Decimal {
  return new D(Number.NaN);
}
