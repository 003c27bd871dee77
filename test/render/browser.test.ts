// The HTML output in a real browser: headless Chromium (Debian's chromium package), offline.
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { instance } from '@viz-js/viz';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { code, heading, math, paragraph, strong, text, type Block, type Doc } from '../../src/explain/document.js';
import { renderStandaloneHtml as renderHtml } from '../../src/node/katex.js';

const run = promisify(execFile);

/** The first of chromium, chromium-browser on PATH. */
function findChromium(): string | undefined {
  for (const name of ['chromium', 'chromium-browser']) {
    for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
      try {
        accessSync(join(dir, name), constants.X_OK);
        return join(dir, name);
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

const chromium = findChromium();
const artifacts = fileURLToPath(new URL('../artifacts/', import.meta.url));
const screenshot = join(artifacts, 'solution.png');
const WIDTH = 900;
const HEIGHT = 1000;

/** A solution as the builders write one: headings, inline and display math, a table, a list, a picture, code. */
async function sampleDoc(): Promise<Doc> {
  const dot = 'digraph { rankdir=LR; node [shape=circle]; x -> z; w -> z; b -> z; z -> "σ" -> f }';
  const svg = (await instance()).renderString(dot, { format: 'svg' });
  const blocks: Block[] = [
    heading(1, 'Problem'),
    paragraph(text('Find '), math('\\frac{\\partial f}{\\partial x}', '∂f/∂x'), text(' for '), math('f = \\sigma(wx + b)', 'f = σ(wx + b)'), text(' at '), code('w=2, x=0.5, b=-1'), text('.')),
    heading(1, 'Solution'),
    paragraph(text('Write '), math('z = wx + b', 'z = wx + b'), text('. By the '), strong('chain rule'), text(', downstream = upstream × local:')),
    { kind: 'math', lines: [{ tex: '\\frac{\\partial f}{\\partial x} = \\sigma(z)\\left(1-\\sigma(z)\\right) \\cdot w', text: '∂f/∂x = σ(z)(1 − σ(z))·w' }] },
    {
      kind: 'math',
      lines: [
        { tex: '\\frac{\\partial f}{\\partial x} &= \\sigma(0)\\bigl(1-\\sigma(0)\\bigr) \\cdot 2', text: '∂f/∂x = σ(0)(1 − σ(0))·2' },
        { tex: '&= \\tfrac12 \\cdot \\tfrac12 \\cdot 2 = \\tfrac12', text: '= 1/2 · 1/2 · 2 = 1/2' },
      ],
    },
    {
      kind: 'table',
      header: [[text('node')], [text('value')], [text('local')], [text('gradient')]],
      rows: [
        [[math('z', 'z')], [text('0')], [math('\\partial z / \\partial x = w', '∂z/∂x = w')], [text('0.5')]],
        [[math('f = \\sigma(z)', 'f = σ(z)')], [text('0.5')], [math('\\sigma(z)\\left(1-\\sigma(z)\\right)', 'σ(z)(1 − σ(z))')], [text('1')]],
      ],
      numeric: [false, true, false, true],
    },
    { kind: 'list', items: [[text('Check: '), math('\\sum_{i=1}^{n} \\sqrt{x_i^2 + \\epsilon}', 'Σ √(xᵢ² + ε)')], [text('Units agree: '), math('\\mathbb{R}^{n \\times m}', 'ℝ^(n×m)')]] },
    { kind: 'figure', dot, svg, caption: 'The computational graph' },
  ];
  return { title: 'Sigmoid of an affine map', blocks };
}

/** How many pieces of math a document holds: each inline formula and each display block. */
function mathPieces(doc: Doc): number {
  const inline = (content: readonly { kind: string }[]) => content.filter((piece) => piece.kind === 'math').length;
  return doc.blocks.reduce((sum, block) => {
    switch (block.kind) {
      case 'paragraph': return sum + inline(block.content);
      case 'list': return sum + block.items.reduce((n, item) => n + inline(item), 0);
      case 'table': return sum + [block.header, ...block.rows].flat().reduce((n, cell) => n + inline(cell), 0);
      case 'math': return sum + 1;
      default: return sum;
    }
  }, 0);
}

// Runs in the page once fonts are ready: what the browser made of the formulas, left in a hidden element.
const PROBE = `<script>
document.fonts.ready.then(() => {
  const faces = [...document.fonts].filter((face) => face.family.startsWith('KaTeX'));
  const probe = document.createElement('pre');
  probe.id = 'probe';
  probe.hidden = true;
  probe.textContent = JSON.stringify({
    katex: document.querySelectorAll('.katex').length,
    errors: document.querySelectorAll('.katex-error').length,
    empty: [...document.querySelectorAll('.katex-html')].filter((node) => node.getBoundingClientRect().width === 0).length,
    loaded: faces.filter((face) => face.status === 'loaded').map((face) => face.family),
    failed: faces.filter((face) => face.status === 'error').map((face) => face.family),
    svg: [...document.querySelectorAll('figure svg')].map((node) => Math.round(node.getBoundingClientRect().width)),
  });
  document.body.append(probe);
});
</script>`;

const title = chromium
  ? 'the HTML output in headless Chromium'
  : 'the HTML output in headless Chromium (skipped: chromium is missing; install it with `apt-get install chromium`, as .ci/run does)';

describe.skipIf(!chromium)(title, () => {
  let dir = '';
  let doc: Doc;
  let dom = '';

  /** Chromium headless, offline (every host name fails to resolve), with its own throwaway profile. */
  const browse = async (profile: string, ...args: string[]) => {
    const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-extensions', '--hide-scrollbars', '--mute-audio'];
    const offline = '--host-resolver-rules=MAP * ~NOTFOUND';
    return run(chromium!, [...flags, offline, `--user-data-dir=${join(dir, profile)}`, ...args], { timeout: 30_000, maxBuffer: 64 << 20 });
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'chainrule-browser-'));
    await mkdir(artifacts, { recursive: true });
    doc = await sampleDoc();
    const html = await renderHtml([doc]);
    const page = join(dir, 'solution.html');
    await writeFile(page, html.replace('</body>', `${PROBE}\n</body>`));
    const url = pathToFileURL(page).href;
    const [dumped] = await Promise.all([
      browse('dom', '--virtual-time-budget=3000', '--dump-dom', url),
      browse('shot', `--window-size=${WIDTH},${HEIGHT}`, '--force-device-scale-factor=1', `--screenshot=${screenshot}`, url),
    ]);
    dom = dumped.stdout;
  }, 60_000);

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const probe = () => {
    const found = /<pre id="probe" hidden="">([^<]*)<\/pre>/.exec(dom);
    expect(found, 'the page script ran and left its report').not.toBeNull();
    return JSON.parse(found![1]!.replace(/&quot;/g, '"').replace(/&amp;/g, '&')) as { katex: number; errors: number; empty: number; loaded: string[]; failed: string[]; svg: number[] };
  };

  it('typesets every formula: no .katex-error and one .katex per piece of math', () => {
    expect(/class="[^"]*\bkatex-error\b/.test(dom), 'an element with class katex-error').toBe(false);
    const report = probe();
    expect(report.errors).toBe(0);
    expect(report.katex).toBe(mathPieces(doc));
    expect(report.empty).toBe(0);
  });

  it('loads the KaTeX fonts from the page itself, offline', () => {
    const report = probe();
    expect(report.failed).toEqual([]);
    expect(report.loaded).toEqual(expect.arrayContaining(['KaTeX_Main', 'KaTeX_Math', 'KaTeX_Size1']));
  });

  it('draws the inline SVG', () => {
    const [width] = probe().svg;
    expect(width).toBeGreaterThan(100);
  });

  it(`takes a screenshot (${screenshot})`, async () => {
    const png = await readFile(screenshot);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([WIDTH, HEIGHT]); // IHDR width, height
    expect((await stat(screenshot)).size).toBeGreaterThan(20_000);
  });
});
