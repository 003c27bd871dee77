import { describe, expect, it } from 'vitest';
import { crossCheck } from '../../src/check/crosscheck.js';
import { seededRandom } from '../../src/check/random.js';
import { initParameters, randomBatch } from '../../src/nn/init.js';
import { forwardPass } from '../../src/nn/mlp.js';
import type { ActivationName, Convention, LossName, Network } from '../../src/nn/network.js';
import { exactFraction } from '../../src/build/entries.js';
import { scalarGraph, scalarGraphSize } from '../../src/nn/graph.js';
import { fromRows, type Batch, type Parameters } from '../../src/nn/tensor.js';
import { backward } from '../../src/numeric/reverse.js';
import { Tape } from '../../src/numeric/tape.js';

/** A network of dense layers of the given widths: `hidden` between, `output` last. */
function networkOf(widths: readonly number[], hidden: ActivationName, output: ActivationName, loss: LossName, convention: Convention = 'standard', l2?: number): Network {
  const layers = widths.slice(1).map((units, i) => ({
    index: i + 1,
    units,
    inputs: widths[i]!,
    activation: { name: i === widths.length - 2 ? output : hidden, ...(hidden === 'leaky_relu' && i < widths.length - 2 ? { alpha: 0.1 } : {}) },
  }));
  return { inputSize: widths[0]!, layers, loss, convention, ...(l2 === undefined ? {} : { l2 }) };
}

/** Xavier weights, small random biases (so that no pre-activation sits on a kink by construction), a random batch. */
function randomProblem(network: Network, seed: number, size = 3): { params: Parameters; batch: Batch } {
  const random = seededRandom(seed + 1000);
  const init = initParameters(network, { scheme: 'xavier', seed });
  const params: Parameters = { W: init.W, b: init.b.map((b) => b.map(() => (random() - 0.5) * 0.4)) };
  return { params, batch: randomBatch(network, { size, seed: seed + 1 }) };
}

/** The scalar graph's loss at its point. */
function scalarLoss(network: Network, params: Parameters, batch: Batch): number {
  const { program, point } = scalarGraph(network, params, batch);
  return new Tape(program.graph, [program.output]).forward(point)[program.output]!;
}

const HIDDEN: readonly ActivationName[] = ['linear', 'sigmoid', 'tanh', 'relu', 'leaky_relu', 'elu', 'softplus', 'swish', 'softmax'];
const PAIRS: readonly (readonly [ActivationName, LossName])[] = [
  ['softmax', 'cross_entropy'],
  ['sigmoid', 'bce'],
  ['linear', 'hinge'],
  ['linear', 'mse'],
  ['linear', 'mae'],
  ['tanh', 'mse'],
];

describe('scalar graph: the loss', () => {
  for (const convention of ['standard', 'transposed'] as const) {
    for (const hidden of HIDDEN) {
      it.each(PAIRS)(`equals forwardPass's loss: ${convention}, ${hidden} hidden, %s output with %s`, (output, loss) => {
        const network = networkOf([3, 4, 3], hidden, output, loss, convention, 0.05);
        const { params, batch } = randomProblem(network, 11);
        const expected = forwardPass(network, params, batch).loss;
        expect(Math.abs(scalarLoss(network, params, batch) - expected)).toBeLessThanOrEqual(1e-13 * Math.max(1, Math.abs(expected)));
      });
    }
  }

  it('computes each loss as defined (hand-worked numbers)', () => {
    // one linear layer with W = I, b = 0: ŷ = x; two examples (columns) of two outputs
    const params: Parameters = { W: [fromRows([[1, 0], [0, 1]])], b: [new Float64Array(2)] };
    const x = fromRows([[1, 0], [2, -1]]);
    const regression: Batch = { x, y: fromRows([[0.5, 0], [2, 1]]) };
    const loss = (name: LossName, batch: Batch, output: ActivationName = 'linear', l2?: number) =>
      scalarLoss(networkOf([2, 2], 'linear', output, name, 'standard', l2), params, batch);
    expect(loss('mse', regression)).toBeCloseTo((0.25 + 0 + 0 + 4) / 4, 15); // (ŷ − y)² over 4 entries
    expect(loss('mae', regression)).toBeCloseTo((0.5 + 0 + 0 + 2) / 4, 15);
    expect(loss('mse', regression, 'linear', 0.5)).toBeCloseTo(4.25 / 4 + 0.5 * 2, 15); // + λ·ΣW²
    // hinge, classes 0 and 1: example 1 scores (1, 2): max(0, 2 − 1 + 1) = 2; example 2 scores (0, −1): max(0, 0 + 1 + 1) = 2
    const classes: Batch = { x, y: fromRows([[1, 0], [0, 1]]), classes: Int32Array.from([0, 1]) };
    expect(loss('hinge', classes)).toBeCloseTo((2 + 2) / 2, 15);
    // cross-entropy: −log softmax(z)_y averaged over examples
    const logSoftmax = (z: number[], c: number) => z[c]! - Math.log(z.reduce((sum, v) => sum + Math.exp(v), 0));
    expect(loss('cross_entropy', classes, 'softmax')).toBeCloseTo(-(logSoftmax([1, 2], 0) + logSoftmax([0, -1], 1)) / 2, 14);
    // bce with targets 1, 0 / 0, 1 on sigmoid outputs
    const s = (v: number) => 1 / (1 + Math.exp(-v));
    const bce = -(Math.log(s(1)) + Math.log(1 - s(2)) + Math.log(1 - s(0)) + Math.log(s(-1))) / 4;
    expect(loss('bce', { x, y: fromRows([[1, 0], [0, 1]]) }, 'sigmoid')).toBeCloseTo(bce, 14);
  });

  it('stays finite for large logits: softmax is shifted by a constant, the largest logit at the parameters', () => {
    const network = networkOf([1, 3], 'linear', 'softmax', 'cross_entropy');
    const params: Parameters = { W: [fromRows([[1000], [999], [0]])], b: [new Float64Array(3)] };
    const batch: Batch = { x: fromRows([[1]]), y: fromRows([[0], [1], [0]]), classes: Int32Array.from([1]) };
    const expected = 1 + Math.log(1 + Math.exp(-1) + Math.exp(-1000)); // −log softmax(z)_2 with z = (1000, 999, 0)
    expect(scalarLoss(network, params, batch)).toBeCloseTo(expected, 13);
  });
});

