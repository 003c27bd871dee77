/** Exact rational arithmetic helpers for constant folding (fraction.js underneath). */
import Fraction from 'fraction.js';

const MAX_BITS = 4096n;
const SMALL = 1n << 53n;

function bitLength(value: bigint): bigint {
  return BigInt((value < 0n ? -value : value).toString(2).length);
}

/** base^exponent when it is rational and of a sensible size; undefined otherwise (or outside the real domain). */
export function exactPower(base: Fraction, exponent: Fraction): Fraction | undefined {
  const zero = base.n === 0n;
  if (zero) return exponent.s > 0n && exponent.n !== 0n ? new Fraction(0) : exponent.n === 0n ? new Fraction(1) : undefined;
  if (exponent.d === 1n) {
    const size = (bitLength(base.n) + bitLength(base.d)) * exponent.n;
    return size <= MAX_BITS ? base.pow(exponent) : undefined;
  }
  if (base.s < 0n || base.n >= SMALL || base.d >= SMALL || exponent.n > 64n) return undefined;
  return base.pow(exponent) ?? undefined;
}

/** Parses a decimal literal (`3`, `0.25`, `1e-3`, `.5`) into an exact rational. */
export function parseDecimal(text: string): Fraction {
  const match = /^([0-9]*)(?:\.([0-9]*))?(?:[eE]([+-]?[0-9]+))?$/.exec(text);
  if (!match) throw new Error(`internal error: not a number literal: ${text}`);
  const [, whole = '', fraction = '', exponentText = '0'] = match;
  const digits = BigInt(`${whole}${fraction}` || '0');
  const exponent = Number(exponentText) - fraction.length;
  if (Math.abs(exponent) > 400) throw new RangeError(`the number ${text} is outside the range this tool accepts`);
  return exponent >= 0 ? new Fraction(digits * 10n ** BigInt(exponent), 1n) : new Fraction(digits, 10n ** BigInt(-exponent));
}

/** Whether a rational is an integer. */
export function isInteger(value: Fraction): boolean {
  return value.d === 1n;
}

/**
 * Splits n^(1/q) into outside·inside^(1/q) with the largest q-th power taken out (√8 = 2·√2), for positive
 * integers below 10^12; undefined when nothing can be taken out.
 */
export function extractRoot(n: bigint, q: bigint): { outside: bigint; inside: bigint } | undefined {
  if (n <= 1n || n >= 10n ** 12n || q < 2n || q > 16n) return undefined;
  let outside = 1n;
  let inside = n;
  for (let p = 2n; p * p <= inside && p < 10_000n; p++) {
    const power = p ** q;
    while (inside % power === 0n) {
      inside /= power;
      outside *= p;
    }
  }
  return outside === 1n ? undefined : { outside, inside };
}
