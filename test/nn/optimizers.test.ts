import { describe, expect, it } from 'vitest';
import { optimizerStep, zeroState, type OptimizerName } from '../../src/nn/optimizers.js';
import { fromRows, type Gradients, type Parameters } from '../../src/nn/tensor.js';

// One weight matrix W1 = [[1, −2]] with gradient [[0.5, −4]], one bias b1 = [0.3] with gradient [0].
const params: Parameters = { W: [fromRows([[1, -2]])], b: [Float64Array.of(0.3)] };
const gradients: Gradients = { W: [fromRows([[0.5, -4]])], b: [Float64Array.of(0)] };

function stepped(name: OptimizerName, learningRate = 0.1) {
  return optimizerStep(params, gradients, { name, learningRate });
}

describe('optimizers: one step from the zero state', () => {
  it('sgd: w − η ∂L/∂w', () => {
    const { parameters, updates } = stepped('sgd');
    expect(Array.from(parameters.W[0]!.data)).toEqual([1 - 0.05, -2 + 0.4]);
    expect(parameters.b[0]![0]).toBe(0.3);
    expect(updates.map((u) => u.name)).toEqual(['W1', 'b1']);
    expect(updates[0]!.formula).toEqual(['W1 ← W1 − 0.1·∂L/∂W1']);
  });

  it('momentum: v = 0.9·0 − η ∂L/∂w, w + v (the same as sgd on the first step)', () => {
    const { parameters, state, updates } = stepped('momentum');
    expect(Array.from(parameters.W[0]!.data)).toEqual([0.95, -1.6]);
    expect(Array.from(state.m.W[0]!.data)).toEqual([-0.05, 0.4]);
    expect(updates[1]!.formula).toEqual(['v_b1 ← 0.9·v_b1 − 0.1·∂L/∂b1', 'b1 ← b1 + v_b1']);
  });

  it('adagrad: g = (∂L/∂w)², w − η/(√g + ε) ∂L/∂w ≈ w − η·sign(∂L/∂w)', () => {
    const { parameters, state } = stepped('adagrad');
    expect(Array.from(state.g.W[0]!.data)).toEqual([0.25, 16]);
    expect(parameters.W[0]!.data[0]).toBeCloseTo(1 - (0.1 / (0.5 + 1e-8)) * 0.5, 15);
    expect(parameters.W[0]!.data[1]).toBeCloseTo(-2 + (0.1 / (4 + 1e-8)) * 4, 15);
    expect(parameters.b[0]![0]).toBe(0.3); // a zero gradient moves nothing
  });

  it('rmsprop: g = 0.1·(∂L/∂w)², w − η/(√g + ε) ∂L/∂w', () => {
    const { parameters, state, updates } = stepped('rmsprop');
    expect(state.g.W[0]!.data[0]).toBeCloseTo(0.025, 15);
    expect(parameters.W[0]!.data[0]).toBeCloseTo(1 - (0.1 / (Math.sqrt(0.025) + 1e-8)) * 0.5, 15); // 1 − 0.1·√10
    expect(parameters.W[0]!.data[0]).toBeCloseTo(1 - 0.1 * Math.sqrt(10), 7);
    expect(updates[0]!.formula[0]).toBe('g_W1 ← 0.9·g_W1 + 0.1·(∂L/∂W1)²');
  });

  it('adam: bias-corrected m̂ = ∂L/∂w and ĝ = (∂L/∂w)², so w − η·∂L/∂w/(|∂L/∂w| + ε)', () => {
    const { parameters, state, updates } = stepped('adam', 0.01);
    expect(state.m.W[0]!.data[0]).toBeCloseTo(0.05, 15); // (1 − β1)·0.5
    expect(state.g.W[0]!.data[0]).toBeCloseTo(0.00025, 15); // (1 − β2)·0.25
    expect(parameters.W[0]!.data[0]).toBeCloseTo(1 - (0.01 * 0.5) / (0.5 + 1e-8), 14);
    expect(parameters.W[0]!.data[1]).toBeCloseTo(-2 + (0.01 * 4) / (4 + 1e-8), 14);
    expect(state.t).toBe(1);
    expect(updates[0]!.formula).toEqual([
      'm_W1 ← 0.9·m_W1 + 0.1·∂L/∂W1',
      'g_W1 ← 0.999·g_W1 + 0.001·(∂L/∂W1)²',
      'm̂_W1 = m_W1/(1 − 0.9^1)',
      'ĝ_W1 = g_W1/(1 − 0.999^1)',
      'W1 ← W1 − 0.01/(√ĝ_W1 + 1e-8)·m̂_W1',
    ]);
  });

  it('leaves the parameters it was given unchanged', () => {
    stepped('adam');
    expect(Array.from(params.W[0]!.data)).toEqual([1, -2]);
  });
});

describe('optimizers: a second step from the returned state', () => {
  it('momentum accumulates velocity: v₂ = 0.9·v₁ − η ∂L/∂w', () => {
    const first = stepped('momentum');
    const second = optimizerStep(first.parameters, gradients, { name: 'momentum', learningRate: 0.1 }, first.state);
    expect(second.state.m.W[0]!.data[0]).toBeCloseTo(0.9 * -0.05 - 0.05, 15);
    expect(second.parameters.W[0]!.data[0]).toBeCloseTo(0.95 - 0.095, 15);
  });

  it('adam corrects with β^(t+1) at t = 1', () => {
    const first = optimizerStep(params, gradients, { name: 'adam', learningRate: 0.01 }, zeroState(params));
    const second = optimizerStep(first.parameters, gradients, { name: 'adam', learningRate: 0.01 }, first.state);
    const m = 0.9 * 0.05 + 0.1 * 0.5, g = 0.999 * 0.00025 + 0.001 * 0.25;
    const expected = first.parameters.W[0]!.data[0]! - (0.01 / (Math.sqrt(g / (1 - 0.999 ** 2)) + 1e-8)) * (m / (1 - 0.9 ** 2));
    expect(second.parameters.W[0]!.data[0]).toBeCloseTo(expected, 14);
    expect(second.updates[0]!.formula[2]).toBe('m̂_W1 = m_W1/(1 − 0.9^2)');
  });
});
