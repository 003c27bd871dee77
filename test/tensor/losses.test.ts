import { describe, expect, it } from 'vitest';
import { crossCheck, evaluate, parse } from '../../src/engines.js';
import { run } from '../cli/run.js';

// two examples (columns) of three outputs: ŷ and one-hot targets y
const P = [
  [0.2, 0.5],
  [0.7, 0.1],
  [0.1, 0.4],
];
const Y = [
  [0, 1],
  [1, 0],
  [0, 0],
];
const point: Record<string, number> = {};
P.forEach((row, i) => row.forEach((value, j) => (point[`p_${i + 1}_${j + 1}`] = value)));
Y.forEach((row, i) => row.forEach((value, j) => (point[`y_${i + 1}_${j + 1}`] = value)));
const entries = P.flatMap((row, i) => row.map((p, j) => ({ p, y: Y[i]![j]! })));
const lossOf = (name: string) => evaluate(parse(`p: 3x2; y: 3x2; L = ${name}(p, y)`), point).value;

describe('tensor programs: the losses of network specs, as README defines them', () => {
  it('mse and mae are means over all entries', () => {
    expect(lossOf('mse')).toBeCloseTo(entries.reduce((sum, e) => sum + (e.p - e.y) ** 2, 0) / 6, 14);
    expect(lossOf('mae')).toBeCloseTo(entries.reduce((sum, e) => sum + Math.abs(e.p - e.y), 0) / 6, 14);
  });

  it('bce is the mean over all entries of −[y log ŷ + (1 − y) log(1 − ŷ)]', () => {
    expect(lossOf('bce')).toBeCloseTo(entries.reduce((sum, e) => sum - (e.y * Math.log(e.p) + (1 - e.y) * Math.log(1 - e.p)), 0) / 6, 14);
  });

  it('cross_entropy is the mean over examples (columns) of −Σ_c y_c log ŷ_c', () => {
    expect(lossOf('cross_entropy')).toBeCloseTo(-(Math.log(0.7) + Math.log(0.5)) / 2, 14);
  });

  it('hinge is the mean over examples of Σ_{k≠c} max(0, s_k − s_c + 1)', () => {
    const first = Math.max(0, 0.2 - 0.7 + 1) + Math.max(0, 0.1 - 0.7 + 1); // class 2
    const second = Math.max(0, 0.1 - 0.5 + 1) + Math.max(0, 0.4 - 0.5 + 1); // class 1
    expect(lossOf('hinge')).toBeCloseTo((first + second) / 2, 14);
  });

  it('differentiates every loss with the cross-check agreeing', () => {
    for (const name of ['mse', 'mae', 'bce', 'cross_entropy', 'hinge']) {
      const program = parse(`p: 3x2; y: 3x2; L = ${name}(p, y)`);
      expect({ name, agree: crossCheck(program, point).agree }).toEqual({ name, agree: true });
    }
  });

  it('rejects an output and targets of different shapes, pointing at the call', async () => {
    const result = await run(['shapes', 'L = mse(p, y)', '--dims', 'p=3x2,y=3']);
    expect(result.code).toBe(2);
    expect(result.err).toContain('mse needs an output and targets of one shape, got p (3×2) and y (3×1) (line 1, column 5)');
  });

  it('reports the loss’s Jacobian in shapes', async () => {
    const result = await run(['shapes', 'L = cross_entropy(softmax(W x), y)', '--dims', 'W=3x4,x=4,y=3']);
    expect(result.code).toBe(0);
    expect(result.out).toContain('∂cross_entropy/∂ŷ');
  });
});
