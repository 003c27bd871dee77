import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from './run.js';

const dir = mkdtempSync(join(tmpdir(), 'chainrule-mlp-'));
const file = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

// a 2-2-1 sigmoid network with BCE, one example, computed by hand below
const W1 = [[0.1, -0.2], [0.4, 0.3]];
const b1 = [0.05, -0.1];
const W2 = [[0.7, -0.5]];
const b2 = [0.2];
const x = [1.5, -0.5];
const y = 1;
const spec = file('small.net', 'input 2\ndense 2 sigmoid\ndense 1 sigmoid\nloss bce\n');
const params = file('small.json', JSON.stringify({ W1, b1, W2, b2, x: [x], y: [[y]] }));

function byHand() {
  const z1 = W1.map((row, i) => row[0]! * x[0]! + row[1]! * x[1]! + b1[i]!);
  const a1 = z1.map(sigmoid);
  const z2 = W2[0]![0]! * a1[0]! + W2[0]![1]! * a1[1]! + b2[0]!;
  const a2 = sigmoid(z2);
  const loss = -(y * Math.log(a2) + (1 - y) * Math.log(1 - a2));
  const delta2 = a2 - y; // sigmoid + BCE
  const delta1 = a1.map((a, i) => W2[0]![i]! * delta2 * a * (1 - a));
  return { loss, W2: [a1.map((a) => delta2 * a)], b2: [delta2], W1: delta1.map((d) => x.map((xi) => d * xi)), b1: delta1 };
}

describe('cli: mlp', () => {
  it('gives the loss and gradients of a hand-checked 2-2-1 sigmoid network, cross-checked', async () => {
    const result = await run(['mlp', spec, '--params', params, '--format', 'json']);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.out);
    const expected = byHand();
    expect(json.loss).toBeCloseTo(expected.loss, 12);
    for (const name of ['W1', 'b1', 'W2', 'b2'] as const) {
      expect((json.gradients[name] as number[] | number[][]).flat()).toEqual(expected[name].flat().map((v: number) => expect.closeTo(v, 12)));
    }
    expect(json.shapes).toMatchObject({ W1: [2, 2], b1: [2], W2: [1, 2], z1: [2, 1] });
    expect(json.check.agree).toBe(true);
  });

  it('gives the same loss, and transposed gradients, in seed 001’s transposed convention', async () => {
    const transposedSpec = file('t.net', 'convention transposed\ninput 2\ndense 2 sigmoid\ndense 1 sigmoid\nloss bce\n');
    const transpose = (m: number[][]) => m[0]!.map((_, j) => m.map((row) => row[j]!));
    const transposedParams = file('t.json', JSON.stringify({ W1: transpose(W1), b1, W2: transpose(W2), b2, x: [x], y: [[y]] }));
    const standard = JSON.parse((await run(['mlp', spec, '--params', params, '--format', 'json'])).out);
    const transposed = JSON.parse((await run(['mlp', transposedSpec, '--params', transposedParams, '--format', 'json'])).out);
    expect(transposed.loss).toBeCloseTo(standard.loss, 14);
    expect(transposed.gradients.W1).toEqual(transpose(standard.gradients.W1).map((row: number[]) => row.map((v) => expect.closeTo(v, 14))));
  });

  it('prints the forward equations with shapes and the δ recursion', async () => {
    const result = await run(['mlp', spec, '--params', params]);
    expect(result.out).toContain('z^[1] = W^[1] a^[0] + b^[1]: (2×2)(2×1) + (2×1) → 2×1');
    expect(result.out).toContain('δ^[2] = ŷ − y (sigmoid + bce)');
    expect(result.out).toContain("δ^[1] = (W^[2]ᵀ δ^[2]) ⊙ σ'(z^[1])");
    expect(result.out).toContain('✓ gradients agree');
  });

  it('shows one update step with its formula', async () => {
    const result = await run(['mlp', spec, '--params', params, '--step', 'sgd', '--lr', '0.5', '--format', 'json']);
    const json = JSON.parse(result.out);
    const expected = byHand();
    expect(json.step.parameters.b2[0]).toBeCloseTo(b2[0]! - 0.5 * expected.b2[0]!, 12);
  });

  it('warns that zero initialisation leaves hidden units identical', async () => {
    const result = await run(['mlp', spec, '--init', 'zeros', '--batch', '3']);
    expect(result.out).toContain('identical');
  });

  it('names a parameter of the wrong shape (exit 2)', async () => {
    const wrong = file('wrong.json', JSON.stringify({ W1: [[1, 2, 3]], b1, W2, b2, x: [x], y: [[y]] }));
    const result = await run(['mlp', spec, '--params', wrong]);
    expect(result.code).toBe(2);
    expect(result.err).toContain('W1');
  });

  it('rejects an unknown optimizer (exit 2)', async () => {
    expect((await run(['mlp', spec, '--step', 'newton'])).code).toBe(2);
  });
});
