// The functions of the issue "Expression language": exact values, real domains, kinks, and `chainrule diff` on them.
import { describe, expect, it } from 'vitest';
import { diffProgram as diff } from '../../src/engines.js';
import { compareExpressions, crossCheck, evaluate, functionNamed, parse, Simplifier, differentiate } from '../../src/engines.js';
import { run } from '../cli/run.js';

/** The value of a call, through the op a user reaches by this name. */
function call(name: string, ...args: number[]): number {
  const op = functionNamed(name);
  if (!op) throw new Error(`no function ${name}`);
  return op.eval(args);
}

/** The domain message of a call, or undefined inside the domain. */
function outside(name: string, ...args: number[]): string | undefined {
  return functionNamed(name)!.domain?.(args);
}

describe('functions: exact values', () => {
  it('computes the reciprocal and inverse trigonometric and hyperbolic functions', () => {
    expect(call('sec', 0)).toBe(1);
    expect(call('csc', Math.PI / 2)).toBeCloseTo(1, 15);
    expect(call('cot', Math.PI / 4)).toBeCloseTo(1, 15);
    expect(call('asec', 2)).toBeCloseTo(Math.PI / 3, 15);
    expect(call('acsc', 2)).toBeCloseTo(Math.PI / 6, 15);
    expect(call('acot', 1)).toBeCloseTo(Math.PI / 4, 15);
    expect(call('acot', -1)).toBeCloseTo(-Math.PI / 4, 15);
    expect(call('sech', 0)).toBe(1);
    expect(call('coth', 1)).toBeCloseTo(Math.cosh(1) / Math.sinh(1), 15);
    expect(call('acosh', 1)).toBe(0);
    expect(call('acoth', 2)).toBeCloseTo(Math.atanh(1 / 2), 15);
    expect(call('asech', 1)).toBe(0);
    expect(call('acsch', 1)).toBeCloseTo(Math.asinh(1), 15);
  });

  it('reaches the same ops by their arc- and ar- spellings', () => {
    for (const [alias, name] of [['arcsin', 'asin'], ['arccos', 'acos'], ['arctan', 'atan'], ['arcsec', 'asec'], ['arccsc', 'acsc'], ['arccot', 'acot'],
      ['arsinh', 'asinh'], ['arccosh', 'acosh'], ['artanh', 'atanh'], ['arcsech', 'asech'], ['arcsch', 'acsch'], ['arcoth', 'acoth'], ['heaviside', 'step'], ['root', 'nthRoot']]) {
      expect(functionNamed(alias!)?.name, alias).toBe(name);
    }
    expect(functionNamed('pow')?.name).toBe('pow');
  });

  it('computes roots, logarithms, exponentials, hypot and atan2', () => {
    expect(call('cbrt', -8)).toBe(-2);
    expect(call('cbrt', 27)).toBe(3);
    expect(call('nthRoot', -32, 5)).toBeCloseTo(-2, 14);
    expect(call('root', 16, 4)).toBe(2);
    expect(call('log2', 8)).toBe(3);
    expect(call('log10', 1000)).toBe(3);
    expect(call('log1p', 1e-20)).toBe(1e-20);
    expect(call('expm1', 1e-20)).toBe(1e-20);
    expect(call('exp2', 10)).toBe(1024);
    expect(call('hypot', 3, 4)).toBe(5);
    expect(call('atan2', 1, -1)).toBeCloseTo((3 * Math.PI) / 4, 15);
    expect(call('atan2', 0, -1)).toBe(Math.PI);
  });

  it('computes the piecewise functions', () => {
    expect([call('floor', -1.5), call('ceil', -1.5), call('round', -1.5), call('round', 2.5)]).toEqual([-2, -1, -1, 3]);
    expect([call('clip', 5, -1, 1), call('clip', -5, -1, 1), call('clip', 0.3, -1, 1)]).toEqual([1, -1, 0.3]);
    expect([call('hardtanh', 2), call('hardtanh', -0.5)]).toEqual([1, -0.5]);
    expect(call('maxout', 1, 5, 3, -2)).toBe(5);
    expect(call('heaviside', 0)).toBe(0); // heaviside is step: step(0) = 0
  });

  it('computes erf, erfc, gelu and mish to float64 precision', () => {
    expect(call('erf', 0)).toBe(0);
    expect(call('erf', 1)).toBeCloseTo(0.8427007929497149, 15);
    expect(call('erf', -1)).toBeCloseTo(-0.8427007929497149, 15);
    expect(call('erf', 0.5)).toBeCloseTo(0.5204998778130465, 15);
    expect(call('erfc', 0)).toBe(1);
    // erfc keeps its relative precision in the tail, where 1 − erf would give 0
    expect(call('erfc', 2) / 0.004677734981047266 - 1).toBeLessThan(1e-14);
    expect(call('erfc', 5) / 1.5374597944280349e-12 - 1).toBeLessThan(1e-14);
    expect(call('erfc', 10)).toBeGreaterThan(0);
    expect(call('gelu', 1)).toBeCloseTo(0.8413447460685429, 15);
    expect(call('gelu', 0)).toBe(0);
    expect(call('mish', 1)).toBeCloseTo(Math.tanh(Math.log(1 + Math.E)), 15);
  });
});

