// The MLP engine, chainrule mlp and chainrule shapes against references: plain
// JavaScript loops written from README's loss definitions and seed 004's formulas, independent of src/nn.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { networkShapes } from '../../src/explain/shapes.js';
import { checkGradients, checkSummaryText } from '../../src/nn/check.js';
import { diagnose } from '../../src/nn/diagnostics.js';
import { batchFromJson, initParameters, randomBatch } from '../../src/nn/init.js';
import { backwardPass, forwardPass } from '../../src/nn/mlp.js';
import { parseNetwork } from '../../src/nn/spec.js';
import { run } from '../cli/run.js';

const dir = mkdtempSync(join(tmpdir(), 'chainrule-review-nn-'));
let files = 0;
const file = (content: string, ext = 'json') => {
  const path = join(dir, `f${files++}.${ext}`);
  writeFileSync(path, content);
  return path;
};

// ---------------------------------------------------------------------------------------------------------------
// A plain-JS reference: the loss of a network as README defines it, and its gradient by central differences.

interface RefLayer {
  units: number;
  act: string;
  alpha?: number;
}
interface RefNet {
  input: number;
  layers: RefLayer[];
  loss: 'mse' | 'mae' | 'bce' | 'cross_entropy' | 'hinge';
  l2?: number;
  transposed?: boolean;
}
interface RefParams {
  W: number[][][];
  b: number[][];
}
/** Targets per example: a row (targets or one-hot) or a class index. */
type Target = number[] | number;

const sig = (x: number) => 1 / (1 + Math.exp(-x));

function activation(name: string, alpha: number, z: number[]): number[] {
  switch (name) {
    case 'linear':
      return [...z];
    case 'sigmoid':
      return z.map(sig);
    case 'tanh':
      return z.map(Math.tanh);
    case 'relu':
      return z.map((v) => Math.max(0, v));
    case 'leaky_relu':
      return z.map((v) => (v > 0 ? v : alpha * v));
    case 'elu':
      return z.map((v) => (v > 0 ? v : alpha * (Math.exp(v) - 1)));
    case 'softplus':
      return z.map((v) => Math.log(1 + Math.exp(v)));
    case 'swish':
      return z.map((v) => v * sig(v));
    case 'softmax': {
      const m = Math.max(...z);
      const e = z.map((v) => Math.exp(v - m));
      const s = e.reduce((a, b) => a + b, 0);
      return e.map((v) => v / s);
    }
  }
  throw new Error(name);
}

/** README: L = (1/B) Σ_b ℓ_b + λ Σ W², with ℓ_b per loss. */
function refLoss(net: RefNet, P: RefParams, X: number[][], Y: Target[]): number {
  let total = 0;
  const n = net.layers[net.layers.length - 1]!.units;
  X.forEach((x, e) => {
    let a = x;
    net.layers.forEach((layer, l) => {
      const W = P.W[l]!;
      const z: number[] = [];
      for (let u = 0; u < layer.units; u++) {
        let s = P.b[l]![u]!;
        for (let j = 0; j < a.length; j++) s += (net.transposed ? W[j]![u]! : W[u]![j]!) * a[j]!;
        z.push(s);
      }
      a = activation(layer.act, layer.alpha ?? (layer.act === 'elu' ? 1 : 0.01), z);
    });
    const y = Y[e]!;
    const row = (k: number) => (y as number[])[k]!;
    if (net.loss === 'mse') for (let k = 0; k < n; k++) total += (a[k]! - row(k)) ** 2 / n;
    if (net.loss === 'mae') for (let k = 0; k < n; k++) total += Math.abs(a[k]! - row(k)) / n;
    if (net.loss === 'bce') for (let k = 0; k < n; k++) total += -(row(k) * Math.log(a[k]!) + (1 - row(k)) * Math.log(1 - a[k]!)) / n;
    if (net.loss === 'cross_entropy') {
      if (typeof y === 'number') total -= Math.log(a[y]!);
      else for (let k = 0; k < n; k++) total -= row(k) * Math.log(a[k]!);
    }
    if (net.loss === 'hinge') {
      const c = typeof y === 'number' ? y : y.indexOf(1);
      for (let k = 0; k < n; k++) if (k !== c) total += Math.max(0, a[k]! - a[c]! + 1);
    }
  });
  let squares = 0;
  for (const W of P.W) for (const r of W) for (const v of r) squares += v * v;
  return total / X.length + (net.l2 ?? 0) * squares;
}

