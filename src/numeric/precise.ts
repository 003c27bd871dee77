/**
 * A graph's values with many more digits than float64 has (decimal.js Decimals), for where float64 cannot decide:
 * `0.333333333333333x²` against `x²/3`, `e^(10x) + 10^−7` against `e^(10x)`. Constants are exact rationals
 * divided out to the precision, π and e are computed to it, and a point's float64 values are converted exactly
 * (1.7 is 1.6999999999999999555910790149937383830547332763671875, the number the float64 side used), and every
 * op's value is rounded to the precision.
 *
 * Reading the values: `value.toNumber()` is the nearest float64 (NaN stays NaN; beyond float64's range it is ±∞
 * or ±0, though the Decimal is finite); `value.isNaN()` says a node is undefined at the point; compare Decimals
 * with `minus`, `abs`, `cmp` and `lt`, not through numbers, or the digits are lost again.
 */
import { Decimal } from 'decimal.js';
import type Fraction from 'fraction.js';
import type { Graph, NodeId } from '../graph/graph.js';
import { opNamed } from '../ops/index.js';
import { pow5 } from '../ops/decimal/binary.js';
import type { OpDef } from '../ops/types.js';
import type { Point } from './tape.js';


/** Digits computed beyond those asked for, so that rounding in long chains stays below the last digit asked for. */
const GUARD_DIGITS = 10;

const classes = new Map<number, typeof Decimal>();

/** The Decimal class computing with `digits` significant digits plus guard digits (one per precision, kept). */
export function decimalClass(digits: number): typeof Decimal {
  if (!Number.isInteger(digits) || digits < 1) throw new RangeError(`digits must be a positive integer (got ${digits})`);
  let D = classes.get(digits);
  if (!D) {
    const base = Decimal;
    D = base.clone({ precision: digits + GUARD_DIGITS, rounding: base.ROUND_HALF_EVEN });
    classes.set(digits, D);
  }
  return D;
}

const bits = new DataView(new ArrayBuffer(8));

/**
 * A float64 as a Decimal, exactly (m·2^e written out in decimal: up to 767 significant digits), whatever D's
 * precision: rounding 10^300 to 70 digits would move it by 10^230, and sin of it anywhere.
 */
export function exactDecimal(value: number, D: typeof Decimal): Decimal {
  if (!Number.isFinite(value) || Number.isSafeInteger(value)) return new D(value); // NaN, ±∞, −0 and integers below 2^53 are exact
  bits.setFloat64(0, value);
  const high = bits.getUint32(0);
  const biased = (high >>> 20) & 0x7ff;
  let mantissa = (BigInt(high & 0xfffff) << 32n) | BigInt(bits.getUint32(4));
  let exponent = biased === 0 ? -1074 : biased - 1075; // value = ±mantissa·2^exponent
  if (biased !== 0) mantissa |= 1n << 52n;
  while ((mantissa & 1n) === 0n && exponent < 0) {
    mantissa >>= 1n;
    exponent++;
  }
  const digits = exponent >= 0 ? (mantissa << BigInt(exponent)).toString() : (mantissa * pow5(-exponent)).toString(); // m/2^k = m·5^k/10^k
  return new D(`${value < 0 ? '-' : ''}${digits}e${Math.min(exponent, 0)}`); // a constructed Decimal is not rounded
}

/** An exact rational as a Decimal: n/d divided out to D's precision (integers exactly). */
export function fractionDecimal(value: Fraction, D: typeof Decimal): Decimal {
  const numerator = new D((value.s < 0n ? -value.n : value.n).toString());
  return value.d === 1n ? numerator : numerator.div(value.d.toString());
}

/** Whether every node the roots depend on has a high-precision value (an op with `precise`, a constant or a variable). */
export function preciseCapable(graph: Graph, roots: readonly NodeId[]): boolean {
  return graph.ancestors(roots).every((id) => hasPrecise(opNamed(graph.node(id).op)));
}

/** Whether an op's nodes get high-precision values: ops with `precise`, and the leaves whose value is on the node. */
export function hasPrecise(op: OpDef): boolean {
  return op.precise !== undefined || op.name === 'const' || op.name === 'var';
}

