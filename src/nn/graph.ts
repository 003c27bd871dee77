/**
 * A network as the one tensor graph: its equations (networkEquations: z_l = W_l a_(l−1) + b_l, a_l = σ(z_l), the loss)
 * built into the matrix-level graph and differentiated there in matrix form, so that its δ recursion is the
 * matrix-form reverse mode of those equations (∂L/∂z_l = (W_(l+1)ᵀ ∂L/∂z_(l+1)) ⊙ σ′(z_l), ŷ − y for softmax with
 * cross-entropy), and its scalar referee is the same graph lowered to entries.
 */
import { readProgram } from '../build/program.js';
import { buildTensorProgram, programOf, type TensorProgram } from '../build/tensor.js';
import type { NodeId } from '../graph/graph.js';
import type { Program } from '../graph/program.js';
import { differentiateMatrix } from '../matrix/differentiate.js';
import { backward, forward, type Inputs } from '../matrix/evaluate.js';
import type { Value } from '../matrix/numeric.js';
import { networkEquations } from './equations.js';
import type { Network } from './network.js';
import type { Batch, Parameters } from './tensor.js';

/** A network's graph for a batch size: the nodes of every z_l, a_l, parameter and the loss, and their adjoints. */
export interface NetworkGraph {
  readonly tensor: TensorProgram;
  readonly loss: NodeId;
  /** z[l − 1] and a[l − 1] are layer l's (0-based, like Parameters). */
  readonly z: readonly NodeId[];
  readonly a: readonly NodeId[];
  readonly W: readonly NodeId[];
  readonly b: readonly NodeId[];
  /**
   * ∂L/∂node in matrix form, for z, a, W and b of every layer (undefined for a node the loss does not read: a softmax
   * output whose loss is written from its logits); absent where an op has no matrix-form rule (hinge).
   */
  readonly adjoints?: { readonly z: readonly Adjoint[]; readonly a: readonly Adjoint[]; readonly W: readonly Adjoint[]; readonly b: readonly Adjoint[] };
}

type Adjoint = NodeId | undefined;

const graphs = new WeakMap<Network, Map<number, NetworkGraph>>();

/** The graph of a network at a batch size (built once, then kept with the network). */
export function networkGraph(network: Network, batchSize: number): NetworkGraph {
  let bySize = graphs.get(network);
  if (!bySize) graphs.set(network, (bySize = new Map()));
  let found = bySize.get(batchSize);
  if (!found) bySize.set(batchSize, (found = buildNetworkGraph(network, batchSize)));
  return found;
}

function buildNetworkGraph(network: Network, batchSize: number): NetworkGraph {
  const text = networkEquations(network, { batch: batchSize });
  const tensor = buildTensorProgram(readProgram(text).statements, text);
  const { matrix } = tensor;
  const bound = (name: string) => matrix.bindings.get(name) ?? matrix.inputs.get(name)!;
  const layers = network.layers;
  const z = layers.map((layer) => bound(`z${layer.index}`));
  const a = layers.map((layer) => bound(`a${layer.index}`));
  const W = layers.map((layer) => matrix.inputs.get(`W${layer.index}`)!);
  const b = layers.map((layer) => matrix.inputs.get(`b${layer.index}`)!);
  const derivatives = differentiateMatrix(matrix.matrices, matrix.output);
  const adjoint = (node: NodeId) => derivatives.adjoints.get(node);
  const supported = [...z, ...a, ...W, ...b].every((node) => !derivatives.unsupported.has(node));
  const adjoints = supported ? { z: z.map(adjoint), a: a.map(adjoint), W: W.map(adjoint), b: b.map(adjoint) } : undefined;
  return { tensor, loss: matrix.output, z, a, W, b, ...(adjoints ? { adjoints } : {}) };
}

/** The graph's inputs: the parameters and the batch, by the equations' names. */
export function networkInputs(network: Network, params: Parameters, batch: Batch): Inputs {
  const inputs = new Map<string, Value>([['x', batch.x], ['y', batch.y]]);
  network.layers.forEach((layer, i) => {
    inputs.set(`W${layer.index}`, params.W[i]!);
    inputs.set(`b${layer.index}`, { rows: params.b[i]!.length, cols: 1, data: params.b[i]! });
  });
  return inputs;
}

/** ∂L/∂z, ∂L/∂a, ∂L/∂W and ∂L/∂b of every layer at the inputs: the matrix-form adjoints evaluated on the values known (z, a). */
export function networkAdjoints(graph: NetworkGraph, inputs: Inputs, known: ReadonlyMap<NodeId, Value>): { z: Value[]; a: Value[]; W: Value[]; b: Value[] } {
  const { matrices } = graph.tensor.matrix;
  if (graph.adjoints) {
    const { z, a, W, b } = graph.adjoints;
    const roots = [...z, ...a, ...W, ...b].filter((node): node is NodeId => node !== undefined);
    const values = forward(matrices, roots, inputs, known, true);
    const pick = (nodes: readonly Adjoint[], of: readonly NodeId[]) => nodes.map((node, i) => (node === undefined ? zerosLike(shapedLike(matrices.shape(of[i]!))) : values.get(node)!));
    return { z: pick(z, graph.z), a: pick(a, graph.a), W: pick(W, graph.W), b: pick(b, graph.b) };
  }
  // an op without a matrix-form rule (hinge): reverse mode through the ops' own VJPs
  const values = forward(matrices, [graph.loss], inputs); // every node's value: reverse mode reads them all
  const gradients = backward(matrices, graph.loss, values);
  const pick = (nodes: readonly NodeId[]) => nodes.map((node) => gradients.get(node) ?? zerosLike(values.get(node)!));
  return { z: pick(graph.z), a: pick(graph.a), W: pick(graph.W), b: pick(graph.b) };
}

/** The network's loss on a batch as one scalar graph: the graph lowered to entries (W1_2_3, b1_2, x_1_1, …). */
export function loweredNetwork(network: Network, batchSize: number): Program {
  const graph = networkGraph(network, batchSize);
  return programOf(graph.tensor, graph.loss, { span: { offset: 0, end: 0, line: 1, col: 1 } });
}

function shapedLike(shape: { rows: number; cols: number } | undefined): Value {
  return { rows: shape?.rows ?? 1, cols: shape?.cols ?? 1, data: new Float64Array(0) };
}

function zerosLike(value: Value): Value {
  return { rows: value.rows, cols: value.cols, data: new Float64Array(value.rows * value.cols) };
}
