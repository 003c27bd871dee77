/**
 * The scope of a tensor claims file: its declarations and bindings, read line by line into one scalar graph, in
 * which the right side of a claim is lowered to a tensor of scalar nodes (as lowerTensorProgram lowers a program).
 */
import { inputError, type Source } from './shared.js';
import { Graph, type NodeId } from '../graph/graph.js';
import type { Expr, ProgramStatement } from '../syntax/tree.js';
import type { Value } from '../tensor/kernels.js';
import { Lowering } from './tensor.js';
import { entryName, sizeOf, type TensorShape } from '../tensor/shape.js';

/** A declared tensor: its shape and the variables of its entries, row by row. */
export interface DeclaredTensor {
  readonly shape: TensorShape;
  readonly vector: boolean;
  readonly entries: readonly string[];
}

/** Declarations and bindings shared by the lines of a tensor claims file. */
export class TensorScope {
  readonly graph = new Graph();
  private readonly lowering = new Lowering(this.graph, { text: '' });
  private readonly bound: string[] = [];

  /** Reads a line's declarations and bindings; a bare expression is not a statement of a claims file. */
  read(statements: readonly ProgramStatement[], source: Source): void {
    this.lowering.use(source);
    for (const statement of statements) {
      if (statement.kind === 'declare') {
        this.lowering.declare(statement);
        continue;
      }
      if (statement.kind === 'expr') {
        throw inputError('syntax', 'a line of a tensor claims file declares a shape, binds a name or claims a derivative', source, statement.expr.span, 'write W: 4x3, L = norm2(W x - y) or dL/dW = …');
      }
      if (this.lowering.lookup(statement.name)) {
        throw inputError('unknown-name', `${statement.name} already has a value from a line above`, source, statement.nameSpan, 'choose another name');
      }
      const before = this.lowering.records.length;
      this.lowering.bind(statement.name, statement.nameSpan, this.lowering.expression(statement.expr), before);
      this.bound.push(statement.name);
    }
  }

  /** The lowered value of an expression (a claim's right side), read from `source`. */
  lower(expr: Expr, source: Source): Value {
    this.lowering.use(source);
    return this.lowering.entries.value(this.lowering.expression(expr).matrix);
  }

  /** The value a name is bound to, if bound. */
  lookup(name: string): Value | undefined {
    const bound = this.lowering.lookup(name);
    return bound ? this.lowering.entries.value(bound.matrix) : undefined;
  }

  /** A declared tensor, if the name is declared. */
  declared(name: string): DeclaredTensor | undefined {
    const found = this.lowering.declared.get(name);
    if (!found) return undefined;
    const entries = Array.from({ length: sizeOf(found.shape) }, (_, k) => entryName(name, found.shape, found.vector, k));
    return { shape: found.shape, vector: found.vector, entries };
  }

  /**
   * The declared tensors used as the targets of cross_entropy: distributions (one-hot columns for classes), whose
   * entries sum to 1 in each column.
   */
  distributions(): DeclaredTensor[] {
    const records = this.lowering.records;
    const names = records
      .filter((record) => record.op === 'loss' && record.fn === 'cross_entropy')
      .flatMap((record) => record.inputs.filter((input) => input.position === 1).map((input) => records[input.record]!))
      .filter((target) => target.op === 'input')
      .map((target) => target.name);
    return [...new Set(names)].flatMap((name) => this.declared(name) ?? []);
  }

  /** The shape of an expression in this scope (undefined for a scalar). */
  shapeOf(expr: Expr, source: Source): TensorShape | undefined {
    return this.lower(expr, source).shape;
  }

  /** Bound entries by name (z, or z_1, z_2 …, Z_1_1 …), to write answers with. */
  entryNames(): Map<NodeId, string> {
    const names = new Map<NodeId, string>();
    for (const name of this.bound) {
      const value = this.lookup(name)!;
      const shape = value.shape;
      value.entries.forEach((node, k) => {
        if (this.graph.node(node).inputs.length > 0) names.set(node, shape ? entryName(name, shape, shape.cols === 1, k) : name);
      });
    }
    return names;
  }
}
