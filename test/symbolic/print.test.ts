import { describe, expect, it } from 'vitest';
import { differentiate, parse, printLatex, printText, Simplifier } from '../../src/engines.js';
import { sexpr } from '../helpers.js';

describe('print: faithful text parses back to the same graph', () => {
  it.each([
    'x + y*z',
    '(x + y)*z',
    'x - (y - z)',
    'x/(y/z)',
    '(x/y)/z',
    '-x^2',
    '(-x)^2',
    'x^(-1)',
    '2^3^2',
    '(2^3)^2',
    'x*(-y)',
    '-(x*y)',
    'sin(x)^2',
    'log(x, 2) + leaky_relu(x, 0.2)',
    'x - -y',
  ])('%s', (source) => {
    const program = parse(source);
    const printed = printText(program.graph, program.output, { mode: 'faithful' });
    const again = parse(printed);
    expect(sexpr(again.graph, again.output)).toBe(sexpr(program.graph, program.output));
  });
});

describe('print: simplified text parses back to the same simplified graph', () => {
  it.each(['x^2*y/z', 'sigmoid(w*x + b)*(1 - sigmoid(w*x + b))', '1 - tanh(x)^2', 'x/(2*y) - 3/x^2', 'sqrt(x + 1)/(x - 1)', '(x + y)^(1/3)'])(
    '%s',
    (source) => {
      const program = parse(source);
      const algebra = new Simplifier(program.graph);
      const once = algebra.simplify(program.output);
      const text = printText(program.graph, once);
      const again = parse(text);
      const twice = new Simplifier(again.graph).simplify(again.output);
      expect(printText(again.graph, twice)).toBe(text);
    },
  );

  it('round-trips every derivative of a composite expression', () => {
    const program = parse('z = w*x + b; a = tanh(z); L = (y - a)^2/2 + relu(x)');
    const result = differentiate(program.graph, program.output);
    for (const node of result.byVariable.values()) {
      const text = printText(program.graph, node);
      const again = parse(text);
      expect(printText(again.graph, new Simplifier(again.graph).simplify(again.output))).toBe(text);
    }
  });
});

describe('print: LaTeX', () => {
  it.each([
    ['x^2*y/z', '\\frac{x^{2} y}{z}'],
    ['-x/2', '-\\frac{x}{2}'],
    ['exp(x)', 'e^{x}'],
    ['log(x)', '\\ln\\left(x\\right)'],
    ['abs(x)', '\\left|x\\right|'],
    ['relu(x)', '\\operatorname{relu}\\left(x\\right)'],
    ['alpha*W_1 + x1', '\\alpha W_{1} + x_{1}'],
    ['2*3^x', '2 \\cdot 3^{x}'],
    ['-(x + 1)', '-\\left(x + 1\\right)'],
    ['pi*x', '\\pi x'],
  ])('writes %s as %s', (source, expected) => {
    const program = parse(source);
    expect(printLatex(program.graph, new Simplifier(program.graph).simplify(program.output))).toBe(expected);
  });
});
