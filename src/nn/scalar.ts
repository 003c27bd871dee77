/**
 * A network's loss as ONE scalar computational graph in the project's IR: a `var` node per weight and bias entry,
 * the batch's inputs and targets as exact constants, and only registered scalar ops, so that the Tape, reverse
 * mode and the cross-check run on it unchanged. It is the vectorized engine's independent referee.
 */
import { alphaOf } from './activations.js';
import Fraction from 'fraction.js';
import type { Program } from '../graph/program.js';
import { Graph, type NodeId } from '../graph/graph.js';
import { backward } from '../numeric/reverse.js';
import { Tape, type Point } from '../numeric/tape.js';
import { opNamed } from '../ops/index.js';
import type { Activation, Layer, Network } from './network.js';
import type { Batch, Parameters } from './tensor.js';

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
    const weights = Array.from({ length: layer.units * layer.inputs }, (_, k) => weightName(network, layer, k));
    return [...weights, ...Array.from({ length: layer.units }, (_, i) => variableName('b', layer.index, i))];
  });
}

/** About how many nodes scalarGraph would make, to decide before building whether it is affordable. */
export function scalarGraphSize(network: Network, batchSize: number): number {
  let parameters = 0;
  let perExample = network.inputSize;
  for (const layer of network.layers) {
    parameters += layer.units * (layer.inputs + 1);
    perExample += layer.units * (layer.inputs + 4);
  }
  const out = network.layers[network.layers.length - 1]?.units ?? 0;
  perExample += out * (network.loss === 'hinge' ? 4 : 6);
  return parameters * (network.l2 ? 2 : 1) + batchSize * perExample + 8;
}

/**
 * The loss of `network` on `batch` as one scalar graph. Softmax is exp(z_k − c)/Σ exp(z_j − c) with c the largest
 * logit at `params` taken as a CONSTANT: the function is softmax exactly for every parameter value (the shift cancels),
 * it does not overflow near `params`, and it has no max kink. Losses are as defined, with two identities where a
 * log would meet a probability rounded to 0 or 1: log softmax_c = (z_c − c) − log Σ_k e^(z_k − c) for cross-entropy
 * of a softmax output, and log σ(z) = −softplus(−z), log(1 − σ(z)) = −softplus(z) for bce of a sigmoid output.
 */
export function scalarGraph(network: Network, params: Parameters, batch: Batch): ScalarGraph {
  const builder = new ScalarBuilder();
  const weights: NodeId[][] = [];
  const biases: NodeId[][] = [];
  network.layers.forEach((layer, l) => {
    weights.push(Array.from(params.W[l]!.data, (value, k) => builder.parameter(weightName(network, layer, k), value)));
    biases.push(Array.from(params.b[l]!, (value, i) => builder.parameter(variableName('b', layer.index, i), value)));
  });
  const examples = batch.x.cols;
  const outputs: NodeId[][] = [];
  const logits: NodeId[][] = [];
  for (let e = 0; e < examples; e++) {
    let a = Array.from({ length: batch.x.rows }, (_, i) => builder.constant(batch.x.data[i * batch.x.cols + e]!));
    let z: NodeId[] = a;
    network.layers.forEach((layer, l) => {
      z = Array.from({ length: layer.units }, (_, unit) => {
        const terms = a.map((input, j) => builder.op('mul', [weights[l]![weightIndex(network, layer, unit, j)]!, input]));
        return builder.op('add', [...terms, biases[l]![unit]!]); // z = W a + b
      });
      a = activate(builder, layer.activation, z);
    });
    outputs.push(a);
    logits.push(z);
  }
  let loss = dataLoss(builder, network, batch, outputs, logits);
  if (network.l2) {
    const squares = weights.flat().map((w) => builder.op('pow', [w, builder.constant(2)]));
    loss = builder.op('add', [loss, builder.op('mul', [builder.constant(network.l2), builder.sum(squares)])]); // + λ·ΣW²
  }
  const variables = [...builder.names];
  const program: Program = { graph: builder.graph, source: '', output: loss, bindings: [], variables, spans: new Map() };
  const variableOf = (kind: 'W' | 'b', layer: number, i: number, j = 0): string => variableName(kind, layer, i, j);
  return { program, point: builder.point, variableOf };
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
  const { adjoint, magnitude, rounding } = backward(tape, values, output, { magnitudes: true, bounds });
  const ids = program.variables.map((name) => graph.variable(name));
  const pick = (array: Float64Array) => Float64Array.from(ids, (id) => array[id]!);
  return { loss: values[output]!, lossError: bounds[output]!, gradient: pick(adjoint), magnitude: pick(magnitude!), rounding: pick(rounding!) };
}

