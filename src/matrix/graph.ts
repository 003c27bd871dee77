/**
 * A tensor program at the matrix level: the one Graph class (hash-consed, topological), each node with its shape (a
 * scalar has none, a vector is a column n×1). The ops are the matrix operations (matmul, transpose, the elementwise
 * operations with broadcasting, reductions, softmax, the losses) and every scalar function applied entry by entry.
 */
import Fraction from 'fraction.js';
import { Graph, type NodeId } from '../graph/graph.js';
import { sizeOf, type TensorShape } from '../tensor/shape.js';
import { shapeOf } from './shapes.js';

/** A graph whose nodes are matrices, vectors and scalars. */
export class MatrixGraph {
  readonly graph: Graph;
  private readonly shapes = new Map<NodeId, TensorShape | undefined>();

  constructor(graph = new Graph()) {
    this.graph = graph;
  }

  /** A node's shape (undefined for a scalar). */
  shape(id: NodeId): TensorShape | undefined {
    if (!this.shapes.has(id)) throw new Error(`internal error: node ${id} is not a matrix-level node`);
    return this.shapes.get(id);
  }

  /** The number of entries of a node. */
  size(id: NodeId): number {
    return sizeOf(this.shape(id));
  }

  /** A declared input (a matrix, a vector or a scalar variable). */
  input(name: string, shape: TensorShape | undefined): NodeId {
    return this.record(this.graph.variable(name), shape);
  }

  /** An exact scalar constant. */
  constant(value: number | Fraction): NodeId {
    return this.record(this.graph.intern('const', [], { value: new Fraction(value) }), undefined);
  }

  /** π or e. */
  named(constant: 'pi' | 'e'): NodeId {
    return this.record(this.graph.intern(constant, []), undefined);
  }

  /** The n×n identity I (its size named when it is: eye(n)). */
  identity(n: number, name?: string): NodeId {
    return this.record(this.graph.intern('eye', [], { name: name ?? String(n) }), { rows: n, cols: n, ...(name ? { rowsName: name, colsName: name } : {}) });
  }

  /** A tensor of ones (𝟏) of a shape (its sizes named when the shape's are: ones(n, m)). */
  ones(shape: TensorShape): NodeId {
    return this.record(this.graph.intern('ones', [], { name: `${shape.rowsName ?? shape.rows}x${shape.colsName ?? shape.cols}` }), shape);
  }

  /** `op(inputs)`, its shape found by the op's rule (an error names the shapes that do not fit). */
  apply(op: string, inputs: readonly NodeId[]): NodeId {
    const shape = shapeOf(op, inputs.map((input) => this.shape(input)));
    return this.record(this.graph.intern(op, inputs), shape);
  }

  /** The value of a scalar constant node, if it is one. */
  constantValue(id: NodeId): Fraction | undefined {
    const node = this.graph.node(id);
    return node.op === 'const' ? node.value : undefined;
  }

  private record(id: NodeId, shape: TensorShape | undefined): NodeId {
    if (!this.shapes.has(id)) this.shapes.set(id, shape);
    return id;
  }
}

/** A tensor program at the matrix level: its graph, the output, each binding's node and the declared inputs. */
export interface MatrixProgram {
  readonly matrices: MatrixGraph;
  readonly output: NodeId;
  /** The last binding's name, when the output is one. */
  readonly outputName?: string;
  readonly bindings: ReadonlyMap<string, NodeId>;
  /** The declared inputs (and scalar variables) the program uses, by name. */
  readonly inputs: ReadonlyMap<string, NodeId>;
  /** Every declaration: its shape, and whether it was written as one size (a vector, whose entries are x_1, x_2, …). */
  readonly declared: ReadonlyMap<string, { readonly shape: TensorShape; readonly vector: boolean }>;
  /** Inputs whose value is given, not drawn at random: a named size (B in X: 3xB) used as a number (1/B). */
  readonly fixed?: ReadonlyMap<string, number>;
}
