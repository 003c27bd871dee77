import { describe, expect, it } from 'vitest';
import { parse } from '../../src/program.js';
import { incoming, trace, traceJson } from '../../src/explain/trace.js';
import { traceBlocks } from '../../src/explain/trace-doc.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { renderTraceText } from '../../src/render/trace-text.js';
import { differentiate } from '../../src/symbolic/differentiate.js';
import { sizedExpression } from '../../src/bench/cases.js';
import { limitsFor } from '../../src/bench/chainrule.js';

const SLIDE = { x: -2, y: 5, z: -4 };

describe('trace: the lecture example (x + y)z at (−2, 5, −4)', () => {
  const traced = trace(parse('q = x + y; f = q*z'), SLIDE);
  const node = (name: string) => traced.nodes.find((candidate) => candidate.name === name)!;

  it('gives every forward value and gradient of the slide', () => {
    expect(node('q')).toMatchObject({ value: 3, grad: -4, expr: 'x + y', inputs: ['x', 'y'], pattern: 'add distributes' });
    expect(node('f')).toMatchObject({ value: -12, grad: 1, expr: 'q*z', pattern: 'mul swaps' });
    expect(traced.gradient).toEqual({ x: -4, y: -4, z: 3 });
    expect(traced.check.agree).toBe(true);
  });

  it('lists inputs first, then the gates in evaluation order', () => {
    expect(traced.nodes.map((n) => n.name)).toEqual(['x', 'y', 'z', 'q', 'f']);
  });

  it('gives every edge upstream × local = downstream, symbolically and in numbers', () => {
    const edge = (from: string, to: string) => traced.edges.find((e) => e.from === from && e.to === to)!;
    expect(edge('q', 'f')).toMatchObject({ upstream: 1, local: -4, downstream: -4, localExpr: 'z' });
    expect(edge('z', 'f')).toMatchObject({ upstream: 1, local: 3, downstream: 3, localExpr: 'q' });
    expect(edge('x', 'q')).toMatchObject({ upstream: -4, local: 1, downstream: -4, localExpr: '1', downstreamExpr: 'z' });
    for (const e of traced.edges) expect(e.downstream).toBe(e.upstream * e.local);
  });

  it('reads the locals from the differentiator’s recorded steps, edge for edge', () => {
    const program = parse('q = x + y; f = q*z');
    const recorded = differentiate(program.graph, program.output).steps;
    const traced2 = trace(program, SLIDE);
    const nameOf = new Map(traced2.nodes.map((n) => [n.node, n.name]));
    expect(traced2.edges.map((e) => [e.to, e.from])).toEqual(recorded.map((step) => [nameOf.get(step.node), nameOf.get(step.inputNode)]));
  });

  it('has the JSON keys the issue names', () => {
    const json = traceJson(traced) as { nodes: Record<string, unknown>[]; edges: Record<string, unknown>[]; gradient: Record<string, number> };
    for (const n of json.nodes) expect(Object.keys(n)).toEqual(expect.arrayContaining(['id', 'name', 'op', 'expr', 'inputs', 'value', 'grad']));
    for (const e of json.edges) expect(Object.keys(e)).toEqual(expect.arrayContaining(['from', 'to', 'local', 'upstream', 'downstream']));
    expect(json.gradient).toEqual({ x: -4, y: -4, z: 3 });
  });
});

describe('trace: names and patterns', () => {
  it('names unnamed gates q1, q2, … skipping names in use', () => {
    const traced = trace(parse('(q1 + y)*sin(q1)'), { q1: 1, y: 2 });
    const names = traced.nodes.map((n) => n.name);
    expect(names).toContain('q2');
    expect(new Set(names).size).toBe(names.length);
  });

  it('shows a copy gate adding the gradients of a node used twice', () => {
    const traced = trace(parse('x*x + sin(x)'), { x: 1 });
    expect(incoming(traced, 'x')).toHaveLength(3);
    const text = renderTraceText(traced);
    expect(text).toContain('∂f/∂x = 0.540302 (from q2) + 1 (from q1) + 1 (from q1) = 2.5403   (copy gate adds');
  });

  it('labels max as routing and a constant factor as scaling', () => {
    const traced = trace(parse('max(x, y) + 3*x'), { x: 1, y: 2 });
    expect(traced.nodes.map((n) => n.pattern)).toEqual(expect.arrayContaining(['max routes', 'mul by a constant scales', 'add distributes']));
  });
});

describe('trace: renderings', () => {
  const traced = trace(parse('q = x + y; f = q*z'), SLIDE);

  it('writes the forward pass, the backward pass gate by gate, and the check', () => {
    const text = renderTraceText(traced);
    expect(text).toContain('  q = x + y = 3');
    expect(text).toContain('  gate f = q*z   (mul swaps');
    expect(text).toContain('    to q: local ∂f/∂q = z = -4;  downstream = 1 × -4 = -4');
    expect(text).toContain('    upstream ∂f/∂q = z = -4');
    expect(text).toContain('✓ checked three ways');
  });

  it('writes tables with $…$ math for Markdown', () => {
    const markdown = renderMarkdown([{ title: 'Trace', blocks: traceBlocks(traced) }]);
    expect(markdown).toContain('| $q$ | $x + y$ | $3$ |');
    expect(markdown).toContain('$\\frac{\\partial q}{\\partial x} = 1$');
  });

  it('elides the middle of a large trace instead of printing all of it', () => {
    const expression = sizedExpression(1000, 7);
    const big = trace(parse(expression.text, { limits: limitsFor(expression.text) }), expression.point);
    const text = renderTraceText(big);
    expect(big.nodes.length).toBeGreaterThan(500);
    expect(text.split('\n').length).toBeLessThan(400);
    expect(text).toMatch(/… \d+ more gates/);
    expect(text).toMatch(/… \d+ more nodes/);
    expect(renderTraceText(big, { limit: 0 }).split('\n').length).toBeGreaterThan(big.edges.length);
  });
});
