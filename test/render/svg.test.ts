// DOT to SVG through Graphviz compiled to WebAssembly.
import { describe, expect, it } from 'vitest';
import { trace, type Trace } from '../../src/explain/trace.js';
import { parse } from '../../src/program.js';
import { renderSvg } from '../../src/render/svg.js';
import { traceDot } from '../../src/render/trace-dot.js';

describe('renderSvg', () => {
  const circuit = trace(parse('(x+y)*z'), { x: -2, y: 5, z: -4 });

  it('lays out a trace as an SVG document with its labels as text', async () => {
    const svg = await renderSvg(traceDot(circuit));
    expect(svg).toMatch(/<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg.trimEnd()).toMatch(/<\/svg>$/);
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((match) => match[1]);
    expect(texts).toEqual(expect.arrayContaining(['x', 'y', 'z', 'f', '−12', '3', '−4', 'q1 = x + y', 'f = q1·z']));
    expect(texts.some((text) => text!.startsWith('green, above a wire'))).toBe(true);
    // values green, gradients red
    expect(svg).toMatch(/fill="#1a7f37">−12<\/text>/);
    expect(svg).toMatch(/fill="#c62828">3<\/text>/);
  });

  it('renders labels that contain HTML specials as text', async () => {
    const renamed: Trace = { ...circuit, nodes: circuit.nodes.map((node) => (node.id === 'x' ? { ...node, name: 'a<b & "c"' } : node)) };
    const svg = await renderSvg(traceDot(renamed));
    expect(svg).toContain('>a&lt;b &amp; &quot;c&quot;</text>');
  });

  it('rejects DOT that Graphviz cannot read', async () => {
    await expect(renderSvg('digraph { a -> }')).rejects.toThrow(/syntax error/);
  });
});
