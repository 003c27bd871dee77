import { describe, expect, it } from 'vitest';
import { formatError } from '../../src/index.js';
import { parse } from '../../src/engines.js';
import { evaluate } from '../../src/numeric/evaluate.js';
import { readProgram } from '../../src/build/program.js';
import { formatWarning, statementReading } from '../../src/syntax/reading.js';
import { inputErrorOf } from '../helpers.js';

/** The fully parenthesised reading of a source, one line per statement. */
const readingOf = (source: string) => readProgram(source).statements.map(statementReading).join('\n');
const warningsOf = (source: string) => readProgram(source).warnings.map((warning) => formatWarning(warning));
const valueAt = (source: string, point: Record<string, number>) => evaluate(parse(source), point).value;
const errorOf = (source: string) => formatError(inputErrorOf(() => parse(source)));

describe('notation: Unicode from slides and word processors', () => {
  it.each([
    ['x×y', 'x*y'],
    ['x·y', 'x*y'],
    ['x−y', 'x-y'],
    ['−x', '-x'],
    ['x÷y', 'x/y'],
    ['x²', 'x^2'],
    ['x³', 'x^3'],
    ['x⁻¹', 'x^(-1)'],
    ['3x² + 2x', '(3*(x^2))+(2*x)'],
    ['x¹⁰', 'x^10'],
    ['√x', 'sqrt(x)'],
    ['√(x+1)', 'sqrt(x+1)'],
    ['√√x', 'sqrt(sqrt(x))'],
    ['2√x', '2*sqrt(x)'],
    ['π', 'pi'],
    ['2π x', '(2*pi)*x'],
    ['σ(x)', 'sigmoid(x)'],
    ['σ (w·x + b)', 'sigmoid((w*x)+b)'],
  ])('reads %s as %s', (source, expected) => {
    expect(readingOf(source)).toBe(expected);
  });

  it('gives the same values as the ASCII forms', () => {
    const point = { x: 0.7, y: -1.3 };
    expect(valueAt('x² − 3x·y ÷ 2 + √(x+1) + π x⁻¹ + σ(y)', point)).toBeCloseTo(valueAt('x^2 - 3x*y / 2 + sqrt(x+1) + pi x^-1 + sigmoid(y)', point), 12);
  });

  it.each([
    ['x ≤ 1', '"≤" (less than or equal to) means nothing in this language (line 1, column 3)'],
    ['x ≥ 1', '"≥" (greater than or equal to) means nothing in this language (line 1, column 3)'],
    ['1/∞', '"∞" (infinity) means nothing in this language (line 1, column 3)'],
    ['x ± 1', '"±" (plus or minus) means nothing in this language (line 1, column 3)'],
    ['∑ x', '"∑" (a sum over an index) means nothing in this language (line 1, column 1)'],
  ])('says in words that %s uses a symbol with no meaning here', (source, message) => {
    expect(errorOf(source).split('\n')[0]).toBe(`error: ${message}`);
  });

  it('keeps the caret and the expected tokens in those errors', () => {
    expect(errorOf('x≤1')).toBe(
      ['error: "≤" (less than or equal to) means nothing in this language (line 1, column 2)', '  x≤1', '   ^', 'expected a number, a name, "(", an operator (+ - * / ^), "=" or the end of the statement here'].join('\n'),
    );
  });

  it('leaves other unexpected characters as before', () => {
    expect(errorOf('x $').split('\n')[0]).toBe('error: unexpected character "$" (line 1, column 3)');
  });
});

