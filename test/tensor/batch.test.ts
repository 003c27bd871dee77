import { describe, expect, it } from 'vitest';
import { parse } from '../../src/engines.js';
import { run } from '../cli/run.js';

describe('tensor programs: a batch of a named size (X: 3xB)', () => {
  it('reports shapes with the name of the size, through products, biases and activations', async () => {
    const result = await run(['shapes', 'Z = W X + b; L = sum(relu(Z))', '--dims', 'W=4x3,X=3xB,b=4']);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/X\s+input, a 3×B matrix\s+\(3, B\)\s+\(3, B\)/);
    expect(result.out).toMatch(/Z\s+W X \+ b\s+\(4, B\)\s+\(4, B\)/);
  });

  it('takes the size’s value from --dims (B=8) and keeps its name in the JSON', async () => {
    const result = await run(['shapes', 'L = sum(W X)', '--dims', 'W=4x3,X=3xB,B=8', '--json']);
    const nodes = JSON.parse(result.out).nodes as { name: string; shape: unknown[] }[];
    expect(nodes.find((node) => node.name === 'X')!.shape).toEqual([3, 'B']);
  });

  it('stands for 2 columns when lowered without a value, so gradients can still be computed', () => {
    expect(parse('X: 2xB; L = sum(X)').variables).toEqual(['X_1_1', 'X_1_2', 'X_2_1', 'X_2_2']);
  });

  it('never mixes a named size with a number', async () => {
    const result = await run(['shapes', 'L = sum(X .* Y)', '--dims', 'X=3xB,Y=3x2']);
    expect(result.code).toBe(2);
    expect(result.err).toContain('X (3×B)');
  });

  it('transposes the name with the matrix', async () => {
    const result = await run(['shapes', "L = sum(X' W')", '--dims', 'W=4x3,X=3xB']);
    expect(result.out).toMatch(/\(B, 4\)/);
  });
});
