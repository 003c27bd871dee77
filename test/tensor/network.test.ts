import { describe, expect, it } from 'vitest';
import { evaluate, expressionShapes, initParameters, networkEquations, networkShapes, parse, parseNetwork, randomBatch, scalarGraph, type Network } from '../../src/engines.js';
import type { Layout } from '../../src/explain/shapes.js';

const SPECS: Record<string, string> = {
  'relu + softmax with cross-entropy and L2': 'input 3\ndense 4 relu\ndense 3 softmax\nloss cross_entropy\nregularize l2 0.01',
  'tanh + sigmoid with bce': 'input 2\ndense 3 tanh\ndense 2 sigmoid\nloss bce',
  'leaky_relu + linear with mse, transposed': 'input 2\ndense 3 leaky_relu(0.1)\ndense 2 linear\nloss mse\nconvention transposed',
  'elu + softmax with mae': 'input 3\ndense 2 elu(0.5)\ndense 2 softmax\nloss mae',
  'swish + linear with hinge': 'input 2\ndense 3 swish\ndense 3 linear\nloss hinge',
};

/** The row of a report by name. */
function rowOf(report: ReturnType<typeof networkShapes>, name: string) {
  const row = report.rows.find((candidate) => candidate.name === name);
  if (!row) throw new Error(`no row ${name}`);
  return row;
}

describe('networks as equations', () => {
  it('writes a network as a tensor program', () => {
    expect(networkEquations(parseNetwork(SPECS['relu + softmax with cross-entropy and L2']!))).toBe(
      ['x: 3', 'y: 3', 'W1: 4x3', 'b1: 4', 'W2: 3x4', 'b2: 3', 'z1 = W1 x + b1', 'a1 = relu(z1)', 'z2 = W2 a1 + b2', 'a2 = softmax(z2)', 'L = -sum(y .* log_softmax(z2)) + 0.01*(norm2(W1) + norm2(W2))', ''].join('\n'),
    );
  });

  describe.each(Object.entries(SPECS))('%s', (_, spec) => {
    const network: Network = parseNetwork(spec);

    it.each(['denominator', 'numerator'] as Layout[])('gives the same shapes as the dense lines (%s layout)', (layout) => {
      const dense = networkShapes(network, layout);
      const equations = expressionShapes(networkEquations(network), { layout });
      const names = (l: number, linear: boolean) => [
        [`W^[${l}]`, `W${l}`],
        [`b^[${l}]`, `b${l}`],
        [`z^[${l}]`, `z${l}`],
        ...(linear ? [] : [[`a^[${l}]`, `a${l}`]]), // a linear layer's a = z is the same node
      ];
      const pairs = [['a^[0]', 'x'], ['L', 'L'], ...network.layers.flatMap((layer) => names(layer.index, layer.activation.name === 'linear'))];
      for (const [denseName, equationName] of pairs) {
        const [d, e] = [rowOf(dense, denseName!), rowOf(equations, equationName!)];
        expect([equationName, e.shape, e.gradient]).toEqual([equationName, d.shape, d.gradient]);
      }
      for (const layer of network.layers) {
        const l = layer.index;
        // ∂a/∂z: diagonal (m, m) or softmax's full (m, m), in both reports
        if (layer.activation.name !== 'linear') {
          const activation = rowOf(equations, `a${l}`).locals.find((local) => local.input === `z${l}`);
          expect(activation?.shape).toEqual(rowOf(dense, `a^[${l}]`).locals[0]!.shape);
        }
        // ∂z/∂a^[l−1] is the product's Jacobian by its vector factor
        const previous = l === 1 ? 'x' : `a${l - 1}`;
        const product = equations.rows.find((row) => row.locals.some((local) => local.input === previous && local.shape && row.name.includes(`W${l}`)));
        expect(product?.locals.find((local) => local.input === previous)?.shape).toEqual(rowOf(dense, `z^[${l}]`).locals[0]!.shape);
      }
    });

    it.each([1, 3])('lowers to the loss scalarGraph gives on the same parameters (batch of %i)', (size) => {
      const params = initParameters(network, { scheme: 'xavier', seed: 7 });
      const batch = randomBatch(network, { size, seed: 3 });
      const scalar = scalarGraph(network, params, batch);
      const expected = evaluate(scalar.program, scalar.point).value;
      const program = parse(networkEquations(network, { batch: size }));
      const point: Record<string, number> = { ...scalar.point };
      for (let i = 0; i < batch.x.rows; i++) for (let e = 0; e < size; e++) point[`x_${i + 1}_${e + 1}`] = batch.x.data[i * batch.x.cols + e]!;
      for (let i = 0; i < batch.y.rows; i++) for (let e = 0; e < size; e++) point[`y_${i + 1}_${e + 1}`] = batch.y.data[i * batch.y.cols + e]!;
      expect(program.variables.filter((name) => !(name in point))).toEqual([]);
      expect(evaluate(program, point).value).toBeCloseTo(expected, 12);
    });
  });
});
