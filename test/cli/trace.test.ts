import { describe, expect, it } from 'vitest';
import { run } from './run.js';

const SLIDE = ['--at', 'x=-2,y=5,z=-4'];

describe('cli: trace', () => {
  it('prints the forward pass, the backward pass and the checked gradient', async () => {
    const result = await run(['trace', 'q = x + y; f = q*z', ...SLIDE]);
    expect(result.code).toBe(0);
    expect(result.out).toContain('Forward pass');
    expect(result.out).toContain('  q = x + y = 3');
    expect(result.out).toContain('  f = q*z   = -12   (output)');
    expect(result.out).toContain('    to z: local ∂f/∂z = q = 3;  downstream = 1 × 3 = 3');
    expect(result.out).toContain('  ∂f/∂x = -4');
    expect(result.out).toContain('✓ checked three ways');
  });

  it('gives the JSON the issue specifies', async () => {
    const result = await run(['trace', '(x+y)*z', ...SLIDE, '--format', 'json']);
    const json = JSON.parse(result.out);
    const q = json.nodes.find((node: { op: string }) => node.op === 'add');
    expect(q).toMatchObject({ value: 3, grad: -4, inputs: ['x', 'y'] });
    expect(json.nodes.find((node: { name: string }) => node.name === 'f')).toMatchObject({ value: -12, grad: 1 });
    expect(json.gradient).toEqual({ x: -4, y: -4, z: 3 });
    expect(json.edges).toContainEqual(expect.objectContaining({ from: 'z', to: 'f', local: 3, upstream: 1, downstream: 3 }));
  });

  it('writes Markdown tables and a LaTeX document', async () => {
    const markdown = await run(['trace', 'q = x + y; f = q*z', ...SLIDE, '--format', 'markdown']);
    expect(markdown.out).toContain('| $q$ | $x + y$ | $3$ |');
    const latex = await run(['trace', 'q = x + y; f = q*z', ...SLIDE, '--format', 'latex']);
    expect(latex.out).toContain('\\documentclass');
    expect(latex.out).toContain('\\frac{\\partial f}{\\partial q}');
  });

  it('draws the graph as DOT and as SVG', async () => {
    const dot = await run(['trace', 'q = x + y; f = q*z', ...SLIDE, '--format', 'dot']);
    expect(dot.out).toMatch(/^digraph/);
    expect(dot.out).toContain('rankdir=LR');
    const svg = await run(['trace', 'q = x + y; f = q*z', ...SLIDE, '--format', 'svg']);
    expect(svg.out).toContain('<svg');
    expect(svg.out).toContain('q = x + y');
  });

  it('draws only the last --limit gates of a large graph, and says so', async () => {
    const expression = Array.from({ length: 30 }, (_, i) => `sin(x + ${i})`).join(' + ');
    const limited = await run(['trace', expression, '--at', 'x=0.5', '--format', 'dot', '--limit', '10']);
    expect(limited.out).toContain('earlier gates are not drawn: their results enter on the left (--limit 0 draws all)');
    const gates = (dot: string) => (dot.match(/gate:w/g) ?? []).length;
    const all = await run(['trace', expression, '--at', 'x=0.5', '--format', 'dot', '--limit', '0']);
    expect(all.out).not.toContain('not drawn');
    expect(gates(limited.out)).toBeLessThan(gates(all.out));
  });

  it('asks for a point when none is given (exit 2)', async () => {
    const result = await run(['trace', 'x*y']);
    expect(result.code).toBe(2);
    expect(result.err).toContain('trace needs a point');
  });

  it('rejects an unknown format (exit 2)', async () => {
    const result = await run(['trace', 'x*y', '--at', 'x=1,y=2', '--format', 'pdf']);
    expect(result.code).toBe(2);
    expect(result.err).toContain('--format must be one of text, markdown, latex, json, dot, svg');
  });

  it('reports a point outside the domain with a caret (exit 2)', async () => {
    const result = await run(['trace', 'log(x)', '--at', 'x=-1']);
    expect(result.code).toBe(2);
    expect(result.err).toContain('^');
  });
});
