// The HTML renderer: one self-contained page, every formula typeset by KaTeX, fonts and pictures inlined.
import { describe, expect, it } from 'vitest';
import { code, heading, math, paragraph, strong, text, type Doc } from '../../src/explain/document.js';
import { displayTex, escapeHtml, renderHtml as renderCoreHtml } from '../../src/render/html.js';
import { renderStandaloneHtml as renderHtml } from '../../src/node/katex.js';

const count = (html: string, pattern: RegExp) => html.match(pattern)?.length ?? 0;
const katexCount = (html: string) => count(html, /class="katex"/g);
const errorCount = (html: string) => count(html, /class="katex-error"/g);
const body = (html: string) => html.slice(html.indexOf('<main>'));

const svg = `<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg width="60pt" height="40pt" viewBox="0 0 60 40" xmlns="http://www.w3.org/2000/svg"><g class="graph"><text>x</text></g></svg>`;

const doc: Doc = {
  title: 'Sigmoid',
  blocks: [
    heading(1, 'The derivative'),
    paragraph(text('With '), math('z = wx + b', 'z = wx + b'), text(', '), strong('chain rule'), text(' on '), code('sigmoid(z)'), text('.')),
    { kind: 'math', lines: [{ tex: '\\frac{\\partial f}{\\partial x} = \\sigma(z)\\left(1-\\sigma(z)\\right) w', text: '∂f/∂x = σ(z)(1 − σ(z)) w' }] },
    { kind: 'list', items: [[text('upstream '), math('1', '1')], [text('local '), math('\\sigma\'(z)', "σ'(z)")]] },
    { kind: 'table', header: [[text('node')], [text('value')]], rows: [[[math('z', 'z')], [text('0.5')]]], numeric: [false, true] },
    { kind: 'figure', dot: 'digraph { x -> f }', svg, caption: 'The graph' },
    { kind: 'code', text: 'f = sigmoid(w*x + b)' },
  ],
};

