import { describe, expect, it } from 'vitest';
import { backward, evaluate, finiteDifference, parse, richardson, Tape } from '../../src/engines.js';

describe('forward evaluation', () => {
  it('evaluates every binding', () => {
    const result = evaluate(parse('q = x + y; f = q*z'), { x: -2, y: 5, z: -4 });
    expect(result.value).toBe(-12);
  });

  it('uses stable formulas for large arguments', () => {
    expect(evaluate(parse('sigmoid(-800) + softplus(-800)')).value).toBe(0);
    expect(evaluate(parse('softplus(800)')).value).toBe(800);
  });
});

describe('reverse mode', () => {
  it('back-propagates adjoints through a shared node (the copy gate adds)', () => {
    const program = parse('a = x*x; f = a + a*y');
    const tape = new Tape(program.graph, [program.output]);
    const values = tape.forward({ x: 3, y: 2 });
    const { adjoint } = backward(tape, values, program.output);
    expect(adjoint[program.graph.variable('x')]).toBe(2 * 3 * (1 + 2));
    expect(adjoint[program.graph.variable('y')]).toBe(9);
  });

  it('costs about as much as a few forward passes (it visits each node once)', () => {
    const program = parse('sin(x)*cos(y)');
    const tape = new Tape(program.graph, [program.output]);
    expect(tape.order).toHaveLength(5);
  });
});

describe('finite differences', () => {
  it('are accurate to about 1e-10 with Richardson extrapolation', () => {
    const estimate = richardson(Math.exp, 1);
    expect(Math.abs(estimate.value - Math.E)).toBeLessThan(1e-9);
    expect(estimate.noise).toBeLessThan(1e-8);
  });

  it('scale the step to the input', () => {
    const estimate = richardson((t) => t * t, 1e6);
    expect(Math.abs(estimate.value - 2e6) / 2e6).toBeLessThan(1e-9);
  });

  it('refuse to estimate across a kink', () => {
    const program = parse('relu(x - 2)');
    const tape = new Tape(program.graph, [program.output]);
    const result = finiteDifference(tape, { x: 2 + 1e-8 }, program.output, 'x');
    expect(result).toMatchObject({ skipped: 'a kink lies within the step around this point' });
  });
});
