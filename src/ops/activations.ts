/** Neural-network activations and the non-smooth functions their derivatives are written with. */
import Fraction from 'fraction.js';
import { unaryFunction } from './define.js';
import type { OpDef } from './types.js';
import * as decimal from './decimal/index.js';

const ZERO = new Fraction(0);
const ONE = new Fraction(1);

/** Numerically stable logistic function. */
function logistic(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const ex = Math.exp(x);
  return ex / (1 + ex);
}

const sigmoid = unaryFunction({
  name: 'sigmoid', summary: 'logistic function 1/(1 + e^−x)', tex: '\\sigma',
  value: logistic,
  precise: decimal.sigmoid,
  derivative: (a, _x, out) => a.mul(out, a.sub(a.num(1), out)), // σ' = σ(1 − σ)
  slope: (x) => {
    const t = Math.exp(-Math.abs(x)); // σ'(x) = e^−|x| / (1 + e^−|x|)²
    return t / ((1 + t) * (1 + t));
  },
  special: [0, 0.25, 5.7, -30], sample: [-6, 6], exactPoints: [['0', '0.5']],
});

const step = unaryFunction({
  name: 'step', aliases: ['heaviside'], summary: 'unit step: 1 for x > 0, 0 for x ≤ 0', tex: '\\operatorname{step}',
  value: (x) => (x > 0 ? 1 : 0),
  precise: (x, D) => new D(x.isPositive() && !x.isZero() ? 1 : 0),
  derivative: (a) => a.num(0),
  slope: () => 0,
  kinkAt: 0,
  kinkNote: 'step jumps at 0, where it has no derivative; everywhere else its derivative is 0',
  special: [1, -1], sample: [-3, 3],
  exact: (x) => (x.s > 0n && x.n !== 0n ? ONE : ZERO),
});

const sign = unaryFunction({
  name: 'sign', summary: 'sign: 1, 0 or −1', tex: '\\operatorname{sign}',
  value: Math.sign,
  precise: (x, D) => (x.isZero() ? x : new D(x.isNeg() ? -1 : 1)),
  derivative: (a) => a.num(0),
  slope: () => 0,
  kinkAt: 0,
  kinkNote: 'sign jumps at 0, where it has no derivative; everywhere else its derivative is 0',
  special: [2, -2], sample: [-3, 3],
  exact: (x) => (x.n === 0n ? ZERO : new Fraction(x.s)),
});

const relu = unaryFunction({
  name: 'relu', summary: 'rectified linear unit max(x, 0)', tex: '\\operatorname{relu}',
  value: (x) => (x > 0 ? x : 0),
  precise: (x, D) => (x.isPositive() && !x.isZero() ? x : new D(0)),
  derivative: (a, x) => a.call('step', x), // relu' = step
  slope: (x) => (x > 0 ? 1 : 0),
  kinkAt: 0,
  kinkNote: "relu'(x) = step(x), and step(0) = 0, so relu'(0) = 0 (as PyTorch and micrograd)",
  special: [1.5, -2], sample: [-3, 3],
  exact: (x) => (x.s > 0n ? x : ZERO),
});

const softplus = unaryFunction({
  name: 'softplus', summary: 'smooth relu ln(1 + eˣ)', tex: '\\operatorname{softplus}',
  value: (x) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))),
  precise: decimal.softplus,
  derivative: (a, x) => a.call('sigmoid', x), // softplus' = σ
  slope: (x) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x))),
  special: [0, 3, -40], sample: [-5, 5],
});

const swish = unaryFunction({
  name: 'swish', summary: 'x·σ(x) (SiLU)', tex: '\\operatorname{swish}',
  value: (x) => x * logistic(x),
  precise: (x, D) => x.times(decimal.sigmoid(x, D)),
  derivative: (a, x) => {
    const s = a.call('sigmoid', x);
    return a.add(s, a.mul(x, s, a.sub(a.num(1), s))); // swish' = σ + xσ(1 − σ)
  },
  slope: (x) => {
    // (1 + e^−x + x e^−x)/(1 + e^−x)², rewritten with e^x for x < 0 so nothing overflows
    if (x >= 0) {
      const t = Math.exp(-x);
      return (1 + t + x * t) / ((1 + t) * (1 + t));
    }
    const t = Math.exp(x);
    return (t * t + t + x * t) / ((1 + t) * (1 + t));
  },
  special: [0, 1, -2], sample: [-5, 5], exactPoints: [['0', '0']],
});

