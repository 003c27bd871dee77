// Homework documents read as documents: the math of LaTeX, Markdown and notebooks cut out row by row, each row knowing
// its place in the document; prose, preambles, comments and other environments left out; macros expanded.
import { describe, expect, it } from 'vitest';
import { checkDocument } from '../../src/check/documents.js';
import { readDocument } from '../../src/syntax/documents.js';

const latex = String.raw`\documentclass{article}
\newcommand{\dd}[2]{\frac{\partial #1}{\partial #2}}
\newcommand{\R}{\mathbb{R}}
\begin{document}
\section{Backprop}
Let $z = w x + b$, and $a = \sigma(z)$; the minimum is at $x = 2$ and $n$ steps.
% $q = 1$ in a comment is not read
\begin{align*}
\dd{L}{a} &= a - y \nonumber \\
  &= -(y - a) \label{eq:a}
\end{align*}
\begin{verbatim}
f = x = 3
\end{verbatim}
\end{document}
`;

describe('reading a LaTeX document', () => {
  it('keeps the math rows with their lines and columns, expands macros, and leaves prose, comments and verbatim out', () => {
    const document = readDocument(latex, 'latex');
    expect(document.text.split('\n')).toEqual(['\\, z = w x + b', 'a = \\sigma(z)', '\\frac{\\partial L}{\\partial a} &= a - y', '&= -(y - a)']);
    expect(document.positions).toEqual([{ line: 6, col: 6 }, { line: 6, col: 25 }, { line: 9, col: 1 }, { line: 10, col: 3 }]);
    expect(document.statements).toEqual([{ line: 6, col: 60 }]);
  });

  it('carries definitions through the document in order', () => {
    const text = String.raw`\[ f(x) = x^2 \sin x \]` + '\n\nthen\n\n' + String.raw`\begin{equation} f'(x) = 2x \sin x + x^2 \cos x \end{equation}`;
    const report = checkDocument(readDocument(text, 'latex'));
    expect(report.claims.map(({ claim, position }) => [position.line, claim.verdict])).toEqual([[5, 'correct']]);
  });
});

describe('reading Markdown and notebooks', () => {
  it('reads $$ blocks, inline math and chainrule blocks, and skips other code', () => {
    const markdown = ['# HW', 'Let $f(x) = e^{2x}$.', '', '$$', "f'(x) = 2 e^{2x}", '$$', '', '```python', 'x = 3', '```', '', '```chainrule', 'g = x^3', 'dg/dx = 3x^2', '```'].join('\n');
    const document = readDocument(markdown, 'markdown');
    expect(document.positions.map((position) => position.line)).toEqual([2, 5, 13, 14]);
    const report = checkDocument(document);
    expect(report.claims.map(({ claim }) => claim.verdict)).toEqual(['correct', 'correct']);
  });

  it("reports a notebook's claims by cell and line", () => {
    const notebook = JSON.stringify({ cells: [{ cell_type: 'code', source: ['f = 1\n'] }, { cell_type: 'markdown', source: ['Let $g(x) = x^3$.\n', '$$ g\'(x) = 3x $$\n'] }], nbformat: 4, nbformat_minor: 5, metadata: {} });
    const report = checkDocument(readDocument(notebook, 'notebook'));
    expect(report.claims.map(({ claim, position }) => [position.cell, position.line, claim.verdict])).toEqual([[2, 2, 'incorrect']]);
  });
});
