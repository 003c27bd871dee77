// The lecture notes' worked examples (../shared/seeds), reproduced exactly.
import { describe, expect, it } from 'vitest';
import { crossCheck, differentiate, evaluate, parse, printText } from '../src/engines.js';

function gradientAt(source: string, point: Record<string, number>) {
  const program = parse(source);
  const check = crossCheck(program, point);
  expect(check.agree).toBe(true);
  return { program, check, partial: (name: string) => check.partials.find((p) => p.variable === name)!.symbolic };
}

describe('seeds: backpropagation through (x + y)z (seed 000, 001)', () => {
  const point = { x: -2, y: 5, z: -4 };

  it('runs the forward pass q = 3, f = -12', () => {
    const program = parse('q = x + y\nf = q*z');
    const result = evaluate(program, point);
    expect(result.bindings).toEqual([
      { name: 'q', value: 3 },
      { name: 'f', value: -12 },
    ]);
  });

  it('gives ∂f/∂x = ∂f/∂y = -4 and ∂f/∂z = 3, checked three ways', () => {
    const { check, partial } = gradientAt('q = x + y; f = q*z', point);
    expect(check.value).toBe(-12);
    expect(partial('x')).toBe(-4);
    expect(partial('y')).toBe(-4);
    expect(partial('z')).toBe(3);
  });

  it('gives ∂f/∂q = z = -4 as the adjoint of the add gate', () => {
    const program = parse('q = x + y; f = q*z');
    const derivatives = differentiate(program.graph, program.output);
    const q = program.bindings.find((b) => b.name === 'q')!.node;
    expect(printText(program.graph, derivatives.adjoints.get(q)!)).toBe('z');
  });
});

describe('seeds: f = x²y/z at (3, 4, 2) (seed 001)', () => {
  it('gives f = 18 and the gradient (12, 4.5, -9)', () => {
    const { check, partial } = gradientAt('x^2*y/z', { x: 3, y: 4, z: 2 });
    expect(check.value).toBe(18);
    expect(partial('x')).toBe(12);
    expect(partial('y')).toBe(4.5);
    expect(partial('z')).toBe(-9);
  });

  it('derives the analytic gradient 2xy/z, x²/z, -x²y/z²', () => {
    const program = parse('x^2*y/z');
    const derivatives = differentiate(program.graph, program.output);
    const text = (v: string) => printText(program.graph, derivatives.byVariable.get(v)!);
    expect(text('x')).toBe('2*x*y/z');
    expect(text('y')).toBe('x^2/z');
    expect(text('z')).toBe('-x^2*y/z^2');
  });
});

describe('seeds: a gradient-descent step on L(w) = (y - wx)² (seed 000)', () => {
  it('gives ∂L/∂w = -2x(y - wx) = -24 and w_new = 4.4', () => {
    const { program, check, partial } = gradientAt('L = (y - w*x)^2', { w: 2, x: 3, y: 10 });
    expect(printText(program.graph, check.derivatives.byVariable.get('w')!)).toBe('-2*x*(y - w*x)');
    expect(partial('w')).toBe(-24);
    const step = evaluate(parse('w - eta*g'), { w: 2, eta: 0.1, g: partial('w') });
    expect(step.value).toBeCloseTo(4.4, 14);
  });
});

describe('seeds: one neuron, z = wx + b, a = σ(z), L = ½(y - a)² (seed 000)', () => {
  const point = { w: 0.3, x: 0.5, b: 0.1, y: 1.5 };
  const source = 'z = w*x + b\na = sigmoid(z)\nL = 1/2*(y - a)^2';
  const sigma = 1 / (1 + Math.exp(-0.25));

  // The slide prints σ = 0.56 and L = 0.44; the exact L is ½(1.5 − 0.562177)² = 0.439756.
  it('runs the forward pass z = 0.25, σ(z) ≈ 0.5622, L ≈ 0.4398 (the slide rounds it to 0.44)', () => {
    const result = evaluate(parse(source), point);
    const value = (name: string) => result.bindings.find((b) => b.name === name)!.value;
    expect(value('z')).toBeCloseTo(0.25, 15);
    expect(value('a')).toBeCloseTo(0.5622, 4);
    expect(value('a')).toBeCloseTo(sigma, 15);
    expect(result.value).toBeCloseTo(0.5 * (1.5 - sigma) ** 2, 15);
    expect(result.value).toBeCloseTo(0.4398, 4);
    expect(result.value).toBeCloseTo(0.44, 2);
  });

  it('gives ∂L/∂w = -(y - σ)σ(1 - σ)x and ∂L/∂b = -(y - σ)σ(1 - σ)', () => {
    const { partial } = gradientAt(source, point);
    const dLdz = -(1.5 - sigma) * sigma * (1 - sigma);
    expect(partial('w')).toBeCloseTo(dLdz * 0.5, 14);
    expect(partial('b')).toBeCloseTo(dLdz, 14);
    expect(partial('w')).toBeCloseTo(-0.1154, 4);
    expect(partial('b')).toBeCloseTo(-0.2308, 4);
  });
});