describe('scalar graph: variables', () => {
  it('has a variable per weight and bias entry, named after the stored matrix, W1 b1 W2 b2 in order', () => {
    const network = networkOf([2, 3, 1], 'tanh', 'linear', 'mse');
    const { params, batch } = randomProblem(network, 3);
    const { program, point, variableOf } = scalarGraph(network, params, batch);
    expect(program.variables).toEqual([
      'W1_1_1', 'W1_1_2', 'W1_2_1', 'W1_2_2', 'W1_3_1', 'W1_3_2', 'b1_1', 'b1_2', 'b1_3', 'W2_1_1', 'W2_1_2', 'W2_1_3', 'b2_1',
    ]);
    expect(variableOf('W', 1, 2, 0)).toBe('W1_3_1');
    expect(variableOf('b', 2, 0)).toBe('b2_1');
    expect(point['W1_3_1']).toBe(params.W[0]!.data[2 * 2 + 0]);
    expect(program.graph.node(program.graph.variable('W1_3_1')).op).toBe('var');
  });

  it('names transposed weights by their stored position (W is inputs × units)', () => {
    const network = networkOf([2, 3], 'linear', 'linear', 'mse', 'transposed');
    const { params, batch } = randomProblem(network, 4);
    const { point, variableOf } = scalarGraph(network, params, batch);
    expect(params.W[0]!.rows).toBe(2);
    expect(point[variableOf('W', 1, 1, 2)]).toBe(params.W[0]!.data[1 * 3 + 2]);
  });

  it('gives the same loss in both conventions for the same network', () => {
    const standard = networkOf([3, 2, 2], 'relu', 'softmax', 'cross_entropy');
    const { params, batch } = randomProblem(standard, 5);
    const transposed: Parameters = { W: params.W.map((w) => ({ rows: w.cols, cols: w.rows, data: Float64Array.from({ length: w.data.length }, (_, k) => w.data[(k % w.rows) * w.cols + Math.floor(k / w.rows)]!) })), b: params.b };
    expect(scalarLoss({ ...standard, convention: 'transposed' }, transposed, batch)).toBe(scalarLoss(standard, params, batch));
  });
});

describe('scalar graph: a Program the numeric machinery runs on', () => {
  it('is cross-checked by crossCheck (symbolic, reverse, finite differences all agree)', () => {
    const network = networkOf([2, 2, 2], 'tanh', 'softmax', 'cross_entropy', 'standard', 0.01);
    const { params, batch } = randomProblem(network, 6, 2);
    const { program, point } = scalarGraph(network, params, batch);
    const check = crossCheck(program, point);
    expect(check.agree).toBe(true);
    expect(check.partials).toHaveLength(12);
  });

  it('gives reverse-mode adjoints for every parameter', () => {
    const network = networkOf([3, 2], 'linear', 'linear', 'mse');
    const { params, batch } = randomProblem(network, 8);
    const { program, point, variableOf } = scalarGraph(network, params, batch);
    const tape = new Tape(program.graph, [program.output]);
    const { adjoint } = backward(tape, tape.forward(point), program.output);
    // ∂/∂b_i of mean (ŷ − y)² over n·B entries is (2/(n·B)) Σ_b (ŷ_ib − y_ib)
    const out = forwardPass(network, params, batch).output;
    const expected = (2 / 6) * [0, 1, 2].reduce((sum, e) => sum + out.data[e]! - batch.y.data[e]!, 0);
    expect(adjoint[program.graph.variable(variableOf('b', 1, 0))]!).toBeCloseTo(expected, 14);
  });

  it('estimates its size before it is built', () => {
    for (const [widths, size] of [[[3, 4, 2], 3], [[10, 8, 8, 4], 5]] as const) {
      const network = networkOf(widths, 'relu', 'softmax', 'cross_entropy', 'standard', 0.1);
      const { params, batch } = randomProblem(network, 9, size);
      const built = scalarGraph(network, params, batch).program.graph.size;
      const estimate = scalarGraphSize(network, size);
      expect(estimate).toBeGreaterThanOrEqual(built);
      expect(estimate).toBeLessThanOrEqual(2 * built);
    }
  });
});

describe('scalar graph: exact constants', () => {
  it('keeps every double exactly', () => {
    const random = seededRandom(1);
    for (let i = 0; i < 1000; i++) {
      const value = (random() - 0.5) * Math.exp(40 * (random() - 0.5));
      expect(exactFraction(value).valueOf()).toBe(value);
    }
    expect(exactFraction(0.1).valueOf()).toBe(0.1);
    expect(exactFraction(-3).valueOf()).toBe(-3);
  });
});
