/**
 * LaTeX output: a standalone article (amsmath; booktabs and longtable when there are tables). Pictures are given
 * as their Graphviz DOT source, since an SVG cannot be included without external tools.
 */
import type { Block, Doc, Inline } from '../explain/document.js';

/** Options for renderLatexDocument. */
export interface LatexOptions {
  /** The article's title, the documents becoming its sections (default: the document's title, or "Worked solutions" for several). */
  readonly title?: string;
}

/** A standalone LaTeX article for the documents, with a table of contents when there are several. */
export function renderLatexDocument(docs: readonly Doc[], options: LatexOptions = {}): string {
  const single = docs.length === 1 && options.title === undefined; // one document titles the article
  const title = options.title ?? (single ? docs[0]!.title : 'Worked solutions');
  const tables = docs.some((doc) => doc.blocks.some((block) => block.kind === 'table'));
  const sections = docs.flatMap((doc) => [
    ...(single ? [] : [`\\section{${escapeLatex(doc.title)}}`, '']),
    ...doc.blocks.map((block) => renderBlock(block, single ? 0 : 1) + '\n'),
  ]);
  return [
    '\\documentclass[11pt]{article}',
    '\\usepackage[utf8]{inputenc}',
    '\\usepackage[T1]{fontenc}',
    '\\usepackage{lmodern}',
    '\\usepackage[margin=2.5cm]{geometry}',
    '\\usepackage{amsmath,amssymb}',
    '\\usepackage{alltt}',
    ...(tables ? ['\\usepackage{array}', '\\usepackage{booktabs}', '\\usepackage{longtable}'] : []),
    '\\usepackage[hidelinks]{hyperref}',
    '\\setcounter{secnumdepth}{0}',
    `\\title{${escapeLatex(title)}}`,
    '\\author{}',
    '\\date{}',
    '',
    '\\begin{document}',
    '\\maketitle',
    ...(docs.length > 1 ? ['\\tableofcontents', ''] : ['']),
    ...sections,
    '\\end{document}',
    '',
  ].join('\n');
}

