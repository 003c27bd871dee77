/** Roots, logarithms and exponentials to other bases, and the two-argument hypot and atan2. */
import Fraction from 'fraction.js';
import { unaryFunction } from './define.js';
import { exactPower } from './exact.js';
import type { OpDef } from './types.js';
import * as decimal from './decimal/index.js';

const TWO = new Fraction(2);
const THIRD = new Fraction(1, 3);

const cbrt = unaryFunction({
  name: 'cbrt', summary: 'real cube root (negative for negative x)', tex: '\\operatorname{cbrt}',
  value: Math.cbrt,
  precise: decimal.cbrt,
  derivative: (a, _x, out) => a.mul(a.num(THIRD), a.power(out, -2)), // d ∛x = 1/(3 ∛x²), also for x < 0
  slope: (_x, y) => 1 / (3 * y * y), // not 1/(3·cbrt(x²)): x² overflows where the slope is finite
  special: [-8, 1, 27, -0.5], sample: [0.2, 5],
  exact: (x) => (x.s < 0n ? exactPower(x.neg(), THIRD)?.neg() : exactPower(x, THIRD)),
  poles: (x) => [x], // infinitely steep at 0
});

/** Whether n is an odd integer (so negative numbers have a real n-th root). */
const odd = (n: number) => Number.isInteger(n) && Math.abs(n % 2) === 1;

/** nthRoot(x, n): the real n-th root; negative x needs an odd integer n. */
const nthRoot: OpDef = {
  name: 'nthRoot',
  kind: 'function',
  arity: [2, 2],
  aliases: ['root'],
  params: ['x', 'n'],
  defaults: ['2'],
  summary: 'real n-th root of x (n defaults to 2; negative x needs an odd integer n)',
  tex: '\\operatorname{nthRoot}',
  eval: ([x, n]) => (n === 0 ? Number.NaN : x! < 0 && odd(n!) ? -Math.pow(-x!, 1 / n!) : Math.pow(x!, 1 / n!)),
  precise: ([x, n], D) => decimal.nthRoot(x!, n!, D),
  partial: (a, [x, n], i, out) =>
    i === 0
      ? a.div(out, a.mul(n!, x!)) // d x^(1/n)/dx = x^(1/n)/(n x)
      : a.neg(a.div(a.mul(out, a.call('log', x!)), a.power(n!, 2))), // d x^(1/n)/dn = −x^(1/n)·ln x/n² (none for x < 0)
  vjp: (upstream, [x, n]) => {
    const magnitude = Math.pow(Math.abs(x!), 1 / n! - 1) / n!; // |x|^(1/n − 1)/n, the same for ±x when n is odd
    return [upstream * magnitude, -upstream * Math.pow(x!, 1 / n!) * Math.log(x!) / (n! * n!)];
  },
  domain: ([x, n]) => {
    if (n === 0) return 'the 0-th root is undefined';
    if (x! < 0 && !odd(n!)) return `a negative number (${x}) has a real n-th root only for odd integers n (got n = ${n})`;
    if (x === 0 && n! < 0) return `0 has no root of negative order (got n = ${n})`;
    return undefined;
  },
  special: [[27, 3], [-8, 3], [16, 4], [2, 2]],
  sample: [[0.2, 5], [1.5, 5]],
  exact: ([x, n]) => {
    if (n!.n === 0n) return undefined;
    const inverse = new Fraction(1).div(n!);
    if (x!.s < 0n) return n!.d === 1n && n!.n % 2n === 1n ? exactPower(x!.neg(), inverse)?.neg() : undefined;
    return exactPower(x!, inverse);
  },
};

const log2 = unaryFunction({
  name: 'log2', summary: 'logarithm to base 2', tex: '\\log_2',
  value: Math.log2,
  precise: decimal.log2,
  derivative: (a, x) => a.power(a.mul(x, a.call('log', a.num(2))), -1), // d log₂ x = 1/(x ln 2)
  slope: (x) => Math.LOG2E / x,
  domain: (x) => (x <= 0 ? `log2 is defined only for positive numbers (got ${x})` : undefined),
  special: [1, 8, 0.01], sample: [0.1, 5], exactPoints: [['1', '0'], ['2', '1'], ['8', '3'], ['0.5', '-1']],
});

const log10 = unaryFunction({
  name: 'log10', summary: 'logarithm to base 10', tex: '\\log_{10}',
  value: Math.log10,
  precise: decimal.log10,
  derivative: (a, x) => a.power(a.mul(x, a.call('log', a.num(10))), -1), // d log₁₀ x = 1/(x ln 10)
  slope: (x) => Math.LOG10E / x,
  domain: (x) => (x <= 0 ? `log10 is defined only for positive numbers (got ${x})` : undefined),
  special: [1, 100, 0.01], sample: [0.1, 5], exactPoints: [['1', '0'], ['10', '1'], ['100', '2'], ['0.1', '-1']],
});