/** ∂L/∂θ by central differences, improved by Richardson extrapolation (error ~1e-9 relative on these networks). */
function refGradient(net: RefNet, P: RefParams, X: number[][], Y: Target[]): RefParams {
  const at = (get: () => number, set: (v: number) => void) => {
    const x0 = get();
    const h = 1e-3 * Math.max(1, Math.abs(x0));
    const f = (t: number) => {
      set(x0 + t);
      const v = refLoss(net, P, X, Y);
      set(x0);
      return v;
    };
    const D = (s: number) => (f(s) - f(-s)) / (2 * s);
    return (4 * D(h / 2) - D(h)) / 3;
  };
  return {
    W: P.W.map((W) => W.map((r) => r.map((_, j) => at(() => r[j]!, (v) => (r[j] = v))))),
    b: P.b.map((b) => b.map((_, i) => at(() => b[i]!, (v) => (b[i] = v)))),
  };
}

/** A small deterministic generator (not the project's) for the reference cases. */
function lcg(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

function specOf(net: RefNet): string {
  const act = (l: RefLayer) => (l.alpha === undefined ? l.act : `${l.act}(${l.alpha})`);
  return [`input ${net.input}`, ...net.layers.map((l) => `dense ${l.units} ${act(l)}`), `loss ${net.loss}`, ...(net.l2 ? [`regularize l2 ${net.l2}`] : []), ...(net.transposed ? ['convention transposed'] : [])].join('\n');
}

/** Random parameters in the network's convention (rounded, so the JSON is exact). */
function paramsOf(net: RefNet, random: () => number): RefParams {
  const P: RefParams = { W: [], b: [] };
  let previous = net.input;
  for (const layer of net.layers) {
    const [rows, cols] = net.transposed ? [previous, layer.units] : [layer.units, previous];
    P.W.push(Array.from({ length: rows }, () => Array.from({ length: cols }, () => Math.round((random() * 2 - 1) * 1000) / 1000)));
    P.b.push(Array.from({ length: layer.units }, () => Math.round((random() * 2 - 1) * 1000) / 1000));
    previous = layer.units;
  }
  return P;
}

/** Runs `chainrule mlp --params … --format json` and compares loss and gradients with the plain-JS reference. */
async function expectMatchesReference(net: RefNet, P: RefParams, X: unknown, Y: unknown, refX: number[][], refY: Target[]) {
  const json: Record<string, unknown> = { x: X, y: Y };
  P.W.forEach((W, l) => {
    json[`W${l + 1}`] = W;
    json[`b${l + 1}`] = P.b[l];
  });
  const result = await run(['mlp', file(specOf(net), 'net'), '--params', file(JSON.stringify(json)), '--format', 'json']);
  expect(result.err).toBe('');
  expect(result.code).toBe(0);
  const out = JSON.parse(result.out);
  expect(out.loss).toBeCloseTo(refLoss(net, P, refX, refY), 12);
  const G = refGradient(net, P, refX, refY);
  G.W.forEach((W, l) => {
    expect(out.gradients[`W${l + 1}`]).toHaveLength(W.length);
    W.forEach((row, i) => row.forEach((g, j) => expect(out.gradients[`W${l + 1}`][i][j]).toBeCloseTo(g, 7)));
  });
  G.b.forEach((b, l) => b.forEach((g, i) => expect(out.gradients[`b${l + 1}`][i]).toBeCloseTo(g, 7)));
  return out;
}

// ---------------------------------------------------------------------------------------------------------------

describe('chainrule mlp --format json against a plain-JS reference (README loss definitions)', () => {
  const random = lcg(2024);
  const examples = (B: number, n: number) => Array.from({ length: B }, () => Array.from({ length: n }, () => Math.round((random() * 4 - 2) * 100) / 100));
  const cases: [string, RefNet, 'rows' | 'indices' | 'binary'][] = [
    ['mse, tanh hidden, two outputs', { input: 3, layers: [{ units: 4, act: 'tanh' }, { units: 2, act: 'linear' }], loss: 'mse' }, 'rows'],
    ['mae, softplus and swish', { input: 2, layers: [{ units: 3, act: 'softplus' }, { units: 3, act: 'swish' }, { units: 2, act: 'sigmoid' }], loss: 'mae' }, 'rows'],
    ['bce with three outputs (the mean over outputs)', { input: 2, layers: [{ units: 3, act: 'elu', alpha: 0.5 }, { units: 3, act: 'sigmoid' }], loss: 'bce' }, 'binary'],
    ['cross_entropy with one-hot rows', { input: 3, layers: [{ units: 4, act: 'leaky_relu', alpha: 0.2 }, { units: 3, act: 'softmax' }], loss: 'cross_entropy' }, 'rows'],
    ['cross_entropy with class indices', { input: 3, layers: [{ units: 4, act: 'relu' }, { units: 3, act: 'softmax' }], loss: 'cross_entropy' }, 'indices'],
    ['hinge with class indices', { input: 2, layers: [{ units: 3, act: 'sigmoid' }, { units: 4, act: 'linear' }], loss: 'hinge' }, 'indices'],
    ['hinge with one-hot rows', { input: 2, layers: [{ units: 4, act: 'linear' }], loss: 'hinge' }, 'rows'],
    ['a softmax hidden layer', { input: 2, layers: [{ units: 3, act: 'softmax' }, { units: 2, act: 'tanh' }], loss: 'mse' }, 'rows'],
    ['l2 regularisation', { input: 2, layers: [{ units: 3, act: 'tanh' }, { units: 1, act: 'sigmoid' }], loss: 'bce', l2: 0.05 }, 'binary'],
    ['the transposed convention', { input: 3, layers: [{ units: 2, act: 'elu' }, { units: 3, act: 'softmax' }], loss: 'cross_entropy', l2: 0.01, transposed: true }, 'indices'],
    ['a single layer', { input: 4, layers: [{ units: 2, act: 'leaky_relu', alpha: 0.3 }], loss: 'mse' }, 'rows'],
  ];
  for (const [name, net, targets] of cases) {
    for (const B of [1, 3]) {
      it(`${name}, batch ${B}`, async () => {
        const P = paramsOf(net, random);
        const X = examples(B, net.input);
        const n = net.layers[net.layers.length - 1]!.units;
        const classes = X.map(() => Math.floor(random() * n));
        const Y: Target[] =
          targets === 'indices' ? classes
          : targets === 'binary' ? X.map(() => Array.from({ length: n }, () => (random() < 0.5 ? 0 : 1)))
          : net.loss === 'mse' || net.loss === 'mae' ? X.map(() => Array.from({ length: n }, () => Math.round((random() * 2 - 1) * 100) / 100))
          : classes.map((c) => Array.from({ length: n }, (_, k) => (k === c ? 1 : 0)));
        await expectMatchesReference(net, P, X, Y, X, Y);
      });
    }
  }
});

describe('params JSON in reasonable variants (one example, flat rows, single numbers)', () => {
  const net: RefNet = { input: 3, layers: [{ units: 4, act: 'tanh' }, { units: 3, act: 'softmax' }], loss: 'cross_entropy' };
  const P = paramsOf(net, lcg(7));

  it('reads one example with x flat and y as its one-hot row written flat (was: "y has 3 entries but x has 1 examples")', async () => {
    await expectMatchesReference(net, P, [0.5, -1, 2], [0, 0, 1], [[0.5, -1, 2]], [2]);
  });

  it('reads one example whose y is a single class index, or x and y as single numbers', async () => {
    await expectMatchesReference(net, P, [0.5, -1, 2], 1, [[0.5, -1, 2]], [1]);
    const one: RefNet = { input: 1, layers: [{ units: 2, act: 'tanh' }, { units: 1, act: 'linear' }], loss: 'mse' };
    await expectMatchesReference(one, paramsOf(one, lcg(8)), 0.75, -0.5, [[0.75]], [[-0.5]]);
  });

  it('reads y as a flat list of targets for a single output, and as 0-based class indices', async () => {
    const single: RefNet = { input: 2, layers: [{ units: 3, act: 'relu' }, { units: 1, act: 'sigmoid' }], loss: 'bce' };
    const X = [[0.3, -0.2], [1.1, 0.4], [-0.7, 0.9]];
    await expectMatchesReference(single, paramsOf(single, lcg(9)), X, [0, 1, 1], X, [[0], [1], [1]]);
    await expectMatchesReference(net, P, X.map((x) => [...x, 1]), [0, 2, 1], X.map((x) => [...x, 1]), [0, 2, 1]);
    await expectMatchesReference(net, P, X.map((x) => [...x, 1]), [[0], [2], [1]], X.map((x) => [...x, 1]), [0, 2, 1]); // indices as a column
  });

  it('reads a weight matrix of one row (or, transposed, one column) written as a flat list, like a bias', async () => {
    const X = [[0.3, -0.2], [1.1, 0.4]];
    for (const transposed of [false, true]) {
      const single: RefNet = { input: 2, layers: [{ units: 2, act: 'tanh' }, { units: 1, act: 'linear' }], loss: 'mse', transposed };
      const P = paramsOf(single, lcg(11));
      const json = { W1: P.W[0], b1: P.b[0], W2: P.W[1]!.flat(), b2: P.b[1], x: X, y: [0.5, -0.5] };
      const result = await run(['mlp', file(specOf(single), 'net'), '--params', file(JSON.stringify(json)), '--format', 'json']);
      expect(result.code).toBe(0);
      const out = JSON.parse(result.out);
      expect(out.loss).toBeCloseTo(refLoss(single, P, X, [[0.5], [-0.5]]), 14);
      expect(out.gradients.W2).toHaveLength(transposed ? 2 : 1); // rows in the network's convention
    }
    const spec = file('input 2\ndense 1 linear\nloss mse\n', 'net');
    const wrong = await run(['mlp', spec, '--params', file(JSON.stringify({ W1: [1, 2, 3], b1: [0], x: [[1, 1]], y: [0] }))]);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain('W1 should be a 1 × 2 matrix (units × inputs, the standard convention z = W a + b), one array per row; got a flat list of 3 numbers');
  });

  it('says when x or y is given one column per example instead of one row per example', () => {
    const network = parseNetwork('input 2\ndense 3 tanh\ndense 1 linear\nloss mse\n');
    const error = (json: unknown) => {
      try {
        batchFromJson(network, json);
      } catch (e) {
        return e as { message: string; hint?: string };
      }
      throw new Error('no error');
    };
    expect(error({ x: [[1, 2, 3], [4, 5, 6]], y: [1, 2, 3] }).hint).toMatch(/x looks transposed \(2 rows of 3\): give one row per example, 2 entries each/);
    expect(error({ x: [[1, 2], [3, 4], [5, 6]], y: [[1, 2, 3]] }).hint).toMatch(/y looks transposed \(1 row of 3\)/);
  });
});

describe('kinks and ties follow README (relu′(0) = 0, leaky_relu′(0) = α, elu′(0) = α, mae 0, hinge ½)', () => {
  const gradientAtZero = async (act: string) => {
    const spec = file(`input 1\ndense 1 ${act}\nloss mse\n`, 'net');
    const params = file(JSON.stringify({ W1: [[0]], b1: [0], x: [[1]], y: [1] })); // z = 0, ŷ = 0, ∂ℓ/∂ŷ = 2(0 − 1) = −2
    const out = JSON.parse((await run(['mlp', spec, '--params', params, '--format', 'json'])).out);
    return out.gradients.b1[0] as number;
  };

  it('gives δ = −2·σ′(0) at a pre-activation of exactly 0', async () => {
    expect(await gradientAtZero('relu')).toBe(0);
    expect(await gradientAtZero('leaky_relu(0.2)')).toBeCloseTo(-0.4, 15);
    expect(await gradientAtZero('elu(0.5)')).toBeCloseTo(-1, 15);
    expect(await gradientAtZero('leaky_relu')).toBeCloseTo(-0.02, 15);
  });

  it('shows leaky_relu’s slope and elu’s α in the report, since σ′ depends on them', async () => {
    const result = await run(['mlp', file('input 2\ndense 3 leaky_relu(0.2)\ndense 1 elu(0.5)\nloss mse\n', 'net'), '--batch', '2']);
    expect(result.out).toContain('input 2 → 3 leaky_relu(0.2) → 1 elu(0.5)');
    expect(result.out).toContain('a^[1] = leaky_relu(z^[1]) with α = 0.2, entry by entry.');
  });

  it('gives mae a zero gradient where ŷ = y, and hinge ½ at a margin of exactly 0', async () => {
    const mae = file('input 1\ndense 2 linear\nloss mae\n', 'net');
    const maeOut = JSON.parse((await run(['mlp', mae, '--params', file(JSON.stringify({ W1: [[0], [0]], b1: [0.5, 1], x: [[1]], y: [[0.5, 0]] })), '--format', 'json'])).out);
    expect(maeOut.gradients.b1).toEqual([0, 0.5]); // sign(0)/2, sign(1)/2
    expect(maeOut.loss).toBeCloseTo(0.5, 15);
    const hinge = file('input 1\ndense 3 linear\nloss hinge\n', 'net');
    const hingeOut = JSON.parse((await run(['mlp', hinge, '--params', file(JSON.stringify({ W1: [[0], [0], [0]], b1: [0, 0, -1], x: [[1]], y: [0] })), '--format', 'json'])).out);
    expect(hingeOut.loss).toBe(1); // max(0, 0 − 0 + 1) + max(0, −1 − 0 + 1)
    expect(hingeOut.gradients.b1).toEqual([-1.5, 1, 0.5]);
  });

  it('gives δ^[L] = ŷ − y for softmax + cross-entropy and (ŷ − y)/n for sigmoid + bce with n outputs', async () => {
    const spec = file('input 2\ndense 3 sigmoid\nloss bce\n', 'net');
    const out = JSON.parse((await run(['mlp', spec, '--params', file(JSON.stringify({ W1: [[1, 0], [0, 1], [1, 1]], b1: [0, 0.5, -1], x: [[0.2, 0.4]], y: [[1, 0, 1]] })), '--format', 'json'])).out);
    const z = [0.2, 0.9, -0.4];
    const y = [1, 0, 1];
    z.forEach((v, k) => expect(out.forward.delta1[k][0]).toBeCloseTo((sig(v) - y[k]!) / 3, 15));
  });
});

describe('optimizer steps (seed 004) against plain JS', () => {
  const spec = file('input 2\ndense 2 tanh\ndense 1 linear\nloss mse\n', 'net');
  const params = file(JSON.stringify({ W1: [[0.5, -0.3], [0.2, 0.8]], b1: [0.1, -0.1], W2: [[1.5, -0.7]], b2: [0.2], x: [[1, 2], [-1, 0.5]], y: [0.3, -0.4] }));
  const step = async (name: string, lr: string) => JSON.parse((await run(['mlp', spec, '--params', params, '--format', 'json', '--step', name, '--lr', lr])).out);
  const W1 = [[0.5, -0.3], [0.2, 0.8]];

  it('takes adam’s first step with bias correction at t = 1: w − η·g/(|g| + ε)', async () => {
    const out = await step('adam', '0.01');
    out.gradients.W1.forEach((row: number[], i: number) =>
      row.forEach((g, j) => {
        const m = 0.1 * g, v = 0.001 * g * g;
        const mHat = m / (1 - 0.9), vHat = v / (1 - 0.999);
        expect(out.step.parameters.W1[i][j]).toBeCloseTo(W1[i]![j]! - (0.01 * mHat) / (Math.sqrt(vHat) + 1e-8), 14);
        expect(out.step.parameters.W1[i][j]).toBeCloseTo(W1[i]![j]! - 0.01 * Math.sign(g), 6);
      }),
    );
  });

  it('takes sgd, momentum, adagrad and rmsprop steps from the zero state', async () => {
    const expected: Record<string, (w: number, g: number) => number> = {
      sgd: (w, g) => w - 0.1 * g,
      momentum: (w, g) => w + (0.9 * 0 - 0.1 * g),
      adagrad: (w, g) => w - (0.1 / (Math.sqrt(g * g) + 1e-8)) * g,
      rmsprop: (w, g) => w - (0.1 / (Math.sqrt(0.1 * g * g) + 1e-8)) * g,
    };
    for (const [name, rule] of Object.entries(expected)) {
      const out = await step(name, '0.1');
      out.gradients.W1.forEach((row: number[], i: number) => row.forEach((g, j) => expect(out.step.parameters.W1[i][j]).toBeCloseTo(rule(W1[i]![j]!, g), 14)));
    }
  });
});

describe('diagnostics', () => {
  it('computes gradient norms and their ratios as plain JS does', () => {
    const network = parseNetwork('input 3\ndense 4 sigmoid\ndense 4 sigmoid\ndense 2 linear\nloss mse\n');
    const params = initParameters(network, { scheme: 'xavier', seed: 3 });
    const batch = randomBatch(network, { size: 5, seed: 4 });
    const forward = forwardPass(network, params, batch);
    const gradients = backwardPass(network, params, batch, forward).gradients;
    const result = diagnose(network, params, forward, gradients);
    const norm = (values: ArrayLike<number>) => Math.sqrt(Array.from(values).reduce((sum, v) => sum + v * v, 0));
    result.norms.forEach((n, i) => {
      expect(n.weight).toBeCloseTo(norm(gradients.W[i]!.data), 15);
      expect(n.bias).toBeCloseTo(norm(gradients.b[i]!), 15);
    });
    expect(result.ratios[0]!.ratio).toBeCloseTo(norm(gradients.W[0]!.data) / norm(gradients.W[1]!.data), 14);
    expect(result.firstOverLast).toBeCloseTo(norm(gradients.W[0]!.data) / norm(gradients.W[2]!.data), 14);
  });

  it('writes the transposed convention’s δ recursion (W δ, no ᵀ) in the zero-initialisation warning', () => {
    const network = parseNetwork('input 2\ndense 3 tanh\ndense 1 linear\nloss mse\nconvention transposed\n');
    const params = initParameters(network, { scheme: 'zeros' });
    const batch = randomBatch(network, { size: 2 });
    const forward = forwardPass(network, params, batch);
    const warnings = diagnose(network, params, forward, backwardPass(network, params, batch, forward).gradients).warnings.join('\n');
    expect(warnings).toContain("δ[1] = (W[2] δ[2]) ⊙ σ'(z[1]) = 0");
    expect(warnings).not.toContain('W[2]ᵀ');
  });
});

describe('chainrule mlp errors are clear (exit 2, no stack trace, never exit 3)', () => {
  const spec = file('input 2\ndense 2 relu\ndense 1 linear\nloss mse\n', 'net');
  const softmax = file('input 2\ndense 3 softmax\nloss cross_entropy\n', 'net');
  const expectBadInput = (result: { code: number; out: string; err: string }, message: RegExp) => {
    expect(result.code).toBe(2);
    expect(result.err).toMatch(message);
    expect(result.err).not.toMatch(/internal error|    at /);
  };

  it('reports a forward pass that overflows float64 (was exit 3 "internal error", or exit 1 with null in the JSON)', async () => {
    const overflow = file(JSON.stringify({ W1: [[1e308, 1], [1, 1], [0, 0]], b1: [0, 0, 0], x: [[10, 1]], y: [1] }));
    expectBadInput(await run(['mlp', softmax, '--params', overflow, '--format', 'json']), /an entry of z\^\[1\] is Infinity: the numbers overflow float64/);
    const lossOverflow = file(JSON.stringify({ W1: [[1e160, 1], [1, 1]], b1: [0, 0], W2: [[1, 1]], b2: [0], x: [[1, 1]], y: [0] }));
    expectBadInput(await run(['mlp', spec, '--params', lossOverflow]), /the loss is Infinity/);
  });

  it('reads a negative option value as the option’s value (was: "too many arguments for \'mlp\'")', async () => {
    expectBadInput(await run(['mlp', spec, '--step', 'sgd', '--lr', '-1']), /--lr takes a positive number, as in --lr 1e-6 \(got "-1"\)/);
    expectBadInput(await run(['mlp', spec, '--seed', '-3']), /--seed takes a whole number of at least 0 \(got "-3"\)/);
    expect((await run(['eval', '-1+2'])).out.trim()).toBe('1'); // an expression with a minus is still an expression
  });

  it('bounds --digits (was exit 3 from toPrecision) and --batch (was out of memory after minutes)', async () => {
    expectBadInput(await run(['mlp', spec, '--digits', '101']), /--digits takes a whole number from 1 to 17/);
    expectBadInput(await run(['mlp', spec, '--batch', '0']), /--batch takes a whole number of at least 1/);
    expectBadInput(await run(['mlp', spec, '--batch', '10000000', '--format', 'json']), /a batch of 10000000 examples is too large/);
  });

  it('reads a --params file of a few megabytes (was "is 2176263 bytes long; the limit is 100000 characters")', async () => {
    const big = file('input 300\ndense 300 tanh\ndense 2 softmax\nloss cross_entropy\n', 'net');
    const random = lcg(5);
    const matrix = (r: number, c: number) => Array.from({ length: r }, () => Array.from({ length: c }, () => (random() - 0.5) / 10));
    const json = JSON.stringify({ W1: matrix(300, 300), b1: Array(300).fill(0), W2: matrix(2, 300), b2: [0, 0], x: matrix(4, 300), y: [0, 1, 1, 0] });
    expect(json.length).toBeGreaterThan(400_000);
    const result = await run(['mlp', big, '--params', file(json), '--format', 'json']);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out).gradients.W1).toHaveLength(300);
  });

  it('names non-finite numbers, bad JSON and wrong shapes', async () => {
    expectBadInput(await run(['mlp', spec, '--params', file('{"W1": [[1e400, 1], [1, 1]], "b1": [0, 0], "W2": [[1, 1]], "b2": [0], "x": [[1, 1]], "y": [0]}')]), /W1\[0\]\[0\] is Infinity: too large for float64/);
    expectBadInput(await run(['mlp', spec, '--params', file('{"W1": [[NaN, 1]]}')]), /is not valid JSON/);
    expectBadInput(await run(['mlp', spec, '--params', file('{"W1": [[1, 1]], "b1": [0, 0], "W2": [[1, 1]], "b2": [0], "x": [[1, 1]], "y": [0]}')]), /W1 should be 2 × 2/);
  });

  it('writes a JSON report too long to indent without indentation, and one too long even then as exit 2 (was exit 3, "Invalid string length", for 1000 layers of 99 units with --step)', async () => {
    const stringify = JSON.stringify;
    const tooLong = (whenIndented: boolean) =>
      vi.spyOn(JSON, 'stringify').mockImplementation(((value: unknown, replacer?: never, space?: number) => {
        const report = typeof value === 'object' && value !== null && 'gradients' in value;
        if (report && (!whenIndented || space === 2)) throw new RangeError('Invalid string length');
        return stringify(value, replacer, space);
      }) as typeof JSON.stringify);
    const spy = tooLong(true);
    try {
      const compact = await run(['mlp', spec, '--format', 'json']);
      expect(compact.code).toBe(0);
      expect(compact.out.trim()).not.toContain('\n');
      expect(JSON.parse(compact.out).gradients.W1).toHaveLength(2);
    } finally {
      spy.mockRestore();
    }
    const always = tooLong(false);
    try {
      expectBadInput(await run(['mlp', spec, '--format', 'json', '--step', 'adam']), /the JSON report is too long to write as one string/);
    } finally {
      always.mockRestore();
    }
  });

  it('reports a spec of only comments and blank lines (was a stack trace from the caret, exit 1)', async () => {
    const result = await run(['shapes', file('\n\n# nothing here\n', 'net')]);
    expectBadInput(result, /the network spec is empty \(line 1, column 1/);
  });
});

