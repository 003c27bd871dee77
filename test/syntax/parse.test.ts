import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatError, InputError } from '../../src/index.js';
import { parse } from '../../src/engines.js';
import { readProgram } from '../../src/build/program.js';
import { parseClaimLine } from '../../src/syntax/parse.js';
import { inputErrorOf, sexpr } from '../helpers.js';

const tree = (source: string) => {
  const program = parse(source);
  return sexpr(program.graph, program.output);
};

describe('grammar: numbers and names', () => {
  it.each([
    ['3', '3'],
    ['0.25', '1/4'],
    ['1e-3', '1/1000'],
    ['2.5E2', '250'],
    ['.5', '1/2'],
  ])('reads %s as the exact number %s', (source, exact) => {
    expect(tree(source)).toBe(exact);
  });

  it.each(['x', 'x1', 'W_1', 'alpha', 'eta'])('reads %s as one variable', (name) => {
    const program = parse(name);
    expect(program.variables).toEqual([name]);
  });

  it('reads e and pi as constants, not variables', () => {
    const program = parse('e^x + pi');
    expect(program.variables).toEqual(['x']);
    expect(tree('e^x + pi')).toBe('(add (pow e x) pi)');
  });
});

describe('grammar: operators', () => {
  it.each([
    ['x + y*z', '(add x (mul y z))'],
    ['x - y - z', '(sub (sub x y) z)'],
    ['x / y / z', '(div (div x y) z)'],
    ['2^3^2', '(pow 2 (pow 3 2))'],
    ['-x^2', '(neg (pow x 2))'],
    ['x^-1', '(pow x (neg 1))'],
    ['-x*y', '(mul (neg x) y)'],
    ['(x + y)*z', '(mul (add x y) z)'],
    ['+x', 'x'],
  ])('groups %s as %s', (source, expected) => {
    expect(tree(source)).toBe(expected);
  });
});

describe('grammar: implicit multiplication', () => {
  it.each([
    ['2x', '(mul 2 x)'],
    ['2(x+1)', '(mul 2 (add x 1))'],
    ['(x+1)(x-1)', '(mul (add x 1) (sub x 1))'],
    ['3 sin(x)', '(mul 3 (sin x))'],
    ['2x^2', '(mul 2 (pow x 2))'],
    ['x y', '(mul x y)'],
  ])('reads %s as %s', (source, expected) => {
    expect(tree(source)).toBe(expected);
  });

  it('gives the same node for implicit and explicit multiplication', () => {
    const program = parse('a = 2x; b = 2*x; a + b');
    const [a, b] = program.bindings;
    expect(a!.node).toBe(b!.node);
  });
});

