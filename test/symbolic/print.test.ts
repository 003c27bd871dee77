import { describe, expect, it } from 'vitest';
import { differentiate, parse, printLatex, printText, Simplifier, Tape } from '../../src/engines.js';
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

describe('printers: linear in the graph', () => {
  it('names the shared parts of an expression too large to write out as a tree, and the text parses back to it', () => {
    const expression = Array.from({ length: 200 }).reduce<string>((inner) => `sin(x*${inner})`, 'x');
    const program = parse(expression, { limits: { maxLength: 1e6, maxDepth: 1000 } });
    const derivative = differentiate(program.graph, program.output).byVariable.get('x')!;
    const text = printText(program.graph, derivative);
    expect(text.length).toBeLessThan(300_000); // written out as a tree it is 19 million characters
    expect(text).toMatch(/^u1 = sin\(x\^2\); u2 = x\*u1; /);
    const reread = parse(text, { limits: { maxLength: 1e6, maxDepth: 1000 } });
    for (const x of [0.3, -1.2]) {
      const [a, b] = [evaluateAt(program.graph, derivative, x), evaluateAt(reread.graph, reread.output, x)];
      expect(b).toBeCloseTo(a, 9);
    }
    expect(printLatex(program.graph, derivative)).toMatch(/^u_\{1\} = \\sin\\left\(x\^\{2\}\\right\),\\; /);
  });

  it('writes small expressions as before, and powers of any size merged', () => {
    const product = parse(Array.from({ length: 30 }, () => 'x').join('*'));
    const algebra = new Simplifier(product.graph);
    expect(printText(product.graph, algebra.simplify(product.output))).toBe('x^30');
    expect(printText(product.graph, differentiate(product.graph, product.output).byVariable.get('x')!)).toBe('30*x^29');
  });
});

function evaluateAt(graph: Parameters<typeof printText>[0], node: Parameters<typeof printText>[1], x: number): number {
  return new Tape(graph, [node]).forward({ x })[node]!;
}
