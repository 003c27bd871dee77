/**
 * A multilayer perceptron as the lectures describe it: an input size, dense layers z^[l] = W^[l] a^[l−1] + b^[l]
 * with an activation each, a loss, and optionally L2 regularisation. Read from a network spec (grammar/network.ne)
 * or built directly; the vectorized engine (src/nn/mlp.ts) and its graph (src/nn/graph.ts) both read it.
 */

/** Activation functions a dense layer may have (`leaky_relu` and `elu` take a parameter `alpha`). */
export const ACTIVATIONS = ['linear', 'sigmoid', 'tanh', 'relu', 'leaky_relu', 'elu', 'softplus', 'swish', 'softmax'] as const;

/** The name of an activation. */
export type ActivationName = (typeof ACTIVATIONS)[number];

/** An activation with its parameter (leaky_relu's slope, default 0.01; elu's alpha, default 1). */
export interface Activation {
  readonly name: ActivationName;
  readonly alpha?: number;
}

/** Losses: mse, mae, bce (of a sigmoid output), cross_entropy (of a softmax output), hinge (multiclass SVM). */
export const LOSSES = ['mse', 'mae', 'bce', 'cross_entropy', 'hinge'] as const;

/** The name of a loss. */
export type LossName = (typeof LOSSES)[number];

/** One dense layer l: `units` neurons reading the `inputs` values of the layer before. */
export interface Layer {
  /** 1-based: W1, b1 belong to layer 1. */
  readonly index: number;
  readonly units: number;
  readonly inputs: number;
  readonly activation: Activation;
  /** The spec line it came from, for messages. */
  readonly line?: number;
}

/**
 * How weights are laid out: `standard` (seed 002, 004) z = W a + b with W of shape (units × inputs);
 * `transposed` (seed 001) a = σ(Wᵀ a + b) with W of shape (inputs × units).
 */
export type Convention = 'standard' | 'transposed';

/** A whole network. */
export interface Network {
  readonly inputSize: number;
  readonly layers: readonly Layer[];
  readonly loss: LossName;
  /** λ of `regularize l2 λ`: the loss gets λ·Σ W² over every weight matrix. */
  readonly l2?: number;
  readonly convention: Convention;
}

/** The shape of layer l's weight matrix in the network's convention, as [rows, columns]. */
export function weightShape(network: Network, layer: Layer): readonly [number, number] {
  return network.convention === 'standard' ? [layer.units, layer.inputs] : [layer.inputs, layer.units];
}

/** The names of the parameters, in order: W1, b1, W2, b2, … */
export function parameterNames(network: Network): string[] {
  return network.layers.flatMap((layer) => [`W${layer.index}`, `b${layer.index}`]);
}