describe('the MLP cross-check says when nothing could be compared, and stays affordable at the spec limits', () => {
  it('says "not verified" instead of "agree on all 0 directions" when every check is skipped or meets a kink', async () => {
    const spec = file('input 300\ndense 300 relu\ndense 10 softmax\nloss cross_entropy\n', 'net');
    const result = await run(['mlp', spec, '--init', 'zeros', '--batch', '8']);
    expect(result.code).toBe(0);
    expect(result.out).toContain('? gradients not verified: nothing could be compared');
    expect(result.out).not.toContain('on all 0');
  });

  it('samples the per-tensor directions of a deep network and makes them one at a time', () => {
    const network = parseNetwork(`input 2\n${'dense 2 tanh\n'.repeat(40)}dense 1 linear\nloss mse\n`);
    const params = initParameters(network, { scheme: 'xavier', seed: 1 });
    const batch = randomBatch(network, { size: 2 });
    const check = checkGradients(network, params, batch, { tensorDirections: 6, maxScalarNodes: 0, coordinates: 0 });
    expect(check.agree).toBe(true);
    expect(check.verified).toBe(true);
    expect(check.directional.directions + check.directional.unusable.length).toBe(2 + 6);
    expect(check.notes.join(' ')).toContain('random directions inside 6 of the 82 weight and bias tensors');
    expect(checkSummaryText(check)).toMatch(/^gradients agree/);
  });
});

