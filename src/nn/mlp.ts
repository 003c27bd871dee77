/**
 * The vectorized engine: forward and backward passes of a whole batch (one column per example), as seeds 002 and 004
 * write them; the backward pass is the matrix-form reverse mode of the network's equations (src/nn/graph.ts). Standard convention: z^[l] = W^[l] a^[l−1] + b^[l]; transposed: z^[l] = W^[l]ᵀ a^[l−1] + b^[l].
 *   δ^[L] = ∂ℓ_b/∂z^[L]   (ŷ − y for softmax + cross-entropy, and for sigmoid + bce with one output)
 *   δ^[l] = (W^[l+1]ᵀ δ^[l+1]) ⊙ σ'(z^[l])   (W^[l+1] δ^[l+1] in the transposed convention; softmax: its Jacobian)
 *   ∂L/∂W^[l] = δ^[l] a^[l−1]ᵀ / B + 2λW^[l]   (a^[l−1] δ^[l]ᵀ / B + 2λW^[l] transposed);  ∂L/∂b^[l] = mean_b δ^[l]
 */
import { InputError } from '../errors.js';
import { activate, slopes } from './activations.js';
import { addColumn, copy, matmul, matmulTransA, scaleInPlace } from '../tensor/linalg.js';
import type { NodeId } from '../graph/graph.js';
import { networkAdjoints, networkGraph, networkInputs } from './graph.js';
import { accurateOutputDelta, dataLoss, fusedRule, l2Penalty, lossGradientText } from './losses.js';
import { weightShape, type Activation, type Convention, type Network } from './network.js';
import type { Batch, Gradients, Matrix, Parameters } from './tensor.js';

/** A matrix's shape as text, e.g. "3×4". */
export function shapeText(m: Matrix): string {
  return `${m.rows}×${m.cols}`;
}

/** One layer of a forward pass: its input, parameters, pre-activations and activations. */
export interface ForwardLayer {
  /** l (1-based). */
  readonly index: number;
  readonly activation: Activation;
  /** a^[l−1] (m_{l−1} × B). */
  readonly input: Matrix;
  /** W^[l] as stored in the network's convention. */
  readonly W: Matrix;
  readonly b: Float64Array;
  /** z^[l] (m_l × B). */
  readonly z: Matrix;
  /** a^[l] = σ(z^[l]) (m_l × B). */
  readonly a: Matrix;
  /** The equation with shapes, e.g. "z[1] = W[1] a[0] + b[1]: (3×2)(2×4) + (3×1) → 3×4". */
  readonly equation: string;
}

/** A forward pass of a batch: every z^[l] and a^[l], and the loss. */
export interface ForwardPass {
  readonly convention: Convention;
  readonly batchSize: number;
  /** a[l] = a^[l] for l = 0…L; a[0] = x. */
  readonly a: readonly Matrix[];
  /** z[l − 1] = z^[l] for l = 1…L (0-based over layers, like Parameters.W; the input has no pre-activation). */
  readonly z: readonly Matrix[];
  /** layers[l − 1] is layer l. */
  readonly layers: readonly ForwardLayer[];
  /** ŷ = a^[L]. */
  readonly output: Matrix;
  /** The loss of the data alone (mean over the batch, see losses.ts). */
  readonly dataLoss: number;
  /** λ·Σ‖W^[l]‖² (0 without l2). */
  readonly regularization: number;
  /** dataLoss + regularization. */
  readonly loss: number;
}

/** One layer of a backward pass: δ^[l], how it was computed, and the gradients of W^[l] and b^[l]. */
export interface BackwardLayer {
  readonly index: number;
  /** δ^[l] = ∂ℓ_b/∂z^[l], one column per example (m_l × B). */
  readonly delta: Matrix;
  /** ∂ℓ_b/∂a^[l]: W^[l+1]ᵀ δ^[l+1] (W^[l+1] δ^[l+1] transposed) for hidden layers; ∂ℓ/∂ŷ at L unless fused. */
  readonly upstream?: Matrix;
  /** σ'(z^[l]) entry by entry, when δ^[l] = upstream ⊙ σ'(z^[l]) (absent for softmax and for the fused output). */
  readonly slopes?: Matrix;
  /** The rule used for δ^[l], as text. */
  readonly rule: string;
  /** ∂L/∂W^[l], shaped like W^[l]. */
  readonly dW: Matrix;
  /** ∂L/∂b^[l]. */
  readonly db: Float64Array;
  /** The rule used for ∂L/∂W^[l], with shapes. */
  readonly gradientRule: string;
}

