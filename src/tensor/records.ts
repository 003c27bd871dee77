/** What a tensor program computed, node by node at the tensor level: the input of the shapes report. */
import type { Span } from '../syntax/tree.js';
import type { TensorShape } from './shape.js';

/** The tensor operations a record can be. */
export type TensorOp =
  | 'input'
  | 'matmul'
  | 'scale'
  | 'add'
  | 'sub'
  | 'emul'
  | 'ediv'
  | 'epow'
  | 'neg'
  | 'function'
  | 'transpose'
  | 'sum'
  | 'mean'
  | 'dot'
  | 'outer'
  | 'softmax'
  | 'log_softmax'
  | 'norm2'
  | 'sumcols'
  | 'diag'
  | 'sumrows'
  | 'loss'
  | 'scalar';

/** An input of a record: another record, and the operand position it was in (0 = left or first argument). */
export interface RecordInput {
  readonly record: number;
  readonly position: number;
}

/** One tensor-level node: its name (its binding, or its source text), definition, shape and operation. */
export interface TensorRecord {
  readonly name: string;
  /** The source text of its definition, or how it was declared for inputs. */
  readonly expr: string;
  /** Undefined for a scalar. */
  readonly shape?: TensorShape;
  readonly op: TensorOp;
  /** The scalar function of an elementwise `function` record, or the scalar op of a `scalar` record. */
  readonly fn?: string;
  /** The source text of every operand, constants included, in order. */
  readonly operands: readonly string[];
  /** The inputs that are not constants. */
  readonly inputs: readonly RecordInput[];
  readonly span: Span;
}

/** A tensor program's records in evaluation order, and which one is the (scalar) output. */
export interface TensorGraph {
  readonly records: readonly TensorRecord[];
  readonly output: number;
}
