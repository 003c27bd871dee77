// High-precision evaluation: the digits float64 lacks, at the same points, with the same domains.
import { describe, expect, it } from 'vitest';
import { type Point } from '../../src/index.js';
import { decimalClass, exactDecimal, hasPrecise, OPS, parse, preciseCapable, PreciseTape, preciseValues, Tape } from '../../src/engines.js';

/** The high-precision value of an expression's output at a point. */
function precise(text: string, point: Point = {}, digits = 60) {
  const program = parse(text);
  const values = preciseValues(program.graph, [program.output], point, digits);
  if (!values) throw new Error(`${text} has an op without a high-precision value`);
  return values[program.output]!;
}

/** The float64 value of an expression's output at a point, and whether float64 finds it undefined there. */
function float(text: string, point: Point = {}) {
  const program = parse(text);
  const tape = new Tape(program.graph, [program.output]);
  const values = tape.forward(point);
  return { value: values[program.output]!, undefined: tape.firstProblem(values) !== undefined };
}

describe('precise values: exact numbers', () => {
  it('keeps rational constants exact: 1/3 + 1/3 + 1/3 − 1 is 0, not a rounding error', () => {
    expect(precise('1/3 + 1/3 + 1/3 - 1').isZero()).toBe(true);
    expect(precise('1/3 + 1/3 + 1/3 - 1 + 0*x', { x: 2 }).isZero()).toBe(true);
  });

  it('converts a float64 point exactly, not by its shortest decimal', () => {
    expect(exactDecimal(1.7, decimalClass(60)).toString()).toBe('1.6999999999999999555910790149937383830547332763671875');
    expect(exactDecimal(2 ** 60, decimalClass(60)).toString()).toBe('1152921504606846976');
    const D = decimalClass(800);
    const tiny = exactDecimal(5e-324, D); // 2^−1074 = 5^1074/10^1074: 751 significant digits
    expect(tiny.eq(new D(`${5n ** 1074n}e-1074`))).toBe(true);
    expect(tiny.sd()).toBe(751);
    expect(exactDecimal(-0, decimalClass(20)).isNeg()).toBe(true);
  });

  it('evaluates a variable the point lacks as NaN, like float64', () => {
    expect(precise('x + 1').isNaN()).toBe(true);
  });
});

describe('precise values: what float64 cannot separate', () => {
  it('tells 0.333333333333333x² from x²/3 at x = 1.7 (they differ by about 10^−16 of their size)', () => {
    const difference = precise('0.333333333333333*x^2 - x^2/3', { x: 1.7 });
    const D = decimalClass(60);
    const x = exactDecimal(1.7, D);
    const expected = x.times(x).div(-3e15); // x²·(0.333333333333333 − 1/3) = −x²/(3·10^15)
    expect(difference.isZero()).toBe(false);
    expect(difference.minus(expected).abs().div(expected.abs()).lt('1e-55')).toBe(true);
    expect(difference.div(precise('x^2/3', { x: 1.7 })).abs().toNumber()).toBeCloseTo(1e-15, 25);
  });

  it('keeps 10^−7 next to e^30: e^(10x) + 10^−7 − e^(10x) is 10^−7 to 50 digits at x = 3', () => {
    const value = precise('exp(10x) + 1e-7 - exp(10x)', { x: 3 });
    expect(value.minus('1e-7').abs().lt('1e-57')).toBe(true);
    expect(float('exp(10x) + 1e-7 - exp(10x)', { x: 3 }).value).toBe(0);
  });

  it('tells 2^((1/5.1)t) from 2^(0.196078431373t)', () => {
    const value = precise('2^((1/5.1)*t) - 2^(0.196078431373*t)', { t: 2 }).toNumber();
    expect(value).toBeCloseTo(-8.2047262478959027e-13, 25);
  });

  it('computes sin(7π) as a number below 10^−55, not float64’s 10^−15', () => {
    expect(precise('sin(7*pi)').abs().lt('1e-55')).toBe(true);
    expect(Math.abs(float('sin(7*pi)').value)).toBeGreaterThan(1e-16);
  });

  it('gives more digits when asked for more', () => {
    const at30 = precise('exp(1) - e + sqrt(2)^2 - 2', {}, 30).abs();
    const at100 = precise('exp(1) - e + sqrt(2)^2 - 2', {}, 100).abs();
    expect(at30.lt('1e-35')).toBe(true);
    expect(at100.lt('1e-105')).toBe(true);
  });
});

describe('precise values: the same domains as float64', () => {
  const cases: readonly [string, Point][] = [
    ['(-8)^(1/3)', {}],
    ['(-2)^3', {}],
    ['(-2)^(-2)', {}],
    ['(-2)^0.5', {}],
    ['x^y', { x: -1.5, y: 3 }],
    ['x^y', { x: -1.5, y: 2.5 }],
    ['x^y', { x: -1.5, y: -4 }],
    ['x^y', { x: 0, y: -1 }],
    ['x^y', { x: 0, y: 0 }],
    ['x^y', { x: 0, y: 2.5 }],
    ['nthRoot(-8, 3)', {}],
    ['nthRoot(-16, 4)', {}],
    ['nthRoot(-32, -5)', {}],
    ['nthRoot(x, 0)', { x: 2 }],
    ['nthRoot(0, -2)', {}],
    ['cbrt(-27)', {}],
    ['sqrt(x)', { x: -1e-300 }],
    ['log(x)', { x: 0 }],
    ['log(x, 1)', { x: 3 }],
    ['1/(x - x)', { x: 2 }],
    ['asin(x)', { x: 1.0000000000000002 }],
    ['acosh(x) + atanh(x/2)', { x: 1 }],
    ['step(sqrt(x))', { x: -1 }],
  ];

  it.each(cases)('%s at %j is undefined exactly where float64 says so, and equal elsewhere', (text, point) => {
    const expected = float(text, point);
    const value = precise(text, point);
    expect(value.isNaN()).toBe(expected.undefined);
    if (!expected.undefined) expect(value.toNumber()).toBeCloseTo(expected.value, 13);
  });
});

describe('precise values: capability and reuse', () => {
  it('says whether every op a graph needs has a high-precision value', () => {
    const program = parse('gelu(x) + mish(y) + atan2(x, y) + maxout(x, y, 1)');
    expect(preciseCapable(program.graph, [program.output])).toBe(true);
    expect(OPS.every(hasPrecise)).toBe(true);
    expect(hasPrecise({ ...OPS.find((op) => op.name === 'sin')!, precise: undefined })).toBe(false);
  });

  it('leaves the entries of nodes the roots do not need undefined', () => {
    const program = parse('a = sin(x); b = cos(y); f = a');
    const values = preciseValues(program.graph, [program.output], { x: 1, y: 2 })!;
    const cosine = program.bindings.find((binding) => binding.name === 'b')!.node;
    expect(values[cosine]).toBeUndefined();
    expect(values[program.output]!.toNumber()).toBeCloseTo(Math.sin(1), 15);
  });

  it('evaluates one tape at many points', () => {
    const program = parse('x*exp(-x^2/2)');
    const tape = new PreciseTape(program.graph, [program.output], 40);
    for (const x of [-2, -0.1, 0, 0.7, 3]) expect(tape.values({ x })![program.output]!.toNumber()).toBeCloseTo(x * Math.exp((-x * x) / 2), 15);
  });
});
