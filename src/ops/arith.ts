/** The arithmetic operators: + − × ÷ unary minus and ^. Source gates and simplified forms both use them. */
import Fraction from 'fraction.js';
import { nan, power } from './decimal/index.js';
import { exactPower } from './exact.js';
import type { OpDef } from './types.js';

const ANY = Number.POSITIVE_INFINITY;

/** Sum of two or more operands. */
const add: OpDef = {
  name: 'add',
  kind: 'operator',
  arity: [2, ANY],
  summary: 'a + b (+ …)',
  eval: (args) => {
    let sum = 0;
    for (const value of args) sum += value;
    return sum;
  },
  precise: (args) => args.slice(1).reduce((sum, value) => sum.plus(value), args[0]!),
  partial: (algebra) => algebra.num(1), // d(a + b)/da = 1
  vjp: (upstream, args) => args.map(() => upstream), // add distributes
  exact: (args) => args.reduce((sum, value) => sum.add(value), new Fraction(0)),
};

/** Difference a − b. */
const sub: OpDef = {
  name: 'sub',
  kind: 'operator',
  arity: [2, 2],
  summary: 'a − b',
  eval: ([a, b]) => a! - b!,
  precise: ([a, b]) => a!.minus(b!),
  partial: (algebra, _args, i) => algebra.num(i === 0 ? 1 : -1),
  vjp: (upstream) => [upstream, -upstream],
  exact: ([a, b]) => a!.sub(b!),
};

/** Product of two or more factors. */
const mul: OpDef = {
  name: 'mul',
  kind: 'operator',
  arity: [2, ANY],
  summary: 'a · b (· …)',
  eval: (args) => {
    let product = 1;
    for (const value of args) product *= value;
    return product;
  },
  precise: (args) => args.slice(1).reduce((product, value) => product.times(value), args[0]!),
  partial: (algebra, args, i) => algebra.mul(...args.filter((_, j) => j !== i)), // d(ab)/da = b
  vjp: (upstream, args) =>
    args.map((_, i) => {
      let others = upstream; // mul swaps: each input gets upstream × the others
      for (let j = 0; j < args.length; j++) if (j !== i) others *= args[j]!;
      return others;
    }),
  exact: (args) => args.reduce((product, value) => product.mul(value), new Fraction(1)),
};

/** Quotient a / b. */
const div: OpDef = {
  name: 'div',
  kind: 'operator',
  arity: [2, 2],
  summary: 'a / b',
  eval: ([a, b]) => a! / b!,
  precise: ([a, b], D) => (b!.isZero() ? nan(D) : a!.div(b!)), // a/0 is outside the domain (float64 says ±∞)
  partial: (algebra, [a, b], i) =>
    i === 0 ? algebra.power(b!, -1) : algebra.neg(algebra.div(a!, algebra.power(b!, 2))), // d(a/b)/db = −a/b²
  vjp: (upstream, [a, b]) => [upstream / b!, (-upstream * a!) / b! / b!], // divided twice: b² would overflow for |b| > 1e154
  domain: ([, b]) => (b === 0 ? 'division by zero' : undefined),
  poles: ([, b]) => [b!],
  exact: ([a, b]) => (b!.n === 0n ? undefined : a!.div(b!)),
};

/** Negation −a. */
const neg: OpDef = {
  name: 'neg',
  kind: 'operator',
  arity: [1, 1],
  summary: '−a',
  eval: ([a]) => -a!,
  precise: ([a]) => a!.neg(),
  partial: (algebra) => algebra.num(-1),
  vjp: (upstream) => [-upstream],
  exact: ([a]) => a!.neg(),
};

/** Power a^b (real: a negative base needs an integer exponent). */
const pow: OpDef = {
  name: 'pow',
  kind: 'operator',
  arity: [2, 2],
  aliases: ['pow'], // pow(a, b) is a ^ b
  params: ['a', 'b'],
  summary: 'a ^ b',
  eval: ([a, b]) => Math.pow(a!, b!),
  precise: ([a, b], D) => power(a!, b!, D), // NaN where the domain says so; a^0 = 1 for every a, as Math.pow
  partial: (algebra, [a, b], i, out) =>
    i === 0
      ? algebra.mul(b!, algebra.pow(a!, algebra.sub(b!, algebra.num(1)))) // d a^b/da = b·a^(b−1)
      : a === algebra.num(0) // constants are hash-consed: this is the literal 0
        ? algebra.num(0) // 0^b is 0 for every b > 0, so d 0^b/db = 0 (not 0·ln 0)
        : algebra.mul(out, algebra.call('log', a!)), // d a^b/db = a^b·ln a
  vjp: (upstream, [a, b], out) => [upstream * b! * Math.pow(a!, b! - 1), a === 0 && b! > 0 ? 0 : upstream * out * Math.log(a!)],
  domain: ([a, b]) => {
    if (a! < 0 && !Number.isInteger(b!)) return `a negative number (${a}) has no real power ${b}`;
    if (a === 0 && b! < 0) return `0 cannot be raised to a negative power (${b})`;
    return undefined;
  },
  poles: ([a, b]) => [b! < 1 && b !== 0 ? a! : 1], // a^b with b < 1 is infinite or infinitely steep at a = 0
  special: [
    [2, 3],
    [-2, 2],
    [0.5, -1],
    [3, 0.5],
  ],
  sample: [
    [0.2, 3],
    [-3, 3],
  ],
  exact: ([a, b]) => exactPower(a!, b!),
};

/** Operator ops. */
export const ARITHMETIC: readonly OpDef[] = [add, sub, mul, div, neg, pow];