/** Interns nodes and keeps each one's float64 value at the parameters (for the softmax shift). */
class ScalarBuilder {
  readonly graph = new Graph();
  readonly names: string[] = [];
  readonly point: Record<string, number> = {};
  private readonly values: number[] = [];

  parameter(name: string, value: number): NodeId {
    const id = this.graph.variable(name);
    this.names.push(name);
    this.point[name] = value;
    this.values[id] = value;
    return id;
  }

  constant(value: number): NodeId {
    const id = this.graph.intern('const', [], { value: exactFraction(value) });
    this.values[id] = value;
    return id;
  }

  op(name: string, inputs: readonly NodeId[]): NodeId {
    const id = this.graph.intern(name, inputs);
    this.values[id] ??= opNamed(name).eval(inputs.map((input) => this.values[input]!));
    return id;
  }

  value(id: NodeId): number {
    return this.values[id]!;
  }

  /** Σ terms (a single term as itself, none as 0). */
  sum(terms: readonly NodeId[]): NodeId {
    if (terms.length === 0) return this.constant(0);
    return terms.length === 1 ? terms[0]! : this.op('add', terms);
  }

  /** (Σ terms)/count: a mean. */
  mean(terms: readonly NodeId[], count: number): NodeId {
    return this.op('div', [this.sum(terms), this.constant(count)]);
  }
}

/** The activations of a layer from its pre-activations. */
function activate(builder: ScalarBuilder, activation: Activation, z: readonly NodeId[]): NodeId[] {
  switch (activation.name) {
    case 'linear':
      return [...z];
    case 'leaky_relu':
    case 'elu': {
      const alpha = builder.constant(alphaOf(activation));
      return z.map((input) => builder.op(activation.name, [input, alpha]));
    }
    case 'softmax': {
      const shift = Math.max(...z.map((input) => builder.value(input))); // a constant: exact softmax, no kink
      const exps = z.map((input) => builder.op('exp', [shift === 0 ? input : builder.op('sub', [input, builder.constant(shift)])]));
      const total = builder.sum(exps);
      return exps.map((e) => builder.op('div', [e, total])); // softmax_k = e^z_k / Σ e^z_j
    }
    default:
      return z.map((input) => builder.op(activation.name, [input]));
  }
}

