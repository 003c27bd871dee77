/**
 * The data the vectorized engine works on: a network's parameters and a batch, as row-major Float64Array matrices
 * (src/tensor/matrix.ts). Activations are stored as the lectures write them: one column per example, A^[l] (m_l × B).
 */

import type { Matrix } from '../tensor/matrix.js';

export { fromRows, toRows, zeros, type Matrix } from '../tensor/matrix.js';

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
