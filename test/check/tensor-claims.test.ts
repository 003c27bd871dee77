import { describe, expect, it } from 'vitest';
import { checkClaims } from '../../src/engines.js';
import { run } from '../cli/run.js';

const example = [
  'W: 4x3; x: 3; y: 4',
  'L = norm2(W x - y)',
  "dL/dW = 2 x (W x - y)'      # incorrect: the transpose of the right answer",
  "dL/dW = 2 (W x - y) x'      # correct",
  "dL/dx = 2 W' (W x - y)      # correct",
].join('\n');

describe('check: matrix claims in a claims file that declares shapes', () => {
  it('diagnoses a transpose missing and accepts the right answers', () => {
    const report = checkClaims(example);
    expect(report.errors).toEqual([]);
    expect(report.claims.map((claim) => [claim.line, claim.verdict])).toEqual([
      [3, 'incorrect'],
      [4, 'correct'],
      [5, 'correct'],
    ]);
    const wrong = report.claims[0]!;
    expect(wrong.claim).toBe("dL/dW = 2 x (W x - y)'");
    expect(wrong.diagnosisKind).toBe('transpose');
    expect(wrong.diagnosis).toBe('a transpose missing: your answer is the transpose of the right one (3×4 where ∂L/∂W is 4×3, shaped like W); write 2 (W x − y) xᵀ');
    expect(wrong.expected).toBe('2 (W x − y) xᵀ');
  });

  it('rejects an answer whose shapes do not fit, naming them (it is a wrong answer, not an unreadable one)', () => {
    const report = checkClaims(['W: 4x5; X: 5x3; b: 4; Y: 4x3', 'L = norm2(W X + b - Y)/3', "dL/dW = 2/3 X' (W X + b - Y)", "dL/dW = 2/3 (W X + b - Y) X'"].join('\n'));
    expect(report.errors).toEqual([]);
    expect(report.claims.map((claim) => claim.verdict)).toEqual(['incorrect', 'correct']);
    const wrong = report.claims[0]!;
    expect(wrong.diagnosisKind).toBe('shape');
    expect(wrong.diagnosis).toBe("wrong shapes: cannot multiply 2/3 X' (3×5) by (W X + b - Y) (4×3): inner sizes 5 and 4 differ, so your answer is no matrix at all; ∂L/∂W is 4×5, shaped like W");
    expect(wrong.expected).toBe('(2/3) (W X + b − Y) Xᵀ');
  });

  it('takes the targets of cross_entropy as a distribution, so that softmax(z) − y is the gradient, as the lectures write it', () => {
    const report = checkClaims(['W: 3x4; b: 3; x: 4; y: 3', 'L = cross_entropy(softmax(W x + b), y)', 'dL/db = softmax(W x + b) - y', "dL/dW = (softmax(W x + b) - y) x'", 'dL/db = softmax(W x + b) + y'].join('\n'));
    expect(report.claims.map((claim) => claim.verdict)).toEqual(['correct', 'correct', 'incorrect']);
    const { point } = report.claims[2]!.counterexample!;
    expect(point.y_1! + point.y_2! + point.y_3!).toBeCloseTo(1, 3); // the counterexample's targets sum to 1
  });

  it('reads .^ as an elementwise power', () => {
    expect(checkClaims(['W: 2x3; x: 3; y: 2', 'L = sum((W x - y).^2)', "dL/dW = 2 (W x - y) x'"].join('\n')).summary).toEqual({ correct: 1, incorrect: 0, undetermined: 0 });
  });

  it('diagnoses a square matrix claimed transposed, with a counterexample naming an entry', () => {
    const report = checkClaims(['W: 3x3; x: 3; y: 3', 'L = norm2(W x - y)', "dL/dW = 2 x (W x - y)'", "dL/dW = 2 (W x - y) x'"].join('\n'));
    expect(report.claims.map((claim) => claim.verdict)).toEqual(['incorrect', 'correct']);
    const wrong = report.claims[0]!;
    expect(wrong.diagnosisKind).toBe('transpose');
    expect(wrong.diagnosis).toMatch(/^a transpose missing: your answer is the transpose of the right one \(both are 3×3/);
    expect(wrong.counterexample!.entry).toMatch(/^W_\d_\d$/);
    expect(wrong.counterexample!.claimed).not.toBeCloseTo(wrong.counterexample!.correct, 6);
  });

  it('rejects a shape that is not a transpose, naming both shapes', () => {
    const report = checkClaims(['W: 4x3; x: 3; y: 4', 'L = norm2(W x - y)', "dL/dW = 2 (W x - y) y'"].join('\n'));
    const wrong = report.claims[0]!;
    expect(wrong.verdict).toBe('incorrect');
    expect(wrong.diagnosisKind).toBe('shape');
    expect(wrong.diagnosis).toBe('wrong shape: your answer is 4×4 where ∂L/∂W is 4×3, shaped like W');
    expect(wrong.expected).toBe('2 (W x − y) xᵀ');
  });

  it('accepts a bias gradient and rejects a wrong one entry by entry', () => {
    const report = checkClaims(['W: 4x3; x: 3; y: 4; b: 4', 'L = norm2(W x + b - y)', 'dL/db = 2 (W x + b - y)', 'dL/db = -2 (W x + b - y)'].join('\n'));
    expect(report.claims.map((claim) => claim.verdict)).toEqual(['correct', 'incorrect']);
    expect(report.claims[1]!.diagnosisKind).toBe('sign');
    expect(report.claims[1]!.counterexample!.entry).toBe('b_1');
  });

  it('reports a line it cannot read, and a claim about an unknown function as undetermined', () => {
    const report = checkClaims(['W: 2x2; x: 2', 'L = sum(W x', 'dM/dW = W'].join('\n'));
    expect(report.errors.map((error) => error.line)).toEqual([2]);
    expect(report.claims[0]).toMatchObject({ verdict: 'undetermined', reason: expect.stringContaining('M is not defined') });
  });

  it('leaves scalar claims files as they were', () => {
    expect(checkClaims('f = x^2\ndf/dx = 2x').claims[0]!.verdict).toBe('correct');
  });
});

describe('cli: check --json on a matrix claim', () => {
  it('keeps the contract keys and gives the transpose diagnosis', async () => {
    const result = await run(['check', '-', '--json'], example);
    expect(result.code).toBe(1);
    const json = JSON.parse(result.out);
    expect(json.summary).toEqual({ correct: 2, incorrect: 1, undetermined: 0 });
    const wrong = json.claims[0];
    expect(Object.keys(wrong)).toEqual(expect.arrayContaining(['line', 'claim', 'verdict', 'expected', 'diagnosis']));
    expect(wrong).toMatchObject({ line: 3, verdict: 'incorrect', expected: '2 (W x − y) xᵀ', diagnosis_kind: 'transpose' });
    expect(wrong.diagnosis).toContain('a transpose missing');
  });
});