/** The loss without regularisation, from the output activations of every example. */
function dataLoss(builder: ScalarBuilder, network: Network, batch: Batch, outputs: readonly NodeId[][], logits: readonly NodeId[][]): NodeId {
  const target = (k: number, e: number): number => batch.y.data[k * batch.y.cols + e]!;
  const entries = outputs.length * (outputs[0]?.length ?? 0);
  const y = (k: number, e: number): NodeId => builder.constant(target(k, e));
  switch (network.loss) {
    case 'mse': // mean over all entries of (ŷ − y)²
      return builder.mean(outputs.flatMap((out, e) => out.map((p, k) => builder.op('pow', [builder.op('sub', [p, y(k, e)]), builder.constant(2)]))), entries);
    case 'mae': // mean over all entries of |ŷ − y|
      return builder.mean(outputs.flatMap((out, e) => out.map((p, k) => builder.op('abs', [builder.op('sub', [p, y(k, e)])]))), entries);
    case 'bce': {
      // −mean over all entries of y log ŷ + (1 − y) log(1 − ŷ); a term whose coefficient is exactly 0 is left out
      if (network.layers[network.layers.length - 1]!.activation.name === 'sigmoid') {
        // ŷ = σ(z): log σ(z) = −softplus(−z) and log(1 − σ(z)) = −softplus(z), so that σ(z) rounding to 1 is no log(0)
        const softplusTerms = logits.flatMap((out, e) =>
          out.flatMap((z, k) => [weighted(builder, target(k, e), builder.op('softplus', [builder.op('neg', [z])])), weighted(builder, 1 - target(k, e), builder.op('softplus', [z]))]),
        );
        return builder.mean(softplusTerms.filter((term): term is NodeId => term !== undefined), entries);
      }
      const terms = outputs.flatMap((out, e) =>
        out.flatMap((p, k) => [weighted(builder, target(k, e), builder.op('log', [p])), weighted(builder, 1 - target(k, e), builder.op('log', [builder.op('sub', [builder.constant(1), p])]))]),
      );
      return builder.op('neg', [builder.mean(terms.filter((term): term is NodeId => term !== undefined), entries)]);
    }
    case 'cross_entropy': {
      // mean over examples of −Σ_c y_c log ŷ_c
      const softmax = network.layers[network.layers.length - 1]!.activation.name === 'softmax';
      const terms = outputs.flatMap((out, e) => out.map((p, c) => weighted(builder, target(c, e), softmax ? logSoftmax(builder, p) : builder.op('log', [p]))));
      return builder.op('neg', [builder.mean(terms.filter((term): term is NodeId => term !== undefined), outputs.length)]);
    }
    case 'hinge': {
      // mean over examples of Σ_{k≠y} max(s_k − s_y + 1, 0)
      const terms = outputs.flatMap((scores, e) => {
        const label = batch.classes?.[e] ?? argmax(scores.map((_, k) => target(k, e)));
        return scores.flatMap((s, k) => (k === label ? [] : [builder.op('max', [builder.op('add', [builder.op('sub', [s, scores[label]!]), builder.constant(1)]), builder.constant(0)])]));
      });
      return builder.mean(terms, outputs.length);
    }
  }
}

/** log ŷ for ŷ = e^u / S (a softmax output node): u − log S, which stays finite when e^u underflows to 0. */
function logSoftmax(builder: ScalarBuilder, output: NodeId): NodeId {
  const [numerator, total] = builder.graph.node(output).inputs as [NodeId, NodeId];
  const shifted = builder.graph.node(numerator).inputs[0]!;
  return builder.op('sub', [shifted, builder.op('log', [total])]);
}

/** coefficient · term, or undefined when the coefficient is exactly 0 (the term contributes nothing). */
function weighted(builder: ScalarBuilder, coefficient: number, term: NodeId): NodeId | undefined {
  if (coefficient === 0) return undefined;
  return coefficient === 1 ? term : builder.op('mul', [builder.constant(coefficient), term]);
}

function argmax(values: readonly number[]): number {
  let best = 0;
  for (let k = 1; k < values.length; k++) if (values[k]! > values[best]!) best = k;
  return best;
}

/** Position in W's data of the weight from input j to unit `unit`, in the network's convention. */
function weightIndex(network: Network, layer: Layer, unit: number, j: number): number {
  return network.convention === 'standard' ? unit * layer.inputs + j : j * layer.units + unit;
}

function weightName(network: Network, layer: Layer, k: number): string {
  const cols = network.convention === 'standard' ? layer.inputs : layer.units;
  return variableName('W', layer.index, Math.floor(k / cols), k % cols);
}

/** The exact rational value of a double (a dyadic fraction); magnitudes below 2^-1000 become 0. */
export function exactFraction(value: number): Fraction {
  if (!Number.isFinite(value)) throw new RangeError(`the network's data holds a value that is not finite (${value})`);
  if (Math.abs(value) < 2 ** -1000) return new Fraction(0);
  let numerator = value;
  let denominator = 1n;
  while (!Number.isInteger(numerator)) {
    numerator *= 2; // exact: a non-integer double has |value| < 2^52, so doubling only moves the exponent
    denominator *= 2n;
  }
  return new Fraction(BigInt(numerator), denominator);
}
