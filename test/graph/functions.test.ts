import { describe, expect, it } from 'vitest';
import { evaluate, parse } from '../../src/index.js';
import { run } from '../cli/run.js';

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
