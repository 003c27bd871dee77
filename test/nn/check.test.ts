import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/check/random.js';
import { checkGradients, checkSummaryText, type GradientEngine } from '../../src/nn/check.js';
import { initParameters, randomBatch } from '../../src/nn/init.js';
import { gradientsOf } from '../../src/nn/mlp.js';
import type { ActivationName, Convention, LossName, Network } from '../../src/nn/network.js';
import { variableNames } from '../../src/nn/graph.js';
import { fromRows, type Batch, type Parameters } from '../../src/nn/tensor.js';

/** A network of dense layers of the given widths: `hidden` between, `output` last. */
function networkOf(widths: readonly number[], hidden: ActivationName, output: ActivationName, loss: LossName, convention: Convention = 'standard', l2?: number): Network {
  const layers = widths.slice(1).map((units, i) => ({ index: i + 1, units, inputs: widths[i]!, activation: { name: i === widths.length - 2 ? output : hidden } }));
  return { inputSize: widths[0]!, layers, loss, convention, ...(l2 === undefined ? {} : { l2 }) };
}

/** Xavier weights, small random biases, a random batch. */
function randomProblem(network: Network, seed: number, size = 3): { params: Parameters; batch: Batch } {
  const random = seededRandom(seed + 1000);
  const init = initParameters(network, { scheme: 'xavier', seed });
  return { params: { W: init.W, b: init.b.map((b) => b.map(() => (random() - 0.5) * 0.4)) }, batch: randomBatch(network, { size, seed: seed + 1 }) };
}

/** The engine with one gradient entry moved by `by`. */
function corrupted(kind: 'W' | 'b', layer: number, entry: number, by: number): GradientEngine {
  return (network, params, batch) => {
    const result = gradientsOf(network, params, batch);
    const tensor = kind === 'W' ? result.gradients.W[layer - 1]!.data : result.gradients.b[layer - 1]!;
    tensor[entry]! += by;
    return result;
  };
}

const HIDDEN: readonly ActivationName[] = ['linear', 'sigmoid', 'tanh', 'relu', 'leaky_relu', 'elu', 'softplus', 'swish', 'softmax'];
const OUTPUTS: readonly (readonly [ActivationName, LossName])[] = [
  ['softmax', 'cross_entropy'],
  ['sigmoid', 'bce'],
  ['linear', 'hinge'],
  ['linear', 'mse'],
  ['linear', 'mae'],
];

describe('MLP cross-check: agreement', () => {
  it('finds the vectorized gradient, scalar reverse mode and finite differences equal on random networks', () => {
    const networks = fc.record({
      widths: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 2, maxLength: 5 }), // input + 1–4 layers
      hidden: fc.constantFrom(...HIDDEN),
      output: fc.constantFrom(...OUTPUTS),
      convention: fc.constantFrom<Convention>('standard', 'transposed'),
      l2: fc.constantFrom(undefined, 0.01),
      size: fc.integer({ min: 1, max: 4 }),
      seed: fc.integer({ min: 1, max: 1_000_000 }),
    });
    fc.assert(
      fc.property(networks, ({ widths, hidden, output: [output, loss], convention, l2, size, seed }) => {
        const outputs = loss === 'bce' ? widths[widths.length - 1]! : Math.max(2, widths[widths.length - 1]!); // classes need 2
        const network = networkOf([...widths.slice(0, -1), outputs], hidden, output, loss, convention, l2);
        const { params, batch } = randomProblem(network, seed, size);
        const check = checkGradients(network, params, batch, { seed });
        expect(check.agree, checkSummaryText(check)).toBe(true);
        expect(check.scalarReverse.skipped).toBeUndefined();
        expect(check.scalarReverse.parameters).toBeGreaterThan(0);
        expect(check.finiteDifferences.coordinates + check.finiteDifferences.unusable.length).toBeGreaterThan(0);
        expect(check.directional.directions + check.directional.unusable.length).toBeGreaterThan(0);
      }),
      { numRuns: 150 },
    );
  });

  it('says how they agreed in one line', () => {
    const network = networkOf([3, 4, 2], 'tanh', 'softmax', 'cross_entropy');
    const { params, batch } = randomProblem(network, 2);
    const check = checkGradients(network, params, batch);
    expect(check.agree).toBe(true);
    expect(check.loss.agree).toBe(true);
    expect(checkSummaryText(check)).toMatch(/^gradients agree: scalar reverse mode agrees on all 26 parameters \(max rel\. error .*\); finite differences agree on all 24 sampled coordinates .*; directional derivatives agree on all 6 directions/);
  });
});

