/** A straight-line program over the nodes some targets need: the tape the numeric methods run. */
import type { Graph, NodeId } from '../graph/graph.js';
import { opNamed } from '../ops/index.js';
import type { OpDef } from '../ops/types.js';
import type Fraction from 'fraction.js';
import type { Point } from '../graph/program.js';
import { varyingNodes } from '../graph/varying.js';

export type { Point };

/** Options of a forward pass. */
export interface ForwardOptions {
  /** Filled with a bound on each value's rounding error. */
  readonly bounds?: Float64Array;
  /** Applied to each value as it is computed (leaves included), e.g. to round to a number of decimals. */
  readonly round?: (value: number, node: NodeId) => number;
  /** Written into (and returned) instead of a new array: at least `span` long; for loops over many points. */
  readonly into?: Float64Array;
}

/** Why a node has no finite value at a point. */
export interface Problem {
  readonly node: NodeId;
  readonly message: string;
}

/** The nodes the targets depend on, in topological order, with their ops looked up once. */
export class Tape {
  /** Node ids in evaluation order. */
  readonly order: readonly NodeId[];
  /** Whether a node's value depends on some variable (only those need gradients). */
  readonly varying: Uint8Array;
  private readonly ops: readonly OpDef[];
  private readonly inputs: readonly (readonly NodeId[])[];
  private readonly constants: Float64Array;
  /** One more than the largest node id on the tape: the length of the arrays indexed by node id. */
  readonly span: number;
  /** Rounding error of each constant's float64 value (0 when the rational is a double exactly). */
  private readonly constantErrors: Float64Array;

  constructor(
    readonly graph: Graph,
    readonly targets: readonly NodeId[],
  ) {
    this.order = graph.ancestors(targets);
    this.ops = this.order.map((id) => opNamed(graph.node(id).op));
    this.inputs = this.order.map((id) => graph.node(id).inputs);
    this.constants = new Float64Array(this.order.length);
    this.constantErrors = new Float64Array(this.order.length);
    this.varying = varyingNodes(graph, this.order);
    this.span = this.varying.length;
    this.order.forEach((id, k) => {
      const node = graph.node(id);
      if (node.op === 'const') {
        this.constants[k] = node.value!.valueOf();
        this.constantErrors[k] = isDouble(node.value!) ? 0 : (EPS / 2) * Math.abs(this.constants[k]!);
      } else if (node.op === 'pi' || node.op === 'e') {
        this.constants[k] = this.ops[k]!.eval([]);
        this.constantErrors[k] = (EPS / 2) * this.constants[k]!;
      }
    });
  }

  /**
   * Every node's float64 value at a point (indexed by node id; NaN or ±∞ where undefined). With `bounds`,
   * also a first-order bound on each value's rounding error: the inputs' bounds carried through the op's
   * local derivatives, plus the op's own rounding (a few ulps, more for long sums, 5e-324 below the normal range).
   * With `round`, every value is passed through it as it is computed (to simulate working with rounded numbers).
   */
  forward(point: Point, options: ForwardOptions = {}): Float64Array {
    const { bounds, round, into } = options;
    const values = into ?? new Float64Array(this.span); // every node on the tape has an id below span
    const { order, ops, inputs, constants, graph } = this;
    for (let k = 0; k < order.length; k++) {
      const id = order[k]!;
      const ins = inputs[k]!;
      if (ins.length === 0) {
        const node = graph.node(id);
        const value = node.op === 'var' ? (point[node.name!] ?? Number.NaN) : constants[k]!;
        values[id] = round ? round(value, id) : value;
        if (bounds) bounds[id] = this.constantErrors[k]!;
        continue;
      }
      const args = new Array<number>(ins.length);
      for (let j = 0; j < ins.length; j++) args[j] = values[ins[j]!]!;
      const op = ops[k]!;
      const value = round ? round(op.eval(args), id) : op.eval(args);
      values[id] = value;
      if (bounds) bounds[id] = roundingBound(op, args, value, ins.map((input) => bounds[input]!));
    }
    return values;
  }

  /** The first node (in evaluation order) whose value is not finite though its inputs are, and why. */
  firstProblem(values: Float64Array): Problem | undefined {
    for (let k = 0; k < this.order.length; k++) {
      const id = this.order[k]!;
      if (Number.isFinite(values[id]!)) continue;
      const ins = this.inputs[k]!;
      const args = ins.map((input) => values[input]!);
      if (!args.every(Number.isFinite)) continue;
      const node = this.graph.node(id);
      if (node.op === 'var') return { node: id, message: `${node.name} has no value` };
      if (node.op === 'const') {
        const digits = node.value!.n.toString().length - node.value!.d.toString().length;
        return { node: id, message: `a number of about 10^${digits} is too large for float64 (the largest is about 1.8e308)` };
      }
      const op = this.ops[k]!;
      const reason = op.domain?.(args) ?? `${op.name}(${args.map(formatNumber).join(', ')}) is too large for float64`;
      return { node: id, message: reason };
    }
    return undefined;
  }