/** Text made safe for LaTeX: its special characters escaped, Unicode symbols typeset as math where pdfLaTeX lacks them. */
export function escapeLatex(value: string): string {
  return value.replace(/[\\{}$&#%_~^]|[^\x00-\x7f]/gu, (char) => SPECIAL[char] ?? unicode(char, (code) => `\\texttt{${code}}`));
}

/** Math made safe for pdfLaTeX: Unicode symbols as commands, other non-ASCII characters as text. */
export function mathLatex(tex: string): string {
  return tex.replace(/[^\x00-\x7f]/gu, (char) => unicode(char, (code) => `\\text{\\texttt{${code}}}`, (known) => `\\text{${known}}`));
}

const SPECIAL: Record<string, string> = {
  '\\': '\\textbackslash{}', '{': '\\{', '}': '\\}', $: '\\$', '&': '\\&', '#': '\\#', '%': '\\%', _: '\\_',
  '~': '\\textasciitilde{}', '^': '\\textasciicircum{}',
};

/** A non-ASCII character: a math symbol, itself where pdfLaTeX (utf8, T1) knows it, else its code point [U+…]. */
function unicode(char: string, unknown: (code: string) => string, known: (char: string) => string = (same) => same): string {
  const symbol = SYMBOLS[char];
  if (symbol !== undefined) return `\\ensuremath{${symbol}}`;
  if (char.codePointAt(0)! <= 0x17f || TEXT.includes(char)) return known(char);
  return unknown(`[U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}]`);
}

/** Punctuation outside Latin-1 that pdfLaTeX's utf8 input typesets with T1 fonts. */
const TEXT = '–—‘’‚“”„•…†‡‰‹›€';

/** Unicode symbols the plain-text forms use, as math (pdfLaTeX's utf8 input does not know them). */
const SYMBOLS: Record<string, string> = {
  '∂': '\\partial', '∇': '\\nabla', '×': '\\times', '·': '\\cdot', '⋅': '\\cdot', '−': '-', '±': '\\pm', '∓': '\\mp', '÷': '\\div',
  '≤': '\\le', '≥': '\\ge', '≠': '\\ne', '≈': '\\approx', '≡': '\\equiv', '→': '\\to', '←': '\\leftarrow', '⇒': '\\Rightarrow', '↦': '\\mapsto',
  '∞': '\\infty', '∑': '\\sum', '∏': '\\prod', '√': '\\surd', '∈': '\\in', '∘': '\\circ', '⊙': '\\odot', '⊗': '\\otimes',
  '✓': '\\checkmark', '✔': '\\checkmark', '✗': '\\times', '✘': '\\times', '′': "{}'", '″': "{}''", 'ᵀ': '^{\\mathsf{T}}', 'ℝ': '\\mathbb{R}',
  '⁰': '^0', '¹': '^1', '²': '^2', '³': '^3', '⁴': '^4', '⁵': '^5', '⁶': '^6', '⁷': '^7', '⁸': '^8', '⁹': '^9', '⁺': '^{+}', '⁻': '^{-}',
  '₀': '_0', '₁': '_1', '₂': '_2', '₃': '_3', '₄': '_4', '₅': '_5', '₆': '_6', '₇': '_7', '₈': '_8', '₉': '_9', 'ᵢ': '_i', 'ⱼ': '_j',
  α: '\\alpha', β: '\\beta', γ: '\\gamma', δ: '\\delta', ε: '\\varepsilon', ζ: '\\zeta', η: '\\eta', θ: '\\theta', ι: '\\iota',
  κ: '\\kappa', λ: '\\lambda', μ: '\\mu', ν: '\\nu', ξ: '\\xi', π: '\\pi', ρ: '\\rho', σ: '\\sigma', τ: '\\tau', υ: '\\upsilon',
  φ: '\\phi', χ: '\\chi', ψ: '\\psi', ω: '\\omega', Γ: '\\Gamma', Δ: '\\Delta', Θ: '\\Theta', Λ: '\\Lambda', Ξ: '\\Xi', Π: '\\Pi',
  Σ: '\\Sigma', Φ: '\\Phi', Ψ: '\\Psi', Ω: '\\Omega',
};

/** The LaTeX of a display-math block: \[ … \] for one line, align* at `&` (a line without one starts there), gather* without any. */
export function displayMath(lines: readonly { readonly tex: string }[]): string {
  const aligned = lines.some((line) => line.tex.includes('&'));
  if (lines.length === 1 && !aligned) return `\\[\n${mathLatex(lines[0]!.tex)}\n\\]`;
  const environment = aligned ? 'align*' : 'gather*';
  const body = lines.map((line) => mathLatex(aligned && !line.tex.includes('&') ? `&${line.tex}` : guard(line.tex)));
  return `\\begin{${environment}}\n${body.join(' \\\\\n')}\n\\end{${environment}}`;
}

const SECTIONS = ['\\section', '\\subsection', '\\subsubsection', '\\paragraph'] as const;

function renderBlock(block: Block, offset: number): string {
  switch (block.kind) {
    case 'heading':
      return `${SECTIONS[Math.min(block.level - 1 + offset, SECTIONS.length - 1)]}{${escapeLatex(block.text)}}`;
    case 'paragraph':
      return inlines(block.content);
    case 'math':
      return displayMath(block.lines);
    case 'list':
      return `\\begin{itemize}\n${block.items.map((item) => `\\item ${guard(inlines(item))}`).join('\n')}\n\\end{itemize}`;
    case 'table':
      return table(block);
    case 'figure': {
      const drawn = block.file === undefined ? '' : ` The picture is in \\texttt{${escapeLatex(block.file)}}.`;
      const note = `\\noindent\\textbf{Figure.} ${escapeLatex(block.caption)}${/[.!?]$/.test(block.caption) ? '' : '.'}${drawn} Its Graphviz source (draw it with \\texttt{dot -Tpdf}):`;
      return `${note}\n${verbatim(block.dot)}`;
    }
    case 'code':
      return verbatim(block.text);
  }
}

function inlines(content: readonly Inline[]): string {
  return content
    .map((piece) => {
      switch (piece.kind) {
        case 'text':
          return escapeLatex(piece.text);
        case 'math':
          return `$${mathLatex(piece.tex)}$`;
        case 'strong':
          return `\\textbf{${escapeLatex(piece.text)}}`;
        case 'code':
          return `\\texttt{${escapeLatex(piece.text)}}`;
      }
    })
    .join('');
}

/** A booktabs longtable; a wide one in smaller type, its prose columns (text, no math) wrapped. */
function table(block: Extract<Block, { kind: 'table' }>): string {
  const cells = (index: number) => [block.header, ...block.rows].map((row) => row[index] ?? []);
  const widths = block.header.map((_, index) => Math.max(...cells(index).map(plainLength)));
  const total = widths.reduce((sum, width) => sum + width + 2, 0);
  const wide = total > WIDE_TABLE;
  const prose = (index: number) => wide && !block.numeric?.[index] && widths[index]! > 24 && cells(index).every((cell) => cell.every((piece) => piece.kind !== 'math'));
  const wrapped = (share: number) => `>{\\raggedright\\arraybackslash}p{${share.toFixed(2)}\\linewidth}`;
  const column = (index: number) => {
    if (block.numeric?.[index]) return 'r';
    if (prose(index)) return wrapped(0.2);
    return wide && widths[index]! > 16 ? wrapped(Math.max(0.14, (0.85 * (widths[index]! + 2)) / total)) : 'l'; // a formula breaks after = or ×
  };
  const row = (cells: readonly (readonly Inline[])[]) => `${guard(cells.map(inlines).join(' & '))} \\\\`;
  const columns = block.header.map((_, index) => column(index)).join('');
  const longtable = [`\\begin{longtable}{${columns}}`, '\\toprule', row(block.header), '\\midrule', '\\endhead', ...block.rows.map(row), '\\bottomrule', '\\end{longtable}'];
  if (!wide) return longtable.join('\n');
  return [`{${total > 1.25 * WIDE_TABLE ? '\\footnotesize' : '\\small'}\\setlength{\\tabcolsep}{4pt}`, ...longtable, '}'].join('\n');
}

/** Characters a table can hold across the page before it is set as a wide one. */
const WIDE_TABLE = 80;

function plainLength(content: readonly Inline[]): number {
  return content.reduce((sum, piece) => sum + Array.from(piece.text).length, 0);
}

/** Text kept as typed, in typewriter type, long lines wrapped with a ↪ (alltt: only \ { } are special there). */
function verbatim(value: string): string {
  const escape = (chunk: string) => chunk.replace(/[\\{}]|[^\x00-\x7f]/gu, (char) => ALLTT[char] ?? unicode(char, (code) => code));
  const lines = value.replace(/\t/g, '  ').replace(/\n+$/, '').split('\n');
  const wrapped = lines.map((line) => {
    const chars = Array.from(line);
    const chunks: string[] = [];
    for (let start = 0; start < chars.length || start === 0; start += VERBATIM_WIDTH) chunks.push(escape(chars.slice(start, start + VERBATIM_WIDTH).join('')));
    return chunks.join('\n\\ensuremath{\\hookrightarrow}');
  });
  return `{\\small\n\\begin{alltt}\n${wrapped.join('\n')}\n\\end{alltt}}`;
}

/** Characters of \small typewriter type on a line between 2.5 cm margins. */
const VERBATIM_WIDTH = 84;

/** A line that starts with [ after \\\\ or \\item, kept from being read as an optional argument. */
function guard(line: string): string {
  return line.startsWith('[') ? `{}${line}` : line;
}

const ALLTT: Record<string, string> = { '\\': '\\textbackslash{}', '{': '\\{', '}': '\\}' };
