// The circuit diagram's DOT: which numbers sit on which wire, gate symbols, copies, escaping.
import { describe, expect, it } from 'vitest';
import { trace, type Trace } from '../../src/explain/trace.js';
import { parse } from '../../src/program.js';
import { traceDot } from '../../src/render/trace-dot.js';

/** One labelled wire of the picture, named by what it connects (an input, a gate's name, or the output). */
interface Wire {
  readonly from: string;
  readonly to: string;
  readonly value: string;
  readonly gradient: string;
}

/** Reads the wires back out of the DOT: each wire is `source -> label -> target`, the label holding value and gradient. */
function wiresOf(dot: string): Wire[] {
  const names = new Map<string, string>();
  const labels = new Map<string, { value: string; gradient: string }>();
  for (const [, id, label] of dot.matchAll(/^ {2}(\w+) \[shape=plain, label=<(.*)>\];$/gm)) {
    const numbers = [...label!.matchAll(/color="#[0-9a-f]+">([^<]*)<\/font>/g)].map((match) => match[1]!);
    const caption = /<font point-size="10" color="#[0-9a-f]+">([^<]*?) = /.exec(label!);
    const plain = /<font point-size="16">([^<]*)<\/font>/.exec(label!);
    if (/port="line"/.test(label!)) labels.set(id!, { value: numbers[0]!, gradient: numbers[1]! });
    else if (caption) names.set(id!, caption[1]!);
    else if (plain) names.set(id!, plain[1]!);
  }
  const into = new Map<string, string>();
  const outOf = new Map<string, string>();
  for (const [, from, to] of dot.matchAll(/^ {2}([\w:]+) -> ([\w:]+)/gm)) {
    const [fromNode, toNode] = [from!.split(':')[0]!, to!.split(':')[0]!];
    if (labels.has(toNode)) into.set(toNode, fromNode);
    if (labels.has(fromNode)) outOf.set(fromNode, toNode);
  }
  // a copy point stands for the node whose wire leads into it
  const nameOf = (id: string): string => {
    if (names.has(id)) return names.get(id)!;
    const stem = [...outOf].find(([, target]) => target === id)?.[0];
    return stem ? nameOf(into.get(stem)!) : `(${id})`;
  };
  return [...labels].map(([id, numbers]) => ({ from: nameOf(into.get(id)!), to: nameOf(outOf.get(id)!), ...numbers }));
}

const wiresBetween = (wires: Wire[], from: string, to: string) => wires.filter((wire) => wire.from === from && wire.to === to);

/** Each gate's symbol and caption, in the order of the DOT. */
const gatesOf = (dot: string) =>
  [...dot.matchAll(/port="gate"[^>]*><font point-size="16">([^<]*)<\/font>.*?<font point-size="10" color="#[0-9a-f]+">([^<]*)<\/font>/g)].map(
    ([, symbol, caption]) => `${symbol} | ${caption}`,
  );

