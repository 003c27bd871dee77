/**
 * Losses of a batch, as the issue defines them, and δ^[L] = ∂ℓ_b/∂z^[L] for each example b, where the data loss is
 * the mean of per-example losses, L = (1/B) Σ_b ℓ_b (so that ∂L/∂W^[l] = δ^[l] a^[l−1]ᵀ / B):
 *   mse            L = mean over all n·B entries of (ŷ − y)²        ℓ_b = (1/n) Σ_k (ŷ_k − y_k)²
 *   mae            L = mean over all entries of |ŷ − y|            ℓ_b = (1/n) Σ_k |ŷ_k − y_k|
 *   bce            L = mean over all entries of −[y ln ŷ + (1 − y) ln(1 − ŷ)]   (ŷ a sigmoid output)
 *   cross_entropy  L = mean over examples of −Σ_c y_c ln ŷ_c       (ŷ a softmax output; y one-hot or class indices)
 *   hinge          L = mean over examples of Σ_{k≠y} max(0, s_k − s_y + 1)   (s = a^[L], y a class index)
 * With n outputs, the 1/n of the entry-wise means (mse, mae, bce) is part of ℓ_b, so it appears in δ^[L].
 */
import { logistic, softplus } from './activations.js';
import type { Activation, LossName } from './network.js';
import type { Batch, Matrix, Parameters } from './tensor.js';
import { sumOfSquares } from '../tensor/linalg.js';

/** The class of each example: the batch's class indices, or the largest entry of each target column. */
export function classIndices(batch: Batch): Int32Array {
  if (batch.classes) return batch.classes;
  const { rows, cols, data } = batch.y;
  const classes = new Int32Array(cols);
  for (let j = 0; j < cols; j++) {
    let best = 0;
    for (let i = 1; i < rows; i++) if (data[i * cols + j]! > data[best * cols + j]!) best = i;
    classes[j] = best;
  }
  return classes;
}

/** The weight max(0, m) gives its argument m in the hinge loss: 1 above 0, ½ at the tie (as the scalar max op), 0 below. */
export function hingeSlope(margin: number): number {
  return margin > 0 ? 1 : margin === 0 ? 0.5 : 0; // max(0, m): ∂/∂m = (1 + sign m)/2
}

/** Whether the output activation and loss pair has the fused δ^[L] = ŷ − y (scaled by 1/n for bce). */
function fused(loss: LossName, output: Activation): boolean {
  return (loss === 'bce' && output.name === 'sigmoid') || (loss === 'cross_entropy' && output.name === 'softmax');
}

/** The data loss L of a batch from the output layer's pre-activations z^[L] and activations ŷ = a^[L]. */
export function dataLoss(loss: LossName, output: Activation, z: Matrix, yhat: Matrix, batch: Batch): number {
  const { rows: n, cols: B } = yhat;
  const Y = batch.y.data, A = yhat.data, Z = z.data;
  let total = 0;
  switch (loss) {
    case 'mse':
      for (let i = 0; i < A.length; i++) total += (A[i]! - Y[i]!) ** 2; // (ŷ − y)²
      return total / (n * B);
    case 'mae':
      for (let i = 0; i < A.length; i++) total += Math.abs(A[i]! - Y[i]!); // |ŷ − y|
      return total / (n * B);
    case 'bce':
      for (let i = 0; i < A.length; i++) {
        const y = Y[i]!;
        total += fused(loss, output)
          ? y * softplus(-Z[i]!) + (1 - y) * softplus(Z[i]!) // −ln σ(z) = softplus(−z), −ln(1 − σ(z)) = softplus(z)
          : (y !== 0 ? -y * Math.log(A[i]!) : 0) + (y !== 1 ? -(1 - y) * Math.log(1 - A[i]!) : 0); // a term with coefficient 0 is left out
      }
      return total / (n * B);
    case 'cross_entropy':
      for (let j = 0; j < B; j++) total += crossEntropyOfColumn(output, z, yhat, batch, j);
      return total / B;
    case 'hinge': {
      const classes = classIndices(batch);
      for (let j = 0; j < B; j++) {
        const target = A[classes[j]! * B + j]!;
        for (let k = 0; k < n; k++) if (k !== classes[j]) total += Math.max(0, A[k * B + j]! - target + 1); // max(0, s_k − s_y + 1)
      }
      return total / B;
    }
  }
}

/** −Σ_c y_c ln ŷ_c for example j; from the logits (ln ŷ_c = z_c − ln Σ e^z) when ŷ is a softmax. */
function crossEntropyOfColumn(output: Activation, z: Matrix, yhat: Matrix, batch: Batch, j: number): number {
  const { rows: n, cols: B } = yhat;
  const logOf = logProbabilities(output, z, yhat, j);
  if (batch.classes) return -logOf(batch.classes[j]!);
  let sum = 0;
  for (let c = 0; c < n; c++) {
    const y = batch.y.data[c * B + j]!;
    if (y !== 0) sum -= y * logOf(c);
  }
  return sum;
}

