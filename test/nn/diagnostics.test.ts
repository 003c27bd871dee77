import { describe, expect, it } from 'vitest';
import { deadUnits, diagnose, gradientNorms, identicalUnits, normRatios } from '../../src/nn/diagnostics.js';
import { initParameters, randomBatch } from '../../src/nn/init.js';
import { forwardPass, gradientsOf } from '../../src/nn/mlp.js';
import type { ActivationName, Convention, Network } from '../../src/nn/network.js';
import { fromRows, type Gradients, type Parameters } from '../../src/nn/tensor.js';

function networkOf(widths: readonly number[], hidden: ActivationName, convention: Convention = 'standard'): Network {
  const layers = widths.slice(1).map((units, i) => ({ index: i + 1, units, inputs: widths[i]!, activation: { name: i === widths.length - 2 ? 'linear' : hidden } as const }));
  return { inputSize: widths[0]!, layers, loss: 'mse', convention };
}

function diagnosed(network: Network, params: Parameters, size = 8) {
  const batch = randomBatch(network, { size, seed: 3 });
  const forward = forwardPass(network, params, batch);
  return diagnose(network, params, forward, gradientsOf(network, params, batch).gradients);
}

describe('diagnostics: gradient norms', () => {
  it('computes Frobenius norms per layer and the ratios of consecutive layers', () => {
    const gradients: Gradients = { W: [fromRows([[3, 4]]), fromRows([[0, 10]]), fromRows([[0]])], b: [Float64Array.of(1), Float64Array.of(0), Float64Array.of(0)] };
    const norms = gradientNorms(gradients);
    expect(norms).toEqual([{ layer: 1, weight: 5, bias: 1 }, { layer: 2, weight: 10, bias: 0 }, { layer: 3, weight: 0, bias: 0 }]);
    expect(normRatios(norms)).toEqual([{ layer: 1, ratio: 0.5 }, { layer: 2, ratio: null }]);
  });

  it('finds vanishing gradients in a deep sigmoid network with small weights', () => {
    const network = networkOf([4, 8, 8, 8, 8, 8, 8, 1], 'sigmoid');
    const params = initParameters(network, { scheme: 'uniform', seed: 1, scale: 0.2 });
    const found = diagnosed(network, params);
    expect(found.gradientFlow).toBe('vanishing');
    expect(found.firstOverLast!).toBeLessThan(1e-2);
    expect(found.ratios.every((r) => r.ratio! < 1)).toBe(true);
    expect(found.warnings[0]).toMatch(/^gradients vanish towards the input: ‖∂L\/∂W\[1\]‖ = /);
  });

  it('finds exploding gradients when each layer\'s Jacobian Wᵀ diag(σ\') multiplies δ by 10', () => {
    // W = 20·[[1, −1], [−1, 1]] keeps z = 0 (so a = 0.5, σ' = ¼) while δ along (1, −1) grows by 20·2·¼ = 10 per layer
    const network = networkOf([2, 2, 2, 2, 2, 1], 'sigmoid');
    const mixing = fromRows([[20, -20], [-20, 20]]);
    const params: Parameters = { W: [mixing, mixing, mixing, mixing, fromRows([[1, -1]])], b: [0, 0, 0, 0].map(() => new Float64Array(2)).concat([Float64Array.of(1)]) };
    const batch = { x: fromRows([[0.5], [0.5]]), y: fromRows([[0]]) };
    const found = diagnose(network, params, forwardPass(network, params, batch), gradientsOf(network, params, batch).gradients);
    expect(found.ratios.map((r) => r.ratio)).toEqual([10, 10, 10, 0.5 / Math.SQRT2].map((v) => expect.closeTo(v, 12)));
    expect(found.gradientFlow).toBe('exploding');
    expect(found.firstOverLast).toBeCloseTo(500 / Math.SQRT2, 10);
    expect(found.warnings[0]).toMatch(/^gradients explode towards the input/);
  });

  it('finds nothing wrong with He initialisation of a relu network', () => {
    const network = networkOf([16, 32, 32, 1], 'relu');
    const found = diagnosed(network, initParameters(network, { scheme: 'he', seed: 5 }), 32);
    expect(found.gradientFlow).toBe('ok');
    expect(found.identical).toEqual([]);
  });
});

