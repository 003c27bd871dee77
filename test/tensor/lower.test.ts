import { describe, expect, it } from 'vitest';
import { type Program } from '../../src/index.js';
import { crossCheck, evaluate as evaluateProgram, parse } from '../../src/engines.js';

/** The output's value and each binding's value by name. */
function evaluate(program: Program, point: Record<string, number>): { value: number; bindings: Record<string, number> } {
  const result = evaluateProgram(program, point);
  return { value: result.value, bindings: Object.fromEntries(result.bindings.map((binding) => [binding.name, binding.value])) };
}

/** A point giving every variable of a program a value from `values` (cycled). */
function pointFor(variables: readonly string[], values: readonly number[]): Record<string, number> {
  return Object.fromEntries(variables.map((name, k) => [name, values[k % values.length]!]));
}

const W = { W_1_1: 1, W_1_2: 2, W_1_3: 3, W_2_1: 4, W_2_2: 5, W_2_3: 6 };
const x = { x_1: 7, x_2: 8, x_3: -9 };

describe('tensor programs: lowering', () => {
  it("names a declared tensor's entries as src/nn/scalar.ts names weights: W_row_column, b_row for a vector", () => {
    expect(parse('W: 2x3; x: 3; L = sum(W x)').variables).toEqual(['W_1_1', 'W_1_2', 'W_1_3', 'W_2_1', 'W_2_2', 'W_2_3', 'x_1', 'x_2', 'x_3']);
  });

  it('lowers W*x to sums of products, entry by entry', () => {
    const program = parse('W: 2x3; x: 3; z = W*x; L = sum(z)');
    const value = evaluate(program, { ...W, ...x });
    expect(value.bindings.z_1).toBe(1 * 7 + 2 * 8 + 3 * -9); // -4
    expect(value.bindings.z_2).toBe(4 * 7 + 5 * 8 + 6 * -9); // 14
    expect(value.value).toBe(10);
  });

  it('reads implicit products, transposes and elementwise operations', () => {
    const point = { ...W, ...x, v_1: 2, v_2: -1 };
    const value = (source: string) => evaluate(parse(`W: 2x3; x: 3; v: 2; ${source}`), point).value;
    expect(value("L = v' W x")).toBe(2 * -4 - 14); // vᵀ(W x) is a 1×1 product: a scalar
    expect(value('L = sum(W^T v)')).toBe(value("L = sum(transpose(W) v)"));
    expect(value("L = sum(W' v)")).toBe(2 * (1 + 2 + 3) - (4 + 5 + 6));
    expect(value('L = sum(v .* v)')).toBe(5);
    expect(value('L = sum(v ./ v)')).toBe(2);
    expect(value('L = dot(x, x)')).toBe(49 + 64 + 81);
    expect(value('L = norm2(x)')).toBe(49 + 64 + 81);
    expect(value('L = mean(W)')).toBe(3.5);
    expect(value('L = sum(outer(v, x))')).toBe((2 - 1) * (7 + 8 - 9));
    expect(value('L = sum(2*W - 1)')).toBe(2 * 21 - 6);
    expect(value('L = sum(W/2)')).toBe(10.5);
    expect(value('L = sum(-v)')).toBe(-1);
  });

  it('applies every scalar function entrywise, with extra scalar arguments', () => {
    const value = evaluate(parse('v: 2; a = relu(v); c = leaky_relu(v, 0.5); L = sum(a) + sum(c)'), { v_1: 2, v_2: -1 });
    expect(value.bindings).toMatchObject({ a_1: 2, a_2: 0, c_1: 2, c_2: -0.5 });
  });

  it('broadcasts a bias over the columns of a batch, and a scalar over anything', () => {
    const value = evaluate(parse('X: 2x3; b: 2; Z = X + b; L = sum(Z + 1)'), { X_1_1: 1, X_1_2: 2, X_1_3: 3, X_2_1: 4, X_2_2: 5, X_2_3: 6, b_1: 10, b_2: 20 });
    expect(value.bindings).toMatchObject({ Z_1_1: 11, Z_1_3: 13, Z_2_1: 24, Z_2_3: 26 });
    expect(value.value).toBe(21 + 30 + 60 + 6);
  });

  it('takes softmax and log_softmax column by column', () => {
    const value = evaluate(parse('Z: 2x2; S = softmax(Z); G = log_softmax(Z); L = sum(S)'), { Z_1_1: 0, Z_2_1: 0, Z_1_2: Math.log(3), Z_2_2: 0 });
    expect(value.bindings.S_1_1).toBeCloseTo(0.5, 15);
    expect(value.bindings.S_1_2).toBeCloseTo(0.75, 15);
    expect(value.bindings.S_2_2).toBeCloseTo(0.25, 15);
    expect(value.bindings.G_2_2).toBeCloseTo(Math.log(0.25), 14);
    expect(value.value).toBeCloseTo(2, 14);
  });

  it('keeps W^T a power of the variable T when W is a scalar', () => {
    const program = parse('W: 2x2; y = x^T; L = sum(W) + y');
    expect(program.variables).toContain('T');
    expect(evaluate(program, { W_1_1: 0, W_1_2: 0, W_2_1: 0, W_2_2: 0, x: 2, T: 3 }).value).toBe(8);
  });

  it('leaves programs without declarations exactly as before: .* and ./ on scalars are * and /', () => {
    expect(parse('x .* y').graph.nodes.map((node) => node.op)).toEqual(parse('x * y').graph.nodes.map((node) => node.op));
    expect(evaluate(parse('x ./ y'), { x: 1, y: 4 }).value).toBe(0.25);
    expect(parse('x^T').variables).toEqual(['x', 'T']);
  });

  it('takes declarations from --dims as from the program', () => {
    const fromOption = parse('L = sum(W x)', { dims: [{ name: 'W', shape: { rows: 2, cols: 3 }, vector: false }, { name: 'x', shape: { rows: 3, cols: 1 }, vector: true }] });
    expect(evaluate(fromOption, { ...W, ...x }).value).toBe(10);
  });
});

describe('tensor programs: gradients through the lowered graph', () => {
  it.each([
    ['a dense layer with a squared loss', 'W: 2x3; x: 3; b: 2; y: 2; z = W x + b; a = tanh(z); L = norm2(a - y)/2'],
    ['softmax cross-entropy over a batch', 'W: 3x2; X: 2x4; b: 3; Y: 3x4; Z = W X + b; L = -sum(Y .* log_softmax(Z))/4'],
    ['softmax probabilities, outer products and transposes', "u: 3; v: 2; M = outer(u, v); L = dot(softmax(M v), u) + sum(M' u) + mean(exp(u ./ 4))"],
    ['an L2 penalty and elementwise quotients', 'W: 2x2; x: 2; L = 0.1*norm2(W) + sum(sigmoid(W x) ./ (1 + x .* x))'],
  ])('cross-checks %s (symbolic, reverse mode and finite differences agree)', (_, source) => {
    const program = parse(source);
    const check = crossCheck(program, pointFor(program.variables, [0.3, -0.7, 1.1, 0.45, -1.3, 0.8, -0.2]));
    expect(check.agree).toBe(true);
  });

  it('gives ∂L/∂W = δ xᵀ for L = sum(W x)', () => {
    const program = parse('W: 2x3; x: 3; L = sum(W x)');
    const check = crossCheck(program, { ...W, ...x });
    const reverse = Object.fromEntries(check.partials.map((partial) => [partial.variable, partial.reverse]));
    expect(reverse).toMatchObject({ W_1_1: 7, W_2_3: -9, x_1: 5, x_3: 9 });
  });
});
