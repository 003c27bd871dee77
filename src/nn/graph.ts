/**
 * A network as the one tensor graph: its equations (networkEquations: z_l = W_l a_(l−1) + b_l, a_l = σ(z_l), the loss)
 * built into the matrix-level graph and differentiated there in matrix form, so that its δ recursion is the
 * matrix-form reverse mode of those equations (∂L/∂z_l = (W_(l+1)ᵀ ∂L/∂z_(l+1)) ⊙ σ′(z_l), ŷ − y for softmax with
 * cross-entropy), and its scalar referee is the same graph lowered to entries.
 */
import { readProgram } from '../build/program.js';
import { buildTensorProgram, programOf, type TensorProgram } from '../build/tensor.js';
import { backward as reverse } from '../numeric/reverse.js';
import { Tape, type Point } from '../numeric/tape.js';
import type { NodeId } from '../graph/graph.js';
import type { Program } from '../graph/program.js';
import { differentiateMatrix } from '../matrix/differentiate.js';
import { backward, forward, type Inputs } from '../matrix/evaluate.js';
import type { Value } from '../matrix/numeric.js';
import { networkEquations } from './equations.js';
import { weightShape, type Network } from './network.js';
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

/** The scalar graph of a network's loss on a batch, with the parameter values as a point. */
export interface ScalarGraph {
  readonly program: Program;
  /** Every parameter's value by variable name (the point the graph's loss is the network's loss at). */
  readonly point: Point;
  /** The variable of an entry: layer is 1-based (W1), i and j are 0-based row and column of the stored matrix. */
  readonly variableOf: (kind: 'W' | 'b', layer: number, i: number, j?: number) => string;
}

/** The variable name of a parameter entry: W1_2_3 is row 2, column 3 of W^[1] as stored (1-based, like the lectures). */
export function variableName(kind: 'W' | 'b', layer: number, i: number, j = 0): string {
  return kind === 'W' ? `W${layer}_${i + 1}_${j + 1}` : `b${layer}_${i + 1}`;
}

/** Every parameter's variable name in the scalar graph's order: W1 (row-major as stored), b1, W2, b2, … */
export function variableNames(network: Network): string[] {
  return network.layers.flatMap((layer) => {
    const [rows, cols] = weightShape(network, layer);
    const weights = Array.from({ length: rows * cols }, (_, k) => variableName('W', layer.index, Math.floor(k / cols), k % cols));
    return [...weights, ...Array.from({ length: layer.units }, (_, i) => variableName('b', layer.index, i))];
  });
}

/** About how many nodes scalarGraph makes, to decide before building whether it is affordable. */
export function scalarGraphSize(network: Network, batchSize: number): number {
  let parameters = 0;
  let perExample = network.inputSize;
  for (const layer of network.layers) {
    parameters += layer.units * (layer.inputs + 1);
    perExample += layer.units * (2 * layer.inputs + 6);
  }
  const out = network.layers[network.layers.length - 1]?.units ?? 0;
  perExample += out * 8;
  return parameters * (network.l2 ? 3 : 1) + batchSize * perExample + 16;
}

/**
 * The loss of a network on a batch as one scalar graph: its equations lowered to entries, a `var` per weight and bias
 * entry (W1_2_3, b1_2), the batch as exact constants, and each softmax shifted by the largest logit of its column at
 * `params` (a constant: the same function, which does not overflow there). The vectorized engine's referee.
 */
export function scalarGraph(network: Network, params: Parameters, batch: Batch): ScalarGraph {
  const text = networkEquations(network, { batch: batch.x.cols });
  const tensor = buildTensorProgram(readProgram(text).statements, text); // fresh: its lowering depends on the point
  const { matrix, builder } = tensor;
  const inputs = networkInputs(network, params, batch);
  const graph = matrix.matrices.graph;
  const softmaxes = graph.ancestors([matrix.output]).filter((id) => graph.node(id).op === 'softmax' || graph.node(id).op === 'log_softmax');
  const values = forward(matrix.matrices, softmaxes, inputs);
  builder.entries.softmaxShifts = new Map(softmaxes.map((id) => {
    const logits = values.get(graph.node(id).inputs[0]!)!;
    return [graph.node(id).inputs[0]!, Array.from({ length: logits.cols }, (_, j) => Math.max(...Array.from({ length: logits.rows }, (_, i) => logits.data[i * logits.cols + j]!)))] as const;
  }));
  builder.entries.constants = new Map([['x', batch.x.data], ['y', batch.y.data]]);
  const lowered = programOf(tensor, matrix.output, { span: { offset: 0, end: 0, line: 1, col: 1 } });
  const names = variableNames(network);
  const point: Record<string, number> = {};
  for (const [name, value] of inputs) if (name !== 'x' && name !== 'y') (lowered.tensors?.get(name) ?? [name]).forEach((entry, k) => (point[entry] = value.data[k]!));
  const program: Program = { graph: lowered.graph, source: '', output: lowered.output, bindings: [], variables: names.filter((name) => lowered.variables.includes(name)), spans: new Map() };
  return { program, point, variableOf: variableName };
}

/** Reverse mode on the scalar graph, with what it takes to compare its numbers with another method's. */
export interface ScalarGradient {
  readonly loss: number;
  /** A first-order bound on the loss's rounding error (Tape.forward's bounds). */
  readonly lossError: number;
  /** ∂L/∂θ in variableNames() order. */
  readonly gradient: Float64Array;
  /** The size of the terms summed into each entry (backward's magnitudes): cancellation is relative to this. */
  readonly magnitude: Float64Array;
  /** A first-order bound on each entry's rounding error (see reverseRounding). */
  readonly rounding: Float64Array;
}

/** The loss and its gradient by reverse mode (Tape + backward) on the scalar graph, with error scales. */
export function scalarGradient(network: Network, params: Parameters, batch: Batch): ScalarGradient {
  const { program, point } = scalarGraph(network, params, batch);
  const { graph, output } = program;
  const tape = new Tape(graph, [output]);
  const bounds = new Float64Array(graph.size);
  const values = tape.forward(point, { bounds });
  const { adjoint, magnitude, rounding } = reverse(tape, values, output, { magnitudes: true, bounds });
  const ids = variableNames(network).map((name) => graph.variable(name));
  const pick = (array: Float64Array) => Float64Array.from(ids, (id) => array[id] ?? 0);
  return { loss: values[output]!, lossError: bounds[output]!, gradient: pick(adjoint), magnitude: pick(magnitude!), rounding: pick(rounding!) };
}

function shapedLike(shape: { rows: number; cols: number } | undefined): Value {
  return { rows: shape?.rows ?? 1, cols: shape?.cols ?? 1, data: new Float64Array(0) };
}

function zerosLike(value: Value): Value {
  return { rows: value.rows, cols: value.cols, data: new Float64Array(value.rows * value.cols) };
}
