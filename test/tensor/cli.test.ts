import { describe, expect, it } from 'vitest';
import { run } from '../cli/run.js';

describe('cli: shapes of tensor expressions', () => {
  it('reports every node of an expression with --dims', async () => {
    const result = await run(['shapes', 'L = sum(relu(W x + b))', '--dims', 'W=4x3,x=3,b=4']);
    expect(result.code).toBe(0);
    expect(result.out).toContain('node             definition            shape     ∂L/∂node');
    expect(result.out).toMatch(/\(W x\)\s+W x\s+\(4, 1\)\s+\(4, 1\)/);
    expect(result.out).toContain("∂(relu(W x + b))/∂(W x + b) (4, 4): diag(relu'(W x + b)), applied as the elementwise product relu'(W x + b) ⊙ upstream");
    expect(result.out).toContain('∂(W x)/∂x (3, 4): Wᵀ');
    expect(result.out).toContain('∂(W x)/∂W: x; as an array it is a 3-tensor (4 × 4 × 3), never formed');
    expect(result.out).toContain('∂L/∂W = (∂L/∂(W x)) xᵀ: (4, 3)');
  });

  it('reads declarations in the expression and the numerator layout', async () => {
    const result = await run(['shapes', 'W: 4x3; x: 3; z = W x; L = norm2(z)', '--layout', 'numerator', '--json']);
    const json = JSON.parse(result.out);
    expect(json.output).toBe('L');
    const z = json.nodes.find((node: { name: string }) => node.name === 'z');
    expect(z).toMatchObject({ shape: [4, 1], gradient: [1, 4] });
    expect(json.nodes.find((node: { name: string }) => node.name === '(W x)')).toBeUndefined();
    expect(z.jacobians.find((j: { input: string }) => j.input === 'x')).toMatchObject({ shape: [4, 3], what: 'W' });
  });

  it('reports a shape error with its line and column (exit 2)', async () => {
    const result = await run(['shapes', 'L = sum(W*x)', '--dims', 'W=4x3,x=4']);
    expect(result.code).toBe(2);
    expect(result.err).toContain('cannot multiply W (4×3) by x (4×1): inner sizes 3 and 4 differ (line 1, column 9)');
  });

  it('still reads a network spec from a file', async () => {
    const result = await run(['shapes', 'problems/networks/two-hidden.net']);
    expect(result.code).toBe(0);
    expect(result.out).toContain('z^[1]  W^[1] a^[0] + b^[1]');
  });

  it('lets grad differentiate a lowered tensor program by its entries', async () => {
    const result = await run(['grad', 'W: 1x2; x: 2; L = sum(W x)', '--at', 'W_1_1=1,W_1_2=2,x_1=3,x_2=4']);
    expect(result.code).toBe(0);
    expect(result.out).toContain('∂L/∂W_1_1 = x_1 = 3');
  });
});