  /** The quantities that are zero exactly at a kink, for every non-smooth node (relu(x): x). */
  kinkValues(values: Float64Array): { node: NodeId; value: number }[] {
    const found: { node: NodeId; value: number }[] = [];
    this.order.forEach((id, k) => {
      const op = this.ops[k]!;
      if (!op.kinks || !this.varying[id]) return;
      for (const value of op.kinks(this.inputs[k]!.map((input) => values[input]!))) found.push({ node: id, value });
    });
    return found;
  }

  /** The pole quantities of every op on the tape that depends on a variable (zero at a pole; see OpDef.poles). */
  poleValues(values: Float64Array): { node: NodeId; value: number }[] {
    const found: { node: NodeId; value: number }[] = [];
    this.order.forEach((id, k) => {
      const op = this.ops[k]!;
      if (!op.poles || !this.varying[id]) return;
      for (const value of op.poles(this.inputs[k]!.map((input) => values[input]!))) found.push({ node: id, value });
    });
    return found;
  }

  /** The arguments of the periodic ops on the tape that depend on a variable, with their periods. */
  periodicArguments(values: Float64Array): { node: NodeId; value: number; period: number }[] {
    const found: { node: NodeId; value: number; period: number }[] = [];
    this.order.forEach((id, k) => {
      const period = this.ops[k]!.period;
      if (period !== undefined && this.varying[id]) found.push({ node: id, value: values[this.inputs[k]![0]!]!, period });
    });
    return found;
  }

  /** The op of a node on the tape. */
  opAt(k: number): OpDef {
    return this.ops[k]!;
  }

  /** The inputs of the node at position k. */
  inputsAt(k: number): readonly NodeId[] {
    return this.inputs[k]!;
  }
}

const EPS = Number.EPSILON;

/** Whether a rational is exactly a float64 (a dyadic fraction with at most 53 significant bits). */
function isDouble(value: Fraction): boolean {
  return (value.d & (value.d - 1n)) === 0n && value.n < 2n ** 53n;
}

/** First-order rounding bound of op(args) given the bounds of its arguments. */
function roundingBound(op: OpDef, args: readonly number[], value: number, argBounds: readonly number[]): number {
  const sensitivity = op.vjp(1, args, value);
  let carried = 0;
  for (let j = 0; j < args.length; j++) {
    if (argBounds[j] === Number.POSITIVE_INFINITY) return argBounds[j]!; // an input whose value is unknown
    if (!(argBounds[j]! > 0)) continue;
    const term = Math.abs(sensitivity[j]!) * argBounds[j]!;
    if (Number.isFinite(term)) carried += term;
    else carried += shiftedBy(op, args, j, argBounds[j]!, value); // no finite local derivative (√ at 0): move the input instead
  }
  let own = 2 * EPS * Math.abs(value) * (args.length - 1 || 1);
  if (op.name === 'add') own = EPS * (args.length - 1) * args.reduce((sum, a) => sum + Math.abs(a), 0);
  // a negative base to an exponent rounded by 1 or more: its parity, and so the sign, is lost
  if (op.name === 'pow' && args[0]! < 0 && argBounds[1]! >= 0.5) return Number.POSITIVE_INFINITY;
  if (op.name === 'pow') own *= 1 + Math.min(Math.abs(args[1]! * Math.log(Math.abs(args[0]!))) || 0, 1e6); // Math.pow is e^(b·ln a): its error grows with |b·ln a|
  return carried + own + Number.MIN_VALUE; // a subnormal result (|value| < 2.2e-308) is only good to 5e-324 absolute
}

/** How far the op's value moves when input j moves by its bound, away from 0 (√ of an underflowed 0: √5e-324). */
function shiftedBy(op: OpDef, args: readonly number[], j: number, bound: number, value: number): number {
  const moved = [...args];
  moved[j] = args[j]! + (args[j]! < 0 ? -bound : bound);
  const shifted = op.eval(moved);
  return Number.isFinite(shifted) ? Math.abs(shifted - value) : 0;
}

/** A number as people read it: integers plain, others to 6 significant digits. */
export function formatNumber(value: number): string {
  if (Number.isInteger(value) || !Number.isFinite(value)) return String(value);
  return String(Number(value.toPrecision(6)));
}
