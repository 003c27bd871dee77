/** Elementary functions: trigonometric, hyperbolic, exponential, logarithm, square root, absolute value. */
import Fraction from 'fraction.js';
import { unaryFunction } from './define.js';
import { exactPower } from './exact.js';
import type { OpDef } from './types.js';
import * as decimal from './decimal/index.js';

const HALF = new Fraction(1, 2);
const outsideUnit = (name: string) => (x: number) =>
  x < -1 || x > 1 ? `${name} is defined only for −1 ≤ x ≤ 1 (got ${x})` : undefined;

const sin = unaryFunction({
  name: 'sin', summary: 'sine', tex: '\\sin',
  value: Math.sin,
  precise: (x, D) => decimal.sinCos(x, D).sin,
  derivative: (a, x) => a.call('cos', x), // d sin = cos
  slope: (x) => Math.cos(x),
  period: 2 * Math.PI,
  special: [0, Math.PI / 2, -Math.PI], sample: [-4, 4], exactPoints: [['0', '0']],
});

const cos = unaryFunction({
  name: 'cos', summary: 'cosine', tex: '\\cos',
  value: Math.cos,
  precise: (x, D) => decimal.sinCos(x, D).cos,
  derivative: (a, x) => a.neg(a.call('sin', x)), // d cos = −sin
  slope: (x) => -Math.sin(x),
  period: 2 * Math.PI,
  special: [0, Math.PI / 2, Math.PI], sample: [-4, 4], exactPoints: [['0', '1']],
});

const tan = unaryFunction({
  name: 'tan', summary: 'tangent', tex: '\\tan',
  value: Math.tan,
  precise: (x, D) => {
    const { sin, cos } = decimal.sinCos(x, D);
    return sin.div(cos);
  },
  derivative: (a, x) => a.power(a.call('cos', x), -2), // d tan = 1/cos²
  slope: (_x, y) => 1 + y * y,
  period: Math.PI,
  special: [0, 1], sample: [-1.4, 1.4], exactPoints: [['0', '0']],
  poles: (x) => [Math.cos(x)],
});

const asin = unaryFunction({
  name: 'asin', aliases: ['arcsin'], summary: 'inverse sine', tex: '\\arcsin',
  value: Math.asin,
  precise: decimal.asin,
  derivative: (a, x) => a.power(a.sub(a.num(1), a.power(x, 2)), -0.5), // d asin = 1/√(1−x²)
  slope: (x) => 1 / Math.sqrt((1 - x) * (1 + x)),
  domain: outsideUnit('asin'),
  special: [0, 0.5], sample: [-0.9, 0.9], exactPoints: [['0', '0']],
});

const acos = unaryFunction({
  name: 'acos', aliases: ['arccos'], summary: 'inverse cosine', tex: '\\arccos',
  value: Math.acos,
  precise: decimal.acos,
  derivative: (a, x) => a.neg(a.power(a.sub(a.num(1), a.power(x, 2)), -0.5)), // d acos = −1/√(1−x²)
  slope: (x) => -1 / Math.sqrt((1 - x) * (1 + x)),
  domain: outsideUnit('acos'),
  special: [0, -0.5], sample: [-0.9, 0.9], exactPoints: [['1', '0']],
});

const atan = unaryFunction({
  name: 'atan', aliases: ['arctan'], summary: 'inverse tangent', tex: '\\arctan',
  value: Math.atan,
  precise: decimal.atan,
  derivative: (a, x) => a.power(a.add(a.num(1), a.power(x, 2)), -1), // d atan = 1/(1+x²)
  slope: (x) => 1 / (1 + x * x),
  special: [0, 1, -10], sample: [-5, 5], exactPoints: [['0', '0']],
});

const sinh = unaryFunction({
  name: 'sinh', summary: 'hyperbolic sine', tex: '\\sinh',
  value: Math.sinh,
  precise: decimal.sinh,
  derivative: (a, x) => a.call('cosh', x), // d sinh = cosh
  slope: (x) => Math.cosh(x),
  special: [0, 1], sample: [-3, 3], exactPoints: [['0', '0']],
});

const cosh = unaryFunction({
  name: 'cosh', summary: 'hyperbolic cosine', tex: '\\cosh',
  value: Math.cosh,
  precise: decimal.cosh,
  derivative: (a, x) => a.call('sinh', x), // d cosh = sinh
  slope: (x) => Math.sinh(x),
  special: [0, -1], sample: [-3, 3], exactPoints: [['0', '1']],
});

