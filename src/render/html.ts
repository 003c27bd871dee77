/**
 * HTML output: one HTML5 file. KaTeX typesets every formula at render time, pictures are inline SVG, and KaTeX's
 * stylesheet is inlined as given (src/node/katex.ts reads it with the woff2 fonts as data: URIs, so that the file
 * the command line writes works offline).
 */
import { plain, type Block, type Doc, type Inline } from '../explain/document.js';

/** Options for renderHtml. */
export interface HtmlOptions {
  /** A page heading above the documents (default: none for one document, whose title heads the page; "Worked solutions" for several). */
  readonly title?: string;
  /** KaTeX's stylesheet, inlined in the page (without it, the page links katex.min.css from beside itself). */
  readonly katexCss?: string;
}

/** Typesets one formula as HTML. */
type Typeset = (tex: string, displayMode: boolean) => string;

/** One self-contained HTML5 page for the documents, with a table of contents when there are several. */
export async function renderHtml(docs: readonly Doc[], options: HtmlOptions = {}): Promise<string> {
  const typeset = await loadTypeset();
  const katexStyle = options.katexCss === undefined ? '<link rel="stylesheet" href="katex.min.css">' : `<style>\n${options.katexCss}\n</style>`;
  const headed = docs.length !== 1 || options.title !== undefined; // a page heading above the documents
  const title = options.title ?? (headed ? 'Worked solutions' : docs[0]?.title ?? 'Worked solutions');
  const ids = new Ids();
  const articles = docs.map((doc) => {
    const id = ids.take(doc.title);
    const blocks = doc.blocks.map((block) => renderBlock(block, typeset, ids, headed ? 2 : 1));
    const tag = headed ? 'h2' : 'h1';
    return { doc, id, html: `<article id="${escapeHtml(id)}">\n<${tag}>${escapeHtml(doc.title)}</${tag}>\n${blocks.join('\n')}\n</article>` };
  });
  const header = headed ? `<header><h1>${escapeHtml(title)}</h1></header>\n` : '';
  const contents = docs.length > 1 ? tableOfContents(articles) + '\n' : '';
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="chainrule">',
    `<title>${escapeHtml(title)}</title>`,
    katexStyle,
    `<style>\n${PAGE_CSS}\n</style>`,
    '</head>',
    '<body>',
    '<main>',
    header + contents + articles.map((article) => article.html).join('\n'),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/**
 * The LaTeX of a display-math block: one line as is; lines with an `&` aligned there (a line without one starts at
 * the alignment point, as in the Markdown output); lines without any `&` centred.
 */
export function displayTex(lines: readonly { readonly tex: string }[]): string {
  if (lines.length === 1 && !lines[0]!.tex.includes('&')) return lines[0]!.tex;
  if (!lines.some((line) => line.tex.includes('&'))) return `\\begin{gathered}${lines.map((line) => line.tex).join(' \\\\ ')}\\end{gathered}`;
  return `\\begin{aligned}${lines.map((line) => (line.tex.includes('&') ? line.tex : `&${line.tex}`)).join(' \\\\ ')}\\end{aligned}`;
}

/** Text made safe for HTML content and attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ENTITIES[char]!);
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function renderBlock(block: Block, typeset: Typeset, ids: Ids, offset: number): string {
  switch (block.kind) {
    case 'heading': {
      const tag = `h${Math.min(block.level + offset, 6)}`;
      return `<${tag} id="${escapeHtml(ids.take(block.id ?? block.text))}">${escapeHtml(block.text)}</${tag}>`;
    }
    case 'paragraph':
      return `<p>${inlines(block.content, typeset)}</p>`;
    case 'math':
      return `<div class="math">${typeset(displayTex(block.lines), true)}</div>`;
    case 'list':
      return `<ul>\n${block.items.map((item) => `<li>${inlines(item, typeset)}</li>`).join('\n')}\n</ul>`;
    case 'table':
      return table(block, typeset);
    case 'figure':
      return figure(block);
    case 'code':
      return `<pre><code>${escapeHtml(block.text)}</code></pre>`;
  }
}

function inlines(content: readonly Inline[], typeset: Typeset): string {
  return content
    .map((piece) => {
      switch (piece.kind) {
        case 'text':
          return escapeHtml(piece.text);
        case 'math':
          return typeset(piece.tex, false);
        case 'strong':
          return `<strong>${escapeHtml(piece.text)}</strong>`;
        case 'code':
          return `<code>${escapeHtml(piece.text)}</code>`;
      }
    })
    .join('');
}

function table(block: Extract<Block, { kind: 'table' }>, typeset: Typeset): string {
  const cells = (column: number) => [block.header, ...block.rows].map((row) => row[column] ?? []);
  // A column of sentences (no math, some cell over 24 characters) gets room to wrap beside formulas that do not.
  const prose = (column: number) => cells(column).every((cell) => cell.every((piece) => piece.kind !== 'math')) && cells(column).some((cell) => plain(cell).length > 24);
  const cellClass = (column: number) => (block.numeric?.[column] ? ' class="num"' : prose(column) ? ' class="prose"' : '');
  const head = block.header.map((cell, column) => `<th scope="col"${cellClass(column)}>${inlines(cell, typeset)}</th>`).join('');
  const rows = block.rows.map((row) => `<tr>${row.map((cell, column) => `<td${cellClass(column)}>${inlines(cell, typeset)}</td>`).join('')}</tr>`);
  return `<div class="table"><table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table></div>`;
}

function figure(block: Extract<Block, { kind: 'figure' }>): string {
  const caption = `<figcaption>${escapeHtml(block.caption)}</figcaption>`;
  const svg = block.svg === undefined ? undefined : inlineSvg(block.svg);
  const picture = svg ?? `<pre class="dot"><code>${escapeHtml(block.dot)}</code></pre>`;
  return `<figure>\n${picture}\n${caption}\n</figure>`;
}

/** The <svg> element of a Graphviz drawing without its XML prolog; none for anything that could run script. */
function inlineSvg(svg: string): string | undefined {
  const start = svg.indexOf('<svg');
  if (start < 0 || /<script|<foreignObject|\son\w+\s*=|javascript:/i.test(svg)) return undefined;
  return svg.slice(start).trim();
}

function tableOfContents(articles: readonly { readonly doc: Doc; readonly id: string }[]): string {
  const items = articles.map(({ doc, id }) => `<li><a href="#${escapeHtml(id)}">${escapeHtml(doc.title)}</a></li>`);
  return `<nav class="toc" aria-label="Contents">\n<h2>Contents</h2>\n<ol>\n${items.join('\n')}\n</ol>\n</nav>`;
}

/** Unique, readable element ids. */
class Ids {
  private readonly used = new Set<string>();
  /** The next suffix to try for each slug (every earlier one is taken), so 5,000 "Verification" headings stay linear. */
  private readonly next = new Map<string, number>();

  take(text: string): string {
    const slug = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'section';
    let id = slug;
    let n = this.next.get(slug) ?? 2;
    if (this.used.has(id)) for (id = `${slug}-${n}`; this.used.has(id); id = `${slug}-${++n}`);
    this.next.set(slug, n);
    this.used.add(id);
    return id;
  }
}

/**
 * KaTeX's renderToString, with any error shown the way throwOnError: false shows a parse error (a red
 * .katex-error span holding the source, the message as its tooltip). Throwing first makes an unknown
 * command an error too, where throwOnError: false would quietly print it in red inside the formula.
 */
async function loadTypeset(): Promise<Typeset> {
  const katex = (await import('katex')).default;
  return (tex, displayMode) => {
    try {
      return katex.renderToString(tex, { throwOnError: true, displayMode, strict: 'ignore' });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return `<span class="katex-error" title="${escapeHtml(message)}" style="color:#cc0000">${escapeHtml(tex)}</span>`;
    }
  };
}

const PAGE_CSS = `:root { color-scheme: light; --text: #1f2328; --muted: #59636e; --rule: #d1d9e0; --tint: #f6f8fa; --link: #0b5cad; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--text); background: #fff; font: 17px/1.6 Charter, "Bitstream Charter", "Sitka Text", Cambria, Georgia, serif; }
main { max-width: 46rem; margin: 0 auto; padding: 2.5rem 1.25rem 4rem; }
h1, h2, h3, h4, h5, h6 { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; line-height: 1.25; margin: 2rem 0 0.75rem; }
h1 { font-size: 1.9rem; margin-top: 0; }
h2 { font-size: 1.45rem; }
h3 { font-size: 1.2rem; }
h4, h5, h6 { font-size: 1.05rem; }
article + article { margin-top: 3rem; padding-top: 1.5rem; border-top: 1px solid var(--rule); }
a { color: var(--link); }
p, ul, ol { margin: 0.75rem 0; }
code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 0.88em; }
code { background: var(--tint); padding: 0.1em 0.3em; border-radius: 4px; }
pre { background: var(--tint); padding: 0.75rem 1rem; border-radius: 6px; overflow-x: auto; line-height: 1.45; }
pre code { background: none; padding: 0; }
.math { overflow-x: auto; overflow-y: hidden; }
.katex-error { font-family: ui-monospace, monospace; }
/* A table may be wider than the text: centred across the window, with room for its prose columns to wrap. */
.table { overflow-x: auto; width: max-content; max-width: min(72rem, 100vw - 2.5rem); margin: 1rem 0 1rem 50%; transform: translateX(-50%); }
.prose { width: 14em; min-width: 12em; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
th, td { padding: 0.35rem 0.8rem; text-align: left; border-bottom: 1px solid var(--rule); vertical-align: baseline; }
thead th { border-bottom: 2px solid var(--text); }
.num { text-align: right; }
figure { margin: 1.5rem 0; text-align: center; }
figure svg { max-width: 100%; height: auto; }
figcaption { color: var(--muted); font-size: 0.92em; margin-top: 0.5rem; }
figure pre { text-align: left; }
.toc { background: var(--tint); border-radius: 6px; padding: 0.75rem 1.25rem; margin-bottom: 2.5rem; }
.toc h2 { margin: 0.25rem 0 0.5rem; font-size: 1.05rem; }
.toc ol { margin: 0; padding-left: 1.5rem; }
.toc a { text-decoration: none; }
.toc a:hover { text-decoration: underline; }
@page { size: A4; margin: 16mm 14mm 18mm; @bottom-center { content: counter(page) " / " counter(pages); font: 9pt system-ui, sans-serif; color: #59636e; } }
@media print {
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
  article + article { break-before: page; border-top: none; }
  h1, h2, h3, h4, h5, h6 { break-after: avoid; }
  /* a table too long for the rest of a page breaks between its rows (its header repeated), never leaving a page blank */
  .math, figure, pre, tr { break-inside: avoid; }
  thead { display: table-header-group; }
  figure svg { max-height: 22cm; }
  pre, code, .toc { background: none; }
  pre { border: 1px solid var(--rule); }
  .math, .table, pre { overflow: visible; }
  .table { max-width: 100%; margin: 1rem 0; transform: none; }
}`;
