import { afterEach, describe, expect, it, vi } from 'vitest';
import { crossCheck, opNamed, parse } from '../../src/engines.js';
import { inputErrorOf } from '../helpers.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('cross-check: agreement', () => {
  it('computes every partial three ways and finds them equal', () => {
    const check = crossCheck(parse('sin(x)*exp(y) + x^2/y'), { x: 0.7, y: 1.3 });
    expect(check.agree).toBe(true);
    for (const partial of check.partials) {
      expect(partial.symbolicVsReverse).toBeLessThanOrEqual(1e-12);
      expect(partial.vsFinite!).toBeLessThanOrEqual(1e-6);
      expect(partial.finite).not.toBeNull();
    }
  });

  it('accepts a gradient that cancels to zero up to rounding', () => {
    // d/dx of (x + 1)² − x² − 2x is exactly 0; reverse mode sums terms of size ~2|x| that cancel
    const check = crossCheck(parse('(x + 1)^2 - x^2 - 2*x'), { x: 12345.678 });
    expect(check.partials[0]!.symbolic).toBe(0);
    expect(check.agree).toBe(true);
  });

  it('lets the tolerances be set', () => {
    // both exact rules for sin made 1e-5 too large: finite differences catch it at 1e-6, not at 1e-4
    const op = opNamed('sin');
    const { partial, vjp } = op;
    vi.spyOn(op, 'partial').mockImplementation((algebra, args, i, out) => algebra.mul(algebra.num(1.00001), partial(algebra, args, i, out)));
    vi.spyOn(op, 'vjp').mockImplementation((upstream, args, out) => vjp(upstream * 1.00001, args, out));
    const program = parse('sin(x)');
    expect(crossCheck(program, { x: 0.5 }).agree).toBe(false);
    expect(crossCheck(program, { x: 0.5 }, { tolerances: { finite: 1e-4 } }).agree).toBe(true);
  });

  it('allows for the rounding of a symbolic formula that loses digits', () => {
    // 1 − tanh(10)² cancels 8 digits; reverse mode uses 1/cosh²: they differ by 1e-8 relative, within rounding
    const check = crossCheck(parse('tanh(x)'), { x: 10 });
    expect(check.partials[0]!.symbolicVsReverse).toBeGreaterThan(1e-12);
    expect(check.agree).toBe(true);
  });

  it('does not overflow in the reverse-mode rule for division', () => {
    const check = crossCheck(parse('x/y'), { x: 1e170, y: 1e160 });
    expect(check.partials[1]!.reverse).toBeCloseTo(-1e-150, 160);
    expect(check.agree).toBe(true);
  });

  it('says finite differences cannot be used where they cannot reach the tolerance', () => {
    const check = crossCheck(parse('cos(x^x)'), { x: 7.19 });
    expect(check.partials[0]!.skipped).toMatch(/varies too fast here for finite differences/);
    expect(check.agree).toBe(true);
  });

  it('shrinks the finite-difference step for rapidly varying functions', () => {
    const check = crossCheck(parse('sin(100000*x)'), { x: 0.3 });
    expect(check.agree).toBe(true);
  });
});

describe('cross-check: kinks', () => {
  it('says a point on a kink is not differentiable by finite differences and uses the convention', () => {
    const check = crossCheck(parse('relu(x)*y'), { x: 0, y: 2 });
    const dx = check.partials.find((p) => p.variable === 'x')!;
    expect(dx.symbolic).toBe(0);
    expect(dx.reverse).toBe(0);
    expect(dx.finite).toBeNull();
    expect(dx.skipped).toMatch(/kink/);
    expect(check.agree).toBe(true);
    expect(check.kinkNotes.join(' ')).toMatch(/relu'\(0\) = 0/);
  });

  it('does not call a kink within the step a mismatch', () => {
    const check = crossCheck(parse('abs(x - 1)'), { x: 1 + 1e-9 });
    expect(check.partials[0]!.finite).toBeNull();
    expect(check.partials[0]!.skipped).toMatch(/kink lies within the step/);
    expect(check.agree).toBe(true);
  });

  it('splits the gradient of max evenly at a tie', () => {
    const check = crossCheck(parse('max(x, y)'), { x: 2, y: 2 });
    expect(check.partials.map((p) => [p.symbolic, p.reverse])).toEqual([
      [0.5, 0.5],
      [0.5, 0.5],
    ]);
  });
});

describe('cross-check: disagreement is localised', () => {
  it('names the gate whose reverse-mode rule is wrong', () => {
    vi.spyOn(opNamed('sin'), 'vjp').mockImplementation((upstream, [x]) => [upstream * Math.sin(x!)]);
    const check = crossCheck(parse('q = sin(x)\nf = q*y'), { x: 0.5, y: 3 });
    expect(check.agree).toBe(false);
    const dx = check.partials.find((p) => p.variable === 'x')!;
    expect(dx.agree).toBe(false);
    expect(check.disagreements).toHaveLength(1);
    expect(check.disagreements[0]).toMatchObject({ op: 'sin', input: 0, expression: 'sin(x)', suspect: 'reverse', line: 1, col: 5 });
  });

  it('names the gate whose symbolic rule is wrong', () => {
    vi.spyOn(opNamed('exp'), 'partial').mockImplementation((algebra, [x]) => algebra.mul(algebra.num(2), algebra.call('exp', x!)));
    const check = crossCheck(parse('exp(x) + x'), { x: 0.3 });
    expect(check.agree).toBe(false);
    expect(check.disagreements.map((d) => [d.op, d.suspect])).toEqual([['exp', 'symbolic']]);
  });
});

describe('cross-check: bad points', () => {
  it('says the gradient does not exist where the derivative is infinite', () => {
    const check = crossCheck(parse('sqrt(x) + y'), { x: 0, y: 1 });
    expect(check.agree).toBe(false);
    expect(check.partials[0]!.undefinedHere).toBe('the derivative is infinite at this point');
    expect(check.partials[1]!.agree).toBe(true);
    expect(check.disagreements).toEqual([]);
  });

  it('asks for a missing variable by name, pointing at it in the source', () => {
    const error = inputErrorOf(() => crossCheck(parse('x*y + z'), { x: 1, z: 2 }));
    expect(error.kind).toBe('missing-value');
    expect(error.message).toBe('no value was given for y');
    expect(error.location?.span.col).toBe(3);
  });

  it('rejects a point outside a function’s domain, pointing at the function', () => {
    const error = inputErrorOf(() => crossCheck(parse('x + log(x - 3)'), { x: 1 }));
    expect(error.kind).toBe('domain');
    expect(error.message).toBe('log is defined only for positive numbers (got -2)');
    expect(error.location?.span.col).toBe(5);
  });
});
