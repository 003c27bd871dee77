/** The shape of an op record: everything about one operation, side by side. */
import type { Decimal } from 'decimal.js';
import type Fraction from 'fraction.js';
import type { NodeId } from '../graph/graph.js';

/** The simplifying constructors a symbolic rule builds its result with. */
export interface Algebra {
  /** An exact rational constant. */
  num(value: number | Fraction): NodeId;
  add(...terms: NodeId[]): NodeId;
  sub(a: NodeId, b: NodeId): NodeId;
  mul(...factors: NodeId[]): NodeId;
  div(numerator: NodeId, denominator: NodeId): NodeId;
  neg(a: NodeId): NodeId;
  pow(base: NodeId, exponent: NodeId): NodeId;
  /** base raised to a constant power. */
  power(base: NodeId, exponent: number | Fraction): NodeId;
  /** A function op applied to arguments (for example `call('cos', u)`). */
  call(op: string, ...args: NodeId[]): NodeId;
}

/** What kind of syntax an op has: a leaf, an operator, or a named function. */
export type OpKind = 'leaf' | 'operator' | 'function';

/** One operation: its forward rule, symbolic rule and vector-Jacobian product, written independently. */
export interface OpDef {
  readonly name: string;
  readonly kind: OpKind;
  /** Least and greatest number of inputs a node of this op has. */
  readonly arity: readonly [number, number];
  /** One line for help texts. */
  readonly summary: string;
  /** Other names users may call it by (`ln` for `log`). */
  readonly aliases?: readonly string[];
  /** Names of the arguments, for usage messages (`log(x, b)`); a single `x` when absent. */
  readonly params?: readonly string[];
  /** Exact values of trailing arguments a user may leave out (`leaky_relu(x)` is `leaky_relu(x, 0.01)`). */
  readonly defaults?: readonly string[];
  /** The value, in float64. */
  eval(args: readonly number[]): number;
  /**
   * The value to the precision of D (a decimal.js class whose precision is set), for re-evaluating where float64
   * cannot decide; NaN exactly where `domain` puts the arguments outside the real domain or `eval` gives NaN. Never
   * called with a NaN or infinite argument. Absent when the op has no high-precision value (callers then fall back
   * to float64).
   */
  precise?(args: readonly Decimal[], D: typeof Decimal): Decimal;
  /** ∂op/∂args[i] as a graph, built from the (simplified) argument nodes; `out` is the node of the op itself. */
  partial(algebra: Algebra, args: readonly NodeId[], i: number, out: NodeId): NodeId;
  /** upstream × ∂op/∂args[i] for every input i, in float64; `out` is the op's value. */
  vjp(upstream: number, args: readonly number[], out: number): number[];
  /** Why the arguments are outside the op's real domain, or undefined when they are inside. */
  domain?(args: readonly number[]): string | undefined;
  /** Quantities that are zero exactly where the op is not differentiable (relu: [x]). */
  kinks?(args: readonly number[]): number[];
  /**
   * Quantities that are zero exactly where the op is infinite or infinitely steep (1/x and csc x: [x] and [sin x];
   * cbrt: [x]): finite differences cannot step across such a point, and always have the same length.
   */
  poles?(args: readonly number[]): number[];
  /**
   * The period of a periodic op (sin: 2π; floor: 1, the spacing of its jumps): where a finite-difference step moves
   * its argument by a sizeable part of it (|x| ≥ 1e16 leaves no room at all), finite differences say nothing.
   */
  readonly period?: number;
  /** The convention used for the derivative at a kink, said to the user. */
  readonly kinkNote?: string;
  /** Arguments worth testing at, besides random points of `sample`. */
  readonly special?: readonly (readonly number[])[];
  /** Interval each argument is drawn from in tests and random checks. */
  readonly sample?: readonly (readonly [number, number])[];
  /** The exact result for exact arguments when it is rational, else undefined. */
  exact?(args: readonly Fraction[]): Fraction | undefined;
  /** LaTeX for the function's name (`\\sin`, `\\sigma`). */
  readonly tex?: string;
}