describe('notation: ambiguous forms', () => {
  it.each([
    ['1/2x', '(1/2)*x', 'warning: read 1/2x as (1/2)·x; write 1/(2x) if you meant to divide by the whole product (line 1, column 1)'],
    ['(1/2x)', '(1/2)*x', 'warning: read 1/2x as (1/2)·x; write 1/(2x) if you meant to divide by the whole product (line 1, column 2)'],
    ['x/2 y', '(x/2)*y', 'warning: read x/2 y as (x/2)·y; write x/(2 y) if you meant to divide by the whole product (line 1, column 1)'],
    ['sin x^2', 'sin(x^2)', 'warning: read sin x^2 as sin(x^2); write sin(x)^2 to say otherwise (line 1, column 1)'],
    ['sin 2x', 'sin(2*x)', 'warning: read sin 2x as sin(2*x); write sin(…) with parentheses to say otherwise (line 1, column 1)'],
    ['sin^2 x', 'sin(x)^2', 'warning: read sin^2 x as sin(x)^2 (a power of sin); write sin(sin(…)) for a composition (line 1, column 1)'],
    ['sin²x', 'sin(x)^2', 'warning: read sin²x as sin(x)^2 (a power of sin); write sin(sin(…)) for a composition (line 1, column 1)'],
    ['2^3^2', '2^(3^2)', 'warning: read 2^3^2 as 2^(3^2); write (2^3)^2 if you meant the other grouping (line 1, column 1)'],
    ['-x^2', '-(x^2)', 'warning: read -x^2 as -(x^2); write (-x)^2 for the square of -x (line 1, column 1)'],
    ['-2^2', '-(2^2)', 'warning: read -2^2 as -(2^2); write (-2)^2 for the square of -2 (line 1, column 1)'],
    ['−x²', '-(x^2)', 'warning: read −x² as −(x²); write (−x)² for the square of −x (line 1, column 1)'],
    ['x - -x^3', 'x-(-(x^3))', 'warning: read -x^3 as -(x^3); write (-x)^3 for the cube of -x (line 1, column 5)'],
    ['e^(-x^2)', 'e^(-(x^2))', 'warning: read -x^2 as -(x^2); write (-x)^2 for the square of -x (line 1, column 4)'],
    ['x^-1', 'x^(-1)', 'warning: read x^-1 as x^(-1) (line 1, column 1)'],
    ['e^-x^2', 'e^(-(x^2))', 'warning: read e^-x^2 as e^(-(x^2)) (line 1, column 1)'],
    ['x^-2x', '(x^(-2))*x', 'warning: read x^-2x as x^(-2)·x; write x^(-2x) for x to the power -2x (line 1, column 1)'],
    ['3x^-2 y', '(3*(x^(-2)))*y', 'warning: read x^-2 y as x^(-2)·y; write x^(-2 y) for x to the power -2 y (line 1, column 2)'],
    ['e^2x', '(e^2)*x', 'warning: read e^2x as e^2·x; write e^(2x) for e to the power 2x (line 1, column 1)'],
    ['sehc x', 'sehc*x', 'warning: read sehc x as sehc·x (a variable named sehc); did you mean sech x or sec x? (line 1, column 1)'],
    ['2 sinn 2x cos x', '(((2*sinn)*2)*x)*cos(x)', 'warning: read sinn 2x as sinn·2x (a variable named sinn); did you mean sin 2x or sinh 2x? (line 1, column 3)'],
    ['f = x^2; g = f(3)', 'f = x^2\ng = f*3', 'warning: read f(3) as f·3 (f has a value; it is not a function); write f at … = 3 for its value at a point, or define f(x) = … to apply it (line 1, column 14)'],
  ])('reads %s as %s and warns', (source, expected, warning) => {
    expect(readingOf(source)).toBe(expected);
    expect(warningsOf(source)).toEqual([warning]);
  });

  it.each([
    ['(-x)^2', '(-x)^2'],
    ['-(x^2)', '-(x^2)'],
    ['x⁻¹', 'x^(-1)'],
    ['x^(-1)', 'x^(-1)'],
    ['x^(-2x)', 'x^((-2)*x)'],
    ['-x*y', '(-x)*y'],
    ['tau x', 'tau*x'],
    ['lr x', 'lr*x'],
    ['sinn = 2; sinn x', 'sinn = 2\nsinn*x'],
    ['s = sigmoid(x); d = s(1 - s)', 's = sigmoid(x)\nd = s*(1-s)'],
    ['sin x', 'sin(x)'],
    ['(sin x)', 'sin(x)'],
    ['2(sin x)^2', '2*(sin(x)^2)'],
    ['y(sin x) z', '(y*sin(x))*z'],
    ['2 sin x cos x', '(2*sin(x))*cos(x)'],
    ['(1/2)x', '(1/2)*x'],
    ['1/(2x)', '1/(2*x)'],
    ['(2^3)^2', '(2^3)^2'],
    ['x^(3^2)', 'x^(3^2)'],
    ['sin(x)^2', 'sin(x)^2'],
  ])('reads %s as %s without a warning', (source, expected) => {
    expect(readingOf(source)).toBe(expected);
    expect(warningsOf(source)).toEqual([]);
  });

  it('gives the line and column of each warning in a program', () => {
    expect(warningsOf('a = 1\nq = 3 + 1/2x\nf = q + 2^3^2')).toEqual([
      'warning: read 1/2x as (1/2)·x; write 1/(2x) if you meant to divide by the whole product (line 2, column 9)',
      'warning: read 2^3^2 as 2^(3^2); write (2^3)^2 if you meant the other grouping (line 3, column 9)',
    ]);
  });

  it('rejects sin^-1 x, which could be asin or a reciprocal', () => {
    expect(errorOf('sin^-1 x')).toBe(['error: sin^-1 x could mean the inverse function or a reciprocal (line 1, column 1)', '  sin^-1 x', '  ^^^^^^^^', 'write asin(…) for the inverse function or 1/sin(…) for the reciprocal'].join('\n'));
  });

  it('keeps the values of existing readings', () => {
    expect(valueAt('1/2x', { x: 3 })).toBe(1.5);
    expect(valueAt('2^3^2', {})).toBe(512);
    expect(valueAt('-x^2', { x: 3 })).toBe(-9);
    expect(valueAt('x^-1', { x: 4 })).toBe(0.25);
    expect(valueAt('sin x^2', { x: 0.5 })).toBeCloseTo(Math.sin(0.25), 14);
    expect(valueAt('sin^2 x', { x: 0.5 })).toBeCloseTo(Math.sin(0.5) ** 2, 14);
  });

  it('still calls a bare function name with no argument an error', () => {
    expect(errorOf('sin').split('\n')[0]).toBe('error: sin is a function, not a value (line 1, column 1)');
  });

  it('suggests the closest functions from the registry for a misspelt one', () => {
    expect(errorOf('sinn(x)').split('\n').at(-1)).toBe('did you mean sin or sinh?');
    expect(errorOf('sigmiod(x)').split('\n').at(-1)).toBe('did you mean sigmoid?');
  });

  it('counts two letters swapped as one edit and offers that function first', () => {
    expect(errorOf('sehc(x)').split('\n').at(-1)).toBe('did you mean sech or sec?');
    expect(errorOf('cso(x)').split('\n').at(-1)).toBe('did you mean cos or csc?');
  });

  it('does not change how a misspelt name without parentheses is read, only warns', () => {
    expect(valueAt('sehc x', { sehc: 2, x: 3 })).toBe(6);
  });
});

describe('notation: functions without parentheses after an operator or a sign, and brackets', () => {
  it.each([
    ['x³·cos x', '(x^3)*cos(x)'],
    ['2 tan x · sec²x', '(2*tan(x))*(sec(x)^2)'],
    ['x^2/sin x', '(x^2)/sin(x)'],
    ['-csc x cot x', '-(csc(x)*cot(x))'],
    ['cos^2(2x) sin(2x)', '(cos(2*x)^2)*sin(2*x)'],
    ['sin x cos(x)', 'sin(x)*cos(x)'],
    ['[x^2 + 1]^3', '((x^2)+1)^3'],
    ['|x - 1| + |x|', 'abs(x-1)+abs(x)'],
    ['||x| - 1|', 'abs(abs(x)-1)'],
    ['|a|b|c|', '(abs(a)*b)*abs(c)'],
  ])('reads %s as %s', (source, expected) => {
    expect(readingOf(source)).toBe(expected);
  });
});
