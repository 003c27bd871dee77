// An answer must not be the question: restating what is asked earns nothing, however it is restated.
import { describe, expect, it } from 'vitest';
import { checkClaims, gradeSubmission, parseProblems } from '../../src/engines.js';

const last = (text: string) => checkClaims(text).claims.at(-1)!;

describe('check: an answer that restates the question is not an answer', () => {
  it.each([
    ['the derivative itself', 'f = x^2\ndf/dx = df/dx', 'it contains df/dx itself'],
    ['the derivative inside an expression', 'f = x^2\ndf/dx = 2*df/dx - df/dx', 'it contains df/dx itself'],
    ['a binding that stands for the derivative', 'f = x^2\ng = df/dx\ndf/dx = g', 'g stands for df/dx'],
    ['a binding of a binding', 'f = x^2\ng = df/dx\nh = 2g\ndf/dx = h/2', 'h stands for df/dx'],
    ["f'(x) for df/dx", "f = x^2\ndf/dx = f'(x)", "f'(…) is df/dx itself"],
    ["f'(2) for df/dx at a point", "f = x^2\ndf/dx at x=2 = f'(2)", "f'(…) is df/dx itself"],
    ['the operator applied to the function', 'd/dx (x^3) = d/dx (x^3)', 'it contains d/dx (x^3) itself'],
    ['the LaTeX derivative', 'f = x^2\n\\frac{df}{dx} = \\frac{df}{dx}', 'it contains \\frac{df}{dx} itself'],
    ['the function’s name at the point', 'f = x^2\nf at x=2 = f', 'it is f itself; give its value'],
    ['the function applied at the point', 'h(x) = x^3\nh at x = 2 = h(2)', 'it is written with h itself; give its value'],
    ['the formula, not its value', 'f = x^2\nf at x=2 = x^2', 'it is a formula in x; give its value at the point'],
    ['the last step of a derivation', 'f = x^2\ndf/dx = 2x\n= df/dx', 'it contains df/dx itself'],
  ])('rejects %s', (_, text, why) => {
    const result = last(text);
    expect(result.verdict).toBe('incorrect');
    expect(result.reason).toBe(`your answer restates the question: ${why}`);
  });

  it.each([
    ['a derivation whose steps use derivatives of the parts', 'd/dx (x^2 sin x) = d/dx (x^2) sin x + x^2 d/dx (sin x)'],
    ['a first step that restates, followed by the answer', 'd/dx (x^2 sin x) = d/dx (x^2 sin x)\n= 2x sin x + x^2 cos x'],
    ['a value at a point', 'f = x^2\nf at x=2 = 4'],
    ['an update with a derivative of another binding', 'L = (y - w*x)^2\nw - 0.1*dL/dw at w=2, x=3, y=10 = 4.4'],
    ['a binding named for the derivative, answered in full', 'f = x^2\ng = df/dx\ndf/dx = 2x'],
  ])('accepts %s', (_, text) => {
    expect(last(text).verdict).toBe('correct');
  });
});

describe('grade: restating the question earns nothing', () => {
  const set = parseProblems(['problem p', 'f = x^2*y', 'part a (2 points): df/dx = ?; f at x=2, y=3 = ?'].join('\n'), 'p.problems');

  it.each([
    ['df/dx = df/dx\nf at x=2, y=3 = f'],
    ["g = df/dx\ndf/dx = g\nf at x=2, y=3 = x^2*y"],
    ["df/dx = f'(x)\nf at x=2, y=3 = f"],
  ])('gives 0 for %j', (answers) => {
    const grade = gradeSubmission(set, `problem p\n${answers}`, 'mallory');
    expect(grade.total).toBe(0);
    expect(grade.parts[0]!.asks.every((ask) => ask.answer?.reason?.startsWith('your answer restates the question'))).toBe(true);
  });

  it('gives full marks for the answers', () => {
    expect(gradeSubmission(set, 'problem p\ndf/dx = 2x y\nf at x=2, y=3 = 12', 'ada').total).toBe(2);
  });
});
