import { describe, expect, it } from 'vitest';
import { formatError } from '../../src/index.js';
import { checkClaims, parse, parseDimsOption } from '../../src/engines.js';
import { inputErrorOf } from '../helpers.js';

const BROADCAST = 'elementwise operations need equal shapes; a scalar stretches to any shape, and a column vector to a matrix of its height (a bias over a batch)';
const NOT_A_SHAPE = 'write ROWSxCOLS for a matrix (W: 4x3), SIZE for a column vector (x: 3), or ROWSxB for a batch of a named size B, with whole numbers from 1';

/** The formatted error (message with line and column, source line, caret, hint) of parsing `source`. */
function errorOf(source: string): string {
  return formatError(inputErrorOf(() => parse(source)));
}

describe('tensor programs: shape errors', () => {
  it.each([
    [
      'a matrix product whose inner sizes differ',
      'W: 4x3\nx: 4\nL = sum(W*x)',
      ['error: cannot multiply W (4×3) by x (4×1): inner sizes 3 and 4 differ (line 3, column 9)', '  L = sum(W*x)', '          ^^^', 'a matrix product needs as many columns on the left as rows on the right; for an elementwise product write .*'],
    ],
    [
      'an implicit product whose inner sizes differ',
      'W: 4x3; x: 4; L = sum(W x)',
      ['error: cannot multiply W (4×3) by x (4×1): inner sizes 3 and 4 differ (line 1, column 23)', '  W: 4x3; x: 4; L = sum(W x)', '                        ^^^', 'a matrix product needs as many columns on the left as rows on the right; for an elementwise product write .*'],
    ],
    ['a sum of different shapes', 'W: 4x3; V: 3x4; L = sum(W + V)', ['error: cannot add W (4×3) and V (3×4): shapes differ (line 1, column 25)', '  W: 4x3; V: 3x4; L = sum(W + V)', '                          ^^^^^', BROADCAST]],
    ['a bias of the wrong height for a batch', 'Z: 4x5; b: 3; L = sum(Z - b)', ['error: cannot subtract b (3×1) from Z (4×5): shapes differ (line 1, column 23)', '  Z: 4x5; b: 3; L = sum(Z - b)', '                        ^^^^^', BROADCAST]],
    ['an elementwise product of different shapes', 'u: 3; v: 4; L = sum(u .* v)', ['error: cannot multiply u (3×1) and v (4×1) elementwise: shapes differ (line 1, column 21)', '  u: 3; v: 4; L = sum(u .* v)', '                      ^^^^^^', BROADCAST]],
    ['an elementwise quotient of different shapes', 'u: 3; v: 4; L = sum(u ./ v)', ['error: cannot divide u (3×1) by v (4×1) elementwise: shapes differ (line 1, column 21)', '  u: 3; v: 4; L = sum(u ./ v)', '                      ^^^^^^', BROADCAST]],
    ['a division by a tensor with /', 'x: 3; L = sum(1/x)', ['error: cannot divide by x (3×1) with / (line 1, column 15)', '  x: 3; L = sum(1/x)', '                ^^^', 'for an elementwise quotient write ./']],
    ['a power of a matrix', 'W: 2x2; L = sum(W^2)', ['error: cannot raise W (2×2) to a power (line 1, column 17)', '  W: 2x2; L = sum(W^2)', '                  ^^^', '^ is for scalars, and ^T transposes; for an elementwise square write W.^2']],
    ['a tensor exponent', 'x: 3; L = sum(2^x)', ['error: cannot raise 2 to the power x (3×1) (line 1, column 15)', '  x: 3; L = sum(2^x)', '                ^^^', '^ is for scalars; apply a function entrywise instead, as in exp(x)']],
    [
      'a transpose of a scalar',
      'W: 2x2; L = sum(W) + y\'',
      ["error: cannot transpose y: it is a scalar (line 1, column 22)", "  W: 2x2; L = sum(W) + y'", '                       ^', "' transposes a declared matrix or vector (W: 4x3 declares one); derivatives such as f'(x) are written in claims (chainrule check)"],
    ],
    ['dot of vectors of different sizes', 'u: 3; v: 4; L = dot(u, v)', ['error: dot needs two vectors of the same size, got u (3×1) and v (4×1) (line 1, column 17)', '  u: 3; v: 4; L = dot(u, v)', '                  ^^^^^^^^^', 'dot(a, b) = Σ a_k b_k over entries of one shape']],
    ['outer of a matrix', 'W: 4x3; x: 3; L = sum(outer(W, x))', ['error: outer needs two column vectors, got W (4×3) and x (3×1) (line 1, column 23)', '  W: 4x3; x: 3; L = sum(outer(W, x))', '                        ^^^^^^^^^^^', 'outer(a, b) = a bᵀ for a: m and b: n, an m×n matrix']],
    ['softmax of a scalar', 'x: 3; L = sum(softmax(y))', ['error: softmax needs a vector or a matrix, got y (scalar) (line 1, column 15)', '  x: 3; L = sum(softmax(y))', '                ^^^^^^^^^^', 'softmax works on each column: declare its input, as in z: 3']],
    ['a function of arguments of different shapes', 'z: 3; W: 2x2; L = sum(max(z, W))', ['error: max needs arguments of one shape, got z (3×1) and W (2×2) (line 1, column 23)', '  z: 3; W: 2x2; L = sum(max(z, W))', '                        ^^^^^^^^^', BROADCAST]],
    ['an output that is not a scalar', 'W: 4x3; L = W', ['error: the output L is a 4×3 tensor, not a scalar (line 1, column 13)', '  W: 4x3; L = W', '              ^', 'differentiation needs one number: reduce it, as in sum(L), mean(L) or norm2(L)']],
    ['a shape that is not one', 'W: 4x; L = 1', ['error: "4x" is not a shape (line 1, column 4)', '  W: 4x; L = 1', '     ^^', NOT_A_SHAPE]],
    ['a zero size', 'W: 0x3; L = 1', ['error: "0x3" is not a shape (line 1, column 4)', '  W: 0x3; L = 1', '     ^^^', NOT_A_SHAPE]],
    ['three dimensions', 'W: 4x3x2; L = 1', ['error: "4x3x2" is not a shape (line 1, column 4)', '  W: 4x3x2; L = 1', '     ^^^^^', NOT_A_SHAPE]],
    ['a name declared twice', 'W: 2x2\nW: 3; L = sum(W)', ['error: W is declared twice (first on line 1) (line 2, column 1)', '  W: 3; L = sum(W)', '  ^', 'give each name one shape']],
    ['a declared name given a value', 'W: 2x2; W = 1; L = W', ['error: W is declared as a 2×2 input and cannot also be given a value (line 1, column 9)', '  W: 2x2; W = 1; L = W', '          ^', 'choose another name for the result']],
    ['a function name declared', 'sum: 3; L = 1', ['error: sum is a function and cannot be declared (line 1, column 1)', '  sum: 3; L = 1', '  ^^^', 'choose another name']],
    ['a program of declarations only', 'W: 2x2', ['error: the program only declares shapes (line 1, column 1)', '  W: 2x2', '  ^', 'add the expression to compute, as in W: 4x3; x: 3; L = sum(W x)']],
    ['a tensor function with the wrong number of arguments', 'W: 2x2; L = dot(W)', ['error: dot takes 2 arguments, but was given 1 (line 1, column 13)', '  W: 2x2; L = dot(W)', '              ^^^^^^', 'write it as dot(a, b)']],
    ['a misspelled tensor function', 'W: 2x2; L = summ(W)', ['error: unknown function "summ" (line 1, column 13)', '  W: 2x2; L = summ(W)', '              ^^^^', 'did you mean sum?']],
    ['a tensor function in a program without declarations', 'L = sum(y)', ['error: sum works on tensors, and this program declares none (line 1, column 5)', '  L = sum(y)', '      ^^^', 'declare its argument\'s shape, as in x: 3 (a vector) or W: 4x3 (a matrix)']],
  ])('reports %s', (_, source, expected) => {
    expect(errorOf(source)).toBe(expected.join('\n'));
  });

  it('reports a transpose of a scalar in a program without declarations', () => {
    expect(errorOf("y' + 1")).toContain('error: cannot transpose y: it is a scalar (line 1, column 1)');
  });

  it('reports a bad --dims entry with its column in the option', () => {
    expect(formatError(inputErrorOf(() => parseDimsOption('W=4x3,x')))).toBe(
      ['error: "x" is not a shape declaration (line 1, column 7 of --dims)', '  W=4x3,x', '        ^', 'write NAME=ROWSxCOLS for a matrix or NAME=SIZE for a column vector, as in W=4x3,x=3'].join('\n'),
    );
    expect(formatError(inputErrorOf(() => parseDimsOption('W=4x3,W=2')))).toContain('error: W is declared twice (line 1, column 7 of --dims)');
  });

  it('keeps the claim grammar\'s f\'(x) and reads x^T as a power when nothing is declared', () => {
    expect(parse('x^T').variables).toEqual(['x', 'T']);
    expect(checkClaims("f(x) = x^3\nf'(x) = 3x^2").claims.map((claim) => claim.verdict)).toEqual(['correct']);
  });
});