const tanh = unaryFunction({
  name: 'tanh', summary: 'hyperbolic tangent', tex: '\\tanh',
  value: Math.tanh,
  precise: decimal.tanh,
  derivative: (a, _x, out) => a.sub(a.num(1), a.power(out, 2)), // d tanh = 1 − tanh²
  slope: (x) => 1 / Math.cosh(x) ** 2,
  special: [0, 2, -20], sample: [-3, 3], exactPoints: [['0', '0']],
});

const exp = unaryFunction({
  name: 'exp', summary: 'exponential eˣ', tex: '\\exp',
  value: Math.exp,
  precise: decimal.exp,
  derivative: (_a, _x, out) => out, // d eˣ = eˣ
  slope: (x) => Math.exp(x),
  special: [0, 1, -5], sample: [-3, 3], exactPoints: [['0', '1']],
});

const sqrt = unaryFunction({
  name: 'sqrt', summary: 'square root', tex: '\\sqrt',
  value: Math.sqrt,
  precise: decimal.sqrt,
  derivative: (a, x) => a.mul(a.num(HALF), a.power(x, -0.5)), // d √x = 1/(2√x)
  slope: (_x, y) => 0.5 / y,
  domain: (x) => (x < 0 ? `sqrt is defined only for x ≥ 0 (got ${x})` : undefined),
  special: [1, 4, 0.01], sample: [0.1, 9],
  exact: (x) => exactPower(x, HALF),
});

const abs = unaryFunction({
  name: 'abs', summary: 'absolute value |x|',
  value: Math.abs,
  precise: (x) => x.abs(),
  derivative: (a, x) => a.call('sign', x), // d|x| = sign(x)
  slope: (x) => (x > 0 ? 1 : x < 0 ? -1 : 0),
  kinkAt: 0,
  kinkNote: "abs'(x) = sign(x), and sign(0) = 0, so abs'(0) = 0 (as PyTorch)",
  special: [2, -3], sample: [-3, 3],
  exact: (x) => x.abs(),
});

/** Natural logarithm log(x) (also ln), or log(x, b) to base b. */
const log: OpDef = {
  name: 'log',
  kind: 'function',
  arity: [1, 2],
  summary: 'natural logarithm; log(x, b) is the logarithm to base b',
  aliases: ['ln'],
  params: ['x', 'b'],
  tex: '\\ln',
  eval: ([x, b]) => (b === undefined ? Math.log(x!) : Math.log(x!) / Math.log(b)),
  precise: ([x, b], D) => {
    if (b === undefined) return decimal.ln(x!, D);
    return b.isPositive() && !b.isZero() && !b.eq(1) ? decimal.ln(x!, D).div(decimal.ln(b, D)) : decimal.nan(D); // log_b x = ln x/ln b
  },
  partial: (a, [x, b], i) => {
    if (b === undefined) return a.power(x!, -1); // d ln x = 1/x
    const lnB = a.call('log', b);
    return i === 0
      ? a.power(a.mul(x!, lnB), -1) // d log_b x / dx = 1/(x ln b)
      : a.neg(a.div(a.call('log', x!), a.mul(b, a.power(lnB, 2)))); // d log_b x / db = −ln x/(b ln² b)
  },
  vjp: (upstream, [x, b]) => {
    if (b === undefined) return [upstream / x!];
    const lnB = Math.log(b);
    return [upstream / (x! * lnB), (-upstream * Math.log(x!)) / (b * lnB * lnB)];
  },
  domain: ([x, b]) => {
    if (x! <= 0) return `log is defined only for positive numbers (got ${x})`;
    if (b !== undefined && (b <= 0 || b === 1)) return `the base of a logarithm must be positive and not 1 (got ${b})`;
    return undefined;
  },
  special: [[1], [Math.E], [0.01], [8, 2]],
  sample: [[0.1, 5], [1.5, 4]],
  exact: ([x, b]) => (x!.equals(1) && (b === undefined || !b.equals(1)) && (b === undefined || b.s > 0n) ? new Fraction(0) : undefined),
};

/** Elementary function ops. */
export const ELEMENTARY: readonly OpDef[] = [sin, cos, tan, asin, acos, atan, sinh, cosh, tanh, exp, log, sqrt, abs];
