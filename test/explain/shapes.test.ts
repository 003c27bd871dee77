import { describe, expect, it } from 'vitest';
import { networkShapes } from '../../src/explain/shapes.js';
import { parseNetwork } from '../../src/nn/spec.js';
import { renderShapesText } from '../../src/render/shapes.js';
import { run } from '../cli/run.js';

const SPEC = 'input 3\ndense 4 relu\ndense 4 tanh\ndense 3 softmax\nloss cross_entropy\n';
const row = (report: ReturnType<typeof networkShapes>, name: string) => report.rows.find((r) => r.name === name)!;

describe('shapes: a network in denominator layout (the lectures)', () => {
  const report = networkShapes(parseNetwork(SPEC));

  it('gives every node its shape and ∂L/∂node the same shape, as a column', () => {
    expect(row(report, 'W^[1]')).toMatchObject({ shape: [4, 3], gradient: [4, 3] });
    expect(row(report, 'z^[2]')).toMatchObject({ shape: [4, 1], gradient: [4, 1] });
    expect(row(report, 'a^[0]')).toMatchObject({ shape: [3, 1], gradient: [3, 1] });
    expect(row(report, 'L')).toMatchObject({ shape: [1, 1] });
  });

  it('writes ∂z/∂a as (n_a, n_z) = Wᵀ and the chain rule as (n_x, 1) = (n_x, n_f)(n_f, 1)', () => {
    const local = row(report, 'z^[2]').locals.find((l) => l.input === 'a^[1]')!;
    expect(local).toMatchObject({ shape: [4, 4], what: 'W^[2]ᵀ' });
    const first = row(report, 'z^[1]').locals.find((l) => l.input === 'a^[0]')!;
    expect(first.shape).toEqual([3, 4]);
    expect(first.chain).toBe('∂L/∂a^[0] = (∂z^[1]/∂a^[0]) (∂L/∂z^[1]): (3, 1) = (3, 4) (4, 1)');
  });

  it('shows an elementwise activation as a diagonal Jacobian applied elementwise, and softmax + cross-entropy as ŷ − y', () => {
    expect(row(report, 'a^[1]').locals[0]!.what).toContain("diag(relu'(z^[1])), applied as the elementwise product");
    expect(row(report, 'a^[3]').locals[0]!.what).toContain('δ^[3] = ŷ − y');
    expect(row(report, 'z^[1]').locals.find((l) => l.input === 'W^[1]')!.chain).toBe('∂L/∂W^[1] = δ^[1] a^[0]ᵀ: (4, 3)');
  });
});

describe('shapes: numerator layout and the transposed convention', () => {
  it('transposes every Jacobian and writes gradients of vectors as rows', () => {
    const report = networkShapes(parseNetwork(SPEC), 'numerator');
    const local = row(report, 'z^[1]').locals.find((l) => l.input === 'a^[0]')!;
    expect(local).toMatchObject({ shape: [4, 3], what: 'W^[1]' });
    expect(local.chain).toBe('∂L/∂a^[0] = (∂L/∂z^[1]) (∂z^[1]/∂a^[0]): (1, 3) = (1, 4) (4, 3)');
    expect(row(report, 'z^[1]').gradient).toEqual([1, 4]);
  });

  it('gives W the shape (previous × units) and ∂L/∂W = a δᵀ in seed 001’s convention', () => {
    const report = networkShapes(parseNetwork(`convention transposed\n${SPEC}`));
    expect(row(report, 'W^[1]').shape).toEqual([3, 4]);
    expect(row(report, 'z^[1]').expr).toBe('W^[1]ᵀ a^[0] + b^[1]');
    expect(row(report, 'z^[1]').locals.find((l) => l.input === 'W^[1]')!.chain).toBe('∂L/∂W^[1] = a^[0] δ^[1]ᵀ: (3, 4)');
  });

  it('reports a 50-layer network', () => {
    const spec = `input 10\n${'dense 10 tanh\n'.repeat(49)}dense 1 sigmoid\nloss bce\n`;
    const text = renderShapesText(networkShapes(parseNetwork(spec)));
    expect(text).toContain('z^[50]');
  });
});

describe('cli: shapes', () => {
  it('prints the table and the chain rule, and says which layout', async () => {
    const result = await run(['shapes', '-', '--layout', 'denominator'], SPEC);
    expect(result.code).toBe(0);
    expect(result.out).toContain('Layout: denominator layout (the lectures, seed 000)');
    expect(result.out).toMatch(/W\^\[1\]\s+weights of layer 1\s+\(4, 3\)\s+\(4, 3\)/);
  });

  it('gives JSON', async () => {
    const result = await run(['shapes', '-', '--json'], SPEC);
    expect(JSON.parse(result.out).nodes[1]).toMatchObject({ name: 'W^[1]', shape: [4, 3] });
  });

  it('rejects a bad layout and a bad spec (exit 2)', async () => {
    expect((await run(['shapes', '-', '--layout', 'sideways'], SPEC)).code).toBe(2);
    const bad = await run(['shapes', '-'], 'input 3\ndense 4 rleu\nloss mse\n');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('did you mean relu?');
  });
});
