/**
 * Jacobian shapes of a network, per example, as the lectures write them: every node's shape, the shape of its local
 * Jacobian with respect to each input, and the shape of ∂L/∂node, in the chosen layout. Denominator layout (seed 000)
 * writes ∂f/∂x with shape (n_x, n_f), so ∂J/∂x = (∂f/∂x)(∂J/∂f); numerator layout writes (n_f, n_x), so
 * ∂J/∂x = (∂J/∂f)(∂f/∂x).
 */
import { weightShape, type Layer, type Network } from '../nn/network.js';

/** Which way a Jacobian ∂f/∂x is laid out. */
export type { Layout } from '../tensor/shape.js';
import type { Layout } from '../tensor/shape.js';

/** A shape as rows × columns (a named size, such as a batch B, by its name). */
export type Dims = readonly [number | string, number | string];

/** The local Jacobian of a node with respect to one input. */
export interface LocalJacobian {
  /** The input's name (a^[0] is x). */
  readonly input: string;
  /** Its shape in the layout; undefined for a weight matrix, whose Jacobian is a 3-tensor. */
  readonly shape?: Dims;
  /** What it is, in words or symbols (W^T, diag(σ'(z)), …). */
  readonly what: string;
  /** How the chain rule multiplies it with the upstream gradient, with shapes. */
  readonly chain: string;
}

/** One node of the per-example graph of a network. */
export interface ShapeRow {
  readonly name: string;
  /** Its definition (`W^[1] a^[0] + b^[1]`). */
  readonly expr: string;
  readonly shape: Dims;
  readonly locals: readonly LocalJacobian[];
  /** The shape of ∂L/∂node in the layout (a column in denominator layout, a row in numerator layout). */
  readonly gradient: Dims;
}

/** The shapes report of a network. */
export interface ShapesReport {
  readonly layout: Layout;
  readonly rows: readonly ShapeRow[];
  /** How ∂J/∂x = (∂f/∂x)(∂J/∂f) multiplies out in this layout, in general. */
  readonly rule: string;
  /** The scalar whose gradient the report shapes (L for networks; a tensor program's output otherwise). */
  readonly output?: string;
}

/** How ∂J/∂x = (∂f/∂x)(∂J/∂f) multiplies out in a layout, in words. */
export function layoutRule(layout: Layout): string {
  return layout === 'denominator'
    ? 'denominator layout (the lectures, seed 000): ∂f/∂x has shape (n_x, n_f), so ∂J/∂x = (∂f/∂x)(∂J/∂f) is (n_x, 1) = (n_x, n_f)(n_f, 1); gradients are columns shaped like what they differentiate by'
    : 'numerator layout: ∂f/∂x has shape (n_f, n_x), so ∂J/∂x = (∂J/∂f)(∂f/∂x) is (1, n_x) = (1, n_f)(n_f, n_x); gradients are rows';
}