/** leaky_relu(x, a): x for x > 0, a·x otherwise. */
const leakyRelu: OpDef = {
  name: 'leaky_relu',
  kind: 'function',
  arity: [2, 2],
  params: ['x', 'a'],
  defaults: ['0.01'],
  summary: 'x for x > 0, a·x otherwise (a defaults to 0.01)',
  tex: '\\operatorname{leaky\\_relu}',
  eval: ([x, slope]) => (x! > 0 ? x! : slope! * x!),
  precise: ([x, slope]) => (x!.isPositive() && !x!.isZero() ? x! : slope!.times(x!)),
  partial: (a, [x, slope], i) => {
    const below = a.sub(a.num(1), a.call('step', x!)); // 1 where x ≤ 0
    return i === 0 ? a.add(a.call('step', x!), a.mul(slope!, below)) : a.mul(x!, below);
  },
  vjp: (upstream, [x, slope]) => (x! > 0 ? [upstream, 0] : [upstream * slope!, upstream * x!]),
  kinks: ([x]) => [x!],
  kinkNote: "leaky_relu'(0, a) = a, the slope on the left (as PyTorch)",
  special: [[2, 0.01], [-3, 0.1]],
  sample: [[-3, 3], [0.01, 0.3]],
  exact: ([x, slope]) => (x!.s > 0n ? x! : slope!.mul(x!)),
};

/** elu(x, a): x for x > 0, a·(eˣ − 1) otherwise. */
const elu: OpDef = {
  name: 'elu',
  kind: 'function',
  arity: [2, 2],
  params: ['x', 'a'],
  defaults: ['1'],
  summary: 'x for x > 0, a·(eˣ − 1) otherwise (a defaults to 1)',
  tex: '\\operatorname{elu}',
  eval: ([x, scale]) => (x! > 0 ? x! : scale! * Math.expm1(x!)),
  precise: ([x, scale], D) => (x!.isPositive() && !x!.isZero() ? x! : scale!.times(decimal.expm1(x!, D))),
  partial: (a, [x, scale], i, out) => {
    const above = a.call('step', x!);
    // written with elu itself, as a·eˣ = elu(x, a) + a and eˣ − 1 = elu(x, 1) − relu(x) below 0, so that nothing
    // overflows above it (e⁷¹⁰·0 would be NaN)
    return i === 0 ? a.add(above, a.mul(a.add(out, scale!), a.sub(a.num(1), above))) : a.sub(a.call('elu', x!, a.num(1)), a.call('relu', x!));
  },
  vjp: (upstream, [x, scale]) => (x! > 0 ? [upstream, 0] : [upstream * scale! * Math.exp(x!), upstream * Math.expm1(x!)]),
  kinks: ([x]) => [x!], // with a = 1 the slope is continuous but the curvature jumps: finite differences still cannot straddle 0
  kinkNote: "elu'(0, a) = a, the slope on the left (as PyTorch)",
  special: [[2, 1], [-1, 1], [-0.5, 0.5]],
  sample: [[-3, 3], [0.1, 2]],
  exact: ([x]) => (x!.s > 0n || x!.n === 0n ? x! : undefined),
};

/** max(a, b) or min(a, b); at a tie the gradient is split evenly. */
function extremum(name: 'max' | 'min'): OpDef {
  const larger = name === 'max';
  return {
    name,
    kind: 'function',
    arity: [2, 2],
    params: ['a', 'b'],
    summary: larger ? 'the larger of a and b' : 'the smaller of a and b',
    tex: larger ? '\\max' : '\\min',
    eval: ([a, b]) => (larger ? Math.max(a!, b!) : Math.min(a!, b!)),
    precise: ([a, b]) => (a!.gte(b!) === larger ? a! : b!),
    partial: (alg, [a, b], i) => {
      // max: ∂/∂a = (1 + sign(a − b))/2, ∂/∂b = (1 − sign(a − b))/2; min swaps the signs
      const toward = (i === 0) === larger ? 1 : -1;
      return alg.div(alg.add(alg.num(1), alg.mul(alg.num(toward), alg.call('sign', alg.sub(a!, b!)))), alg.num(2));
    },
    vjp: (upstream, [a, b]) => {
      if (a === b) return [upstream / 2, upstream / 2];
      const firstWins = larger ? a! > b! : a! < b!; // max routes the gradient to the winner
      return firstWins ? [upstream, 0] : [0, upstream];
    },
    kinks: ([a, b]) => [a! - b!],
    kinkNote: `at a tie ${name}(a, b) splits the gradient evenly, ½ to each argument (as PyTorch's ${larger ? 'maximum' : 'minimum'})`,
    special: [[1, 2], [3, -1]],
    sample: [[-3, 3], [-3, 3]],
    exact: ([a, b]) => ((a!.compare(b!) >= 0) === larger ? a! : b!),
  };
}

/** Activation and non-smooth function ops. */
export const ACTIVATIONS: readonly OpDef[] = [sigmoid, relu, softplus, swish, leakyRelu, elu, extremum('max'), extremum('min'), step, sign];
