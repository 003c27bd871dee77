import { describe, expect, it } from 'vitest';
import { formatError } from '../../src/index.js';
import { evaluate, parse } from '../../src/engines.js';
import { readProgram } from '../../src/build/program.js';
import { statementReading } from '../../src/syntax/reading.js';
import { run } from '../cli/run.js';
import { inputErrorOf } from '../helpers.js';

const valueOf = (source: string, point: Record<string, number> = {}) => evaluate(parse(source), point).value;
const readingOf = (source: string) => readProgram(source).statements.map(statementReading).join('\n');
const errorOf = (source: string) => formatError(inputErrorOf(() => parse(source)));

describe('programs: functions defined with parameters', () => {
  it('applies f(x) = … to an argument, substituting it for the parameter', () => {
    const program = parse('f(x) = x^2*sin(x); f(2x)');
    expect(program.variables).toEqual(['x']);
    expect(evaluate(program, { x: 0.5 }).value).toBeCloseTo(1 * Math.sin(1), 15);
  });

  it('puts all arguments in at once, so swapped arguments do not capture each other', () => {
    const program = parse('loss(w, b) = (3*w + b - 1)^2; L = loss(w, b) + loss(b, w)');
    expect(evaluate(program, { w: 1, b: 2 }).value).toBe(16 + 36);
  });

  it('does not count a function as a value, nor its unused parameter as a variable', () => {
    const program = parse('g(t) = t^2; g(3)');
    expect(program.variables).toEqual([]);
    expect(program.bindings).toEqual([]);
    expect(evaluate(program).value).toBe(9);
  });

  it('differentiates through an applied function, cross-checked', async () => {
    const result = await run(['diff', 'f(x) = x^2*sin(x); f(2x)']);
    expect(result.code).toBe(0);
    expect(result.out).toContain('✓ verified');
  });

  it('names the parameters when a function gets the wrong number of arguments (exit 2)', async () => {
    const result = await run(['eval', 'loss(w, b) = w - b; loss(1)']);
    expect(result.code).toBe(2);
    expect(result.err).toContain('loss takes 2 arguments (w, b), but was given 1');
  });
});

describe('programs: one-letter functions of several arguments', () => {
  it('defines g(x, y) and applies it to a list of arguments', () => {
    expect(valueOf('g(x, y) = x*y; g(2, x)', { x: 3 })).toBe(6);
    expect(valueOf('g(x, y) = x - y; g(y, x)', { x: 5, y: 2 })).toBe(-3);
    expect(valueOf('h(a, b, c) = a*b + c; h(2, 3, 4)')).toBe(10);
  });

  it('shows the application in the reading', () => {
    expect(readingOf('g(x, y) = x*y; g(2, x)')).toBe('g(x, y) = x*y\ng(2, x)');
  });

  it('still reads a one-letter name before one parenthesis as a product', () => {
    expect(readingOf('x(x+1)')).toBe('x*(x+1)');
    expect(readingOf('6x(x + 1)')).toBe('(6*x)*(x+1)');
    expect(valueOf('6x(x + 1)', { x: 2 })).toBe(36);
  });

  it('says a one-letter name before a list is not a defined function, with the caret and what to write', () => {
    expect(errorOf('g(2, x)')).toBe(
      ['error: g(2, x) applies g to 2 arguments, but no function g is defined (line 1, column 1)', '  g(2, x)', '  ^^^^^^^', 'define it on a line before, as in g(x, y) = …; to multiply, write g*(…) around one expression'].join('\n'),
    );
    expect(errorOf('y = 1\nq = 3 e(1, 2)').split('\n')[0]).toBe('error: e(1, 2) applies the constant e to 2 arguments (line 2, column 7)');
  });

  it('exits 2 for that error, as for any unreadable input', async () => {
    const result = await run(['eval', 'g(1, 2)']);
    expect(result.code).toBe(2);
    expect(result.err).not.toContain('unexpected ","');
  });
});

describe('programs: a defined function inside a product', () => {
  it('applies f to the parenthesis right after it, wherever it stands in the product', () => {
    expect(valueOf('f(x) = x^2; 2f(3)')).toBe(18);
    expect(valueOf('f(x) = x^2; y f(3)', { y: 2 })).toBe(18);
    expect(valueOf('f(x) = x^2; f(1)f(2)')).toBe(4);
    expect(readingOf('f(x) = x^2; 2f(3)')).toBe('f(x) = x^2\n2*f(3)');
  });

  it('raises f(3), not 3, to a power written after it', () => {
    expect(valueOf('f(x) = x + 1; f(3)^2')).toBe(16);
    expect(valueOf('f(x) = x + 1; f(3)²')).toBe(16);
  });
});

describe("programs: f'(x) for a function of one variable", () => {
  it("is the derivative of the body by the parameter, with the argument put in", () => {
    const x = 0.7;
    expect(valueOf("f(x) = x^2 sin(x); f'(x)", { x })).toBeCloseTo(2 * x * Math.sin(x) + x * x * Math.cos(x), 14);
    expect(valueOf("f(x) = x^2 sin(x); f'(2x)", { x })).toBeCloseTo(4 * x * Math.sin(2 * x) + 4 * x * x * Math.cos(2 * x), 14);
    expect(valueOf("f(t) = t^3; y = 2f'(x) + f(x)", { x: 2 })).toBe(32);
    expect(readingOf("f(x) = x^3; f'(2x)^2")).toBe("f(x) = x^3\nf'(2*x)^2");
  });

  it('is differentiated again and cross-checked by diff', async () => {
    const result = await run(['diff', "f(x) = x^2*sin(x); f'(x)"]);
    expect(result.code).toBe(0);
    expect(result.out).toContain('✓ verified');
    // the output is not called f, the function it is the derivative of
    expect(result.out.split('\n').slice(0, 2)).toEqual(['g = x^2*cos(x) + 2*x*sin(x)', '∂g/∂x = 4*x*cos(x) - x^2*sin(x) + 2*sin(x)']);
  });

  it('is refused for a function of two variables, and without an argument', () => {
    expect(errorOf("g(x, y) = x*y; g'(2)").split('\n')[0]).toBe("error: g'(…) is the derivative of a function of one variable, and g has 2 parameters (x, y) (line 1, column 16)");
    expect(errorOf("f(x) = x^2; f' + 1").split('\n')).toEqual(["error: f' is the derivative of the function f (line 1, column 13)", "  f(x) = x^2; f' + 1", '              ^^', "apply it to an argument, as in f'(x)"]);
  });

  it("keeps the transpose error for a name that is not a function", () => {
    expect(errorOf("y' + 1").split('\n')[0]).toBe('error: cannot transpose y: it is a scalar (line 1, column 1)');
  });
});
