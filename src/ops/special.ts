/** Special functions: the error function erf, its complement erfc, and the activations built on them (gelu, mish). */
import Fraction from 'fraction.js';
import { unaryFunction } from './define.js';
import type { Algebra, OpDef } from './types.js';
import type { NodeId } from '../graph/graph.js';
import * as decimal from './decimal/index.js';

const TWO_OVER_ROOT_PI = 2 / Math.sqrt(Math.PI);
const HALF = new Fraction(1, 2);

/**
 * erf by its series of positive terms, erf x = (2/√π) e^(−x²) Σ 2ⁿ x^(2n+1) / (1·3·…·(2n+1)) (Abramowitz and
 * Stegun 7.1.6), which has no cancellation; for |x| ≤ 2.
 */
function erfSeries(x: number): number {
  let term = x;
  let sum = x;
  for (let n = 1; n < 200 && Math.abs(term) > 1e-17 * Math.abs(sum); n++) {
    term *= (2 * x * x) / (2 * n + 1);
    sum += term;
  }
  return TWO_OVER_ROOT_PI * Math.exp(-x * x) * sum;
}

/**
 * erfc for x ≥ 0.5 by its continued fraction (A&S 7.1.14), erfc x = e^(−x²)/√π · 1/(x + ½/(x + 1/(x + (3/2)/(x + …)))),
 * evaluated from the tail with enough terms for full precision.
 */
function erfcFraction(x: number): number {
  const terms = Math.ceil(60 + 400 / (x * x));
  let tail = x;
  for (let n = terms; n >= 1; n--) tail = x + n / 2 / tail;
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / tail;
}

/** The error function (2/√π)∫₀ˣ e^(−t²) dt, to about 1e-16. */
export function erfValue(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (Math.abs(x) <= 2) return erfSeries(x);
  return Math.sign(x) * (1 - erfcFraction(Math.abs(x)));
}

/** The complementary error function 1 − erf x, accurate also where it is tiny (large x). */
export function erfcValue(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x < 0.5) return 1 - erfValue(x);
  return erfcFraction(x);
}

/** (2/√π)·e^(−u²) as a graph. */
const erfSlope = (a: Algebra, u: NodeId) => a.mul(a.num(2), a.power(a.call('pi'), -0.5), a.call('exp', a.neg(a.power(u, 2))));

const erf = unaryFunction({
  name: 'erf', summary: 'error function (2/√π)∫₀ˣ e^(−t²) dt', tex: '\\operatorname{erf}',
  value: erfValue,
  precise: decimal.erf,
  derivative: (a, x) => erfSlope(a, x), // d erf = (2/√π) e^(−x²)
  slope: (x) => TWO_OVER_ROOT_PI * Math.exp(-x * x),
  special: [0, 1, -0.5, 3], sample: [-3, 3], exactPoints: [['0', '0']],
});

const erfc = unaryFunction({
  name: 'erfc', summary: 'complementary error function 1 − erf x', tex: '\\operatorname{erfc}',
  value: erfcValue,
  precise: decimal.erfc,
  derivative: (a, x) => a.neg(erfSlope(a, x)), // d erfc = −(2/√π) e^(−x²)
  slope: (x) => -TWO_OVER_ROOT_PI * Math.exp(-x * x),
  special: [0, 1, -0.5, 4], sample: [-3, 3], exactPoints: [['0', '1']],
});

const gelu = unaryFunction({
  name: 'gelu', summary: 'x·Φ(x) = x/2·(1 + erf(x/√2)), exact (not the tanh approximation)', tex: '\\operatorname{gelu}',
  value: (x) => 0.5 * x * erfcValue(-x * Math.SQRT1_2), // erfc keeps the tail accurate for x ≪ 0
  precise: (x, D) => x.times(decimal.erfc(x.neg().div(decimal.sqrt(new D(2), D)), D)).div(2),
  derivative: (a, x) => {
    const cdf = a.mul(a.num(HALF), a.add(a.num(1), a.call('erf', a.mul(x, a.power(a.num(2), -0.5))))); // Φ(x)
    const pdf = a.mul(a.power(a.mul(a.num(2), a.call('pi')), -0.5), a.call('exp', a.mul(a.num(-0.5), a.power(x, 2)))); // φ(x)
    return a.add(cdf, a.mul(x, pdf)); // gelu' = Φ(x) + x φ(x)
  },
  slope: (x) => 0.5 * erfcValue(-x / Math.SQRT2) + (x * Math.exp(-0.5 * x * x)) / Math.sqrt(2 * Math.PI),
  special: [0, 1, -1, 4], sample: [-4, 4], exactPoints: [['0', '0']],
});

const mish = unaryFunction({
  name: 'mish', summary: 'x·tanh(softplus(x))', tex: '\\operatorname{mish}',
  value: (x) => x * Math.tanh(Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)))),
  precise: (x, D) => x.times(decimal.tanh(decimal.softplus(x, D), D)),
  derivative: (a, x) => {
    const t = a.call('tanh', a.call('softplus', x));
    return a.add(t, a.mul(x, a.sub(a.num(1), a.power(t, 2)), a.call('sigmoid', x))); // mish' = t + x(1 − t²)σ(x)
  },
  slope: (x) => {
    // eˣ ω / δ² with ω = 4(x + 1) + 4e²ˣ + e³ˣ + eˣ(4x + 6), δ = 2eˣ + e²ˣ + 2; for x > 20 it is 1 to float64 precision
    if (x > 20) return 1;
    const e = Math.exp(x);
    if (e === 0) return 0; // eˣ·ω with ω = −∞ would be NaN
    const omega = 4 * (x + 1) + 4 * e * e + e * e * e + e * (4 * x + 6);
    const delta = 2 * e + e * e + 2;
    return (e * omega) / (delta * delta);
  },
  special: [0, 1, -2, 25], sample: [-5, 5], exactPoints: [['0', '0']],
});

/** Special-function ops. */
export const SPECIAL: readonly OpDef[] = [erf, erfc, gelu, mish];
