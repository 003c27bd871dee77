// The LaTeX renderer: a standalone article, text escaped, math as LaTeX math, pictures as their DOT source.
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { code, heading, math, paragraph, strong, text, type Doc } from '../../src/explain/document.js';
import { displayMath, escapeLatex, mathLatex, renderLatexDocument } from '../../src/render/latex.js';

const doc: Doc = {
  title: 'Problem 1: 50% & more',
  blocks: [
    heading(1, 'Solution_1'),
    paragraph(text('So ∂f/∂x = σ(z)(1 − σ(z)) with '), math('\\frac{\\partial f}{\\partial x}', '∂f/∂x'), text(', '), strong('#1'), text(' '), code('x^2 + y_1')),
    { kind: 'math', lines: [{ tex: '\\frac{\\partial f}{\\partial x} = \\sigma(z)\\left(1-\\sigma(z)\\right)', text: '' }] },
    { kind: 'math', lines: [{ tex: 'f &= x^2', text: '' }, { tex: '[f] &= 2x', text: '' }] },
    { kind: 'list', items: [[text('[1, 2] is a vector')], [text('and '), math('\\mathbb{R}^n', 'ℝⁿ')]] },
    { kind: 'table', header: [[text('node')], [text('value')]], rows: [[[math('z', 'z')], [text('0.5')]], [[text('[1, 2]')], [text('3')]]], numeric: [false, true] },
    { kind: 'figure', dot: 'digraph {\n\tx -> "σ" [label="a\\\\b {c} 50%"]\n}', svg: '<svg></svg>', caption: 'The graph' },
    { kind: 'code', text: 'f(x) = x^2 # {note} \\ done' },
  ],
};

describe('escapeLatex', () => {
  it('escapes every special character once', () => {
    expect(escapeLatex('\\ { } $ & # % _ ~ ^')).toBe('\\textbackslash{} \\{ \\} \\$ \\& \\# \\% \\_ \\textasciitilde{} \\textasciicircum{}');
    expect(escapeLatex('a_b\\_c')).toBe('a\\_b\\textbackslash{}\\_c');
  });

  it('typesets the math symbols of plain text as math and keeps other text as is', () => {
    expect(escapeLatex('∂f/∂x = σ · w − 1 ≤ ∞')).toBe(
      '\\ensuremath{\\partial}f/\\ensuremath{\\partial}x = \\ensuremath{\\sigma} \\ensuremath{\\cdot} w \\ensuremath{-} 1 \\ensuremath{\\le} \\ensuremath{\\infty}',
    );
    expect(escapeLatex('café <x> | "y" – ’')).toBe('café <x> | "y" – ’');
    expect(escapeLatex('✓ 10⁻³ ★')).toBe('\\ensuremath{\\checkmark} 10\\ensuremath{^{-}}\\ensuremath{^3} \\texttt{[U+2605]}');
  });
});

describe('mathLatex', () => {
  it('turns Unicode in math into commands or text, and leaves ASCII alone', () => {
    expect(mathLatex('\\frac{a_1}{b} \\& σ')).toBe('\\frac{a_1}{b} \\& \\ensuremath{\\sigma}');
    expect(mathLatex('x_{é} + ★')).toBe('x_{\\text{é}} + \\text{\\texttt{[U+2605]}}');
  });
});

describe('displayMath', () => {
  it('uses \\[ \\] for one line, align* at & and gather* otherwise', () => {
    expect(displayMath([{ tex: 'a = b' }])).toBe('\\[\na = b\n\\]');
    expect(displayMath([{ tex: 'f &= x' }])).toBe('\\begin{align*}\nf &= x\n\\end{align*}');
    expect(displayMath([{ tex: 'f &= x' }, { tex: '&= y' }])).toBe('\\begin{align*}\nf &= x \\\\\n&= y\n\\end{align*}');
    expect(displayMath([{ tex: 'a' }, { tex: '[b]' }])).toBe('\\begin{gather*}\na \\\\\n{}[b]\n\\end{gather*}');
    expect(displayMath([{ tex: 'f &= x' }, { tex: '= y' }])).toBe('\\begin{align*}\nf &= x \\\\\n&= y\n\\end{align*}');
  });
});

