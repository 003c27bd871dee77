import { describe, expect, it } from 'vitest';
import { differentiate, parse, printLatex, printText } from '../../src/engines.js';

function derivative(source: string, variable = 'x', latex = false): string {
  const program = parse(source);
  const result = differentiate(program.graph, program.output, [variable]);
  const node = result.byVariable.get(variable)!;
  return latex ? printLatex(program.graph, node) : printText(program.graph, node);
}

describe('differentiate: rules give readable results', () => {
  it.each([
    ['x^2*y/z', '2*x*y/z'],
    ['x^3 + x', '3*x^2 + 1'],
    ['5', '0'],
    ['y', '0'],
    ['x', '1'],
    ['sin(x)', 'cos(x)'],
    ['cos(x)', '-sin(x)'],
    ['tan(x)', '1/cos(x)^2'],
    ['exp(2x)', '2*exp(2*x)'],
    ['log(x)', '1/x'],
    ['ln(3x)', '1/x'],
    ['log(x, 2)', '1/(x*log(2))'],
    ['sqrt(x)', '1/(2*sqrt(x))'],
    ['1/x', '-1/x^2'],
    ['asin(x)', '1/sqrt(1 - x^2)'],
    ['atan(x)', '1/(x^2 + 1)'],
    ['sinh(x)', 'cosh(x)'],
    ['tanh(x)', '1 - tanh(x)^2'],
    ['sigmoid(x)', 'sigmoid(x)*(1 - sigmoid(x))'],
    ['softplus(x)', 'sigmoid(x)'],
    ['x^x', 'x^x*log(x) + x^x'],
    ['2^x', '2^x*log(2)'],
    ['sin(x)*cos(x)', 'cos(x)^2 - sin(x)^2'],
    ['(x + 1)^2/(x + 1)', '1'],
    ['sin(x^2)', '2*x*cos(x^2)'],
    ['x*sin(x)', 'x*cos(x) + sin(x)'],
    ['1/2*(y - w*x)^2', '-w*(y - w*x)'],
  ])('d/dx %s = %s', (source, expected) => {
    expect(derivative(source)).toBe(expected);
  });

  it.each([
    ['relu(x)', 'step(x)'],
    ['abs(x)', 'sign(x)'],
    ['max(x, y)', '(sign(x - y) + 1)/2'],
  ])('writes the kink of %s with step and sign: %s', (source, expected) => {
    expect(derivative(source)).toBe(expected);
  });

  it('differentiates through bindings', () => {
    expect(derivative('q = x + y; f = q*z', 'z')).toBe('x + y');
  });

  it('writes LaTeX', () => {
    expect(derivative('x^2*y/z', 'x', true)).toBe('\\frac{2 x y}{z}');
    expect(derivative('sigmoid(x)', 'x', true)).toBe('\\sigma\\left(x\\right) \\left(1 - \\sigma\\left(x\\right)\\right)');
    expect(derivative('sqrt(x)', 'x', true)).toBe('\\frac{1}{2 \\sqrt{x}}');
  });

  it('records upstream × local = downstream for every edge', () => {
    const program = parse('q = x + y; f = q*z');
    const result = differentiate(program.graph, program.output);
    const show = (id: Parameters<typeof printText>[1]) => printText(program.graph, id);
    const steps = result.steps.map((step) => `${show(step.upstream)} × ${show(step.local)} = ${show(step.downstream)}`);
    expect(steps).toEqual(['1 × z = z', '1 × x + y = x + y', 'z × 1 = z', 'z × 1 = z']);
  });

  it('keeps the derivative of a long chain linear in size (a DAG, not an exploded tree)', () => {
    const lines = ['u0 = x'];
    for (let i = 1; i <= 200; i++) lines.push(`u${i} = sin(u${i - 1}) * u${i - 1}`);
    const program = parse(lines.join('\n'));
    const result = differentiate(program.graph, program.output);
    const size = program.graph.ancestors([result.byVariable.get('x')!]).length;
    expect(size).toBeLessThan(12 * 200);
  });
});