describe('traceDot', () => {
  const circuit = trace(parse('(x+y)*z'), { x: -2, y: 5, z: -4 });
  const dot = traceDot(circuit);
  const wires = wiresOf(dot);

  it('draws the lecture circuit left to right', () => {
    expect(dot).toMatch(/^digraph trace \{/);
    expect(dot).toMatch(/rankdir=LR/);
  });

  it('labels every wire of (x+y)z with its value and its gradient', () => {
    expect(wiresBetween(wires, 'x', 'q1')).toEqual([{ from: 'x', to: 'q1', value: '−2', gradient: '−4' }]);
    expect(wiresBetween(wires, 'y', 'q1')).toEqual([{ from: 'y', to: 'q1', value: '5', gradient: '−4' }]);
    expect(wiresBetween(wires, 'q1', 'f')).toEqual([{ from: 'q1', to: 'f', value: '3', gradient: '−4' }]);
    expect(wiresBetween(wires, 'z', 'f')).toEqual([{ from: 'z', to: 'f', value: '−4', gradient: '3' }]);
    expect(wires).toHaveLength(5);
  });

  it('ends in a wire to the output name carrying its value and gradient 1', () => {
    const last = wires.filter((wire) => wire.to === 'f' && wire.from === 'f');
    expect(last).toEqual([{ from: 'f', to: 'f', value: '−12', gradient: '1' }]);
    expect(dot).toMatch(/wout:line:e -> out/);
  });

  it('shows value in green and gradient in red, and says so in a legend', () => {
    expect(dot).toContain('<font point-size="11" color="#1a7f37">3</font>');
    expect(dot).toContain('<font point-size="11" color="#c62828">−4</font>');
    expect(dot).toMatch(/#1a7f37">green[^<]*value/);
    expect(dot).toMatch(/#c62828">red[^<]*gradient ∂f\/∂·/);
  });

  it('marks gates with their op and names each intermediate result', () => {
    expect(gatesOf(dot)).toEqual(['+ | q1 = x + y', '× | f = q1·z']);
  });

  it('folds constants into the gate symbol', () => {
    const neuron = traceDot(trace(parse('z = w*x + b; a = sigmoid(z); L = 1/2*(y - a)^2'), { w: 0.3, x: 0.5, b: 0.1, y: 1.5 }));
    expect(gatesOf(neuron).map((gate) => gate.split(' | ')[0])).toEqual(['×', '+', 'σ', '−', '^2', '× 1/2']);
    const others = gatesOf(traceDot(trace(parse('(1 - x) + x/4 + 2^x + max(x, 3) + -x'), { x: 1 })));
    for (const gate of ['1 − · | q1 = 1 − x', '÷ 4 | q2 = x/4', '2^· | q4 = 2^x', 'max(·, 3) | q6 = max(x, 3)', '× −1 | q8 = −x']) expect(others).toContain(gate);
  });

  it('rounds to the requested significant digits', () => {
    const neuron = trace(parse('z = w*x + b; a = sigmoid(z); L = 1/2*(y - a)^2'), { w: 0.3, x: 0.5, b: 0.1, y: 1.5 });
    const sigmoidOut = (digits?: number) => wiresBetween(wiresOf(traceDot(neuron, { digits })), 'a', 'q2')[0]!;
    expect(sigmoidOut()).toEqual({ from: 'a', to: 'q2', value: '0.5622', gradient: '−0.9378' });
    expect(sigmoidOut(2)).toEqual({ from: 'a', to: 'q2', value: '0.56', gradient: '−0.94' });
    expect(() => traceDot(neuron, { digits: 0 })).toThrow(RangeError);
  });

  it('splits a copied node into one wire per use, each with its share, after a wire with the total', () => {
    const copy = trace(parse('x*x + sin(x)'), { x: 2 });
    const copyWires = wiresOf(traceDot(copy));
    // x → copy point: the total ∂f/∂x = 2x + cos x at 2
    const total = 2 * 2 + Math.cos(2);
    expect(copyWires.filter((wire) => wire.from === 'x' && wire.to === 'x')).toEqual([{ from: 'x', to: 'x', value: '2', gradient: total.toPrecision(4) }]);
    // two wires into x*x (2 each) and one into sin(x) (cos 2)
    expect(wiresBetween(copyWires, 'x', 'q1')).toEqual([
      { from: 'x', to: 'q1', value: '2', gradient: '2' },
      { from: 'x', to: 'q1', value: '2', gradient: '2' },
    ]);
    expect(wiresBetween(copyWires, 'x', 'q2')).toEqual([{ from: 'x', to: 'q2', value: '2', gradient: `−${(-Math.cos(2)).toPrecision(4)}` }]);
    expect(traceDot(copy)).toContain('a copy: the gradients of the wires after it add up');
    expect(dot).not.toContain('a copy:');
  });

  it('escapes names and expressions in the HTML-like labels', () => {
    const hostile = `<b>&"'`;
    const renamed: Trace = {
      ...circuit,
      nodes: circuit.nodes.map((node) => (node.id === 'x' ? { ...node, name: hostile } : node.id === 'q1' ? { ...node, expr: `${hostile} + y` } : node)),
    };
    const escaped = traceDot(renamed);
    expect(escaped).toContain('&lt;b&gt;&amp;&quot;&#39;');
    expect(escaped).not.toContain(hostile);
  });

  it('draws a constant as its value alone', () => {
    expect(traceDot(trace(parse('2 + 3'), {}))).toContain('>f = 5</font>');
  });
});
