import { describe, expect, it } from 'vitest';
import { Graph, parse, Tape } from '../../src/engines.js';

describe('graph: one node per distinct subexpression', () => {
  it('hash-conses identical operations on identical inputs', () => {
    const graph = new Graph();
    const x = graph.variable('x');
    const y = graph.variable('y');
    expect(graph.intern('add', [x, y])).toBe(graph.intern('add', [x, y]));
    expect(graph.intern('add', [x, y])).not.toBe(graph.intern('add', [y, x]));
    expect(graph.variable('x')).toBe(x);
    expect(graph.size).toBe(4);
  });

  it('keeps nodes in topological order: inputs have smaller ids', () => {
    const program = parse('q = x + y; f = sin(q)*q + exp(x)');
    for (const node of program.graph.nodes) for (const input of node.inputs) expect(input).toBeLessThan(node.id);
  });

  it('lists the ancestors of a node in evaluation order', () => {
    const program = parse('a = x*y; b = a + z; c = sin(w)');
    const b = program.bindings.find((binding) => binding.name === 'b')!.node;
    const ops = program.graph.ancestors([b]).map((id) => program.graph.node(id).op);
    expect(ops).toEqual(['var', 'var', 'mul', 'var', 'add']);
  });

  it('names an op without a record when an engine meets it', () => {
    const graph = new Graph();
    const node = graph.intern('frobnicate', []);
    expect(() => new Tape(graph, [node])).toThrow('the op "frobnicate" has no record in src/ops');
  });
});
