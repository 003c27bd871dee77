/** Helpers that write the routine parts of op records (as JAX's deflinear and defjvp do). */
import type { Decimal } from 'decimal.js';
import Fraction from 'fraction.js';
import type { NodeId } from '../graph/graph.js';
import type { Algebra, OpDef } from './types.js';

/** What an elementwise function of one argument needs to say about itself. */
export interface UnarySpec {
  readonly name: string;
  readonly summary: string;
  readonly aliases?: readonly string[];
  readonly tex?: string;
  /** The value, in float64. */
  readonly value: (x: number) => number;
  /** The value to D's precision, NaN where `domain` objects or `value` is NaN (see OpDef.precise). */
  readonly precise?: (x: Decimal, D: typeof Decimal) => Decimal;
  /** d op(x)/dx as a graph over x (and `out`, the node op(x) itself). */
  readonly derivative: (algebra: Algebra, x: NodeId, out: NodeId) => NodeId;
  /** d op(x)/dx in float64, written independently of `derivative`; y is op(x). */
  readonly slope: (x: number, y: number) => number;
  readonly domain?: (x: number) => string | undefined;
  /** Where the function has a kink (relu: 0). */
  readonly kinkAt?: number;
  /** Quantities that change sign exactly where the function is not differentiable (floor: one per integer), instead of kinkAt. */
  readonly kinks?: (x: number) => number[];
  readonly kinkNote?: string;
  /** Quantities that are zero where the function is infinite or infinitely steep (csc: sin x). */
  readonly poles?: (x: number) => number[];
  /** The period of a periodic function (sin: 2π). */
  readonly period?: number;
  readonly special?: readonly number[];
  readonly sample?: readonly [number, number];
  /** Exact values at exact points, as [argument, result] pairs of decimal strings. */
  readonly exactPoints?: readonly (readonly [string, string])[];
  /** Exact value for any exact argument, when there is a closed form. */
  readonly exact?: (x: Fraction) => Fraction | undefined;
}

/** An op record for an elementwise function of one argument. */
export function unaryFunction(spec: UnarySpec): OpDef {
  const points = (spec.exactPoints ?? []).map(([x, y]) => [new Fraction(x), new Fraction(y)] as const);
  const kinkAt = spec.kinkAt;
  return {
    name: spec.name,
    kind: 'function',
    arity: [1, 1],
    summary: spec.summary,
    aliases: spec.aliases,
    tex: spec.tex,
    eval: ([x]) => spec.value(x!),
    precise: spec.precise ? ([x], D) => spec.precise!(x!, D) : undefined,
    partial: (algebra, [x], _i, out) => spec.derivative(algebra, x!, out),
    vjp: (upstream, [x], y) => {
      const slope = spec.slope(x!, y);
      return [slope === 0 ? 0 : upstream * slope]; // flat here: nothing flows back, even from an infinite upstream (sqrt(floor(x)) at 0.5)
    },
    domain: spec.domain ? ([x]) => spec.domain!(x!) : undefined,
    kinks: spec.kinks ? ([x]) => spec.kinks!(x!) : kinkAt === undefined ? undefined : ([x]) => [x! - kinkAt],
    kinkNote: spec.kinkNote,
    period: spec.period,
    poles: spec.poles ? ([x]) => spec.poles!(x!) : undefined,
    special: spec.special?.map((x) => [x]),
    sample: spec.sample ? [spec.sample] : undefined,
    exact: ([x]) => spec.exact?.(x!) ?? points.find(([at]) => at.equals(x!))?.[1],
  };
}

/** A leaf op: a node without inputs whose value comes from the node or the environment. */
export function leaf(name: string, summary: string, value: () => number, tex?: string, precise?: (D: typeof Decimal) => Decimal): OpDef {
  return {
    name,
    kind: 'leaf',
    arity: [0, 0],
    summary,
    tex,
    eval: value,
    precise: precise ? (_args, D) => precise(D) : undefined,
    partial: () => {
      throw new Error(`internal error: ${name} has no inputs to differentiate by`);
    },
    vjp: () => [],
  };
}
