// Sums over examples and indices, as students write losses: sum(i, 1, N, …) and \sum_{i=1}^{N} …, with indexed
// names (x_i is x_1, x_2, … in the terms); a bound left free (N) is checked at several sizes.
import { describe, expect, it } from 'vitest';
import { checkClaims } from '../../src/engines.js';

describe('sums over an index', () => {
  it('checks a least-squares gradient written as a sum, at several N when N is left free', () => {
    const report = checkClaims(['L = 1/N sum(i, 1, N, (y_i - w x_i)^2)', 'dL/dw = -2/N sum(i, 1, N, x_i (y_i - w x_i))', 'dL/dw = -2 sum(i, 1, N, x_i (y_i - w x_i))', 'dL/dw = -2/N sum(i, 1, N, y_i - w x_i)'].join('\n'));
    expect(report.errors).toEqual([]);
    expect(report.claims.map((claim) => claim.verdict)).toEqual(['correct', 'incorrect', 'incorrect']);
    expect(report.claims[0]!.notes).toContain('checked at the sizes N = 2; N = 3');
    expect(report.claims[1]!.diagnosis).toBe('off by a factor of N: your answer is N times the right one (a division by N is missing)');
  });

  it('reads the LaTeX sum, its body running to the end of the term', () => {
    const report = checkClaims([String.raw`L = \frac{1}{N}\sum_{i=1}^{N} (y_i - w x_i)^2`, String.raw`\frac{\partial L}{\partial w} = -\frac{2}{N} \sum_{i=1}^{N} x_i (y_i - w x_i)`, String.raw`\frac{\partial L}{\partial w} = \frac{2}{N} \sum_{i=1}^{N} x_i (w x_i - y_i) + 1`].join('\n'));
    expect(report.errors).toEqual([]);
    expect(report.claims.map((claim) => claim.verdict)).toEqual(['correct', 'incorrect']);
  });

  it('uses a bound given a value, and differentiates by one term', () => {
    const report = checkClaims(['N = 3', 'L = 1/N sum(i, 1, N, (y_i - w x_i)^2)', 'dL/dy_2 = 2/N (y_2 - w x_2)', 'dL/dy_2 = -2/N (y_2 - w x_2)'].join('\n'));
    expect(report.claims.map((claim) => claim.verdict)).toEqual(['correct', 'incorrect']);
    expect(report.claims[1]!.diagnosisKind).toBe('sign');
  });

  it('bounds the terms, and needs whole-number bounds', () => {
    const big = checkClaims(['L = sum(i, 1, 5000, x_i^2)', 'dL/dx_1 = 2 x_1'].join('\n'));
    expect(big.errors[0]!.error.message).toBe('the sum has 5000 terms; the limit is 1000');
    const half = checkClaims(['L = sum(i, 1, 1/2, x_i^2)', 'dL/dx_1 = 2 x_1'].join('\n'));
    expect(half.errors[0]!.error.message).toBe('the upper bound of a sum must be a whole number');
  });
});
