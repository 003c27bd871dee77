// Matrix calculus from the command line, as a student and a teaching assistant use it: a backprop homework in LaTeX
// and in plain text checked line by line (derivations, intermediates, identities, values at a point, symbolic
// sizes), and the Jacobians of a vector-valued expression in both layouts.
import { describe, expect, it } from 'vitest';
import { run } from './run.js';

const homework = String.raw`\mathbf{W} \in \mathbb{R}^{4 \times 3}
\mathbf{x} \in \mathbb{R}^{3}
\mathbf{y} \in \mathbb{R}^{4}
\mathbf{z} = \mathbf{W}\mathbf{x}
\mathbf{a} = \sigma(\mathbf{z})
L = \|\mathbf{a} - \mathbf{y}\|^2
\frac{\partial L}{\partial \mathbf{a}} = 2(\mathbf{a} - \mathbf{y})
\frac{\partial L}{\partial \mathbf{z}} = 2(\mathbf{a} - \mathbf{y}) \odot \sigma'(\mathbf{z})
  &= 2(\mathbf{a} - \mathbf{y}) \odot \mathbf{a} \odot (\mathbf{1} - \mathbf{a}) \\
  &= (\mathbf{a} - \mathbf{y}) \odot \mathbf{a} \odot (\mathbf{1} - \mathbf{a})
\frac{\partial L}{\partial \mathbf{W}} = \frac{\partial L}{\partial \mathbf{z}} \mathbf{x}^{\mathsf T}
\frac{\partial L}{\partial \mathbf{x}} = \frac{\partial L}{\partial \mathbf{z}}^\top \mathbf{W}
`;

describe('cli: check on matrix claims', () => {
  it('checks a LaTeX backprop homework line by line: the first wrong step, the transpose missing, the rest right', async () => {
    const result = await run(['check', '-'], homework);
    expect(result.code).toBe(1);
    expect(result.err).toBe('');
    const lines = result.out.split('\n');
    expect(lines.filter((line) => line.startsWith('line ')).map((line) => /^line \d+: \S+ \w+/.exec(line)![0])).toEqual([
      'line 7: ✓ correct',
      'line 10: ✗ incorrect',
      'line 11: ✓ correct',
      'line 12: ✗ incorrect',
    ]);
    expect(result.out).toContain('(step 3 of the claim on line 8)');
    expect(result.out).toContain('off by a constant factor: your answer is 1/2 times the right one');
    expect(result.out).toMatch(/a transpose missing: your answer is the transpose of the right one \(1×3 where ∂L\/∂x is 3×1, shaped like x\); write Wᵀ ∂L\/∂z/);
  });

  it('checks values at a point given as matrix literals, and identities between matrix expressions', async () => {
    const text = ['W: 2x3; x: 3; y: 2', 'r = W x - y', 'L = norm2(r)', 'dL/dW at W = [[1, 0, 2], [0, 1, -1]], x = [1, 2, 1], y = [1, 1] = [[4, 8, 4], [0, 0, 0]]', 'L at W = [[1, 0, 2], [0, 1, -1]], x = [1, 2, 1], y = [1, 1] = 4.0', "r' r = norm2(W x - y)", "(W x)' = W' x'"].join('\n');
    const json = JSON.parse((await run(['check', '-', '--json'], text)).out);
    expect(json.claims.map((claim: { verdict: string }) => claim.verdict)).toEqual(['correct', 'correct', 'correct', 'incorrect']);
    expect(json.claims[3].diagnosis_kind).toBe('shape');
  });

  it('checks a claim with sizes left symbolic at several non-square sizes, so a missing transpose cannot hide', async () => {
    const text = ['W: n x n; x: n; y: n', 'L = norm2(W x - y)', "dL/dW = 2 (W x - y) x'", "dL/dW = 2 x (W x - y)'"].join('\n');
    const result = await run(['check', '-'], text);
    expect(result.out).toContain('line 3: ✓ correct');
    expect(result.out).toContain('note: checked at the sizes n = 2; n = 3');
    expect(result.out).toContain('line 4: ✗ incorrect');
    expect(result.out).toContain('a transpose missing');
  });

  it('names an unreadable LaTeX command with its line', async () => {
    const result = await run(['check', '-'], String.raw`\mathbf{W} \in \mathbb{R}^{2 \times 2}` + '\n' + String.raw`L = \sum_i W_{ii}`);
    expect(result.code).toBe(2);
    expect(result.err).toContain('\\sum is not a command chainrule reads in a matrix claim (line 2');
  });
});

describe('cli: shapes of a vector-valued expression', () => {
  it('gives each Jacobian in both layouts, a third-order one applied, and the matrix form in the layout asked for', async () => {
    const result = await run(['shapes', 'f = tanh(W x + b)', '--dims', 'W=4x3,x=3,b=4', '--layout', 'numerator']);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^Layout: numerator: ∂f\/∂x has a row for each entry of f/m);
    expect(result.out).toMatch(/^x +\(3, 1\) +\(4, 3\) +\(3, 4\) +diag\(1 − f\.\^2\) W$/m);
    expect(result.out).toMatch(/^W +\(4, 3\) +4 × 4 × 3 \(third order\) +never formed +applied to u: \(u ⊙ \(1 − f\.\^2\)\) xᵀ$/m);
    const json = JSON.parse((await run(['shapes', 'W x + b', '--dims', 'W=4x3,x=3,b=4', '--format', 'json'])).out);
    expect(json.jacobians.find((row: { variable: string }) => row.variable === 'x')).toMatchObject({ numerator: [4, 3], denominator: [3, 4], form: 'Wᵀ' });
    expect(json.verified.agree).toBe(true);
  });
});
