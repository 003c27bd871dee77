/** Piecewise functions: rounding (derivative 0 between jumps), clipping, hardtanh and maxout. */
import Fraction from 'fraction.js';
import { unaryFunction } from './define.js';
import type { OpDef } from './types.js';
import * as decimal from './decimal/index.js';

const ANY = Number.POSITIVE_INFINITY;
const HALF = new Fraction(1, 2);

/** Zero at every integer and nowhere else, with its sign flipping at each integer: where floor and ceil jump. */
function atIntegers(x: number): number {
  const below = Math.floor(x);
  return (x - below) * (below % 2 === 0 ? 1 : -1);
}

const floor = unaryFunction({
  name: 'floor', summary: 'largest integer ≤ x', tex: '\\operatorname{floor}',
  value: Math.floor,
  precise: (x) => x.floor(),
  derivative: (a) => a.num(0), // flat between jumps
  slope: () => 0,
  kinks: (x) => [atIntegers(x)],
  kinkNote: 'floor jumps at every integer, where it has no derivative; everywhere else its derivative is 0',
  special: [2.5, -1.5], sample: [-3, 3],
  exact: (x) => x.floor(),
  period: 1, // its jumps are 1 apart
});

const ceil = unaryFunction({
  name: 'ceil', summary: 'smallest integer ≥ x', tex: '\\operatorname{ceil}',
  value: Math.ceil,
  precise: (x) => x.ceil(),
  derivative: (a) => a.num(0),
  slope: () => 0,
  kinks: (x) => [atIntegers(x)],
  kinkNote: 'ceil jumps at every integer, where it has no derivative; everywhere else its derivative is 0',
  special: [2.5, -1.5], sample: [-3, 3],
  exact: (x) => x.ceil(),
  period: 1, // its jumps are 1 apart
});

const round = unaryFunction({
  name: 'round', summary: 'nearest integer (halves round up, as JavaScript)', tex: '\\operatorname{round}',
  value: Math.round,
  precise: (x, D) => x.toDecimalPlaces(0, D.ROUND_HALF_CEIL),
  derivative: (a) => a.num(0),
  slope: () => 0,
  kinks: (x) => [atIntegers(x - 0.5)],
  kinkNote: 'round jumps at every half-integer (n + 1/2), where it has no derivative; everywhere else its derivative is 0',
  special: [2.2, -1.7], sample: [-3, 3],
  exact: (x) => x.add(HALF).floor(), // ⌊x + ½⌋, as Math.round
  period: 1, // its jumps are 1 apart
});

/** clip(x, lo, hi): x limited to [lo, hi]. */
const clip: OpDef = {
  name: 'clip',
  kind: 'function',
  arity: [3, 3],
  params: ['x', 'lo', 'hi'],
  summary: 'x limited to the interval [lo, hi]',
  tex: '\\operatorname{clip}',
  eval: ([x, lo, hi]) => (lo! > hi! ? Number.NaN : Math.min(Math.max(x!, lo!), hi!)), // NaN makes the evaluator report the domain
  precise: ([x, lo, hi], D) => (lo!.gt(hi!) ? decimal.nan(D) : x!.lt(lo!) ? lo! : x!.gt(hi!) ? hi! : x!),
  partial: (a, [x, lo, hi], i) => {
    const belowLo = a.call('step', a.sub(lo!, x!)); // 1 where x < lo
    const aboveHi = a.call('step', a.sub(x!, hi!)); // 1 where x > hi
    if (i === 1) return belowLo;
    if (i === 2) return aboveHi;
    return a.mul(a.sub(a.num(1), belowLo), a.sub(a.num(1), aboveHi)); // 1 for lo ≤ x ≤ hi
  },
  vjp: (upstream, [x, lo, hi]) => {
    if (x! < lo!) return [0, upstream, 0];
    if (x! > hi!) return [0, 0, upstream];
    return [upstream, 0, 0];
  },
  domain: ([, lo, hi]) => (lo! > hi! ? `clip needs lo ≤ hi (got lo = ${lo}, hi = ${hi})` : undefined),
  kinks: ([x, lo, hi]) => [x! - lo!, x! - hi!],
  kinkNote: 'at x = lo or x = hi, clip passes the gradient to x (as PyTorch clamp): its derivative in x is 1 on the closed interval [lo, hi]',
  special: [[0, -1, 1], [-2, -1, 1], [2, -1, 1]],
  sample: [[-3, 3], [-2, -0.5], [0.5, 2]],
  exact: ([x, lo, hi]) => (x!.compare(lo!) < 0 ? lo! : x!.compare(hi!) > 0 ? hi! : x!),
};

const hardtanh = unaryFunction({
  name: 'hardtanh', summary: 'x limited to [−1, 1]', tex: '\\operatorname{hardtanh}',
  value: (x) => Math.min(Math.max(x, -1), 1),
  precise: (x, D) => (x.lt(-1) ? new D(-1) : x.gt(1) ? new D(1) : x),
  derivative: (a, x) => a.mul(a.call('step', a.add(x, a.num(1))), a.call('step', a.sub(a.num(1), x))), // 1 on (−1, 1)
  slope: (x) => (x > -1 && x < 1 ? 1 : 0),
  kinks: (x) => [x + 1, x - 1],
  kinkNote: "hardtanh'(x) is 1 strictly inside (−1, 1) and 0 elsewhere, so hardtanh'(±1) = 0",
  special: [0, 0.5, -2, 3], sample: [-3, 3],
  exact: (x) => (x.compare(-1) < 0 ? new Fraction(-1) : x.compare(1) > 0 ? new Fraction(1) : x),
});

/** maxout(a, b, …): the largest argument; the gradient goes to it, split evenly among ties. */
const maxout: OpDef = {
  name: 'maxout',
  kind: 'function',
  arity: [2, ANY],
  params: ['a', 'b', '…'],
  summary: 'the largest of its arguments (two or more)',
  tex: '\\operatorname{maxout}',
  eval: (args) => Math.max(...args),
  precise: (args) => args.reduce((best, value) => (value.gt(best) ? value : best)),
  partial: (a, args, i) => {
    // [a_k is a maximum] = Π_{j≠k} (1 − step(a_j − a_k)); ∂/∂a_i = [a_i is a maximum] / (number of maxima)
    const isMax = (k: number) => a.mul(...args.filter((_, j) => j !== k).map((other) => a.sub(a.num(1), a.call('step', a.sub(other, args[k]!)))));
    return a.div(isMax(i), a.add(...args.map((_, k) => isMax(k))));
  },
  vjp: (upstream, args) => {
    const largest = Math.max(...args);
    const ties = args.filter((value) => value === largest).length;
    return args.map((value) => (value === largest ? upstream / ties : 0));
  },
  kinks: (args) => args.map((value, i) => value - Math.max(...args.filter((_, j) => j !== i))), // a_i crossing the largest other
  kinkNote: 'at a tie for the largest argument maxout splits the gradient evenly among the tied arguments (as max)',
  special: [[1, 2], [3, -1, 2], [0.5, 4, -2, 1]],
  sample: [[-3, 3], [-3, 3], [-3, 3]],
  exact: (args) => args.reduce((best, value) => (value.compare(best) > 0 ? value : best)),
};

/** Piecewise ops. */
export const PIECEWISE: readonly OpDef[] = [floor, ceil, round, clip, hardtanh, maxout];