describe('renderHtml', () => {
  it('typesets every math piece with KaTeX', async () => {
    const html = await renderHtml([doc]);
    expect(katexCount(html)).toBe(5); // four inline (paragraph, list, table), one display
    expect(count(html, /class="katex-display"/g)).toBe(1);
    expect(errorCount(html)).toBe(0);
    expect(html).toContain('<annotation encoding="application/x-tex">\\frac{\\partial f}{\\partial x}');
  });

  it('shows invalid or unknown TeX as a visible KaTeX error holding the source, without failing', async () => {
    const html = await renderHtml([{ title: 'Bad', blocks: [paragraph(math('\\frac{1}{', '?'), text(' and '), math('\\nosuchmacro x', '?')), { kind: 'math', lines: [{ tex: 'x^', text: 'x^' }] }] }]);
    expect(errorCount(html)).toBe(3);
    expect(katexCount(html)).toBe(0);
    expect(html).toMatch(/<span class="katex-error" title="[^"]*Undefined control sequence[^"]*" style="color:#cc0000">\\nosuchmacro x<\/span>/);
  });

  it('links KaTeX\'s stylesheet when none is given (the core reads no files: a browser can run it)', async () => {
    const html = await renderCoreHtml([{ title: 'T', blocks: [paragraph(math('x^2', 'x^2'))] }]);
    expect(html).toContain('<link rel="stylesheet" href="katex.min.css">');
    expect(html).not.toContain('@font-face');
    expect(html).toContain('class="katex"');
  });

  it('inlines the KaTeX stylesheet with every font as a woff2 data: URI and loads nothing from the network', async () => {
    const html = await renderHtml([doc]);
    const fontFaces = count(html, /@font-face\{/g);
    expect(fontFaces).toBeGreaterThan(15);
    expect(count(html, /src:url\(data:font\/woff2;base64,[A-Za-z0-9+/=]+\) format\("woff2"\)/g)).toBe(fontFaces);
    expect(html).not.toMatch(/url\((?!data:)/);
    expect(html).not.toMatch(/\.woff\b|\.ttf\b/);
    expect(html).not.toMatch(/<(script|link)\b/i);
    // Namespace names (xmlns="http://www.w3.org/…") identify vocabularies and are never fetched.
    expect(html.replace(/\sxmlns(:\w+)?="[^"]*"/g, '')).not.toMatch(/https?:/);
  });

  it('inlines a figure’s SVG without its XML prolog and falls back to the DOT source without one', async () => {
    const html = await renderHtml([doc, { title: 'No picture', blocks: [{ kind: 'figure', dot: 'digraph { a -> "<b>" }', caption: 'Plain' }] }]);
    expect(html).toContain('<figure>\n<svg width="60pt"');
    expect(html).toContain('<figcaption>The graph</figcaption>');
    expect(html).not.toContain('<?xml');
    expect(html).not.toContain('<!DOCTYPE svg');
    expect(html).toContain('<pre class="dot"><code>digraph { a -&gt; &quot;&lt;b&gt;&quot; }</code></pre>');
  });

  it('does not inline an SVG that could run script', async () => {
    const html = await renderHtml([{ title: 'T', blocks: [{ kind: 'figure', dot: 'digraph {}', svg: '<svg onload="alert(1)"></svg>', caption: 'c' }] }]);
    expect(html).not.toContain('onload');
    expect(html).toContain('<pre class="dot">');
  });

  it('escapes text everywhere', async () => {
    const evil = '<script>alert("x")</script> & \'q\'';
    const html = await renderHtml(
      [{ title: evil, blocks: [heading(2, evil), paragraph(text(evil), strong(evil), code(evil)), { kind: 'code', text: evil }, { kind: 'figure', dot: evil, caption: evil }] }],
      { title: evil },
    );
    expect(html).not.toContain('<script>');
    expect(count(html, /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt; &amp; &#39;q&#39;/g)).toBe(10); // page title, page heading, document heading, heading, three inlines, code, DOT, caption
    expect(escapeHtml('a<b>&"\'')).toBe('a&lt;b&gt;&amp;&quot;&#39;');
  });

  it('lays out headings with unique ids, tables with numeric columns, lists and code', async () => {
    const html = body(await renderHtml([doc]));
    expect(html).toContain('<article id="sigmoid">\n<h1>Sigmoid</h1>');
    expect(html).toContain('<h2 id="the-derivative">The derivative</h2>');
    expect(html).toMatch(/<thead><tr><th scope="col">node<\/th><th scope="col" class="num">value<\/th><\/tr><\/thead>/);
    expect(html).toContain('<td class="num">0.5</td>');
    const prose = body(await renderHtml([{ title: 'T', blocks: [{ kind: 'table', header: [[text('gate')], [text('pattern')]], rows: [[[math('f', 'f')], [text('add distributes the upstream gradient')]]] }] }]));
    expect(prose).toContain('<th scope="col" class="prose">pattern</th>');
    expect(html).toContain('<ul>\n<li>upstream ');
    expect(html).toContain('<pre><code>f = sigmoid(w*x + b)</code></pre>');
    expect(html).not.toContain('class="toc"');
  });

  it('adds a table of contents for several documents and keeps ids unique', async () => {
    const part = (title: string): Doc => ({ title, blocks: [heading(1, 'Answer'), paragraph(text('…'))] });
    const html = body(await renderHtml([part('Problem 1'), part('Problem 2')], { title: 'Homework 3' }));
    expect(html).toContain('<header><h1>Homework 3</h1></header>');
    expect(html).toContain('<nav class="toc" aria-label="Contents">');
    expect(html).toContain('<ol>\n<li><a href="#problem-1">Problem 1</a></li>\n<li><a href="#problem-2">Problem 2</a></li>\n</ol>');
    expect(html).toContain('<article id="problem-1">\n<h2>Problem 1</h2>\n<h3 id="answer">Answer</h3>');
    expect(html).toContain('<article id="problem-2">\n<h2>Problem 2</h2>\n<h3 id="answer-2">Answer</h3>');
  });

  it('is a complete HTML5 page titled after its document', async () => {
    const html = await renderHtml([doc]);
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<title>Sigmoid</title>');
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
  });
});

describe('displayTex', () => {
  it('keeps one line, aligns lines at & and gathers lines without one', () => {
    expect(displayTex([{ tex: 'a = b' }])).toBe('a = b');
    expect(displayTex([{ tex: 'f &= x^2' }, { tex: '&= 2x' }])).toBe('\\begin{aligned}f &= x^2 \\\\ &= 2x\\end{aligned}');
    expect(displayTex([{ tex: 'a' }, { tex: 'b' }])).toBe('\\begin{gathered}a \\\\ b\\end{gathered}');
    expect(displayTex([{ tex: 'f &= x^2' }, { tex: '= 2x' }])).toBe('\\begin{aligned}f &= x^2 \\\\ &= 2x\\end{aligned}');
  });
});