describe('grammar: functions', () => {
  it.each([
    ['sin(x)', '(sin x)'],
    ['ln(x)', '(log x)'],
    ['log(x, 2)', '(log x 2)'],
    ['leaky_relu(x)', '(leaky_relu x 1/100)'],
    ['leaky_relu(x, 0.2)', '(leaky_relu x 1/5)'],
    ['elu(x)', '(elu x 1)'],
    ['max(x, y)', '(max x y)'],
    ['sin (x)', '(sin x)'],
  ])('reads %s as %s', (source, expected) => {
    expect(tree(source)).toBe(expected);
  });

  it.each(['sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'sinh', 'cosh', 'tanh', 'exp', 'log', 'ln', 'sqrt', 'abs', 'sigmoid', 'relu', 'softplus', 'swish'])(
    'knows %s',
    (name) => {
      expect(() => parse(`${name}(x)`)).not.toThrow();
    },
  );
});

describe('grammar: bindings and comments', () => {
  it('takes the last binding as the output and names it', () => {
    const program = parse('q = x + y; f = q*z');
    expect(program.outputName).toBe('f');
    expect(program.bindings.map((b) => b.name)).toEqual(['q', 'f']);
    expect(sexpr(program.graph, program.output)).toBe('(mul (add x y) z)');
    expect(program.variables).toEqual(['x', 'y', 'z']);
  });

  it('accepts one binding per line, blank lines and comments', () => {
    const program = parse('# forward pass\nq = x + y  # the add gate\n\nf = q*z\n');
    expect(program.outputName).toBe('f');
  });

  it('lets a later binding shadow an earlier one', () => {
    const program = parse('c = a + b; c = c*2');
    expect(sexpr(program.graph, program.output)).toBe('(mul (add a b) 2)');
  });

  it('shares one node between identical subexpressions', () => {
    const program = parse('sin(x)*sin(x) + sin(x)');
    const sines = program.graph.nodes.filter((node) => node.op === 'sin');
    expect(sines).toHaveLength(1);
  });
});

describe('grammar: errors', () => {
  it('names line and column, shows the line with a caret, and says what was expected', () => {
    const error = inputErrorOf(() => parse('q = x + y\nf = q * * z'));
    expect(error.kind).toBe('syntax');
    expect(formatError(error)).toBe(
      ['error: unexpected "*" (line 2, column 9)', '  f = q * * z', '          ^', 'expected a number, a name, "(" or a sign (- or +) here'].join('\n'),
    );
  });

  it('points at an unclosed parenthesis', () => {
    const error = inputErrorOf(() => parse('2*(x + 1'));
    expect(formatError(error)).toContain('this "(" is never closed (line 1, column 3)');
  });

  it('rejects characters the language does not use', () => {
    const error = inputErrorOf(() => parse('x $ y'));
    expect(error.message).toBe('unexpected character "$"');
    expect(error.location?.span.col).toBe(3);
  });

  it('rejects empty input', () => {
    expect(inputErrorOf(() => parse('  # nothing\n')).message).toMatch(/empty/);
  });

  it('rejects an unknown function and suggests a near name', () => {
    const error = inputErrorOf(() => parse('1 + sinn(x)'));
    expect(error.kind).toBe('unknown-function');
    expect(error.message).toBe('unknown function "sinn"');
    expect(error.hint).toBe('did you mean sin or sinh?');
    expect(error.location?.span.col).toBe(5);
  });

  it('reads a one-letter name or a constant before a parenthesis as a product', () => {
    expect(tree('6x(x + 1)')).toBe('(mul (mul 6 x) (add x 1))');
    expect(tree('6x(x + 1)^2')).toBe('(mul (mul 6 x) (pow (add x 1) 2))');
    expect(tree('pi(x + 1)')).toBe('(mul pi (add x 1))');
    expect(tree('e(x + 1)')).toBe('(mul e (add x 1))');
    expect(tree('q = 2; q(x + 1)')).toBe('(mul 2 (add x 1))');
  });

  it('suggests * for an unknown longer name before a parenthesis', () => {
    expect(inputErrorOf(() => parse('foo(y + 1)')).hint).toMatch(/to multiply, write foo\*\(…\)$/);
  });

  it('rejects a wrong number of arguments and shows the right form', () => {
    const error = inputErrorOf(() => parse('sigmoid(x, 2)'));
    expect(error.kind).toBe('arity');
    expect(error.message).toBe('sigmoid takes 1 argument, but was given 2');
    expect(error.hint).toBe('write it as sigmoid(x)');
    expect(inputErrorOf(() => parse('log(x, 2, 3)')).hint).toBe('write it as log(x) or log(x, b)');
    expect(inputErrorOf(() => parse('max(x)')).message).toBe('max takes 2 arguments, but was given 1');
  });

  it('rejects a name used before its binding', () => {
    const error = inputErrorOf(() => parse('f = q*z\nq = x + y'));
    expect(error.kind).toBe('unknown-name');
    expect(error.message).toMatch(/q is used before the line \(2\)/);
  });

  it('rejects a function name used as a value and a constant rebound', () => {
    expect(inputErrorOf(() => parse('sin + 1')).message).toBe('sin is a function, not a value');
    expect(inputErrorOf(() => parse('e = 2; e*x')).message).toMatch(/e is a constant/);
  });

  it('rejects a bare expression that is not the last line', () => {
    expect(inputErrorOf(() => parse('x + 1\ny = 2')).message).toMatch(/only the last line/);
  });

  it('bounds the size and the depth of the input', () => {
    expect(inputErrorOf(() => parse('x+'.repeat(60_000) + 'x')).kind).toBe('too-large');
    const deep = inputErrorOf(() => parse('sin('.repeat(600) + 'x' + ')'.repeat(600)));
    expect(deep.kind).toBe('too-large');
    expect(deep.message).toMatch(/more than 500 operations deep here \(parentheses, powers of powers and signs count\); the limit is 500/); // found before parsing
    expect(inputErrorOf(() => parse('x^'.repeat(49_000) + 'x')).message).toMatch(/more than 500 operations deep/);
  });
});

describe('grammar: calls, lists and primes read one way', () => {
  const tokens = ['g', 'f', 'x', 'sin', 'loss', '2', '(', ')', ',', "'", '^', '-', '+', ' ', '=', ';', '/', 'd/dx'];
  const heads = ["f'(", 'g(', 'x(', "2f'(", 'd/dx (', 'f(x, y) = ', 'loss(', ''];
  const tails = [')', ') = 1', ', y) = 2', ')^2 = x', ')(x)', ''];
  const sources = fc
    .tuple(fc.constantFrom(...heads), fc.array(fc.constantFrom(...tokens), { maxLength: 8 }), fc.constantFrom(...tails))
    .map(([head, parts, tail]) => `${head}${parts.join('')}${tail}`);

  it('reads any program or claim line of these tokens as one syntax or an InputError, never an ambiguity', () => {
    fc.assert(
      fc.property(sources, (source) => {
        for (const read of [() => readProgram(source), () => parseClaimLine(source)]) {
          try {
            read();
          } catch (error) {
            if (!(error instanceof InputError)) throw error;
          }
        }
      }),
      { numRuns: 3000, seed: 6 },
    );
  });
});