/** ln ŷ_c of column j, computed stably from the logits when the output is a softmax. */
function logProbabilities(output: Activation, z: Matrix, yhat: Matrix, j: number): (c: number) => number {
  const B = z.cols;
  if (output.name !== 'softmax') return (c) => Math.log(yhat.data[c * B + j]!);
  let max = -Infinity;
  for (let c = 0; c < z.rows; c++) max = Math.max(max, z.data[c * B + j]!);
  let sum = 0;
  for (let c = 0; c < z.rows; c++) sum += Math.exp(z.data[c * B + j]! - max);
  const logSum = max + Math.log(sum); // ln Σ_c e^(z_c)
  return (c) => z.data[c * B + j]! - logSum;
}

/**
 * δ^[L] for the pairs whose Jacobians cancel (softmax + cross_entropy: ŷ − y; sigmoid + bce: (ŷ − y)/n), computed
 * without cancellation when ŷ ≈ y ≈ 1: σ(z) − 1 = −σ(−z), and ŷ_y − 1 = −Σ_{c≠y} ŷ_c. The backward pass takes this
 * value for the node ∂L/∂z^[L] of the matrix-form reverse mode (B times it), which would lose those digits.
 */
export function accurateOutputDelta(loss: LossName, output: Activation, z: Matrix, yhat: Matrix, batch: Batch): Matrix | undefined {
  const { rows: n, cols: B } = yhat;
  if (loss === 'cross_entropy' && output.name === 'softmax') {
    const D = Float64Array.from(yhat.data), Y = batch.y.data;
    for (let j = 0; j < B; j++) {
      const label = batch.classes ? batch.classes[j]! : oneHotClass(batch.y, j);
      if (label >= 0) {
        let rest = 0;
        for (let c = 0; c < n; c++) if (c !== label) rest += D[c * B + j]!;
        D[label * B + j] = -rest; // ŷ_y − 1 = −Σ_{c≠y} ŷ_c
      } else {
        let total = 0;
        for (let c = 0; c < n; c++) total += Y[c * B + j]!;
        for (let c = 0; c < n; c++) D[c * B + j] = D[c * B + j]! * total - Y[c * B + j]!; // ŷ·Σy − y for soft targets
      }
    }
    return { rows: n, cols: B, data: D };
  }
  if (loss === 'bce' && output.name === 'sigmoid') {
    const D = new Float64Array(yhat.data.length), Z = z.data, Y = batch.y.data;
    for (let i = 0; i < D.length; i++) D[i] = ((1 - Y[i]!) * logistic(Z[i]!) - Y[i]! * logistic(-Z[i]!)) / n; // (σ(z) − y)/n
    return { rows: n, cols: B, data: D };
  }
  return undefined;
}

/** The class of column j of one-hot targets, or −1 when the column is not exactly one-hot. */
function oneHotClass(y: Matrix, j: number): number {
  let label = -1;
  for (let c = 0; c < y.rows; c++) {
    const v = y.data[c * y.cols + j]!;
    if (v === 1 && label === -1) label = c;
    else if (v !== 0) return -1;
  }
  return label;
}

/**
 * The rule of δ^[L] where the output activation and the loss simplify together (softmax with cross-entropy: ŷ − y;
 * sigmoid with bce: (ŷ − y)/n), as text; undefined for every other pair, whose δ^[L] is ∂ℓ/∂ŷ through the activation.
 */
export function fusedRule(loss: LossName, output: Activation, n: number): string | undefined {
  if (loss === 'cross_entropy' && output.name === 'softmax') return 'δ[L] = ŷ − y (softmax + cross-entropy)';
  if (loss === 'bce' && output.name === 'sigmoid') return n === 1 ? 'δ[L] = ŷ − y (sigmoid + bce)' : `δ[L] = (ŷ − y)/${n} (sigmoid + bce, the mean over ${n} outputs)`;
  return undefined;
}

/** ∂ℓ_b/∂ŷ as text, for the rule of δ^[L] with n outputs. */
export function lossGradientText(loss: LossName, n: number): string {
  switch (loss) {
    case 'mse':
      return n === 1 ? '2(ŷ − y)' : `2(ŷ − y)/${n}`;
    case 'mae':
      return n === 1 ? 'sign(ŷ − y)' : `sign(ŷ − y)/${n}`;
    case 'bce':
      return n === 1 ? '(ŷ − y)/(ŷ(1 − ŷ))' : `(ŷ − y)/(${n}·ŷ(1 − ŷ))`;
    case 'cross_entropy':
      return '−y/ŷ';
    case 'hinge':
      return '[s_k − s_y + 1 > 0] for k ≠ y (½ at 0), minus their sum for k = y';
  }
}

/** The L2 penalty λ·Σ_l ‖W^[l]‖² (biases are not penalised). */
export function l2Penalty(params: Parameters, lambda: number): number {
  if (lambda === 0) return 0;
  let total = 0;
  for (const w of params.W) total += sumOfSquares(w.data);
  return lambda * total; // λ Σ W²
}
