/**
 * Hyperbolic functions, their inverses and the logistic family, written with expm1 and log1p so that nothing
 * cancels near 0 (sinh 10^−30 is 10^−30 to every digit) and nothing overflows far out (Decimals have no ∞ at e^800).
 */
import type { Decimal } from 'decimal.js';
import { type DecimalClass, nan } from './binary.js';
import { exp, expm1, log1p } from './exp-log.js';
import { sqrt } from './roots.js';

/** sinh x = (u + u/(u + 1))/2 with u = e^|x| − 1, and the sign of x (for x ≪ 0, e^x − 1 would round to −1). */
export function sinh(x: Decimal, D: DecimalClass): Decimal {
  const u = expm1(x.abs(), D);
  const value = u.isFinite() ? u.plus(u.div(u.plus(1))).div(2) : u; // e^|x| beyond any Decimal: so is sinh
  return x.isNeg() ? value.neg() : value;
}

/** cosh x = (eˣ + e^−x)/2. */
export function cosh(x: Decimal, D: DecimalClass): Decimal {
  const ex = exp(x, D);
  return ex.plus(new D(1).div(ex)).div(2);
}

/** tanh x = u/(u + 2) with u = e^(2|x|) − 1, and the sign of x. */
export function tanh(x: Decimal, D: DecimalClass): Decimal {
  const u = expm1(x.abs().times(2), D);
  const value = u.isFinite() ? u.div(u.plus(2)) : new D(1); // e^(2|x|) beyond any Decimal: tanh is 1 to every digit
  return x.isNeg() ? value.neg() : value;
}

/** asinh x = sign(x)·log1p(|x| + x²/(1 + √(1 + x²))). */
export function asinh(x: Decimal, D: DecimalClass): Decimal {
  const size = x.abs();
  const square = x.times(x);
  const value = log1p(size.plus(square.div(sqrt(square.plus(1), D).plus(1))), D);
  return x.isNeg() ? value.neg() : value;
}

/** acosh x = log1p(t + √(t(t + 2))) with t = x − 1 (NaN for x < 1). */
export function acosh(x: Decimal, D: DecimalClass): Decimal {
  if (x.lt(1)) return nan(D);
  const t = x.minus(1);
  return log1p(t.plus(sqrt(t.times(t.plus(2)), D)), D);
}

/** atanh x = ½ log1p(2x/(1 − x)) (NaN for |x| ≥ 1). */
export function atanh(x: Decimal, D: DecimalClass): Decimal {
  if (x.abs().gte(1)) return nan(D);
  return log1p(x.times(2).div(new D(1).minus(x)), D).div(2);
}

/** The logistic function 1/(1 + e^−x). */
export function sigmoid(x: Decimal, D: DecimalClass): Decimal {
  return new D(1).div(exp(x.neg(), D).plus(1));
}

/** softplus x = ln(1 + eˣ) = max(x, 0) + log1p(e^−|x|). */
export function softplus(x: Decimal, D: DecimalClass): Decimal {
  return log1p(exp(x.abs().neg(), D), D).plus(x.isPositive() ? x : 0);
}

/** asech x = acosh(1/x) = log1p(t + √(t(t + 2))) with t = (1 − x)/x (NaN unless 0 < x ≤ 1). */
export function asech(x: Decimal, D: DecimalClass): Decimal {
  if (!x.isPositive() || x.isZero() || x.gt(1)) return nan(D);
  const t = new D(1).minus(x).div(x);
  return log1p(t.plus(sqrt(t.times(t.plus(2)), D)), D);
}

/** acoth x = atanh(1/x) = ½ log1p(2/(x − 1)) (NaN for |x| ≤ 1). */
export function acoth(x: Decimal, D: DecimalClass): Decimal {
  if (x.abs().lte(1)) return nan(D);
  return log1p(new D(2).div(x.minus(1)), D).div(2);
}
