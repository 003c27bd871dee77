import { describe, expect, it } from 'vitest';
import { checkClaims } from '../../src/engines.js';

const first = (text: string) => checkClaims(text).claims[0]!;

describe('identities: verdicts', () => {
  it.each([
    // exact values at rational multiples of π, so that exact claims can be proved
    ['sin(7*pi) = 0', 'correct'],
    ['sin(500*pi) = 0', 'correct'],
    ['cos(pi/2) = 0', 'correct'],
    ['sin(pi/6) = 1/2', 'correct'],
    ['cos(3pi/4) = -sqrt(2)/2', 'correct'],
    ['tan(pi/3) = sqrt(3)', 'correct'],
    ['sin(-pi/3) = -sqrt(3)/2', 'correct'],
    ['cos(pi/3) = 0.5', 'correct'],
    ['sin(2x) = 2 sin(x) cos(x)', 'correct'],
    ['(x^2 - 9)/(x - 3) = x + 3', 'correct'],
    ['sin(2x) = 2·sin(x)·cos(x)', 'correct'],
    ['\\sin(2x) = 2\\sin x\\cos x', 'correct'],
    ['\\frac{x^2 - 9}{x - 3} = x + 3', 'correct'],
    // differences that random points in [-10, 10] miss
    ['abs(x+1000)-1000 = abs(x+1001)-1001', 'incorrect'],
    ['(a^b)^c = a^(b*c)', 'incorrect'],
    ['x = sqrt(x^2)', 'incorrect'],
    ['cos(pi*x) = 1', 'incorrect'],
    ['sin(x) = (10^30 + x) - 10^30', 'incorrect'],
    // exact expressions are compared exactly
    ['0.333333333333333 = 1/3', 'incorrect'],
    ['99999999/10^8 = 99999998/99999999', 'incorrect'],
    ['0.99999999 = 99999999/10^8', 'correct'],
    ['e^(10x) + 1e-7 = e^(10x)', 'incorrect'],
    ['10^(-30) = 2*10^(-30)', 'incorrect'],
    // a written number on the right is an answer, judged by the precision it is written with
    ['1/3 = 0.333333333333333', 'correct'],
    ['1/3 = 0.33', 'correct'],
    ['1/3 = 0.34', 'incorrect'],
  ])('%s is %s', (claim, verdict) => {
    expect(first(claim).verdict).toBe(verdict);
  });

  it('says by how much two exact sides differ', () => {
    expect(first('0.333333333333333 = 1/3').reason).toBe('the right side minus the left side is exactly 1/3000000000000000 (about 3.33e-16)');
  });

  it('finds the counterexample below -1000', () => {
    const claim = first('abs(x+1000)-1000 = abs(x+1001)-1001');
    expect(claim.counterexample!.point.x!).toBeLessThan(-1000);
  });
});

describe('identities: domains', () => {
  it('holds on the common domain, with a note naming a point where only one side is defined', () => {
    const claim = first('exp(log(x)) = x');
    expect(claim.verdict).toBe('correct');
    expect(claim.notes![0]).toMatch(/^the two sides have different domains \(at x = -[\d.]+ the right side is defined and the left side is not\); they are equal where both are defined$/);
  });

  it('sqrt(x-3)*sqrt(x-5) and sqrt((x-3)*(x-5)) agree where both are defined (x ≥ 5)', () => {
    const claim = first('sqrt((x-3)*(x-5)) = sqrt(x-3)*sqrt(x-5)');
    expect(claim.verdict).toBe('correct');
    expect(claim.notes![0]).toContain('different domains');
  });

  it('is undetermined when the sides share no sampled point', () => {
    expect(first('sqrt(-1 - x^2) = sqrt(-2 - x^2)').verdict).toBe('undetermined');
  });
});

describe('identities: a line X = … is a definition only when a later line uses X', () => {
  it('reads X = x and x = y alone as identities', () => {
    expect(first('X = x').verdict).toBe('incorrect');
    expect(first('x = y').verdict).toBe('incorrect');
    expect(first('x = x*(y^2+1)/(y^2+1)').verdict).toBe('correct');
  });

  it('reads q = x + y as a definition when a later line uses q', () => {
    const report = checkClaims('q = x + y\nd/dx (q^2) = 2q');
    expect(report.claims).toHaveLength(1);
    expect(report.claims[0]!.verdict).toBe('correct');
  });

  it('still refuses a value for a name used as a variable above', () => {
    expect(checkClaims('d/dx (x^2) = 2x\nx = 2').errors[0]!.error.message).toContain('x is a variable in the lines above');
  });
});

describe('claims at a point: the point is exact', () => {
  it.each([
    ['sin(x) at x = pi/4 = sqrt(2)/2', 'correct'],
    ['d/dx (sin(x)) at x = pi/3 = 1/2', 'correct'],
    ['x^2 at x = 1/3 = 1/9', 'correct'],
    ['x^2 at x = 0.1 = 1/100', 'correct'],
    ["f = x^3\nf'(1/3) = 1/3", 'correct'],
    ['q = x + y\nf = q^2\ndf/dq at x = 1/3, y = 1/6 = 1', 'correct'],
    ['sin(x) at x = 1 = sin(1) + 1e-12', 'incorrect'],
    ['d/dx (x^3) at x = 2 = 12 + 10^(-11)', 'incorrect'],
    ['ce = -log(exp(s0)/(exp(s0) + exp(s1) + exp(s2)))\ndce/ds0 at s0=5, s1=-20, s2=-20 = -2.78*10^-11', 'correct'],
  ])('%s is %s', (claim, verdict) => {
    const report = checkClaims(claim);
    expect(report.claims.at(-1)!.verdict).toBe(verdict);
  });
});