describe('MLP cross-check: disagreement', () => {
  it('disagrees when one entry of the vectorized gradient is wrong, and names it', () => {
    const network = networkOf([3, 4, 2], 'relu', 'softmax', 'cross_entropy', 'transposed');
    const { params, batch } = randomProblem(network, 3);
    const check = checkGradients(network, params, batch, { engine: corrupted('W', 2, 5, 1e-4) });
    expect(check.agree).toBe(false);
    expect(check.scalarReverse.agree).toBe(false);
    expect(check.scalarReverse.mismatches.map((m) => m.where)).toEqual(['W2_3_2']); // entry 5 of the 4×2 W2 (inputs × units)
    expect(check.finiteDifferences.mismatches.map((m) => m.where)).toContain('W2_3_2');
    expect(check.directional.agree).toBe(false);
    expect(checkSummaryText(check)).toMatch(/^gradients DISAGREE at W2_3_2: scalar reverse mode DISAGREES at 1 of 26 parameters/);
    expect(check.scalarReverse.disagreements).toBe(1);
  });

  it('disagrees whichever entry of a random network is wrong', () => {
    const cases = fc.record({
      widths: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 2, maxLength: 4 }),
      hidden: fc.constantFrom(...HIDDEN),
      output: fc.constantFrom(...OUTPUTS),
      seed: fc.integer({ min: 1, max: 1_000_000 }),
      pick: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
    });
    fc.assert(
      fc.property(cases, ({ widths, hidden, output: [output, loss], seed, pick }) => {
        const network = networkOf([...widths.slice(0, -1), Math.max(2, widths[widths.length - 1]!)], hidden, output, loss);
        const { params, batch } = randomProblem(network, seed);
        const names = variableNames(network);
        const k = Math.floor(pick * names.length);
        const engine: GradientEngine = (...args) => {
          const result = gradientsOf(...args);
          const entries = result.gradients.W.flatMap((w, l) => [w.data, result.gradients.b[l]!]);
          let offset = k;
          const tensor = entries.find((entry) => (offset < entry.length ? true : ((offset -= entry.length), false)))!;
          tensor[offset] = tensor[offset]! + 1e-6 * (1 + Math.abs(tensor[offset]!));
          return result;
        };
        const check = checkGradients(network, params, batch, { engine });
        expect(check.agree).toBe(false);
        expect(check.scalarReverse.mismatches[0]?.where).toBe(names[k]);
      }),
      { numRuns: 60 },
    );
  });

  it('disagrees on a wide network from random directions alone, naming the tensor', () => {
    const network = networkOf([100, 64, 10], 'relu', 'softmax', 'cross_entropy');
    const { params, batch } = randomProblem(network, 4, 8);
    const check = checkGradients(network, params, batch, { engine: corrupted('b', 1, 7, 1e-3), maxScalarNodes: 0, maxCoordinateWork: 0 });
    expect(check.agree).toBe(false);
    expect(check.scalarReverse.skipped).toMatch(/scalar graph would have about \d+ nodes/);
    expect(check.finiteDifferences.skipped).toBeDefined();
    expect(check.directional.mismatches.map((m) => m.where)).toContain('a random direction in b1');
  });

  it('disagrees when the engine reports a different loss', () => {
    const network = networkOf([2, 3, 1], 'tanh', 'linear', 'mse');
    const { params, batch } = randomProblem(network, 5);
    const engine: GradientEngine = (...args) => ({ ...gradientsOf(...args), loss: 1e-3 + gradientsOf(...args).loss });
    const check = checkGradients(network, params, batch, { engine });
    expect(check.agree).toBe(false);
    expect(check.loss.agree).toBe(false);
    expect(check.notes.join(' ')).toMatch(/the loss differs/);
  });
});