/** A backward pass: δ^[l] for every layer and the gradients. */
export interface BackwardPass {
  readonly convention: Convention;
  readonly batchSize: number;
  /** delta[l − 1] = δ^[l] for l = 1…L (0-based over layers, like Parameters.W). */
  readonly delta: readonly Matrix[];
  /** layers[l − 1] is layer l. */
  readonly layers: readonly BackwardLayer[];
  readonly gradients: Gradients;
}

/** Throws an InputError unless the parameters and batch have the shapes the network needs. */
export function checkShapes(network: Network, params: Parameters, batch: Batch): void {
  const fail = (message: string) => {
    throw new InputError('usage', message);
  };
  if (params.W.length !== network.layers.length || params.b.length !== network.layers.length) {
    fail(`the network has ${network.layers.length} layers but ${params.W.length} weight matrices and ${params.b.length} bias vectors were given`);
  }
  network.layers.forEach((layer, i) => {
    const [rows, cols] = weightShape(network, layer);
    const W = params.W[i]!, b = params.b[i]!;
    if (W.rows !== rows || W.cols !== cols) fail(`W${layer.index} should be ${rows}×${cols}, got ${shapeText(W)}`);
    if (b.length !== layer.units) fail(`b${layer.index} should have ${layer.units} entries, got ${b.length}`);
  });
  const last = network.layers[network.layers.length - 1];
  if (batch.x.rows !== network.inputSize) fail(`x should have ${network.inputSize} rows (one per input), got ${batch.x.rows}`);
  if (last && (batch.y.rows !== last.units || batch.y.cols !== batch.x.cols)) {
    fail(`y should be ${last.units}×${batch.x.cols} (outputs × examples), got ${shapeText(batch.y)}`);
  }
  if (batch.classes && batch.classes.length !== batch.x.cols) fail(`${batch.classes.length} class indices for ${batch.x.cols} examples`);
}

/** Runs the batch through the network: z^[l] = W^[l] a^[l−1] + b^[l], a^[l] = σ(z^[l]), then the loss. */
export function forwardPass(network: Network, params: Parameters, batch: Batch): ForwardPass {
  checkShapes(network, params, batch);
  const standard = network.convention === 'standard';
  const a: Matrix[] = [batch.x];
  const z: Matrix[] = [];
  const layers: ForwardLayer[] = [];
  for (const [i, layer] of network.layers.entries()) {
    const W = params.W[i]!, b = params.b[i]!, input = a[i]!;
    const pre = addColumn(standard ? matmul(W, input) : matmulTransA(W, input), b); // W a + b, or Wᵀ a + b
    const post = activate(layer.activation, pre);
    const l = layer.index;
    const product = standard ? `W[${l}] a[${l - 1}]` : `W[${l}]ᵀ a[${l - 1}]`;
    const wShape = standard ? shapeText(W) : `${W.cols}×${W.rows}`;
    layers.push({
      index: l, activation: layer.activation, input, W, b, z: pre, a: post,
      equation: `z[${l}] = ${product} + b[${l}]: (${wShape})(${shapeText(input)}) + (${b.length}×1) → ${shapeText(pre)}`,
    });
    z.push(pre);
    a.push(post);
  }
  const last = layers[layers.length - 1]!;
  const data = dataLoss(network.loss, last.activation, last.z, last.a, batch);
  const regularization = l2Penalty(params, network.l2 ?? 0);
  return { convention: network.convention, batchSize: batch.x.cols, a, z, layers, output: last.a, dataLoss: data, regularization, loss: data + regularization };
}

