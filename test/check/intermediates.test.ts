// ∂L/∂v for a bound node v is v's adjoint (what backprop computes): both sides of the claim are functions of the
// leaves, and every bound name in an answer stands for its forward value. check, grade and solve share this meaning.
import { describe, expect, it } from 'vitest';
import { checkClaims, gradeSubmission, parseProblems, solveProblem } from '../../src/engines.js';

const NEURON = 'z = w*x + b\na = sigmoid(z)\nL = (y - a)^2/2';
const verdicts = (text: string) => {
  const report = checkClaims(text);
  expect(report.errors).toEqual([]);
  return report.claims.map((claim) => claim.verdict);
};

describe('check: derivatives by a named intermediate are its adjoint', () => {
  it.each([
    ['the issue’s neuron, in bound names', `${NEURON}\ndL/da = a - y\ndL/dz = (a - y)*a*(1 - a)`],
    ['the neuron, in leaves', `${NEURON}\ndL/dz = (sigmoid(w x + b) - y) sigmoid(w x + b)(1 - sigmoid(w x + b))`],
    ['the neuron, mixed', `${NEURON}\ndL/dz = (a - y) sigmoid(z)(1 - sigmoid(z))\ndL/dw = (a - y)*a*(1 - a)*x`],
    ['a sum gate', 'q = x + y\nf = q^2\ndf/dq = 2q\ndf/dq = 2(x + y)'],
    ['a two-layer network', 'h = sigmoid(w1*x + b1)\nyhat = w2*h + b2\nL = (yhat - y)^2\ndL/dh = 2*(yhat - y)*w2\ndL/dyhat = 2(yhat - y)'],
    ['LaTeX', `${NEURON}\n\\frac{\\partial L}{\\partial a} = a - y`],
    ['a node that feeds two gates: the paths add', 'a = x*y\nL = a^2 + 3a\ndL/da = 2a + 3'],
    ['inputs of the node held fixed: z reaches L directly too', 'z = w*x\na = sigmoid(z)\nL = a + z\ndL/da = 1\ndL/dz = a(1 - a) + 1'],
  ])('accepts %s', (_, text) => {
    expect(verdicts(text).every((verdict) => verdict === 'correct')).toBe(true);
  });

  it.each([
    ['a sign error', `${NEURON}\ndL/da = y - a`],
    ['a missing σ′ factor', `${NEURON}\ndL/dz = (a - y)*a`],
    ['a missing path', 'a = x*y\nL = a^2 + 3a\ndL/da = 2a'],
    ['the total derivative where the adjoint is asked', 'z = w*x\na = sigmoid(z)\nL = a + z\ndL/da = 1 + 1/(a(1 - a))'],
  ])('rejects %s', (_, text) => {
    expect(verdicts(text).at(-1)).toBe('incorrect');
  });

  it('prints the expected answer in the bound names and a counterexample where every name has its binding’s value', () => {
    const [result] = checkClaims(`${NEURON}\ndL/da = y - a`).claims;
    expect(result!.expected).toBe('a - y');
    const { point, bindings, claimed, correct } = result!.counterexample!;
    expect(Object.keys(point).sort()).toEqual(['b', 'w', 'x', 'y']); // the leaves only
    const z = point.w! * point.x! + point.b!;
    const a = 1 / (1 + Math.exp(-z));
    expect(bindings!.z).toBeCloseTo(z, 12);
    expect(bindings!.a).toBeCloseTo(a, 12);
    expect(correct).toBeCloseTo(a - point.y!, 12);
    expect(claimed).toBeCloseTo(point.y! - a, 12);
    expect(result!.diagnosisKind).toBe('sign');
  });

  it('judges a value at a point by the forward values of the bound names', () => {
    expect(verdicts(`${NEURON}\ndL/dz at w=0.3, x=0.5, b=0.1, y=1.5 = -0.23\ndL/da at w=0.3, x=0.5, b=0.1, y=1.5 = -0.94`)).toEqual(['correct', 'correct']);
    expect(verdicts(`${NEURON}\ndL/dz at w=0.3, x=0.5, b=0.1, y=1.5 = 0.23`)).toEqual(['incorrect']);
  });

  it('refuses a point that gives a bound name a value its binding contradicts', () => {
    const result = checkClaims(`${NEURON}\ndL/dz at w=0.3, x=0.5, b=0.1, y=1.5, a=0.9 = -0.23`).claims[0]!;
    expect(result.verdict).toBe('undetermined');
    expect(result.reason).toBe('a is bound on an earlier line, so a point cannot give it a value (give values to the variables (w, x, b), and a follows)');
  });

  it('reads dL/da inside an expression as the adjoint too', () => {
    expect(verdicts(`${NEURON}\na - 0.1*dL/da at w=0.3, x=0.5, b=0.1, y=1.5 = 0.656`)).toEqual(['correct']);
  });
});

describe('grade and solve: the answer solve prints for an intermediate is the one grade accepts', () => {
  const set = parseProblems(['problem neuron', NEURON, 'part a (2 points): dL/da = ?; dL/dz = ?'].join('\n'), 'n.problems');

  it('solves dL/da as a − y and dL/dz in the bound names', () => {
    const solution = solveProblem(set.problems[0]!);
    const answers = solution.parts[0]!.asks.map((ask) => ask.answer!.text);
    expect(answers[0]).toBe('a - y');
    expect(solution.verified).toBe(true);
    // the printed answers, handed in as a submission, get full marks
    const submission = ['problem neuron', `dL/da = ${answers[0]}`, `dL/dz = ${answers[1]}`].join('\n');
    expect(gradeSubmission(set, submission, 'key').total).toBe(2);
  });

  it('gives full marks to a student who answers in bound names, leaves or both', () => {
    const submission = ['problem neuron', 'dL/da = a - y', 'dL/dz = (sigmoid(z) - y)*a*(1 - a)'].join('\n');
    expect(gradeSubmission(set, submission, 'ada').total).toBe(2);
  });
});