describe('MLP cross-check: kinks', () => {
  it('reports finite differences as not usable (not as a mismatch) when a relu sits exactly on its kink', () => {
    // the second example is x = 0 and b1 = 0: every pre-activation of layer 1 is exactly 0 there
    const network = networkOf([2, 3, 1], 'relu', 'linear', 'mse');
    const params: Parameters = { W: [fromRows([[0.5, -0.3], [0.2, 0.8], [-0.7, 0.1]]), fromRows([[0.3, -0.2, 0.6]])], b: [new Float64Array(3), Float64Array.from([0.1])] };
    const batch: Batch = { x: fromRows([[1, 0], [2, 0]]), y: fromRows([[0.5, -0.5]]) };
    const check = checkGradients(network, params, batch);
    expect(check.agree).toBe(true);
    expect(check.scalarReverse.agree).toBe(true);
    expect(check.finiteDifferences.coordinates).toBe(0);
    expect(check.finiteDifferences.unusable[0]).toMatch(/exactly on a kink/);
    expect(check.directional.directions).toBe(0);
    expect(check.notes.join(' ')).toMatch(/finite differences not usable here/);
  });

  it('shortens the step when a hinge margin is close to its kink', () => {
    // scores (1, 0) for class 0 with a margin 1e-7 above the kink: s_1 − s_0 + 1 = 1e-7
    const network = networkOf([1, 2], 'linear', 'linear', 'hinge');
    const params: Parameters = { W: [fromRows([[1], [1e-7]])], b: [new Float64Array(2)] };
    const batch: Batch = { x: fromRows([[1]]), y: fromRows([[1], [0]]), classes: Int32Array.from([0]) };
    const check = checkGradients(network, params, batch);
    expect(check.agree, checkSummaryText(check)).toBe(true);
    expect(check.directional.directions).toBeGreaterThan(0);
  });

  it('gives up on finite differences when even a 256× shorter step crosses the kink', () => {
    const network = networkOf([1, 2], 'linear', 'linear', 'hinge');
    const params: Parameters = { W: [fromRows([[1], [1e-13]])], b: [new Float64Array(2)] };
    const batch: Batch = { x: fromRows([[1]]), y: fromRows([[1], [0]]), classes: Int32Array.from([0]) };
    const check = checkGradients(network, params, batch);
    expect(check.agree).toBe(true);
    expect(check.finiteDifferences.unusable.join(' ')).toMatch(/256× shorter step/);
    expect(checkSummaryText(check)).toMatch(/finite differences not usable at \d+ kink/);
  });
});

describe('MLP cross-check: large networks', () => {
  it('checks a 100-64-10 network by random directions in well under a second', () => {
    const network = networkOf([100, 64, 10], 'relu', 'softmax', 'cross_entropy');
    const { params, batch } = randomProblem(network, 6, 16);
    const start = performance.now();
    const check = checkGradients(network, params, batch, { maxScalarNodes: 0, maxCoordinateWork: 0 });
    const elapsed = performance.now() - start;
    expect(check.agree, checkSummaryText(check)).toBe(true);
    expect(check.directional.directions).toBe(6); // the gradient's, one over all, one in each of W1 b1 W2 b2
    expect(elapsed).toBeLessThan(300);
  });

  it('checks a 784-256-128-10 network: scalar graph skipped with the reason, random directions agree', () => {
    const network = networkOf([784, 256, 128, 10], 'relu', 'softmax', 'cross_entropy', 'standard', 1e-4);
    const { params, batch } = randomProblem(network, 7, 8);
    const check = checkGradients(network, params, batch);
    expect(check.agree, checkSummaryText(check)).toBe(true);
    expect(check.scalarReverse.skipped).toMatch(/more than 200000/);
    expect(check.finiteDifferences.skipped).toMatch(/random-direction check stands in/);
    expect(check.directional.directions).toBe(8);
    expect(check.directional.maxRelativeError).toBeLessThan(1e-6);
  });
});