/**
 * Back-propagates δ from the output to the first layer and forms ∂L/∂W^[l], ∂L/∂b^[l] for every layer: the matrix-form
 * reverse mode of the network's equations (src/nn/graph.ts) evaluated on the forward pass's values, δ^[l] being
 * B·∂L/∂z^[l] (L is the mean over the batch of the examples' losses ℓ_b).
 */
export function backwardPass(network: Network, params: Parameters, batch: Batch, forward: ForwardPass): BackwardPass {
  const standard = network.convention === 'standard';
  const count = network.layers.length, B = forward.batchSize, lambda = network.l2 ?? 0;
  const graph = networkGraph(network, B);
  const known = new Map<NodeId, Matrix>([...graph.z.map((node, i) => [node, forward.z[i]!] as const), ...graph.a.map((node, i) => [node, forward.a[i + 1]!] as const)]);
  const last = forward.layers[count - 1]!;
  const accurate = graph.adjoints?.z[count - 1] !== undefined ? accurateOutputDelta(network.loss, last.activation, last.z, last.a, batch) : undefined;
  if (accurate) known.set(graph.adjoints!.z[count - 1]!, scaleInPlace(copy(accurate), 1 / B)); // ŷ − y without cancellation
  const adjoints = networkAdjoints(graph, networkInputs(network, params, batch), known);
  const layers: BackwardLayer[] = new Array<BackwardLayer>(count);
  for (let i = count - 1; i >= 0; i--) {
    const step = forward.layers[i]!, l = step.index;
    const delta = scaleInPlace(copy(adjoints.z[i]!), B); // δ^[l] = B·∂L/∂z^[l]
    const fused = i === count - 1 ? fusedRule(network.loss, step.activation, step.a.rows) : undefined;
    let rule: string, upstream: Matrix | undefined, slope: Matrix | undefined;
    if (fused) {
      rule = fused.replace('δ[L]', `δ[${l}]`);
    } else {
      upstream = scaleInPlace(copy(adjoints.a[i]!), B); // ∂ℓ_b/∂a^[l]: ∂ℓ/∂ŷ at the output, W^[l+1]ᵀ δ^[l+1] below
      const source = i === count - 1 ? `∂ℓ/∂ŷ = ${lossGradientText(network.loss, step.a.rows)}` : standard ? `W[${l + 1}]ᵀ δ[${l + 1}]` : `W[${l + 1}] δ[${l + 1}]`;
      if (step.activation.name === 'softmax') {
        rule = `δ[${l}] = a[${l}] ⊙ (g − Σ_c g_c a[${l}]_c), g = ${source} (the softmax Jacobian, column by column)`;
      } else {
        slope = slopes(step.activation, step.z, step.a);
        rule = `δ[${l}] = (${source}) ⊙ ${step.activation.name === 'sigmoid' ? 'σ' : step.activation.name}'(z[${l}])`; // relu'(z), as shapes writes it
      }
    }
    const dW = adjoints.W[i]!;
    const prev = standard ? `δ[${l}] a[${l - 1}]ᵀ` : `a[${l - 1}] δ[${l}]ᵀ`;
    const shapes = standard ? `(${shapeText(delta)})(${step.input.cols}×${step.input.rows})` : `(${shapeText(step.input)})(${delta.cols}×${delta.rows})`;
    const gradientRule = `∂L/∂W[${l}] = ${prev} / ${B}${lambda !== 0 ? ` + 2·${lambda}·W[${l}]` : ''}: ${shapes} → ${shapeText(dW)}`;
    layers[i] = { index: l, delta, ...(upstream && { upstream }), ...(slope && { slopes: slope }), rule, dW, db: Float64Array.from(adjoints.b[i]!.data), gradientRule };
  }
  return { convention: network.convention, batchSize: B, delta: layers.map((layer) => layer.delta), layers, gradients: { W: layers.map((x) => x.dW), b: layers.map((x) => x.db) } };
}

/** The loss and ∂L/∂(every parameter) of a batch. */
export function gradientsOf(network: Network, params: Parameters, batch: Batch): { loss: number; gradients: Gradients } {
  const forward = forwardPass(network, params, batch);
  return { loss: forward.loss, gradients: backwardPass(network, params, batch, forward).gradients };
}