/** The shapes of every node of a network, for one example, in a layout. */
export function networkShapes(network: Network, layout: Layout = 'denominator'): ShapesReport {
  const jacobian = (of: number, by: number): Dims => (layout === 'denominator' ? [by, of] : [of, by]); // ∂f/∂x, n_f = of, n_x = by
  const gradient = (size: number): Dims => (layout === 'denominator' ? [size, 1] : [1, size]);
  const chain = (by: string, byDims: number, of: string, ofDims: number) =>
    layout === 'denominator'
      ? `∂L/∂${by} = (∂${of}/∂${by}) (∂L/∂${of}): (${byDims}, 1) = (${byDims}, ${ofDims}) (${ofDims}, 1)`
      : `∂L/∂${by} = (∂L/∂${of}) (∂${of}/∂${by}): (1, ${byDims}) = (1, ${ofDims}) (${ofDims}, ${byDims})`;
  const rows: ShapeRow[] = [{ name: 'a^[0]', expr: 'x, the input', shape: [network.inputSize, 1], locals: [], gradient: gradient(network.inputSize) }];
  for (const layer of network.layers) {
    const l = layer.index;
    const [m, n] = [layer.units, layer.inputs];
    const z = `z^[${l}]`;
    const a = `a^[${l}]`;
    const previous = `a^[${l - 1}]`;
    const weights = weightShape(network, layer);
    const standard = network.convention === 'standard';
    const product = standard ? `W^[${l}] ${previous}` : `W^[${l}]ᵀ ${previous}`;
    const byInput = standard ? (layout === 'denominator' ? `W^[${l}]ᵀ` : `W^[${l}]`) : layout === 'denominator' ? `W^[${l}]` : `W^[${l}]ᵀ`;
    const weightGradient = standard ? `δ^[${l}] ${previous}ᵀ` : `${previous} δ^[${l}]ᵀ`;
    rows.push(
      // ∂L/∂W is shaped like W in either layout, as every text and framework writes it
      { name: `W^[${l}]`, expr: `weights of layer ${l}`, shape: weights, locals: [], gradient: weights },
      { name: `b^[${l}]`, expr: `biases of layer ${l}`, shape: [m, 1], locals: [], gradient: gradient(m) },
      {
        name: z,
        expr: `${product} + b^[${l}]`,
        shape: [m, 1],
        locals: [
          { input: previous, shape: jacobian(m, n), what: byInput, chain: chain(previous, n, z, m) },
          { input: `b^[${l}]`, shape: [m, m], what: 'the identity', chain: `∂L/∂b^[${l}] = ∂L/∂${z} = δ^[${l}]: (${gradient(m).join(', ')})` },
          { input: `W^[${l}]`, what: `a 3-tensor (${m} × ${weights[0]} × ${weights[1]}); never formed`, chain: `∂L/∂W^[${l}] = ${weightGradient}: (${weights[0]}, ${weights[1]})` },
        ],
        gradient: gradient(m),
      },
      { name: a, expr: `${activationText(layer)}(${z})`, shape: [m, 1], locals: [activationJacobian(network, layer, z, m, chain(z, m, a, m))], gradient: gradient(m) },
    );
  }
  const last = network.layers[network.layers.length - 1]!;
  rows.push({
    name: 'L',
    expr: `${network.loss}(a^[${last.index}], y)${network.l2 ? ` + ${network.l2}·ΣW²` : ''}`,
    shape: [1, 1],
    locals: [{ input: `a^[${last.index}]`, shape: jacobian(1, last.units), what: `∂L/∂ŷ, a ${layout === 'denominator' ? 'column' : 'row'}`, chain: 'the start of the backward pass' }],
    gradient: [1, 1],
  });
  return { layout, rows, rule: layoutRule(layout) };
}

function activationText(layer: Layer): string {
  const { name, alpha } = layer.activation;
  return alpha === undefined ? name : `${name}[α=${alpha}]`;
}

/** An activation's Jacobian: diagonal for elementwise functions (applied as an elementwise product), full for softmax. */
function activationJacobian(network: Network, layer: Layer, z: string, m: number, chain: string): LocalJacobian {
  const output = layer.index === network.layers.length;
  const paired = output && ((layer.activation.name === 'softmax' && network.loss === 'cross_entropy') || (layer.activation.name === 'sigmoid' && network.loss === 'bce'));
  const mean = network.loss === 'bce' && m > 1 ? `(ŷ − y)/${m} (the mean over ${m} outputs)` : 'ŷ − y'; // bce averages its n outputs: δ = (ŷ − y)/n
  const shortcut = paired ? `; with ${network.loss} the product simplifies to δ^[${layer.index}] = ${mean}` : '';
  if (layer.activation.name === 'softmax') {
    const p = output ? 'ŷ' : `a^[${layer.index}]`; // a hidden softmax's Jacobian is in its own activations
    return { input: z, shape: [m, m], what: `diag(${p}) − ${p} ${p}ᵀ (softmax mixes its inputs: a full, symmetric Jacobian)${shortcut}`, chain };
  }
  const derivative = layer.activation.name === 'linear' ? 'the identity' : `diag(${layer.activation.name}'(${z})), applied as the elementwise product ${layer.activation.name}'(${z}) ⊙ upstream`;
  return { input: z, shape: [m, m], what: `${derivative}${shortcut}`, chain };
}
