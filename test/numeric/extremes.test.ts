// Derivatives at extreme points: every method either gives the derivative where it is finite or says truly why it
// cannot. The expected values were computed with mpmath at 40 digits.
import { describe, expect, it } from 'vitest';
import { crossCheck, parse } from '../../src/engines.js';
import { run } from '../cli/run.js';

const check = (expr: string, point: Record<string, number>) => crossCheck(parse(expr), point);

describe('derivatives at extreme points', () => {
  it.each([
    ['elu(x)', { x: 710 }, 1], // e^710 · 0 must not be NaN
    ['cbrt(x)', { x: 1e200 }, 1.547196277870926e-134], // x² overflows; the slope does not
    ['sech(x)', { x: 710 }, -8.95257245135026e-309], // −sinh/cosh² overflows in both parts
    ['csch(x)', { x: 710 }, -8.95257245135026e-309],
    ['sech(x)', { x: -710 }, 8.95257245135026e-309],
    ['acosh(x)', { x: 1e200 }, 1e-200], // x² − 1 overflows
    ['expm1(x)', { x: -40 }, 4.248354255291589e-18], // y + 1 cancels to 0
  ] as const)('%s at %o has a finite derivative that all three methods give', (expr, point, expected) => {
    const result = check(expr, point);
    const [partial] = result.partials;
    expect(partial!.symbolic).toBeCloseTo(expected, 12 - Math.floor(Math.log10(Math.abs(expected))));
    expect(partial!.reverse / expected).toBeCloseTo(1, 12);
    expect(result.agree).toBe(true);
  });

  it('passes nothing back through a gate that is flat here, even what is undefined: y^floor(x) at x = 2.5, y = −2', () => {
    const result = check('y^floor(x)', { x: 2.5, y: -2 });
    expect(result.partials.map((partial) => [partial.variable, partial.symbolic, partial.reverse])).toEqual([
      ['y', -4, -4],
      ['x', 0, 0],
    ]);
    expect(result.agree).toBe(true);
  });

  it.each(['sin', 'cos', 'tan', 'sec', 'csc', 'cot'])('says finite differences cannot be used for %s at 1e16 instead of reporting a disagreement', async (name) => {
    const result = check(`${name}(x)`, { x: 1e16 });
    expect(result.agree).toBe(true);
    expect(result.partials[0]!.skipped).toBe(`finite differences cannot be used: their smallest step moves the argument of ${name} (1.00e+16) by more than a sixteenth of its period (${['tan', 'cot'].includes(name) ? 'π' : '2π'})`);
    const cli = await run(['grad', `${name}(x)`, '--at', 'x=1e16']);
    expect(cli.code).toBe(0);
  });

  it('does not use finite differences across a pole: csc x at 1e-10, where the step reaches past 0', () => {
    const result = check('csc(x)', { x: 1e-10 });
    expect(result.partials[0]!.skipped).toBe('a pole (where the function or its slope is infinite) lies within the step around this point');
    expect(result.agree).toBe(true);
  });

  it('says a derivative float64 cannot evaluate exists, with its many-digit value, not that it is infinite', async () => {
    const result = check('sqrt(x^2)', { x: 1e-300 }); // x² underflows to 0
    expect(result.partials[0]!.undefinedHere).toBe('float64 overflows or underflows on the way to it here; evaluated with 60 digits, the symbolic derivative is 1');
    const cli = await run(['grad', 'sqrt(x^2)', '--at', 'x=1e-300']);
    expect(cli.out).toContain('✗ the gradient cannot be computed in float64 here: ∂/∂x: float64 overflows or underflows on the way to it here');
  });

  it('still says a derivative that is infinite is infinite', () => {
    expect(check('sqrt(x)', { x: 0 }).partials[0]!.undefinedHere).toBe('the derivative is infinite at this point');
  });
});
