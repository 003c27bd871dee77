/**
 * The shape rule of every matrix-level op: what shape its result has, given its inputs' shapes, or why they do not
 * fit. A scalar stretches to any shape, and a column m×1 over an m×n matrix (a bias over a batch); a 1×1 product
 * is a scalar (xᵀy).
 */
import { functionNamed } from '../ops/index.js';
import { sameShape, shapeWords, type TensorShape } from '../tensor/shape.js';

type Shape = TensorShape | undefined;

/** The losses of network specs: a scalar from an output and targets of one shape. */
export const LOSSES = ['mse', 'mae', 'bce', 'cross_entropy', 'hinge'] as const;

/** The shape of an elementwise result, or null when the shapes do not fit. */
export function broadcast(a: Shape, b: Shape): Shape | null {
  if (!a) return b;
  if (!b || sameShape(a, b)) return a;
  if (a.cols === 1 && a.rows === b.rows) return b;
  if (b.cols === 1 && a.rows === b.rows) return a;
  return null;
}

/** A shape error: a plain message naming the shapes. */
export class ShapeMismatch extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShapeMismatch';
  }
}

const ELEMENTWISE = new Set(['add', 'sub', 'emul', 'ediv', 'epow']);
const SCALAR_ONLY = new Set(['pow']);
const REDUCTIONS = new Set(['sum', 'mean', 'norm2', ...LOSSES]);

/** The shape of `op` applied to inputs of these shapes. */
export function shapeOf(op: string, inputs: readonly Shape[]): Shape {
  const [a, b] = inputs;
  const fits = (ok: boolean, message: () => string) => {
    if (!ok) throw new ShapeMismatch(message());
  };
  if (ELEMENTWISE.has(op)) {
    const shape = broadcast(a, b);
    fits(shape !== null, () => `${op} needs operands of one shape (or a scalar, or a column over a matrix), got ${shapeWords(a)} and ${shapeWords(b)}`);
    return shape!;
  }
  switch (op) {
    case 'neg':
      return a;
    case 'mul':
      fits(!a || !b, () => `* of ${shapeWords(a)} and ${shapeWords(b)} is a matrix product (matmul)`);
      return a ?? b;
    case 'div':
      fits(!b, () => `/ by ${shapeWords(b)}: divide elementwise (ediv)`);
      return a;
    case 'matmul': {
      fits(a !== undefined && b !== undefined && a.cols === b.rows, () => `cannot multiply ${shapeWords(a)} by ${shapeWords(b)}: inner sizes differ`);
      if (a!.rows === 1 && b!.cols === 1) return undefined; // xᵀy is a number
      return { rows: a!.rows, cols: b!.cols, ...(a!.rowsName ? { rowsName: a!.rowsName } : {}), ...(b!.colsName ? { colsName: b!.colsName } : {}) };
    }
    case 'transpose':
      fits(a !== undefined, () => 'a scalar has no transpose');
      return { rows: a!.cols, cols: a!.rows, ...(a!.colsName ? { rowsName: a!.colsName } : {}), ...(a!.rowsName ? { colsName: a!.rowsName } : {}) };
    case 'dot':
      fits(sameShape(a, b), () => `dot needs two tensors of one shape, got ${shapeWords(a)} and ${shapeWords(b)}`);
      return undefined;
    case 'outer':
      fits(a?.cols === 1 && b?.cols === 1, () => `outer needs two column vectors, got ${shapeWords(a)} and ${shapeWords(b)}`);
      return { rows: a!.rows, cols: b!.rows };
    case 'softmax':
    case 'log_softmax':
      fits(a !== undefined, () => `${op} needs a vector or a matrix, got a scalar`);
      return a;
    case 'diag':
      fits(a?.cols === 1, () => `diag needs a column vector, got ${shapeWords(a)}`);
      return { rows: a!.rows, cols: a!.rows };
    case 'sumcols':
      fits(a !== undefined, () => 'sumcols needs a matrix');
      return { rows: a!.rows, cols: 1, ...(a!.rowsName ? { rowsName: a!.rowsName } : {}) };
    case 'sumrows':
      fits(a !== undefined, () => 'sumrows needs a matrix');
      return { rows: 1, cols: a!.cols, ...(a!.colsName ? { colsName: a!.colsName } : {}) };
  }
  if (REDUCTIONS.has(op)) {
    if (inputs.length === 2) fits(sameShape(a, b), () => `${op} needs an output and targets of one shape, got ${shapeWords(a)} and ${shapeWords(b)}`);
    return undefined;
  }
  if (SCALAR_ONLY.has(op)) {
    fits(!a && !b, () => `^ is for scalars, got ${shapeWords(a)} and ${shapeWords(b)}: write .^ for an elementwise power`);
    return undefined;
  }
  const fn = functionNamed(op);
  if (fn) {
    // a scalar function entry by entry, its other arguments (leaky_relu's slope) broadcast like an elementwise op
    let shape: Shape = undefined;
    for (const input of inputs) {
      const next = broadcast(shape, input);
      fits(next !== null, () => `${op} needs arguments of one shape, got ${inputs.map(shapeWords).join(' and ')}`);
      shape = next!;
    }
    return shape;
  }
  throw new Error(`internal error: the matrix op "${op}" has no shape rule`);
}
