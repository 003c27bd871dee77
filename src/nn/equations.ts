/**
 * A network written as a tensor program, one equation per line (`z1 = W1 x + b1; a1 = relu(z1); …; L = …`), in the
 * expression language's tensor syntax. Lowered, its parameters are the variables W1_2_3 (row 2, column 3 of W1 as
 * stored) and so on, its inputs and targets x_… and y_…, so that its loss is the network's loss at the same parameters
 * and batch. src/nn/graph.ts builds it into the tensor graph, where the mlp engine differentiates it.
 */
import { alphaOf } from './activations.js';
import type { Layer, Network } from './network.js';
import { weightShape } from './network.js';

/** Options of networkEquations. */
export interface EquationsOptions {
  /**
   * The batch size: x and y are declared n×B matrices (entries x_1_1, …). Left out, the program is per example:
   * x and y are column vectors (entries x_1, …), as in `chainrule shapes` of the spec.
   */
  readonly batch?: number;
}

/** The tensor program of a network: declarations, then z_l = W_l a_(l−1) + b_l and a_l = σ(z_l) per layer, then the loss. */
export function networkEquations(network: Network, options: EquationsOptions = {}): string {
  const batch = options.batch;
  const lines: string[] = [];
  const out = network.layers[network.layers.length - 1]!;
  const data = (size: number) => (batch === undefined ? `${size}` : `${size}x${batch}`);
  lines.push(`x: ${data(network.inputSize)}`, `y: ${data(out.units)}`);
  for (const layer of network.layers) {
    const [rows, cols] = weightShape(network, layer);
    lines.push(`W${layer.index}: ${rows}x${cols}`, `b${layer.index}: ${layer.units}`);
  }
  let previous = 'x';
  for (const layer of network.layers) {
    const l = layer.index;
    const weights = network.convention === 'standard' ? `W${l}` : `W${l}'`;
    lines.push(`z${l} = ${weights} ${previous} + b${l}`, `a${l} = ${activation(layer, `z${l}`)}`);
    previous = `a${l}`;
  }
  lines.push(`L = ${loss(network, out, batch ?? 1)}${regularization(network)}`);
  return `${lines.join('\n')}\n`;
}

function activation(layer: Layer, z: string): string {
  const { name } = layer.activation;
  if (name === 'linear') return z;
  if (name === 'leaky_relu' || name === 'elu') return `${name}(${z}, ${alphaOf(layer.activation)})`;
  return `${name}(${z})`;
}

/** The data loss as a formula of a_L (and z_L where the scalar graph uses the logits), the mean over the batch. */
function loss(network: Network, out: Layer, batch: number): string {
  const [a, z] = [`a${out.index}`, `z${out.index}`];
  const activation = out.activation.name;
  switch (network.loss) {
    case 'mse':
      return `mean((${a} - y) .* (${a} - y))`; // (1/(nB)) Σ (ŷ − y)²
    case 'mae':
      return `mean(abs(${a} - y))`;
    case 'bce': // from the logits for a sigmoid output: log σ(z) = −softplus(−z), log(1 − σ(z)) = −softplus(z)
      return activation === 'sigmoid' ? `mean(y .* softplus(-${z}) + (1 - y) .* softplus(${z}))` : `-mean(y .* log(${a}) + (1 - y) .* log(1 - ${a}))`;
    case 'cross_entropy': // (1/B) Σ_b −Σ_c y_c log ŷ_c, with log softmax from the logits
      return `-sum(y .* ${activation === 'softmax' ? `log_softmax(${z})` : `log(${a})`})${batch === 1 ? '' : `/${batch}`}`;
    case 'hinge': // (1/B) Σ_b Σ_{k≠c} max(0, s_k − s_c + 1), y one-hot
      return `hinge(${a}, y)`;
  }
}

function regularization(network: Network): string {
  if (!network.l2) return '';
  return ` + ${network.l2}*(${network.layers.map((layer) => `norm2(W${layer.index})`).join(' + ')})`;
}