/** The nodes some roots depend on, ready to be evaluated with many digits at point after point. */
export class PreciseTape {
  /** Node ids in evaluation order. */
  readonly order: readonly NodeId[];
  /** Whether every node has a high-precision value; when not, `values` gives undefined. */
  readonly capable: boolean;
  private readonly D: typeof Decimal;
  private readonly ops: readonly OpDef[];
  private readonly inputs: readonly (readonly NodeId[])[];
  /** Values of the nodes that depend on no variable, by position on the tape, computed once. */
  private readonly constants: readonly (Decimal | undefined)[];

  constructor(
    readonly graph: Graph,
    readonly roots: readonly NodeId[],
    readonly digits = 60,
  ) {
    this.D = decimalClass(digits);
    this.order = graph.ancestors(roots);
    this.ops = this.order.map((id) => opNamed(graph.node(id).op));
    this.inputs = this.order.map((id) => graph.node(id).inputs);
    this.capable = this.ops.every(hasPrecise);
    this.constants = this.capable ? this.constantValues() : [];
  }

  /**
   * The values of the nodes that depend on no variable, by position: exact rationals where every step is rational
   * (1/3 + 1/3 + 1/3 − 1 is exactly 0, as the simplifier folds it), else computed once to the precision.
   */
  private constantValues(): (Decimal | undefined)[] {
    const { D, graph, order, ops, inputs } = this;
    const exact = new Map<NodeId, Fraction>();
    const values = new Map<NodeId, Decimal>();
    return order.map((id, k) => {
      const node = graph.node(id);
      const ins = inputs[k]!;
      if (node.op === 'var' || !ins.every((input) => values.has(input))) return undefined;
      const rational = node.op === 'const' ? node.value : ins.every((input) => exact.has(input)) ? ops[k]!.exact?.(ins.map((input) => exact.get(input)!)) : undefined;
      if (rational) exact.set(id, rational);
      const args = ins.map((input) => values.get(input)!);
      const value = rational ? fractionDecimal(rational, D) : args.every((arg) => arg.isFinite()) ? ops[k]!.precise!(args, D) : new D(Number.NaN);
      values.set(id, value);
      return value;
    });
  }

  /**
   * Every node's value at a point, indexed by node id (undefined for nodes the roots do not need), or undefined
   * when some node has no high-precision value. NaN marks a node outside its op's domain, a variable the point
   * lacks, and every node that depends on either; ±∞ marks a value too large even for a Decimal (beyond about
   * e^(10^15)), and the nodes that depend on it are NaN.
   */
  values(point: Point): (Decimal | undefined)[] | undefined {
    if (!this.capable) return undefined;
    const { D, order, ops, inputs, constants, graph } = this;
    const values = new Array<Decimal | undefined>(graph.size);
    const undefinedValue = new D(Number.NaN);
    for (let k = 0; k < order.length; k++) {
      const id = order[k]!;
      const constant = constants[k];
      if (constant) {
        values[id] = constant;
        continue;
      }
      const ins = inputs[k]!;
      if (ins.length === 0) {
        const given = point[graph.node(id).name!]; // a variable
        values[id] = given === undefined ? undefinedValue : exactDecimal(given, D);
        continue;
      }
      const args = new Array<Decimal>(ins.length);
      let defined = true;
      for (let j = 0; j < ins.length; j++) {
        const value = values[ins[j]!]!;
        if (!value.isFinite()) defined = false;
        args[j] = value;
      }
      values[id] = defined ? ops[k]!.precise!(args, D) : undefinedValue;
    }
    return values;
  }
}

/** Tapes kept per graph, by digits and roots: a checker evaluates the same roots at point after point. */
const tapes = new WeakMap<Graph, Map<string, PreciseTape>>();
const TAPES_PER_GRAPH = 64;

/**
 * The values of every node the roots depend on at a point, with `digits` significant digits (plus guard digits),
 * indexed by node id like `Tape.forward`'s array; undefined when some node's op has no `precise` (fall back to
 * float64 then). See the module comment for reading them.
 */
export function preciseValues(graph: Graph, roots: readonly NodeId[], point: Point, digits = 60): (Decimal | undefined)[] | undefined {
  let kept = tapes.get(graph);
  if (!kept) tapes.set(graph, (kept = new Map()));
  const key = `${digits}:${roots.join(',')}`;
  let tape = kept.get(key);
  if (!tape) {
    if (kept.size >= TAPES_PER_GRAPH) kept.clear();
    tape = new PreciseTape(graph, roots, digits);
    kept.set(key, tape);
  }
  return tape.values(point);
}