describe('functions: real domains', () => {
  it.each([
    ['acosh', [0.5], 'acosh is defined only for x ≥ 1'],
    ['atanh', [1], 'atanh is defined only for −1 < x < 1'],
    ['asec', [0.5], 'asec is defined only for |x| ≥ 1'],
    ['acsc', [-0.5], 'acsc is defined only for |x| ≥ 1'],
    ['acoth', [0.5], 'acoth is defined only for |x| > 1'],
    ['acoth', [1], 'acoth is defined only for |x| > 1'],
    ['asech', [2], 'asech is defined only for 0 < x ≤ 1'],
    ['asech', [0], 'asech is defined only for 0 < x ≤ 1'],
    ['acsch', [0], 'acsch is undefined at 0'],
    ['coth', [0], 'coth is undefined at 0'],
    ['log2', [-1], 'log2 is defined only for positive numbers'],
    ['log1p', [-1], 'log1p is defined only for x > −1'],
    ['nthRoot', [-8, 2], 'a negative number (-8) has a real n-th root only for odd integers n'],
    ['clip', [0, 1, -1], 'clip needs lo ≤ hi'],
  ] as const)('rejects %s%j outside its domain', (name, args, message) => {
    expect(outside(name, ...args)).toContain(message);
  });

  it('accepts the edges of closed domains and negative numbers where a real value exists', () => {
    expect(outside('acosh', 1)).toBeUndefined();
    expect(outside('asec', -1)).toBeUndefined();
    expect(outside('asech', 1)).toBeUndefined();
    expect(outside('acoth', -2)).toBeUndefined();
    expect(outside('nthRoot', -8, 3)).toBeUndefined();
    expect(functionNamed('cbrt')!.domain).toBeUndefined();
  });

  it('reports a domain error with the message, pointing at the call', async () => {
    const result = await run(['eval', 'acosh(0.5)']);
    expect(result.code).not.toBe(0);
    expect(result.err).toContain('acosh is defined only for x ≥ 1 (got 0.5)');
    expect(() => evaluate(parse('atanh(x)'), { x: 2 })).toThrow(/atanh is defined only for −1 < x < 1/);
    expect(() => evaluate(parse('clip(x, 1, -1)'), { x: 0 })).toThrow(/clip needs lo ≤ hi/);
    expect(() => evaluate(parse('nthRoot(x, 0)'), { x: 0.5 })).toThrow(/the 0-th root is undefined/);
    expect(() => evaluate(parse('acsch(x)'), { x: 0 })).toThrow(/acsch is undefined at 0/);
  });
});

