import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { trace } from '../../src/explain/trace.js';
import { parse } from '../../src/program.js';
import { run } from './run.js';

const folder = mkdtempSync(join(tmpdir(), 'chainrule-trace-'));

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
    expect(result.err).toContain("argument 'pdf' is invalid. Allowed choices are text, markdown, latex, json, dot, svg.");
  });

  it('reports a point outside the domain with a caret (exit 2)', async () => {
    const result = await run(['trace', 'log(x)', '--at', 'x=-1']);
    expect(result.code).toBe(2);
    expect(result.err).toContain('^');
  });
});

describe('cli: trace, cases found by review', () => {
  it('says a constant is a constant, with no empty tables and no vacuous check line', async () => {
    const text = await run(['trace', '2+3']);
    expect(text.code).toBe(0);
    expect(text.out).toContain('f = 5: a constant (it depends on no variable), so there is no gate to trace');
    expect(text.out).not.toContain('Forward pass');
    expect(text.out).not.toContain('checked three ways');
    const markdown = await run(['trace', '2+3', '--format', 'markdown']);
    expect(markdown.out).toContain('$f = 5$: a constant');
    expect(markdown.out).not.toContain('\\begin{aligned}\n\n\\end{aligned}');
  });

  it('never writes a constant local or gradient as the name of a node that simplifies to it (x/x is not "q1" everywhere)', async () => {
    const result = await run(['trace', 'x/x + y', '--at', 'x=2,y=3']);
    expect(result.out).toContain('to y: local ∂f/∂y = 1;');
    expect(result.out).toContain('upstream ∂f/∂q1 = 1');
    expect(result.out).not.toMatch(/= q1 = 1/);
    const zero = await run(['trace', 'x*0 + 1', '--at', 'x=1']);
    expect(zero.out).not.toMatch(/= f = 1|= q1 = 0/);
  });

  it('gives a rebound name (c = a + b; c = c*c) one node only: the earlier one is c_1', async () => {
    const result = await run(['trace', 'c = a + b; c = c*c', '--at', 'a=1,b=2', '--format', 'json']);
    const json = JSON.parse(result.out) as { nodes: { id: string; expr: string }[]; edges: { from: string; to: string }[]; gradient: Record<string, number> };
    const ids = json.nodes.map((node) => node.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(json.nodes).toContainEqual(expect.objectContaining({ id: 'c_1', expr: 'a + b' }));
    expect(json.nodes).toContainEqual(expect.objectContaining({ id: 'c', expr: 'c_1*c_1' }));
    expect(json.gradient).toEqual({ a: 6, b: 6 });
    const text = await run(['trace', 'c = a + b; c = c*2', '--at', 'a=1,b=2']);
    expect(text.out.match(/\(output\)/g)).toHaveLength(1);
  });

  it('does not call an unnamed output f when a binding is already called f', async () => {
    const result = await run(['trace', 'f = x*2; f + sin(x)', '--at', 'x=1']);
    expect(result.out).toContain('  f  = x*2    = 2\n');
    expect(result.out).toContain('g  = f + q1 = 2.84147   (output)');
    expect(result.out).toContain('∂g/∂x = 0.540302 (from q1) + 2 (from f) = 2.5403');
    const steps = await run(['diff', 'f = x*2; f + sin(f)', '--steps']);
    expect(steps.out).toContain('∂g/∂x step by step:');
  });

  it('elides with an odd or tiny --limit without showing everything', async () => {
    const one = await run(['trace', 'x*x + sin(x)', '--at', 'x=1', '--limit', '1']);
    expect(one.out).toContain('… 3 more nodes');
    expect(one.out).not.toContain('q1 = x*x');
    expect(one.out).toContain('… 2 more gates');
    expect(one.out).not.toContain('gate q1 = x*x');
    const three = await run(['trace', 'x*x + sin(x)', '--at', 'x=1', '--limit', '3']);
    expect(three.out).toContain('… 1 more nodes');
    const markdown = await run(['trace', 'x*x + sin(x)', '--at', 'x=1', '--limit', '1', '--format', 'markdown']);
    expect(markdown.out).toContain('… 3 more rows');
    expect(markdown.out).not.toContain('| $q_{1}$ | $x x$');
  });

  it('rejects --digits above 17 as bad input (exit 2), not an internal error', async () => {
    for (const args of [['trace', 'x*x', '--at', 'x=1', '--digits', '101'], ['solve', '--digits', '200']]) {
      const result = await run(args);
      expect(result.code).toBe(2);
      expect(result.err).toContain('--digits takes a whole number from 1 to 17');
      expect(result.err).not.toContain('internal error');
    }
  });

  it('says when finite differences could not be used for a gradient (a kink at the point)', async () => {
    const text = await run(['trace', 'relu(x)*y', '--at', 'x=0,y=1']);
    expect(text.out).toContain('∂f/∂x = 0   (finite differences not used: the point lies exactly on a kink)');
    expect(text.out).toContain("note: relu'(x) = step(x), and step(0) = 0, so relu'(0) = 0");
    const markdown = await run(['trace', 'relu(x)*y', '--at', 'x=0,y=1', '--format', 'markdown']);
    expect(markdown.out).toContain('Finite differences were not used for $\\frac{\\partial f}{\\partial x}$: the point lies exactly on a kink.');
  });

  it('notes a --wrt variable the expression does not have, as diff does', async () => {
    const result = await run(['trace', 'x*y', '--at', 'x=1,y=2', '--wrt', 'w']);
    expect(result.out).toContain('∂f/∂w = 0');
    expect(result.out).toContain('note: f does not depend on w, so ∂f/∂w = 0');
    const json = JSON.parse((await run(['trace', 'x*y', '--at', 'x=1,y=2', '--wrt', 'w', '--format', 'json'])).out) as { check: { notes: string[] } };
    expect(json.check.notes).toContain('f does not depend on w, so ∂f/∂w = 0');
  });

  it('sends nothing back along an edge whose upstream gradient is 0, as the reverse pass (no 0 × ∞ = NaN)', async () => {
    const result = await run(['trace', 'sqrt(x)*0', '--at', 'x=0']);
    expect(result.out).toContain('downstream = 0 × Infinity = 0');
    expect(result.out).not.toContain('NaN');
  });

  it('traces a 5,000-node expression in seconds, with a short title and bounded copy sums', async () => {
    const functions = ['sin', 'cos', 'tanh'];
    const operators = ['+', '*', '-'];
    const leaves = Array.from({ length: 1700 }, (_, i) => `${functions[i % 3]}(x${i % 10}*${i + 1})`);
    const balanced = (items: string[]): string => (items.length === 1 ? items[0]! : `(${balanced(items.slice(0, items.length >> 1))}${operators[items.length % 3]}${balanced(items.slice(items.length >> 1))})`);
    const expression = balanced(leaves);
    const at = Array.from({ length: 10 }, (_, i) => `x${i}=0.${i + 1}`).join(',');
    const started = performance.now();
    const traced = trace(parse(expression), Object.fromEntries(at.split(',').map((pair) => [pair.split('=')[0]!, Number(pair.split('=')[1])])));
    expect(traced.nodes.length).toBeGreaterThan(5000);
    expect(performance.now() - started).toBeLessThan(8000); // was about 12 s: every printer recomputed the display order of the whole graph
    const file = join(folder, 'big.txt');
    writeFileSync(file, expression);
    const result = await run(['trace', '--file', file, '--at', at]);
    expect(result.code).toBe(0);
    const lines = result.out.split('\n');
    expect(lines.length).toBeLessThan(250);
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThan(2000); // the title was 25 KB, each copy sum 4 KB
    expect(lines[0]).toContain(`… (${expression.length} characters)`);
    expect(result.out).toMatch(/… \d+ more terms \+/);
  }, 60_000);
});
