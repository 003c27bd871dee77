/**
 * The referee's view of a tensor program: matrix-level nodes lowered to scalar entries of the one scalar graph, on
 * demand and once each. A declared tensor's entries are variables (W_1_2: row 1, column 2; x_3 for a vector), and
 * every matrix operation becomes scalar nodes (a matrix product, sums of products) by the kernels of src/tensor.
 */
import type { Graph, NodeId } from '../graph/graph.js';
import type { MatrixGraph } from '../matrix/graph.js';
import type { Span } from '../syntax/tree.js';
import Fraction from 'fraction.js';
import * as kernel from '../tensor/kernels.js';
import { entryName, sizeOf } from '../tensor/shape.js';
import { inputError, type Source } from './shared.js';

/** A value whose entries are scalar graph nodes. */
export type EntryValue = kernel.Value;

/** The scalar op of each elementwise matrix op (the others are scalar ops already). */
const SCALAR_OP: Readonly<Record<string, string>> = { emul: 'mul', ediv: 'div', epow: 'pow' };

/** Lowers matrix-level nodes to scalar entries, remembering what it lowered. */
export class EntryLowering {
  private readonly lowered = new Map<NodeId, EntryValue>();
  /** The scalar variables met so far, in order of first appearance. */
  readonly variables: string[] = [];
  private readonly seen = new Set<string>();
  /** Where each scalar node first appears in the source (its matrix node's span). */
  readonly spans = new Map<NodeId, Span>();
  /** Inputs lowered as exact constants rather than variables (a network's batch), set before lowering. */
  constants: ReadonlyMap<string, Float64Array> = new Map();
  /** A constant per column to shift each softmax's logits by (the largest at a point), set before lowering. */
  softmaxShifts: ReadonlyMap<NodeId, readonly number[]> = new Map();

  constructor(
    readonly graph: Graph,
    private readonly matrices: MatrixGraph,
    /** Whether a declared name was written as one size (a vector: x_1, x_2, …). */
    private readonly isVector: (name: string) => boolean,
    private readonly matrixSpans: ReadonlyMap<NodeId, Span> = new Map(),
  ) {}

  /** The entries of a node, row by row (one for a scalar). */
  value(root: NodeId): EntryValue {
    const known = this.lowered.get(root);
    if (known) return known;
    for (const id of this.matrices.graph.ancestors([root])) {
      if (this.lowered.has(id)) continue;
      const value = this.lower(id);
      this.lowered.set(id, value);
      const span = this.matrixSpans.get(id);
      if (span) for (const entry of value.entries) if (!this.spans.has(entry)) this.spans.set(entry, span);
    }
    return this.lowered.get(root)!;
  }

  private lower(id: NodeId): EntryValue {
    const g = this.graph;
    const node = this.matrices.graph.node(id);
    const shape = this.matrices.shape(id);
    const args = node.inputs.map((input) => this.lowered.get(input)!);
    const [a, b] = args as [EntryValue, EntryValue];
    switch (node.op) {
      case 'var':
        return this.input(node.name!, id);
      case 'const':
        return kernel.scalar(g.intern('const', [], { value: node.value! }));
      case 'pi':
      case 'e':
        return kernel.scalar(g.intern(node.op, []));
      case 'ones':
        return { shape: shape!, entries: new Array<NodeId>(sizeOf(shape)).fill(kernel.constant(g, 1)) };
      case 'eye': {
        const n = shape!.rows;
        return { shape: shape!, entries: Array.from({ length: n * n }, (_, k) => kernel.constant(g, Math.floor(k / n) === k % n ? 1 : 0)) };
      }
      case 'diag': {
        const n = shape!.rows;
        return { shape: shape!, entries: Array.from({ length: n * n }, (_, k) => (Math.floor(k / n) === k % n ? a.entries[k % n]! : kernel.constant(g, 0))) };
      }
      case 'matmul':
        return kernel.matmul(g, a, b);
      case 'transpose':
        return kernel.transpose(a);
      case 'sum':
        return kernel.sumAll(g, a);
      case 'mean':
        return kernel.meanAll(g, a);
      case 'norm2':
        return kernel.norm2(g, a);
      case 'dot':
        return kernel.dot(g, a, b);
      case 'outer':
        return kernel.outer(g, a, b);
      case 'softmax':
      case 'log_softmax':
        return kernel.softmax(g, a, node.op === 'log_softmax', this.softmaxShifts.get(node.inputs[0]!));
      case 'sumcols':
        return kernel.sumColumns(g, a);
      case 'sumrows':
        return kernel.sumRows(g, a);
      case 'mse':
      case 'mae':
      case 'bce':
      case 'cross_entropy':
      case 'hinge':
        return kernel.loss(g, node.op, a, b);
      default:
        return kernel.elementwise(g, SCALAR_OP[node.op] ?? node.op, args, shape);
    }
  }

  /** A declared tensor's entries as variables (W_1_1, W_1_2, … row by row), or a scalar variable. */
  private input(name: string, id: NodeId): EntryValue {
    const shape = this.matrices.shape(id);
    const given = this.constants.get(name);
    if (given) {
      const entries = Array.from(given, (value) => this.graph.intern('const', [], { value: exactFraction(value) }));
      return shape ? { shape, entries } : kernel.scalar(entries[0]!);
    }
    const names = shape ? Array.from({ length: sizeOf(shape) }, (_, k) => entryName(name, shape, this.isVector(name), k)) : [name];
    const entries = names.map((variable) => {
      if (!this.seen.has(variable)) {
        this.seen.add(variable); // a Set: 10⁵ entries looked up in a list took seconds
        this.variables.push(variable);
      }
      return this.graph.variable(variable);
    });
    return shape ? { shape, entries } : kernel.scalar(entries[0]!);
  }
}

/** Rejects a scalar graph deeper than the printers and checks can walk. */
export function checkDepth(graph: Graph, output: NodeId, source: Source, span: Span, maxDepth: number): void {
  const depth = new Map<NodeId, number>();
  for (const id of graph.ancestors([output])) {
    let d = 0;
    for (const input of graph.node(id).inputs) d = Math.max(d, 1 + depth.get(input)!);
    depth.set(id, d);
  }
  if (depth.get(output)! > maxDepth) {
    throw inputError('too-large', `the lowered expression is ${depth.get(output)} operations deep; the limit is ${maxDepth}`, source, span);
  }
}

/** A double as the exact fraction it is (0.1 is 3602879701896397/36028797018963968), so that no constant is rounded. */
export function exactFraction(value: number): Fraction {
  if (!Number.isFinite(value)) throw new RangeError(`a constant is not finite (${value})`);
  if (Math.abs(value) < 2 ** -1000) return new Fraction(0);
  let numerator = value;
  let denominator = 1n;
  while (!Number.isInteger(numerator)) {
    numerator *= 2; // exact: a non-integer double has |value| < 2^52, so doubling only moves the exponent
    denominator *= 2n;
  }
  return new Fraction(BigInt(numerator), denominator);
}