describe('functions: derivatives', () => {
  /** Whether d expr/dx equals `expected` (as compareExpressions decides). */
  function derivativeIs(expr: string, expected: string): string {
    const program = parse(`expected = ${expected}; f = ${expr}`);
    const derivatives = differentiate(program.graph, program.output, ['x']);
    const wanted = program.bindings.find((binding) => binding.name === 'expected')!.node;
    return compareExpressions(new Simplifier(program.graph), derivatives.byVariable.get('x')!, wanted).verdict;
  }

  it.each([
    ['acoth(x)', '1/(1 - x^2)'],
    ['atanh(x)', '1/(1 - x^2)'],
    ['asec(x)', '1/(abs(x)*sqrt(x^2 - 1))'],
    ['acsch(x)', '-1/(abs(x)*sqrt(1 + x^2))'],
    ['asech(x)', '-1/(x*sqrt(1 - x^2))'],
    ['acot(x)', '-1/(1 + x^2)'],
    ['sec(x)', 'sin(x)/cos(x)^2'],
    ['coth(x)', '1 - coth(x)^2'],
    ['cbrt(x)', '1/(3*cbrt(x)^2)'],
    ['log10(x)', '1/(x*ln(10))'],
    ['exp2(x)', '2^x*ln(2)'],
    ['erf(x)', '2/sqrt(pi)*exp(-x^2)'],
    ['erfc(x)', '-2/sqrt(pi)*exp(-x^2)'],
    ['gelu(x)', '(1 + erf(x/sqrt(2)))/2 + x*exp(-x^2/2)/sqrt(2*pi)'],
    ['mish(x)', 'tanh(softplus(x)) + x*sigmoid(x)*sech(softplus(x))^2'],
    ['floor(x)', '0'],
  ])('d/dx %s = %s', (expr, expected) => {
    expect(derivativeIs(expr, expected)).toBe('equal');
  });

  it('marks the jumps of floor as kinks: no finite difference across an integer, and a note', () => {
    const onJump = crossCheck(parse('floor(x)'), { x: 2 });
    expect(onJump.partials[0]!.symbolic).toBe(0);
    expect(onJump.partials[0]!.finite).toBeNull();
    expect(onJump.partials[0]!.skipped).toMatch(/kink/);
    expect(onJump.kinkNotes.join('\n')).toMatch(/floor jumps at every integer/);
    const between = crossCheck(parse('floor(x)'), { x: 2.5 });
    expect(between.partials[0]!.finite).toBeCloseTo(0, 12);
    expect(between.agree).toBe(true);
  });

  it('marks the jump of round at half-integers and of atan2 on the negative x axis', () => {
    expect(crossCheck(parse('round(x)'), { x: 1.5 }).partials[0]!.skipped).toMatch(/kink/);
    expect(crossCheck(parse('round(x)'), { x: 1 }).partials[0]!.finite).toBeCloseTo(0, 12);
    const angle = crossCheck(parse('atan2(y, x)'), { x: -1, y: 1e-12 });
    expect(angle.partials.find((p) => p.variable === 'y')!.skipped).toMatch(/kink/);
  });

  it('checks every new function three ways at random points', () => {
    const expressions = [
      'sec(x) + csc(x) + cot(x)', 'asec(x) + acsc(x) + acoth(x) + acosh(x)', 'sech(x) + csch(x) + coth(x) + asinh(x)',
      'asech(x/4) + atanh(x/4)', 'acsch(x) + acot(x)', 'cbrt(x) + nthRoot(x, 5) + root(x, y)', 'pow(x, y) + log2(x) + log10(x) + log1p(x) + expm1(x) + exp2(x)',
      'hypot(x, y) + atan2(y, x)', 'floor(x)*x + ceil(x) + round(x)', 'clip(x, y/4, 3) + hardtanh(x) + maxout(x, y, 2, x*y)',
      'erf(x) + erfc(x*y) + gelu(x) + mish(y)', 'heaviside(x - 1)*x^2',
    ];
    for (const expr of expressions) {
      const { verification } = diff(parse(expr), { points: 6 });
      expect(verification.agree, expr).toBe(true);
      expect(verification.checks.length, expr).toBe(6);
    }
  });
});

describe('functions: chainrule diff', () => {
  it('differentiates acoth to 1/(1 - x^2), cross-checked', async () => {
    const result = await run(['diff', 'acoth(x)']);
    expect(result.code).toBe(0);
    expect(result.out).toContain('∂f/∂x = 1/(1 - x^2)');
    expect(result.out).toMatch(/✓ verified at \d+ random points/);
  });

  it('differentiates gelu, erf and the spelling arcsec', async () => {
    const gelu = await run(['diff', 'gelu(x)']);
    expect(gelu.code).toBe(0);
    expect(gelu.out).toMatch(/erf\(x\/sqrt\(2\)\)/);
    const arcsec = await run(['diff', 'arcsec(x)']);
    expect(arcsec.code).toBe(0);
    expect(arcsec.out).toContain('asec(x)');
    expect(arcsec.out).toMatch(/✓ verified/);
  });

  it('says that floor has derivative 0 and where it has none', async () => {
    const result = await run(['diff', 'floor(x)']);
    expect(result.code).toBe(0);
    expect(result.out).toContain('∂f/∂x = 0');
    expect(result.out).toContain('floor jumps at every integer');
  });

  it('takes any number of arguments to maxout, and at least two', async () => {
    expect((await run(['diff', 'maxout(x, y, z, w)'])).code).toBe(0);
    const one = await run(['diff', 'maxout(x)']);
    expect(one.code).not.toBe(0);
    expect(one.err).toContain('maxout takes at least 2 arguments, but was given 1');
  });
});

describe('functions: powers found wanting by mathjs tests', () => {
  it('differentiates 0^u to 0 (not 0·ln 0) where u > 0', async () => {
    const result = await run(['diff', '0^(2^x + x^3 + 2)']);
    expect(result.out).toContain('∂f/∂x = 0');
    expect(result.out).toMatch(/✓ verified/);
  });

  it('samples points where every gate is defined, even when the output hides one ((x^x)^0 is 1 only for x > 0)', async () => {
    const result = await run(['diff', 'pow(x^x^x^x, 0)']);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/✓ verified/);
  });
});

describe('functions: LaTeX claims', () => {
  it('reads \\sec, \\csc, \\cot and \\coth in LaTeX claims', async () => {
    const right = await run(['check', String.raw`\frac{d}{dx} \sec x = \sec x \tan x`]);
    expect(right.out).toContain('✓ correct');
    const wrong = await run(['check', String.raw`\frac{d}{dx} \coth x = -\csc(x)^2`]);
    expect(wrong.out).toContain('✗ incorrect');
    expect(wrong.out).toContain('-1/sinh(x)^2');
  });
});
