import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/check/random.js';
import { InputError } from '../../src/errors.js';
import { activate, activationSlope, activationValue, softmaxColumns } from '../../src/nn/activations.js';
import { initParameters, randomBatch } from '../../src/nn/init.js';
import { transpose } from '../../src/tensor/linalg.js';
import { hingeSlope } from '../../src/nn/losses.js';
import { backwardPass, forwardPass, gradientsOf } from '../../src/nn/mlp.js';
import type { Activation, ActivationName, Convention, LossName, Network } from '../../src/nn/network.js';
import { fromRows, toRows, type Batch, type Matrix, type Parameters } from '../../src/nn/tensor.js';

/** A network of dense layers of the given widths: `hidden` between, `output` last. */
function networkOf(widths: readonly number[], hidden: Activation, output: Activation, loss: LossName, convention: Convention = 'standard', l2?: number): Network {
  const layers = widths.slice(1).map((units, i) => ({ index: i + 1, units, inputs: widths[i]!, activation: i === widths.length - 2 ? output : hidden }));
  return { inputSize: widths[0]!, layers, loss, convention, ...(l2 === undefined ? {} : { l2 }) };
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

describe('engine: a 2-2-1 sigmoid network by hand', () => {
  // x = (0.05, 0.10), W1 = [[0.15, 0.20], [0.25, 0.30]], b1 = (0.35, 0.35), W2 = [[0.40, 0.45]], b2 = 0.60, y = 0.01, mse.
  const network = networkOf([2, 2, 1], { name: 'sigmoid' }, { name: 'sigmoid' }, 'mse');
  const params: Parameters = { W: [fromRows([[0.15, 0.2], [0.25, 0.3]]), fromRows([[0.4, 0.45]])], b: [Float64Array.of(0.35, 0.35), Float64Array.of(0.6)] };
  const batch: Batch = { x: fromRows([[0.05], [0.1]]), y: fromRows([[0.01]]) };

  /** The same network as a plain scalar loop, with the chain rule written out per weight. */
  function byHand() {
    const [x1, x2] = [0.05, 0.1];
    const z11 = 0.15 * x1 + 0.2 * x2 + 0.35, z12 = 0.25 * x1 + 0.3 * x2 + 0.35;
    const h1 = sigmoid(z11), h2 = sigmoid(z12);
    const z2 = 0.4 * h1 + 0.45 * h2 + 0.6, out = sigmoid(z2);
    const loss = (out - 0.01) ** 2;
    const dz2 = 2 * (out - 0.01) * out * (1 - out); // ∂L/∂z2 = 2(ŷ − y)·σ'(z2)
    const dz11 = dz2 * 0.4 * h1 * (1 - h1), dz12 = dz2 * 0.45 * h2 * (1 - h2);
    return { z11, z12, h1, h2, z2, out, loss, dz2, dz11, dz12, dW1: [[dz11 * x1, dz11 * x2], [dz12 * x1, dz12 * x2]], dW2: [[dz2 * h1, dz2 * h2]] };
  }

  it('computes z and a of every layer (z[1] = 0.3775, a[1] = 0.59327 as by hand)', () => {
    const forward = forwardPass(network, params, batch);
    const hand = byHand();
    expect(forward.z[0]!.data[0]).toBeCloseTo(0.3775, 12);
    expect(forward.a[1]!.data[0]).toBeCloseTo(0.593269992, 8);
    expect(forward.a[1]!.data[1]).toBeCloseTo(0.596884378, 8);
    expect(forward.a[0]).toBe(batch.x);
    expect(forward.z[1]!.data[0]).toBeCloseTo(hand.z2, 14);
    expect(forward.output.data[0]).toBeCloseTo(hand.out, 14);
    expect(forward.loss).toBeCloseTo(hand.loss, 14);
  });

  it('back-propagates δ and the gradients as the scalar chain rule does', () => {
    const forward = forwardPass(network, params, batch);
    const backward = backwardPass(network, params, batch, forward);
    const hand = byHand();
    expect(backward.delta[1]!.data[0]).toBeCloseTo(hand.dz2, 14);
    expect(Array.from(backward.delta[0]!.data)).toEqual([expect.closeTo(hand.dz11, 14), expect.closeTo(hand.dz12, 14)]);
    toRows(backward.gradients.W[0]!).flat().forEach((v, i) => expect(v).toBeCloseTo(hand.dW1.flat()[i]!, 14));
    toRows(backward.gradients.W[1]!).flat().forEach((v, i) => expect(v).toBeCloseTo(hand.dW2.flat()[i]!, 14));
    expect(backward.gradients.b[1]![0]).toBeCloseTo(hand.dz2, 14);
    expect(backward.layers[0]!.rule).toBe("δ[1] = (W[2]ᵀ δ[2]) ⊙ σ'(z[1])");
    expect(backward.layers[1]!.rule).toBe("δ[2] = (∂ℓ/∂ŷ = 2(ŷ − y)) ⊙ σ'(z[2])");
    expect(backward.layers[0]!.gradientRule).toBe('∂L/∂W[1] = δ[1] a[0]ᵀ / 1: (2×1)(1×2) → 2×2');
  });

  it('prints each forward equation with its shapes', () => {
    const forward = forwardPass(network, params, randomBatch(network, { size: 4 }));
    expect(forward.layers.map((layer) => layer.equation)).toEqual([
      'z[1] = W[1] a[0] + b[1]: (2×2)(2×4) + (2×1) → 2×4',
      'z[2] = W[2] a[1] + b[2]: (1×2)(2×4) + (1×1) → 1×4',
    ]);
  });

  it('matches seed 000: one neuron x = 0.5, w = 0.3, b = 0.1 gives z = 0.25, σ = 0.56, ½(y − ŷ)² = 0.44 for y = 1.5', () => {
    const neuron = networkOf([1, 1], { name: 'sigmoid' }, { name: 'sigmoid' }, 'mse');
    const forward = forwardPass(neuron, { W: [fromRows([[0.3]])], b: [Float64Array.of(0.1)] }, { x: fromRows([[0.5]]), y: fromRows([[1.5]]) });
    expect(forward.z[0]!.data[0]).toBeCloseTo(0.25, 14);
    expect(forward.output.data[0]).toBeCloseTo(0.56, 2);
    expect(forward.loss / 2).toBeCloseTo(0.44, 2); // mse here has no ½
  });
});

describe('engine: a softmax classifier', () => {
  // Seed 002: scores (3.2, 5.1, −1.7, −3.7) give probabilities 0.13, 0.87, … and L = −ln 0.87 = 0.14 for class 2.
  const network = networkOf([4, 4], { name: 'linear' }, { name: 'softmax' }, 'cross_entropy');
  const identity: Parameters = { W: [fromRows([[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]])], b: [new Float64Array(4)] };
  const x = fromRows([[3.2], [5.1], [-1.7], [-3.7]]);

  it('gives the probabilities and the loss of seed 002', () => {
    const forward = forwardPass(network, identity, { x, y: fromRows([[0], [1], [0], [0]]), classes: Int32Array.of(1) });
    expect(forward.output.data[0]).toBeCloseTo(0.13, 2);
    expect(forward.output.data[1]).toBeCloseTo(0.87, 2);
    expect(forward.loss).toBeCloseTo(0.14, 2);
    expect(forward.loss).toBeCloseTo(-Math.log(forward.output.data[1]!), 14);
  });

  it('has δ[L] = ŷ − y, with one-hot targets or class indices alike', () => {
    const oneHot: Batch = { x, y: fromRows([[0], [1], [0], [0]]) };
    const indexed: Batch = { ...oneHot, classes: Int32Array.of(1) };
    for (const batch of [oneHot, indexed]) {
      const forward = forwardPass(network, identity, batch);
      const backward = backwardPass(network, identity, batch, forward);
      const expected = Array.from(forward.output.data).map((p, k) => p - (k === 1 ? 1 : 0));
      Array.from(backward.delta[0]!.data).forEach((d, k) => expect(d).toBeCloseTo(expected[k]!, 15));
      expect(backward.layers[0]!.rule).toBe('δ[1] = ŷ − y (softmax + cross-entropy)');
      expect(backward.layers[0]!.slopes).toBeUndefined();
    }
  });

  it('matches seed 000: softmax(1.5, 0.8, −0.5) = 0.612, 0.305, 0.083 (exactly 0.6128, 0.3043, 0.0829)', () => {
    const p = softmaxColumns(fromRows([[1.5], [0.8], [-0.5]]));
    expect(Array.from(p.data).map((v) => Number(v.toFixed(4)))).toEqual([0.6128, 0.3043, 0.0829]);
  });
});

describe('engine: output deltas and loss conventions', () => {
  it('has δ[L] = ŷ − y for sigmoid + bce with one output, and (ŷ − y)/n with n outputs', () => {
    for (const n of [1, 3]) {
      const network = networkOf([2, n], { name: 'linear' }, { name: 'sigmoid' }, 'bce');
      const params = initParameters(network, { scheme: 'xavier', seed: 3 });
      const batch = randomBatch(network, { size: 5, seed: 4 });
      const forward = forwardPass(network, params, batch);
      const backward = backwardPass(network, params, batch, forward);
      backward.delta[0]!.data.forEach((d, i) => expect(d).toBeCloseTo((forward.output.data[i]! - batch.y.data[i]!) / n, 15));
    }
  });

  it('keeps δ[L] accurate when ŷ ≈ y = 1: σ(z) − 1 = −σ(−z) and ŷ_y − 1 = −Σ_{c≠y} ŷ_c', () => {
    const bce = networkOf([1, 1], { name: 'linear' }, { name: 'sigmoid' }, 'bce');
    const one: Parameters = { W: [fromRows([[1]])], b: [new Float64Array(1)] };
    const sigmoidBatch: Batch = { x: fromRows([[30]]), y: fromRows([[1]]) };
    const d = backwardPass(bce, one, sigmoidBatch, forwardPass(bce, one, sigmoidBatch)).delta[0]!.data[0]!;
    expect(d / -sigmoid(-30)).toBeCloseTo(1, 14); // 1 − σ(30) would keep only ~3 digits
    const softmax = networkOf([2, 2], { name: 'linear' }, { name: 'softmax' }, 'cross_entropy');
    const identity: Parameters = { W: [fromRows([[1, 0], [0, 1]])], b: [new Float64Array(2)] };
    const softmaxBatch: Batch = { x: fromRows([[40], [0]]), y: fromRows([[1], [0]]) };
    const forward = forwardPass(softmax, identity, softmaxBatch);
    const delta = backwardPass(softmax, identity, softmaxBatch, forward).delta[0]!.data;
    expect(delta[0]).toBe(-forward.output.data[1]!); // ŷ_0 rounds to 1, yet δ_0 = −ŷ_1 ≈ −4.2e−18
    expect(delta[0]).toBeLessThan(0);
  });

  it('computes bce from the logits, so a saturated sigmoid gives a finite loss', () => {
    const network = networkOf([1, 1], { name: 'linear' }, { name: 'sigmoid' }, 'bce');
    const forward = forwardPass(network, { W: [fromRows([[1]])], b: [new Float64Array(1)] }, { x: fromRows([[-800]]), y: fromRows([[1]]) });
    expect(forward.loss).toBe(800); // −ln σ(−800) = softplus(800)
  });

  it('takes the mean over all entries for mse and mae, and over examples for cross-entropy and hinge', () => {
    const y = fromRows([[1, 0], [0, 1]]);
    const yhat = fromRows([[0.5, 0.25], [0.25, 0.5]]); // an identity linear layer passes x through
    const identity: Parameters = { W: [fromRows([[1, 0], [0, 1]])], b: [new Float64Array(2)] };
    const loss = (name: LossName, output: ActivationName) => forwardPass(networkOf([2, 2], { name: 'linear' }, { name: output }, name), identity, { x: yhat, y }).dataLoss;
    expect(loss('mse', 'linear')).toBeCloseTo((0.25 + 0.0625 + 0.0625 + 0.25) / 4, 15);
    expect(loss('mae', 'linear')).toBeCloseTo((0.5 + 0.25 + 0.25 + 0.5) / 4, 15);
    // hinge, class 0 then 1: max(0, 0.25 − 0.5 + 1) + max(0, 0.25 − 0.5 + 1), over 2 examples
    expect(loss('hinge', 'linear')).toBeCloseTo((0.75 + 0.75) / 2, 15);
  });

  it('splits the hinge gradient evenly at a tie, as the scalar max op does (½ to the margin)', () => {
    expect([hingeSlope(0.1), hingeSlope(0), hingeSlope(-0.1)]).toEqual([1, 0.5, 0]);
    const network = networkOf([2, 2], { name: 'linear' }, { name: 'linear' }, 'hinge');
    const identity: Parameters = { W: [fromRows([[1, 0], [0, 1]])], b: [new Float64Array(2)] };
    const batch: Batch = { x: fromRows([[0], [1]]), y: fromRows([[0], [1]]), classes: Int32Array.of(1) }; // margin s0 − s1 + 1 = 0
    const forward = forwardPass(network, identity, batch);
    expect(forward.loss).toBe(0);
    expect(Array.from(backwardPass(network, identity, batch, forward).delta[0]!.data)).toEqual([0.5, -0.5]);
  });

  it('gives mae a zero derivative where ŷ = y', () => {
    const network = networkOf([1, 1], { name: 'linear' }, { name: 'linear' }, 'mae');
    const { gradients } = gradientsOf(network, { W: [fromRows([[2]])], b: [new Float64Array(1)] }, { x: fromRows([[1, 1]]), y: fromRows([[2, 3]]) });
    expect(gradients.W[0]!.data[0]).toBe(-0.5); // (sign 0 + sign(−1))·x / 2
  });

  it('adds λ·ΣW² to the loss and 2λW to the weight gradients, not to the biases', () => {
    const plain = networkOf([3, 2, 2], { name: 'tanh' }, { name: 'linear' }, 'mse');
    const regular = { ...plain, l2: 0.1 };
    const params = initParameters(plain, { scheme: 'xavier', seed: 5 });
    const batch = randomBatch(plain, { size: 3, seed: 6 });
    const a = forwardPass(plain, params, batch), b = forwardPass(regular, params, batch);
    const sumSquares = params.W.reduce((sum, w) => sum + w.data.reduce((s, v) => s + v * v, 0), 0);
    expect(b.regularization).toBeCloseTo(0.1 * sumSquares, 15);
    expect(b.loss).toBeCloseTo(a.loss + 0.1 * sumSquares, 15);
    const ga = gradientsOf(plain, params, batch).gradients, gb = gradientsOf(regular, params, batch).gradients;
    gb.W[1]!.data.forEach((v, i) => expect(v).toBeCloseTo(ga.W[1]!.data[i]! + 0.2 * params.W[1]!.data[i]!, 15));
    expect(gb.b[1]).toEqual(ga.b[1]);
  });
});

describe('engine: conventions', () => {
  it('gives the same loss, and transposed weight gradients, for transposed weights', () => {
    const standard = networkOf([4, 3, 3], { name: 'tanh' }, { name: 'softmax' }, 'cross_entropy', 'standard', 0.01);
    const transposed: Network = { ...standard, convention: 'transposed' };
    const params = initParameters(standard, { scheme: 'xavier', seed: 7 });
    const flipped: Parameters = { W: params.W.map(transpose), b: params.b };
    const batch = randomBatch(standard, { size: 5, seed: 8 });
    const a = gradientsOf(standard, params, batch), b = gradientsOf(transposed, flipped, batch);
    expect(b.loss).toBeCloseTo(a.loss, 14);
    a.gradients.W.forEach((dW, l) => transpose(dW).data.forEach((v, i) => expect(b.gradients.W[l]!.data[i]).toBeCloseTo(v, 14)));
    a.gradients.b.forEach((db, l) => db.forEach((v, i) => expect(b.gradients.b[l]![i]).toBeCloseTo(v, 14)));
    const forward = forwardPass(transposed, flipped, batch);
    expect(forward.layers[0]!.equation).toBe('z[1] = W[1]ᵀ a[0] + b[1]: (3×4)(4×5) + (3×1) → 3×5');
    expect(backwardPass(transposed, flipped, batch, forward).layers[0]!.rule).toBe("δ[1] = (W[2] δ[2]) ⊙ tanh'(z[1])");
  });

  it('refuses parameters of the wrong shape with an InputError naming the parameter', () => {
    const network = networkOf([2, 3, 1], { name: 'relu' }, { name: 'linear' }, 'mse');
    const params = initParameters({ ...network, convention: 'transposed' }, { scheme: 'he', seed: 1 });
    const run = () => forwardPass(network, params, randomBatch(network));
    expect(run).toThrow(InputError);
    expect(run).toThrow('W1 should be 3×2, got 2×3');
  });
});

/** Central differences of forwardPass's loss for every parameter. */
function finiteDifferences(network: Network, params: Parameters, batch: Batch, h = 1e-6): { W: number[][]; b: number[][] } {
  const lossAt = (p: Parameters) => forwardPass(network, p, batch).loss;
  const nudge = (tensor: Float64Array, i: number) => {
    const saved = tensor[i]!;
    tensor[i] = saved + h;
    const up = lossAt(params);
    tensor[i] = saved - h;
    const down = lossAt(params);
    tensor[i] = saved;
    return (up - down) / (2 * h);
  };
  return {
    W: params.W.map((w: Matrix) => Array.from(w.data, (_, i) => nudge(w.data, i))),
    b: params.b.map((b) => Array.from(b, (_, i) => nudge(b, i))),
  };
}

const HIDDEN: readonly Activation[] = [
  { name: 'linear' }, { name: 'sigmoid' }, { name: 'tanh' }, { name: 'relu' }, { name: 'leaky_relu', alpha: 0.1 }, { name: 'elu', alpha: 0.7 },
  { name: 'softplus' }, { name: 'swish' }, { name: 'softmax' },
];
const OUTPUTS: readonly [ActivationName, LossName][] = [
  ['linear', 'mse'], ['tanh', 'mse'], ['linear', 'mae'], ['sigmoid', 'bce'], ['softmax', 'bce'],
  ['softmax', 'cross_entropy'], ['sigmoid', 'cross_entropy'], ['linear', 'hinge'], ['elu', 'hinge'],
];

describe('engine: gradients against central finite differences', () => {
  const cases = HIDDEN.flatMap((hidden) => OUTPUTS.map(([output, loss]) => [hidden, output, loss] as const));
  it.each(cases)('%o hidden layers, %s output, %s loss', (hidden, output, loss) => {
    for (const convention of ['standard', 'transposed'] as const) {
      const outputs = loss === 'bce' && output === 'sigmoid' ? 2 : 3;
      const network = networkOf([3, 4, 3, outputs], hidden, { name: output }, loss, convention, 0.01);
      const random = seededRandom(hidden.name.length * 31 + loss.length);
      const init = initParameters(network, { scheme: 'xavier', seed: 9 });
      const params: Parameters = { W: init.W, b: init.b.map((b) => b.map(() => random() - 0.5)) };
      const batch = randomBatch(network, { size: 3, seed: 10 });
      const { gradients } = gradientsOf(network, params, batch);
      const numeric = finiteDifferences(network, params, batch);
      const compare = (analytic: ArrayLike<number>, estimate: number[]) =>
        estimate.forEach((e, i) => expect(Math.abs(analytic[i]! - e)).toBeLessThan(1e-7 * Math.max(1, Math.abs(e))));
      gradients.W.forEach((dW, l) => compare(dW.data, numeric.W[l]!));
      gradients.b.forEach((db, l) => compare(db, numeric.b[l]!));
    }
  });
});

describe('engine: activations follow the scalar ops at their kinks', () => {
  it('has relu\'(0) = 0, leaky_relu\'(0) = α and elu\'(x) = α·eˣ for x ≤ 0', () => {
    expect(activationSlope({ name: 'relu' }, 0)).toBe(0);
    expect(activationSlope({ name: 'leaky_relu' }, 0)).toBe(0.01);
    expect(activationSlope({ name: 'leaky_relu', alpha: 0.2 }, 0)).toBe(0.2);
    expect(activationSlope({ name: 'elu', alpha: 2 }, 0)).toBe(2);
    expect(activationSlope({ name: 'elu' }, -1)).toBeCloseTo(Math.exp(-1), 15);
    expect(activationValue({ name: 'elu', alpha: 2 }, -1)).toBeCloseTo(2 * (Math.exp(-1) - 1), 15);
  });

  it('stays finite far from 0 (stable sigmoid, softplus, swish, softmax)', () => {
    expect(activationValue({ name: 'sigmoid' }, -800)).toBe(0);
    expect(activationValue({ name: 'softplus' }, 800)).toBe(800);
    expect(Math.abs(activationSlope({ name: 'swish' }, -800))).toBe(0);
    expect(Array.from(activate({ name: 'softmax' }, fromRows([[1000], [1000]])).data)).toEqual([0.5, 0.5]);
  });
});