const log1p = unaryFunction({
  name: 'log1p', summary: 'ln(1 + x), accurate for small x', tex: '\\operatorname{log1p}',
  value: Math.log1p,
  precise: decimal.log1p,
  derivative: (a, x) => a.power(a.add(a.num(1), x), -1), // d ln(1 + x) = 1/(1 + x)
  slope: (x) => 1 / (1 + x),
  domain: (x) => (x <= -1 ? `log1p is defined only for x > −1 (got ${x})` : undefined),
  special: [0, 1e-8, -0.5], sample: [-0.9, 4], exactPoints: [['0', '0']],
});

const expm1 = unaryFunction({
  name: 'expm1', summary: 'eˣ − 1, accurate for small x', tex: '\\operatorname{expm1}',
  value: Math.expm1,
  precise: decimal.expm1,
  derivative: (a, x) => a.call('exp', x), // d (eˣ − 1) = eˣ
  slope: (x) => Math.exp(x), // not y + 1, which cancels to 0 where eˣ is tiny
  special: [0, 1e-8, -2], sample: [-3, 3], exactPoints: [['0', '0']],
});

const exp2 = unaryFunction({
  name: 'exp2', summary: '2 to the power x', tex: '\\operatorname{exp2}',
  value: (x) => Math.pow(2, x),
  precise: (x, D) => decimal.power(new D(2), x, D),
  derivative: (a, _x, out) => a.mul(out, a.call('log', a.num(2))), // d 2ˣ = 2ˣ ln 2
  slope: (x) => Math.pow(2, x) / Math.LOG2E,
  special: [0, 3, -1.5], sample: [-3, 3],
  exact: (x) => (x.d === 1n ? exactPower(TWO, x) : undefined),
});

/** hypot(a, b) = √(a² + b²). */
const hypot: OpDef = {
  name: 'hypot',
  kind: 'function',
  arity: [2, 2],
  params: ['a', 'b'],
  summary: 'length √(a² + b²)',
  tex: '\\operatorname{hypot}',
  eval: ([a, b]) => Math.hypot(a!, b!),
  precise: ([a, b], D) => decimal.sqrt(a!.times(a!).plus(b!.times(b!)), D),
  partial: (alg, args, i, out) => alg.div(args[i]!, out), // ∂ hypot/∂a = a/hypot
  vjp: (upstream, [a, b]) => {
    const length = Math.hypot(a!, b!);
    return [(upstream * a!) / length, (upstream * b!) / length];
  },
  // not differentiable at the origin only: along a line through it, the coordinate that moves changes sign there
  kinks: ([a, b]) => [b === 0 ? a! : a === 0 ? b! : 1],
  kinkNote: 'hypot(a, b) has no derivative at a = b = 0 (a cone point); its partials a/hypot and b/hypot are undefined there',
  special: [[3, 4], [-1, 2], [0.5, 0]],
  sample: [[-3, 3], [-3, 3]],
  exact: ([a, b]) => {
    const square = a!.mul(a!).add(b!.mul(b!));
    return exactPower(square, new Fraction(1, 2));
  },
};

/** atan2(y, x): the angle of the point (x, y), in (−π, π]. */
const atan2: OpDef = {
  name: 'atan2',
  kind: 'function',
  arity: [2, 2],
  params: ['y', 'x'],
  summary: 'angle of the point (x, y) from the positive x axis, in (−π, π]',
  tex: '\\operatorname{atan2}',
  eval: ([y, x]) => Math.atan2(y!, x!),
  precise: ([y, x], D) => decimal.atan2(y!, x!, D),
  partial: (a, [y, x], i) => {
    const squared = a.add(a.power(x!, 2), a.power(y!, 2));
    return i === 0 ? a.div(x!, squared) : a.neg(a.div(y!, squared)); // ∂/∂y = x/(x² + y²), ∂/∂x = −y/(x² + y²)
  },
  vjp: (upstream, [y, x]) => {
    const r = Math.hypot(x!, y!);
    return [((upstream * x!) / r) / r, ((-upstream * y!) / r) / r];
  },
  // jumps by 2π across the negative x axis; the sign of y tells the side there (−0 counts as 0, on the jump)
  kinks: ([y, x]) => [x! < 0 || (x === 0 && y === 0) ? y! : 1],
  kinkNote: 'atan2(y, x) jumps from π to −π across the negative x axis (y = 0, x < 0), where it has no derivative in y; atan2(0, x) = π there',
  special: [[1, 1], [1, -1], [-2, 0.5], [0.5, 3]],
  sample: [[-3, 3], [-3, 3]],
  exact: ([y, x]) => (y!.n === 0n && x!.s > 0n && x!.n !== 0n ? new Fraction(0) : undefined),
};

/** Root, logarithm, exponential and two-argument ops. */
export const POWERS: readonly OpDef[] = [cbrt, nthRoot, log2, log10, log1p, expm1, exp2, hypot, atan2];
