// The numbers the lecture slides printed (`= ? (printed X)` in problems/seeds.problems), judged against the exact values
// by the checker's precision rule: which ones rounding explains, and why the others are wrong.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseProblems, problemSession } from '../src/engines.js';

const file = new URL('../problems/seeds.problems', import.meta.url).pathname;

/** Every printed number of the file, judged as the worked solution judges it: `<ask> = <printed>` in the problem's session. */
function judgedPrinted() {
  const set = parseProblems(readFileSync(file, 'utf8'), 'seeds.problems');
  return set.problems.flatMap((problem) =>
    problem.parts.flatMap((part) =>
      part.asks
        .filter((ask) => ask.printed !== undefined)
        .map((ask) => {
          const claim = problemSession(problem, 'seeds.problems').read(`${ask.text} = ${ask.printed}`, ask.line).claims[0]!;
          return { key: `${problem.id}: ${ask.text} = ${ask.printed}`, verdict: claim.verdict, reason: claim.reason ?? '' };
        }),
    ),
  );
}

describe('problems/seeds.problems: the slides’ printed numbers', () => {
  const judged = judgedPrinted();
  const verdict = (key: string) => judged.find((entry) => entry.key === key)!;

  it('are judged by the precision rule: right when rounding explains them', () => {
    expect(Object.fromEntries(judged.map((entry) => [entry.key, entry.verdict]))).toEqual({
      'neuron: a at w=0.3, x=0.5, b=0.1 = 0.56': 'correct',
      'neuron: L at w=0.3, x=0.5, b=0.1, y=1.5 = 0.44': 'correct',
      'sigmoid_derivative: g at z=5.7 = 0.9966': 'incorrect',
      'softmax: exp(1.5) = 4.48': 'correct',
      'softmax: exp(0.8) = 2.23': 'correct',
      'softmax: exp(-0.5) = 0.61': 'correct',
      'softmax: S at z0=1.5, z1=0.8, z2=-0.5 = 7.32': 'correct',
      'softmax: p0 at z0=1.5, z1=0.8, z2=-0.5 = 0.612': 'correct',
      'softmax: p1 at z0=1.5, z1=0.8, z2=-0.5 = 0.305': 'correct',
      'softmax: p2 at z0=1.5, z1=0.8, z2=-0.5 = 0.083': 'correct',
      'softmax_classifier: p1 at z1=3.2, z2=5.1, z3=-1.7, z4=-3.7 = 0.13': 'correct',
      'softmax_classifier: p2 at z1=3.2, z2=5.1, z3=-1.7, z4=-3.7 = 0.87': 'correct',
      'softmax_classifier: p3 at z1=3.2, z2=5.1, z3=-1.7, z4=-3.7 = 0': 'incorrect',
      'softmax_classifier: p4 at z1=3.2, z2=5.1, z3=-1.7, z4=-3.7 = 0': 'incorrect',
      'softmax_classifier: L at z1=3.2, z2=5.1, z3=-1.7, z4=-3.7 = 0.14': 'correct',
      'softmax_classifier: p1 at z1=5.8, z2=2.2, z3=-1.6, z4=1.5 = 0.96': 'correct',
      'softmax_classifier: p2 at z1=5.8, z2=2.2, z3=-1.6, z4=1.5 = 0.03': 'correct',
      'softmax_classifier: p3 at z1=5.8, z2=2.2, z3=-1.6, z4=1.5 = 0': 'incorrect',
      'softmax_classifier: p4 at z1=5.8, z2=2.2, z3=-1.6, z4=1.5 = 0.01': 'correct',
      'softmax_classifier: L at z1=5.8, z2=2.2, z3=-1.6, z4=1.5 = 3.5': 'incorrect',
      'bce: log(0.7) = -0.357': 'correct',
      'bce: log(0.9) = -0.105': 'correct',
      'bce: BCE at yhat1=0.7, yhat2=0.3, yhat3=0.9, y1=1, y2=0, y3=1 = 0.273': 'correct',
      'cce: log(0.7) = -0.357': 'correct',
      'cce: log(0.6) = -0.511': 'correct',
      'cce: log(0.3) = -1.204': 'correct',
      'cce: -(log(q1) + log(q2) + log(q3)) at q1=0.7, q2=0.6, q3=0.3 = 2.072': 'correct',
      'cce: CCE at q1=0.7, q2=0.6, q3=0.3 = 0.691': 'correct',
      'cross_entropy: L1 at cat1=3.2, chair1=5.1, car1=-1.7 = 2.04': 'correct',
      'cross_entropy: L2 at cat2=1.3, chair2=4.9, car2=2.0 = 0.079': 'correct',
      'cross_entropy: L3 at cat3=2.2, chair3=2.5, car3=-3.1 = 6.156': 'correct',
      'cross_entropy: L at cat1=3.2, chair1=5.1, car1=-1.7, cat2=1.3, chair2=4.9, car2=2.0, cat3=2.2, chair3=2.5, car3=-3.1 = 2.76': 'correct',
      'hinge: L at cat1=3.2, chair1=5.1, car1=-1.7, cat2=1.3, chair2=4.9, car2=2.0, cat3=2.2, chair3=2.5, car3=-3.1 = 5.3': 'correct',
      'hinge_vs_ce: ce at s0=5, s1=-3, s2=2 = 0.05': 'correct',
      'hinge_vs_ce: ce at s0=5, s1=10, s2=10 = 5.70': 'correct',
      'hinge_vs_ce: ce at s0=5, s1=-20, s2=-20 = 2*10^-11': 'incorrect',
    });
  });

  it('explains the ones computed from rounded intermediate results (softmax 0.305, CCE 0.691)', () => {
    expect(verdict('softmax: p1 at z0=1.5, z1=0.8, z2=-0.5 = 0.305').reason).toMatch(/rounding explains it: with intermediate results rounded to 2 decimals .*0\.304295/);
    expect(verdict('cce: CCE at q1=0.7, q2=0.6, q3=0.3 = 0.691').reason).toMatch(/rounding explains it: with intermediate results rounded to 3 decimals .*0\.690491/);
  });

  it('says why the wrong ones are wrong', () => {
    expect(verdict('sigmoid_derivative: g at z=5.7 = 0.9966').reason).toBe('rounding cannot explain 0.9966: the exact value is 0.996665, which rounds to 0.9967');
    expect(verdict('softmax_classifier: L at z1=5.8, z2=2.2, z3=-1.6, z4=1.5 = 3.5').reason).toMatch(/^3\.5 is what you get with .* = 0\.0262349 rounded to 0\.03 too early; the exact value is 3\.64067$/);
    expect(verdict('hinge_vs_ce: ce at s0=5, s1=-20, s2=-20 = 2*10^-11').reason).toBe('rounding cannot explain 2e-11: the exact value is 2.77758e-11, which rounds to 3e-11');
    expect(verdict('softmax_classifier: p3 at z1=3.2, z2=5.1, z3=-1.7, z4=-3.7 = 0').reason).toMatch(/^0 is not the exact value 0\.000967799 \(a whole number is taken as exact/);
  });
});