describe('renderLatexDocument', () => {
  const latex = renderLatexDocument([doc]);

  it('is a standalone article with the packages it uses', () => {
    expect(latex.startsWith('\\documentclass[11pt]{article}\n')).toBe(true);
    expect(latex).toContain('\\usepackage{amsmath,amssymb}');
    expect(latex).toContain('\\usepackage{booktabs}\n\\usepackage{longtable}');
    expect(latex).toContain('\\title{Problem 1: 50\\% \\& more}');
    expect(latex).toMatch(/\\begin\{document\}\n\\maketitle\n[\s\S]*\\end\{document\}\n$/);
    expect(latex).not.toContain('\\tableofcontents');
    expect(renderLatexDocument([{ title: 'T', blocks: [paragraph(text('x'))] }])).not.toContain('longtable');
  });

  it('writes headings, paragraphs with inline math, and display math', () => {
    expect(latex).toContain('\\section{Solution\\_1}');
    expect(latex).toContain('with $\\frac{\\partial f}{\\partial x}$, \\textbf{\\#1} \\texttt{x\\textasciicircum{}2 + y\\_1}');
    expect(latex).toContain('\\[\n\\frac{\\partial f}{\\partial x} = \\sigma(z)\\left(1-\\sigma(z)\\right)\n\\]');
    expect(latex).toContain('\\begin{align*}\nf &= x^2 \\\\\n{}[f] &= 2x\n\\end{align*}');
  });

  it('writes lists and booktabs tables, keeping a leading [ from being read as an option', () => {
    expect(latex).toContain('\\begin{itemize}\n\\item {}[1, 2] is a vector\n\\item and $\\mathbb{R}^n$\n\\end{itemize}');
    expect(latex).toContain('\\begin{longtable}{lr}\n\\toprule\nnode & value \\\\\n\\midrule\n\\endhead\n$z$ & 0.5 \\\\\n{}[1, 2] & 3 \\\\\n\\bottomrule\n\\end{longtable}');
  });

  it('sets a wide table small, wrapping its prose and long formula columns', () => {
    const prose = text('mul swaps: each input gets the upstream gradient times the other input');
    const formula = math('\\frac{\\partial f}{\\partial q} = z = -4', '∂f/∂q = z = -4 (and some more)');
    const wide = renderLatexDocument([{ title: 'T', blocks: [{ kind: 'table', header: [[text('gate')], [text('pattern')], [text('local')], [text('n')]], rows: [[[math('f', 'f')], [prose], [formula], [text('1')]]], numeric: [false, false, false, true] }] }]);
    expect(wide).toMatch(/\{\\(small|footnotesize)\\setlength\{\\tabcolsep\}\{4pt\}\n\\begin\{longtable\}\{l>\{\\raggedright\\arraybackslash\}p\{0\.20\\linewidth\}>\{\\raggedright\\arraybackslash\}p\{0\.\d+\\linewidth\}r\}/);
  });

  it('wraps long lines of code with a hook', () => {
    const long = renderLatexDocument([{ title: 'T', blocks: [{ kind: 'code', text: 'a'.repeat(100) }] }]);
    expect(long).toContain(`\\begin{alltt}\n${'a'.repeat(84)}\n\\ensuremath{\\hookrightarrow}${'a'.repeat(16)}\n\\end{alltt}`);
  });

  it('gives a picture as its DOT source and code as typed', () => {
    expect(latex).toContain('\\noindent\\textbf{Figure.} The graph. Its Graphviz source (draw it with \\texttt{dot -Tpdf}):\n{\\small\n\\begin{alltt}');
    expect(renderLatexDocument([{ title: 'T', blocks: [{ kind: 'figure', dot: 'digraph {}', caption: 'A trace.', file: 'trace_1.svg' }] }])).toContain('A trace. The picture is in \\texttt{trace\\_1.svg}.');
    expect(latex).toContain('\\begin{alltt}\ndigraph \\{\n  x -> "\\ensuremath{\\sigma}" [label="a\\textbackslash{}\\textbackslash{}b \\{c\\} 50%"]\n\\}\n\\end{alltt}');
    expect(latex).toContain('\\begin{alltt}\nf(x) = x^2 # \\{note\\} \\textbackslash{} done\n\\end{alltt}');
    expect(latex).not.toContain('<svg');
  });

  it('makes sections of several documents, with a table of contents', () => {
    const several = renderLatexDocument([doc, { title: 'Problem 2', blocks: [heading(1, 'Answer')] }], { title: 'Homework' });
    expect(several).toContain('\\title{Homework}');
    expect(several).toContain('\\maketitle\n\\tableofcontents');
    expect(several).toContain('\\section{Problem 1: 50\\% \\& more}\n\n\\subsection{Solution\\_1}');
    expect(several).toContain('\\section{Problem 2}\n\n\\subsection{Answer}');
  });
});

const pdflatex = (process.env.PATH ?? '').split(delimiter).some((dir) => {
  try {
    accessSync(join(dir, 'pdflatex'), constants.X_OK);
    return true;
  } catch {
    return false;
  }
});

describe.skipIf(!pdflatex)(pdflatex ? 'renderLatexDocument with pdflatex' : 'renderLatexDocument with pdflatex (skipped: pdflatex is missing)', () => {
  it('compiles without errors', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'chainrule-latex-'));
    try {
      await writeFile(join(dir, 'doc.tex'), renderLatexDocument([doc, doc], { title: 'Two' }));
      await promisify(execFile)('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', 'doc.tex'], { cwd: dir, timeout: 30_000 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 40_000);
});
