/**
 * The data the vectorized engine works on: row-major Float64Array matrices, a network's parameters, and a batch.
 * Activations are stored as the lectures write them: one column per example, A^[l] of shape (m_l × B).
 */

/** A dense matrix, row-major: entry (i, j) is data[i * cols + j]. */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

/** A matrix of zeros. */
export function zeros(rows: number, cols: number): Matrix {
  return { rows, cols, data: new Float64Array(rows * cols) };
}

/** A matrix from nested arrays (one inner array per row). */
export function fromRows(rows: readonly (readonly number[])[]): Matrix {
  const cols = rows[0]?.length ?? 0;
  const data = new Float64Array(rows.length * cols);
  rows.forEach((row, i) => data.set(row, i * cols));
  return { rows: rows.length, cols, data };
}

/** Nested arrays (one per row) from a matrix. */
export function toRows(matrix: Matrix): number[][] {
  return Array.from({ length: matrix.rows }, (_, i) => Array.from(matrix.data.subarray(i * matrix.cols, (i + 1) * matrix.cols)));
}

/** A network's parameters in its convention: W[l−1] is W^[l], b[l−1] is b^[l] (a vector of the layer's units). */
export interface Parameters {
  readonly W: readonly Matrix[];
  readonly b: readonly Float64Array[];
}

/** A batch: inputs X (n_x × B, one column per example) and targets. */
export interface Batch {
  readonly x: Matrix;
  /** Targets as a matrix (n_out × B): one-hot columns for classification, values for regression. */
  readonly y: Matrix;
  /** The class index of each example, when the targets are classes (cross_entropy, hinge). */
  readonly classes?: Int32Array;
}

/** ∂L/∂ every parameter, shaped like the parameters. */
export interface Gradients {
  readonly W: readonly Matrix[];
  readonly b: readonly Float64Array[];
}
