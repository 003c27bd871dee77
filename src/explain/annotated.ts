/**
 * A homework document annotated with its check (`chainrule check hw.tex --annotate`): its prose as paragraphs, its
 * math rows typeset, each beside its mark (✓ right, ✗ the first wrong step, · not reached, – not checked) and, beside
 * a ✗, the reason, the right expression and the counterexample. Returned as a document model (any renderer lays it out).
 */
import type { DocumentReport } from '../check/documents.js';
import type { ClaimResult } from '../check/results.js';
import type { DocumentPosition, MathDocument } from '../syntax/documents.js';
import { formatPair } from './format.js';
import { code, heading, math, paragraph, text, type Block, type Doc, type Inline } from './document.js';

/** The mark of a checked math row. */
type Mark = '✓' | '✗' | '?' | '·' | '–';

/** Builds the annotated document: `source` is the document's text (a notebook's cells as `cells`). */
export function annotatedDoc(title: string, document: MathDocument, report: DocumentReport, source: { readonly text: string; readonly cells?: readonly string[] }): Doc {
  const marks = rowMarks(document, report);
  const blocks: Block[] = [paragraph(text(summary(report)))];
  const sections = source.cells ? source.cells.map((cell, index) => ({ lines: cell.split('\n'), cell: index + 1 })) : [{ lines: source.text.split(/\r\n|\r|\n/), cell: undefined }];
  for (const { lines, cell } of sections) {
    if (cell !== undefined) blocks.push(heading(2, `Cell ${cell}`));
    const rowsAt = new Map<number, number[]>(); // document line → its rows (virtual line numbers)
    document.positions.forEach((position, k) => {
      if (position.cell !== cell) return;
      rowsAt.set(position.line, [...(rowsAt.get(position.line) ?? []), k + 1]);
    });
    let prose: string[] = [];
    let table: (readonly Inline[])[][] = [];
    const flushProse = () => {
      const content = prose.join(' ').replace(/\s+/g, ' ').trim();
      if (content !== '') blocks.push(paragraph(text(content)));
      prose = [];
    };
    const flushTable = () => {
      if (table.length > 0) blocks.push({ kind: 'table', header: [[text('')], [text('math')], [text('check')]], rows: table });
      table = [];
    };
    const body = document.format === 'latex' ? bodyStart(lines) : 0;
    lines.forEach((line, index) => {
      const number = index + 1;
      const rows = rowsAt.get(number);
      if (rows) {
        // inline math: the sentence stays, and its claims are listed after it
        if (/(^|[^$])\$[^$]/.test(line)) prose.push(plainProse(line, document.format));
        flushProse();
        for (const row of rows) table.push(rowCells(document, row, marks.get(row)));
        return;
      }
      if (index < body || isMarkup(line, document.format)) {
        flushTable();
        if (line.trim() === '') flushProse();
        return;
      }
      flushTable();
      if (line.trim() === '') flushProse();
      else prose.push(plainProse(line, document.format));
    });
    flushProse();
    flushTable();
  }
  return { title, blocks };
}

/** The mark and the words beside each row (by virtual line), from the claims that cover it. */
function rowMarks(document: MathDocument, report: DocumentReport): Map<number, { mark: Mark; claim?: ClaimResult }> {
  const marks = new Map<number, { mark: Mark; claim?: ClaimResult }>();
  const virtual = (position: DocumentPosition) => document.positions.findIndex((candidate) => candidate.line === position.line && candidate.col === position.col && candidate.cell === position.cell) + 1;
  const lines = document.text.split('\n');
  for (const { claim } of report.claims) {
    const decided = claim.line;
    let last = claim.startLine;
    while (last < lines.length && /^\s*&?\s*=/.test(lines[last] ?? '')) last++; // the steps that continue the claim
    for (let k = claim.startLine; k <= last; k++) {
      const mark: Mark = claim.verdict === 'correct' ? '✓' : claim.verdict === 'undetermined' ? '?' : k < decided ? '✓' : k === decided ? '✗' : '·';
      marks.set(k, { mark, ...(k === decided || claim.verdict !== 'incorrect' ? { claim } : {}) });
    }
  }
  for (const { position } of report.notChecked) {
    const k = virtual(position);
    if (k > 0 && !marks.has(k)) marks.set(k, { mark: '–' });
  }
  return marks;
}

/** A table row: the mark, the row typeset, and beside a ✗ what is wrong. */
function rowCells(document: MathDocument, row: number, marked: { mark: Mark; claim?: ClaimResult } | undefined): (readonly Inline[])[] {
  const written = document.text.split('\n')[row - 1] ?? '';
  const latex = /[\\{}$&]/.test(written);
  const shown = latex ? [math(written.replace(/&/g, '').replace(/^\\,\s*/, ''), written)] : [code(written)];
  const mark = marked?.mark ?? '';
  const claim = marked?.claim;
  const words: Inline[] = [];
  if (mark === '✗' && claim) {
    if (claim.diagnosis) words.push(text(`${claim.diagnosis}. `));
    if (claim.expectedLatex !== undefined) words.push(text(claim.step !== undefined && claim.step > 1 ? 'The line before is ' : 'It should be '), math(claim.expectedLatex, claim.expected ?? ''), text('. '));
    else if (claim.expected !== undefined) words.push(text(`It should be ${claim.expected}. `));
    if (claim.counterexample) {
      const at = Object.entries(claim.counterexample.point).map(([name, value]) => `${name} = ${value}`).join(', ');
      const [yours, right] = formatPair(claim.counterexample.claimed, claim.counterexample.correct);
      words.push(text(`${at === '' ? '' : `At ${at}: `}yours is ${yours}, the right value is ${right}.`));
    }
  } else if (mark === '?' && claim?.reason) words.push(text(claim.reason));
  else if (mark === '–') words.push(text('not checked'));
  return [[text(mark)], shown, words];
}

function summary(report: DocumentReport): string {
  const { correct, incorrect, undetermined } = report.summary;
  return `Checked by chainrule: ${correct} correct, ${incorrect} incorrect, ${undetermined} undetermined; ${report.notChecked.length} math lines not checked. ✓ right · ✗ the first wrong step · – not checked.`;
}

/** Where a LaTeX document's body starts (the line after \begin{document}), or 0. */
function bodyStart(lines: readonly string[]): number {
  const index = lines.findIndex((line) => /\\begin\s*\{document\}/.test(line));
  return index < 0 ? 0 : index + 1;
}

/** Lines that are markup, not prose: environments' \begin and \end, $$ and \[ lines, comments, fences, front matter. */
function isMarkup(line: string, format: MathDocument['format']): boolean {
  if (format === 'latex') return /^\s*(%|\\(begin|end|documentclass|usepackage|maketitle|newcommand|renewcommand|DeclareMathOperator)\b|\$\$\s*$|\\\[\s*$|\\\]\s*$)/.test(line);
  return /^\s*(```|~~~|\$\$\s*$|---\s*$|<!--)/.test(line);
}

/** A prose line as plain text: LaTeX's headings and emphasis unwrapped, Markdown's heading marks dropped. */
function plainProse(line: string, format: MathDocument['format']): string {
  if (format !== 'latex') return line.replace(/^\s*#+\s*/, '');
  return line
    .replace(/\\(?:sub)*section\*?\{([^}]*)\}/g, '$1')
    .replace(/\\(?:textbf|textit|emph|text)\{([^}]*)\}/g, '$1')
    .replace(/(^|[^\\])%.*$/, '$1');
}
