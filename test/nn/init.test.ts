import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { batchFromJson, gaussian, initParameters, oneHot, parametersFromJson, randomBatch } from '../../src/nn/init.js';
import { seededRandom } from '../../src/check/random.js';
import type { Convention, LossName, Network } from '../../src/nn/network.js';
import { toRows } from '../../src/nn/tensor.js';
import { inputErrorOf } from '../helpers.js';

function networkOf(widths: readonly number[], loss: LossName = 'mse', convention: Convention = 'standard'): Network {
  const layers = widths.slice(1).map((units, i) => ({ index: i + 1, units, inputs: widths[i]!, activation: { name: 'relu' as const } }));
  return { inputSize: widths[0]!, layers, loss, convention };
}

function moments(values: Float64Array): { mean: number; variance: number } {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  return { mean, variance: values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length };
}

describe('init: schemes', () => {
  const network = networkOf([400, 300, 10]);

  it('gives zeros, and zero biases whatever the scheme', () => {
    const params = initParameters(network, { scheme: 'zeros' });
    expect(params.W.every((w) => w.data.every((v) => v === 0))).toBe(true);
    for (const scheme of ['uniform', 'xavier', 'he'] as const) {
      expect(initParameters(network, { scheme }).b.every((b) => b.every((v) => v === 0))).toBe(true);
    }
  });

  it('draws W in the shape of the convention', () => {
    expect(initParameters(network, { scheme: 'he' }).W.map((w) => [w.rows, w.cols])).toEqual([[300, 400], [10, 300]]);
    expect(initParameters({ ...network, convention: 'transposed' }, { scheme: 'he' }).W.map((w) => [w.rows, w.cols])).toEqual([[400, 300], [300, 10]]);
  });

  it('draws uniform weights in (−1/√n_in, 1/√n_in), or (−ε, ε) when ε is given', () => {
    const w = initParameters(network, { scheme: 'uniform', seed: 3 }).W[0]!.data;
    expect(Math.max(...w.map(Math.abs))).toBeLessThanOrEqual(1 / Math.sqrt(400));
    expect(moments(w).variance).toBeCloseTo(1 / (3 * 400), 4); // Var U(−a, a) = a²/3
    const small = initParameters(network, { scheme: 'uniform', seed: 3, scale: 0.01 }).W[0]!.data;
    expect(Math.max(...small.map(Math.abs))).toBeLessThanOrEqual(0.01);
  });

  it('gives Xavier Var(w) = 1/n_in and He Var(w) = 2/n_in, mean 0', () => {
    const xavier = moments(initParameters(network, { scheme: 'xavier', seed: 4 }).W[0]!.data);
    const he = moments(initParameters(network, { scheme: 'he', seed: 4 }).W[0]!.data);
    expect(Math.abs(xavier.mean)).toBeLessThan(1e-3);
    expect(xavier.variance * 400).toBeCloseTo(1, 1);
    expect(he.variance * 400).toBeCloseTo(2, 1);
  });

  it('repeats itself for a seed and changes with it', () => {
    const a = initParameters(network, { scheme: 'he', seed: 7 }).W[1]!.data;
    expect(initParameters(network, { scheme: 'he', seed: 7 }).W[1]!.data).toEqual(a);
    expect(initParameters(network, { scheme: 'he', seed: 8 }).W[1]!.data).not.toEqual(a);
  });

  it('draws standard normal numbers', () => {
    const normal = gaussian(seededRandom(5));
    const { mean, variance } = moments(Float64Array.from({ length: 20000 }, normal));
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(variance).toBeCloseTo(1, 1);
  });
});

describe('init: random batches', () => {
  it('gives one-hot classes for cross-entropy and hinge', () => {
    const batch = randomBatch(networkOf([3, 4], 'cross_entropy'), { size: 6, seed: 1 });
    expect([batch.x.rows, batch.x.cols, batch.y.rows, batch.y.cols]).toEqual([3, 6, 4, 6]);
    expect(batch.classes).toHaveLength(6);
    expect(batch.y).toEqual(oneHot(batch.classes!, 4));
    expect(randomBatch(networkOf([3, 4], 'hinge')).classes).toBeDefined();
  });

  it('gives 0/1 targets for bce and real targets for mse and mae', () => {
    const bce = randomBatch(networkOf([2, 3], 'bce'), { size: 20 });
    expect(bce.y.data.every((v) => v === 0 || v === 1)).toBe(true);
    expect(bce.classes).toBeUndefined();
    const mse = randomBatch(networkOf([2, 3], 'mse'), { size: 20 });
    expect(mse.y.data.some((v) => v !== 0 && v !== 1)).toBe(true);
  });

  it('repeats itself for a seed', () => {
    const network = networkOf([2, 3], 'mae');
    expect(randomBatch(network, { seed: 9 })).toEqual(randomBatch(network, { seed: 9 }));
  });
});