describe('diagnostics: symmetric initialisation', () => {
  it('warns that zero initialisation leaves hidden units identical and earlier layers without gradient', () => {
    const network = networkOf([3, 4, 2], 'tanh');
    const found = diagnosed(network, initParameters(network, { scheme: 'zeros' }));
    expect(found.identical).toEqual([{ layer: 1, units: [0, 1, 2, 3], sameOutgoing: true }]);
    expect(found.warnings).toContain('W1 is all zeros (zero initialisation): every unit of layer 1 computes the same value');
    expect(found.warnings).toContain("W2 is all zeros (zero initialisation): δ[1] = (W[2]ᵀ δ[2]) ⊙ σ'(z[1]) = 0, so the layers before it get no gradient from the data");
    expect(found.warnings.some((w) => w.startsWith('layer 1: all 4 units have identical incoming weights and bias') && w.includes('never tells them apart'))).toBe(true);
  });

  it('finds units made identical by a constant initialisation, in either convention', () => {
    const standard = networkOf([2, 3, 1], 'sigmoid');
    const params: Parameters = { W: [fromRows([[1, 1], [1, 1], [0.5, 2]]), fromRows([[1, 1, 1]])], b: [Float64Array.of(0, 0, 0), Float64Array.of(0)] };
    expect(identicalUnits(standard, params)).toEqual([{ layer: 1, units: [0, 1], sameOutgoing: true }]);
    const transposed = networkOf([2, 3, 1], 'sigmoid', 'transposed');
    const flipped: Parameters = { W: [fromRows([[1, 1, 0.5], [1, 1, 2]]), fromRows([[1], [2], [1]])], b: params.b };
    expect(identicalUnits(transposed, flipped)).toEqual([{ layer: 1, units: [0, 1], sameOutgoing: false }]);
  });

  it('tells units apart by their biases', () => {
    const network = networkOf([2, 2, 1], 'sigmoid');
    const params: Parameters = { W: [fromRows([[1, 1], [1, 1]]), fromRows([[1, 1]])], b: [Float64Array.of(0, 1), Float64Array.of(0)] };
    expect(identicalUnits(network, params)).toEqual([]);
  });
});

describe('diagnostics: dead relu units', () => {
  it('finds relu units with z ≤ 0 for every example of the batch', () => {
    const network = networkOf([2, 3, 1], 'relu');
    // unit 1 reads x1 − 100 (always off), unit 2 reads x1 + x2 (on for some), unit 3 has z = 0 exactly (off: relu(0) = 0)
    const params: Parameters = { W: [fromRows([[1, 0], [1, 1], [0, 0]]), fromRows([[1, 1, 1]])], b: [Float64Array.of(-100, 0, 0), Float64Array.of(0)] };
    const batch = { x: fromRows([[1, -1, 2], [1, -1, 0]]), y: fromRows([[0, 0, 0]]) };
    const forward = forwardPass(network, params, batch);
    expect(deadUnits(network, forward)).toEqual([{ layer: 1, units: [0, 2], of: 3 }]);
    const found = diagnose(network, params, forward, gradientsOf(network, params, batch).gradients);
    expect(found.warnings).toContain('layer 1: 2 of 3 relu units are dead on this batch (z ≤ 0 for every example: units 1, 3); they pass no gradient back');
  });

  it('ignores layers that are not relu', () => {
    const network = networkOf([2, 3, 1], 'leaky_relu');
    const params: Parameters = { W: [fromRows([[0, 0], [0, 0], [0, 0]]), fromRows([[1, 2, 3]])], b: [Float64Array.of(-1, -1, -1), Float64Array.of(0)] };
    expect(deadUnits(network, forwardPass(network, params, randomBatch(network)))).toEqual([]);
  });
});