describe('chainrule shapes', () => {
  it('writes ∂L/∂b as a row in numerator layout, as its table does (was (m, 1))', () => {
    const report = networkShapes(parseNetwork('input 3\ndense 4 relu\ndense 2 linear\nloss mse\n'), 'numerator');
    const z1 = report.rows.find((r) => r.name === 'z^[1]')!;
    expect(z1.locals.find((l) => l.input === 'b^[1]')!.chain).toBe('∂L/∂b^[1] = ∂L/∂z^[1] = δ^[1]: (1, 4)');
    expect(report.rows.find((r) => r.name === 'b^[1]')!.gradient).toEqual([1, 4]);
  });

  it('gives sigmoid + bce with n outputs δ = (ŷ − y)/n, and a hidden softmax its own activations', () => {
    const report = networkShapes(parseNetwork('input 3\ndense 4 softmax\ndense 2 sigmoid\nloss bce\n'));
    expect(report.rows.find((r) => r.name === 'a^[2]')!.locals[0]!.what).toContain('δ^[2] = (ŷ − y)/2');
    expect(report.rows.find((r) => r.name === 'a^[1]')!.locals[0]!.what).toMatch(/^diag\(a\^\[1\]\) − a\^\[1\] a\^\[1\]ᵀ/);
  });
});