describe('init: parameters from JSON', () => {
  const network = networkOf([2, 3, 1]);

  it('reads W as rows in the standard convention (units × inputs)', () => {
    const params = parametersFromJson(network, { W1: [[1, 2], [3, 4], [5, 6]], b1: [0.1, 0.2, 0.3], W2: [[7, 8, 9]], b2: [1] });
    expect(toRows(params.W[0]!)).toEqual([[1, 2], [3, 4], [5, 6]]);
    expect(Array.from(params.b[0]!)).toEqual([0.1, 0.2, 0.3]);
  });

  it('reads W as inputs × units in the transposed convention, and biases as a column', () => {
    const params = parametersFromJson({ ...network, convention: 'transposed' }, { W1: [[1, 2, 3], [4, 5, 6]], b1: [[0], [0], [0]], W2: [[1], [2], [3]], b2: [[1]] });
    expect([params.W[0]!.rows, params.W[0]!.cols]).toEqual([2, 3]);
    expect(Array.from(params.b[0]!)).toEqual([0, 0, 0]);
  });

  it('names the parameter and its expected and given shapes, and spots a transposed matrix', () => {
    const error = inputErrorOf(() => parametersFromJson(network, { W1: [[1, 2, 3], [4, 5, 6]], b1: [0, 0, 0], W2: [[1, 2, 3]], b2: [0] }));
    expect(error.message).toBe('W1 should be 3 × 2 (units × inputs, the standard convention z = W a + b), got 2 × 3');
    expect(error.hint).toMatch(/looks transposed/);
  });

  it('reports missing parameters, wrong bias lengths, ragged rows, non-numbers and unknown layers', () => {
    expect(inputErrorOf(() => parametersFromJson(network, { W1: [[1, 2], [3, 4], [5, 6]], b1: [0, 0, 0] })).message).toBe(
      'missing W2: a 1 × 3 matrix (units × inputs, the standard convention z = W a + b)',
    );
    expect(inputErrorOf(() => parametersFromJson(network, { W1: [[1, 2], [3, 4], [5, 6]], b1: [0, 0] })).message).toBe(
      'b1 should have 3 entries (one per unit of layer 1), got 2',
    );
    expect(inputErrorOf(() => parametersFromJson(network, { W1: [[1, 2], [3], [5, 6]] })).message).toMatch(/rows of different lengths: row 1 has 2 entries, row 2 has 1/);
    expect(inputErrorOf(() => parametersFromJson(network, { W1: [[1, 'a'], [3, 4], [5, 6]] })).message).toBe('W1[0][1] should be a number, got "a"');
    expect(inputErrorOf(() => parametersFromJson(network, { W3: [[1]] })).message).toMatch(/W3 is not a parameter of this network/);
    expect(inputErrorOf(() => parametersFromJson(network, [1, 2])).kind).toBe('usage');
    expect(inputErrorOf(() => parametersFromJson(network, {})).kind).toBe('missing-value');
  });
});

describe('init: batches from JSON', () => {
  it('reads x with one row per example into one column per example', () => {
    const batch = batchFromJson(networkOf([2, 1]), { x: [[1, 2], [3, 4], [5, 6]], y: [0.5, 1, 1.5] });
    expect(toRows(batch.x)).toEqual([[1, 3, 5], [2, 4, 6]]);
    expect(toRows(batch.y)).toEqual([[0.5, 1, 1.5]]);
  });

  it('reads class indices (0-based) or one-hot rows for cross-entropy', () => {
    const network = networkOf([2, 3], 'cross_entropy');
    const indexed = batchFromJson(network, { x: [[1, 2], [3, 4]], y: [2, 0] });
    expect(Array.from(indexed.classes!)).toEqual([2, 0]);
    expect(toRows(indexed.y)).toEqual([[0, 1], [0, 0], [1, 0]]);
    const rows = batchFromJson(network, { x: [[1, 2], [3, 4]], y: [[0, 0, 1], [1, 0, 0]] });
    expect(rows).toEqual(indexed);
    expect(batchFromJson(network, { x: [[1, 2]], y: [[0.2, 0.3, 0.5]] }).classes).toBeUndefined(); // soft targets
  });

  it('reads one example given as a flat list', () => {
    const batch = batchFromJson(networkOf([2, 2]), { x: [1, 2], y: [[3, 4]] });
    expect([batch.x.rows, batch.x.cols]).toEqual([2, 1]);
  });

  it('says what is wrong with x and y', () => {
    const network = networkOf([2, 3], 'cross_entropy');
    expect(inputErrorOf(() => batchFromJson(network, { x: [[1, 2, 3]], y: [0] })).message).toBe(
      "x should have 2 entries per example (the network's inputs), but example 1 has 3",
    );
    expect(inputErrorOf(() => batchFromJson(network, { x: [[1, 2]], y: [3] })).message).toBe('y[0] = 3 is not a class index: classes are 0 to 2 (0-based, one per output)');
    expect(inputErrorOf(() => batchFromJson(network, { x: [[1, 2]], y: [0, 1] })).message).toBe('y has 2 entries but x has 1 examples');
    expect(inputErrorOf(() => batchFromJson(network, { x: [[1, 2]] })).kind).toBe('missing-value');
    expect(inputErrorOf(() => batchFromJson(networkOf([1, 1], 'bce'), { x: [1], y: [2] })).message).toBe('bce targets must lie between 0 and 1, got 2');
    expect(inputErrorOf(() => batchFromJson(networkOf([1, 2], 'hinge'), { x: [[1]], y: [[0.5, 0.5]] })).message).toMatch(/hinge needs class indices/);
    expect(() => batchFromJson(network, 'x')).toThrow(InputError);
  });
});
