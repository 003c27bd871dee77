/**
 * Homework documents read as documents: the math of a LaTeX file (align, equation, gather, multline, split, $$…$$,
 * \[…\] and inline $…$), of a Markdown file ($$…$$, $…$, and ```chainrule fenced blocks of plain claims) or of a
 * Jupyter notebook's Markdown cells, cut out row by row into a claims text whose every line knows where in the
 * document it came from. Prose, preambles, comments and other environments are left out; macros defined with
 * \newcommand, \renewcommand, \def and \DeclareMathOperator are expanded.
 */

/** The kinds of document chainrule reads. */
export type DocumentFormat = 'latex' | 'markdown' | 'notebook';

/** Where a line of the claims text is in the document (1-based line and column; the cell of a notebook, 1-based). */
export interface DocumentPosition {
  readonly line: number;
  readonly col: number;
  readonly cell?: number;
}

/** A document's math as a claims text, one line per row, with each line's place in the document. */
export interface MathDocument {
  readonly format: DocumentFormat;
  /** The claims text: line k (1-based) is the row at positions[k − 1]. */
  readonly text: string;
  readonly positions: readonly DocumentPosition[];
  /** Math rows left out because they state a result rather than claim one (`x = 2`), with where they are. */
  readonly statements: readonly DocumentPosition[];
  /** The source lines, to quote (for a notebook, the lines of each cell). */
  readonly sourceLines: (position: DocumentPosition) => string;
}

/** The format a file name says, if it names a document. */
export function documentFormat(name: string): DocumentFormat | undefined {
  if (/\.(tex|latex)$/i.test(name)) return 'latex';
  if (/\.(md|markdown)$/i.test(name)) return 'markdown';
  if (/\.ipynb$/i.test(name)) return 'notebook';
  return undefined;
}

/**
 * Reads a document's math into a claims text. With `headers` (for grading), a heading or comment that names a
 * problem or part (`\section{Problem two_layer}`, `## Part descent.a`, `% problem neuron`) becomes the line
 * `problem two_layer` (`part descent.a`) that says which problem the answers below it answer.
 */
export function readDocument(text: string, format: DocumentFormat, options: { readonly headers?: boolean } = {}): MathDocument {
  const rows: Row[] = [];
  const withHeaders = (source: string, found: Row[]) => (options.headers ? [...found, ...headerRows(source, format === 'latex')].sort((a, b) => a.position.line - b.position.line || a.position.col - b.position.col) : found);
  if (format === 'notebook') {
    const cells = notebookCells(text);
    cells.forEach((cell, index) => rows.push(...withHeaders(cell, markdownRows(cell)).map((row) => ({ ...row, position: { ...row.position, cell: index + 1 } }))));
    const lines = cells.map((cell) => cell.split('\n'));
    return assemble(format, rows, (position) => lines[(position.cell ?? 1) - 1]?.[position.line - 1] ?? '');
  }
  rows.push(...withHeaders(text, format === 'latex' ? latexRows(text) : markdownRows(text)));
  const lines = text.split(/\r\n|\r|\n/);
  return assemble(format, rows, (position) => lines[position.line - 1] ?? '');
}

/** Lines that name a problem or a part: a LaTeX heading or comment, a Markdown heading. */
function headerRows(source: string, latex: boolean): Row[] {
  const heading = latex ? /^\s*(?:\\(?:sub)*section\*?\s*\{|%+\s*)\s*(problem|part)\s+([A-Za-z0-9_.\\-]+)/i : /^\s*(?:#+|<!--)\s*(problem|part)\s+([A-Za-z0-9_.\\-]+)/i;
  return source.split(/\r\n|\r|\n/).flatMap((line, index) => {
    const found = heading.exec(line);
    return found ? [{ text: `${found[1]!.toLowerCase()} ${found[2]!.replace(/\\_/g, '_').replace(/[.:]$/, '')}`, position: { line: index + 1, col: 1 }, plain: true }] : [];
  });
}

/** One row of math, as written, with where it starts. */
interface Row {
  readonly text: string;
  readonly position: DocumentPosition;
  /** A row of plain claims (a ```chainrule block), not LaTeX. */
  readonly plain?: boolean;
}

/** A row that only states a value, `x = 2` or `\hat{w} = 0.5`: a result in prose, not a claim or a definition to check. */
const STATEMENT = /^\s*\\?[A-Za-z]+(?:_\{?[A-Za-z0-9]+\}?)?\s*=\s*[-+]?\s*[0-9.]+\s*$/;

/** Whether a row only states values (`w_1 &= 4.6`, `\text{critical points: } x = 0 \text{ and } x = 2`). */
function statesValues(row: string): boolean {
  const pieces = row.replace(/&/g, ' ').split(/\\text\s*\{(?!\s*at\s*\})[^}]*\}|,|;/).filter((piece) => piece.trim() !== '');
  return pieces.length > 0 && pieces.every((piece) => STATEMENT.test(piece));
}

function assemble(format: DocumentFormat, rows: readonly Row[], sourceLines: (position: DocumentPosition) => string): MathDocument {
  const kept: Row[] = [];
  const statements: DocumentPosition[] = [];
  for (const row of rows) {
    const text = row.text.trim();
    if (text === '') continue;
    if (!row.plain && statesValues(text)) statements.push(row.position);
    else kept.push({ ...row, text: row.plain ? text : latexLine(text) });
  }
  return { format, text: kept.map((row) => row.text).join('\n'), positions: kept.map((row) => row.position), statements, sourceLines };
}

/** A row of LaTeX as a claim line: one line, labels and spacing commands dropped, a leading & kept (&= continues). */
function latexLine(text: string): string {
  const cleaned = text
    .replace(/\\(?:nonumber|notag)\b/g, ' ')
    .replace(/\\(?:label|tag\*?|ref|eqref)\s*\{[^}]*\}/g, ' ')
    .replace(/\\(?:begin|end)\s*\{(?:aligned|split|gathered|alignedat|cases)\}(?:\{[^}]*\})?/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  // a LaTeX line that holds no backslash, brace or & would be read as plain text: mark it LaTeX with a thin space
  return /[\\{}$&]/.test(cleaned) ? cleaned : `\\, ${cleaned}`;
}

// ─── LaTeX ────────────────────────────────────────────────────────────────────────────────────────────────────────

const ENVIRONMENTS = ['align', 'align*', 'equation', 'equation*', 'gather', 'gather*', 'multline', 'multline*', 'flalign', 'flalign*', 'eqnarray', 'eqnarray*', 'split', 'aligned', 'displaymath', 'math'];

/** The math rows of a LaTeX document, in order, its macros expanded. */
function latexRows(source: string): Row[] {
  const text = withoutComments(source);
  const macros = macrosOf(text);
  const body = documentBody(text);
  const rows: Row[] = [];
  const at = positionsOf(text);
  let k = body;
  while (k < text.length) {
    const rest = text.slice(k, k + 40);
    const begin = /^\\begin\s*\{([A-Za-z*]+)\}/.exec(rest);
    if (begin && ENVIRONMENTS.includes(begin[1]!)) {
      const end = findEnd(text, k + begin[0].length, begin[1]!);
      rows.push(...splitRows(text, k + begin[0].length, end, at, macros));
      k = end + `\\end{${begin[1]}}`.length;
      continue;
    }
    if (rest.startsWith('$$') || rest.startsWith('\\[')) {
      const close = text.indexOf(rest.startsWith('$$') ? '$$' : '\\]', k + 2);
      const end = close < 0 ? text.length : close;
      rows.push(...splitRows(text, k + 2, end, at, macros));
      k = end + 2;
      continue;
    }
    if (text[k] === '$' && text[k - 1] !== '\\') {
      const close = inlineEnd(text, k + 1);
      if (close > 0) {
        const inner = text.slice(k + 1, close);
        if (inner.includes('=')) rows.push({ text: expand(inner, macros), position: at(k + 1 + leadingBlanks(inner)) });
        k = close + 1;
        continue;
      }
    }
    k++;
  }
  return rows;
}

/** Where the document's body starts: after \begin{document}, or at the start of a file without one. */
function documentBody(text: string): number {
  const found = /\\begin\s*\{document\}/.exec(text);
  return found ? found.index + found[0].length : 0;
}

/** The text with % comments blanked out (an escaped \% kept), lengths and lines unchanged. */
function withoutComments(text: string): string {
  return text.replace(/(^|[^\\])%[^\n\r]*/g, (whole, before: string) => before + ' '.repeat(whole.length - before.length));
}

/** The closing `\end{env}` of an environment opened before `from` (nested ones of the same name counted). */
function findEnd(text: string, from: number, name: string): number {
  const escaped = name.replace('*', '\\*');
  const pattern = new RegExp(`\\\\(begin|end)\\s*\\{${escaped}\\}`, 'g');
  pattern.lastIndex = from;
  let depth = 0;
  for (let found = pattern.exec(text); found; found = pattern.exec(text)) {
    if (found[1] === 'begin') depth++;
    else if (depth-- === 0) return found.index;
  }
  return text.length;
}

/** The $ closing an inline math span opened before `from`, on the same paragraph, or −1. */
function inlineEnd(text: string, from: number): number {
  for (let k = from; k < text.length; k++) {
    if (text[k] === '$' && text[k - 1] !== '\\') return k === from ? -1 : k;
    if (text[k] === '\n' && text[k + 1] === '\n') return -1;
  }
  return -1;
}

/** The rows of a display between `from` and `to`, split at \\ (outside braces). */
function splitRows(text: string, from: number, to: number, at: (offset: number) => DocumentPosition, macros: Macros): Row[] {
  const rows: Row[] = [];
  let depth = 0;
  let start = from;
  const push = (end: number) => {
    const raw = blankEnvironments(text.slice(start, end));
    if (raw.trim() !== '') rows.push({ text: expand(raw, macros), position: at(start + leadingBlanks(raw)) });
  };
  for (let k = from; k < to; k++) {
    const c = text[k]!;
    if (c === '{' && text[k - 1] !== '\\') depth++;
    else if (c === '}' && text[k - 1] !== '\\') depth--;
    else if (c === '\\' && text[k + 1] === '\\' && depth <= 0) {
      push(k);
      start = k + 2;
      k++;
    }
  }
  push(to);
  return rows;
}

/** `\begin{aligned}` and the like blanked out (columns kept), so that a row starts at its math. */
function blankEnvironments(text: string): string {
  return text.replace(/\\(?:begin|end)\s*\{(?:aligned|split|gathered|alignedat|array|cases)\}(?:\{[^}]*\})?/g, (found) => ' '.repeat(found.length));
}

function leadingBlanks(text: string): number {
  return text.length - text.trimStart().length;
}

/** Line and column of every offset of a text. */
function positionsOf(text: string): (offset: number) => DocumentPosition {
  const starts = [0];
  for (let k = 0; k < text.length; k++) if (text[k] === '\n') starts.push(k + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, col: offset - starts[low]! + 1 };
  };
}

/** Macros by name (without the backslash): how many arguments, and the body with #1, #2 … */
type Macros = ReadonlyMap<string, { readonly arguments: number; readonly body: string }>;

/** \newcommand{\R}{\mathbb{R}}, \renewcommand\L[1]{\mathcal{L}(#1)}, \def\x{…}, \DeclareMathOperator{\diag}{diag}. */
function macrosOf(text: string): Macros {
  const macros = new Map<string, { arguments: number; body: string }>();
  const definition = /\\(newcommand|renewcommand|providecommand|def|DeclareMathOperator)\*?\s*\{?\\([A-Za-z]+)\}?\s*(?:\[(\d)\])?\s*\{/g;
  for (let found = definition.exec(text); found; found = definition.exec(text)) {
    const open = found.index + found[0].length - 1;
    const close = matchingBrace(text, open);
    if (close < 0) continue;
    const body = text.slice(open + 1, close);
    macros.set(found[2]!, { arguments: found[1] === 'DeclareMathOperator' ? 0 : Number(found[3] ?? 0), body: found[1] === 'DeclareMathOperator' ? `\\operatorname{${body}}` : body });
  }
  return macros;
}

/** Math with every defined macro expanded, its #1 … put in (again, up to a depth, for macros that use macros). */
function expand(math: string, macros: Macros, depth = 0): string {
  if (macros.size === 0 || depth > 10) return math;
  let result = '';
  let changed = false;
  let k = 0;
  while (k < math.length) {
    const found = /^\\([A-Za-z]+)/.exec(math.slice(k, k + 64));
    const macro = found ? macros.get(found[1]!) : undefined;
    if (!found || !macro) {
      result += found ? found[0] : math[k]!;
      k += found ? found[0].length : 1;
      continue;
    }
    let cursor = k + found[0].length;
    const args: string[] = [];
    for (let n = 0; n < macro.arguments; n++) {
      while (math[cursor] === ' ') cursor++;
      if (math[cursor] === '{') {
        const close = matchingBrace(math, cursor);
        args.push(math.slice(cursor + 1, close < 0 ? math.length : close));
        cursor = close < 0 ? math.length : close + 1;
      } else {
        args.push(math[cursor] ?? '');
        cursor++;
      }
    }
    result += ` ${macro.body.replace(/#(\d)/g, (_, digit: string) => args[Number(digit) - 1] ?? '')} `;
    changed = true;
    k = cursor;
  }
  return changed ? expand(result, macros, depth + 1) : result;
}

function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let k = open; k < text.length; k++) {
    if (text[k] === '{' && text[k - 1] !== '\\') depth++;
    else if (text[k] === '}' && text[k - 1] !== '\\' && --depth === 0) return k;
  }
  return -1;
}

// ─── Markdown and notebooks ───────────────────────────────────────────────────────────────────────────────────────

/** The math rows of a Markdown text: $$ blocks, inline $…$, and the lines of ```chainrule blocks. */
function markdownRows(source: string): Row[] {
  const lines = source.split(/\r\n|\r|\n/);
  const rows: Row[] = [];
  let fence: { marker: string; claims: boolean } | undefined;
  let display: { lines: { text: string; line: number; col: number }[] } | undefined;
  lines.forEach((raw, index) => {
    const number = index + 1;
    const fenceMark = /^\s*(```+|~~~+)\s*([A-Za-z0-9_-]*)/.exec(raw);
    if (fence) {
      if (fenceMark && fenceMark[1]!.startsWith(fence.marker)) fence = undefined;
      else if (fence.claims && raw.trim() !== '') rows.push({ text: raw, position: { line: number, col: leadingBlanks(raw) + 1 }, plain: true });
      return;
    }
    if (fenceMark && !display) {
      fence = { marker: fenceMark[1]!, claims: fenceMark[2]!.toLowerCase() === 'chainrule' };
      return;
    }
    let rest = raw;
    let offset = 0;
    while (rest.length > 0) {
      if (display) {
        const close = rest.indexOf('$$');
        if (close < 0) {
          display.lines.push({ text: rest, line: number, col: offset + 1 });
          rest = '';
          continue;
        }
        display.lines.push({ text: rest.slice(0, close), line: number, col: offset + 1 });
        rows.push(...displayRows(display.lines));
        display = undefined;
        rest = rest.slice(close + 2);
        offset += close + 2;
        continue;
      }
      const open = rest.indexOf('$$');
      const inline = /(?<![\\$])\$(?!\$)([^$]+?)(?<!\\)\$(?!\$)/.exec(open < 0 ? rest : rest.slice(0, open));
      if (inline) {
        if (inline[1]!.includes('=')) rows.push({ text: inline[1]!, position: { line: number, col: offset + inline.index + 2 + leadingBlanks(inline[1]!) } });
        const consumed = inline.index + inline[0].length;
        rest = rest.slice(consumed);
        offset += consumed;
        continue;
      }
      if (open < 0) break;
      display = { lines: [] };
      rest = rest.slice(open + 2);
      offset += open + 2;
    }
  });
  if (display) rows.push(...displayRows(display.lines));
  return rows;
}

/** The rows of a $$ block: split at \\, or, where there is none, one row per line that holds an =. */
function displayRows(written: readonly { text: string; line: number; col: number }[]): Row[] {
  const lines = written.map((entry) => ({ ...entry, text: blankEnvironments(entry.text) }));
  const joined = lines.map((entry) => entry.text).join('\n');
  const eachLine = !joined.includes('\\\\') && lines.filter((entry) => entry.text.includes('=')).length > 1;
  if (eachLine) return lines.filter((entry) => entry.text.trim() !== '').map((entry) => ({ text: entry.text, position: { line: entry.line, col: entry.col + leadingBlanks(entry.text) } }));
  const rows: Row[] = [];
  let current: { text: string; position?: DocumentPosition } = { text: '' };
  for (const entry of lines) {
    const pieces = entry.text.split(/\\\\/);
    pieces.forEach((piece, i) => {
      if (piece.trim() !== '' && current.position === undefined) current.position = { line: entry.line, col: entry.col + entry.text.indexOf(piece) + leadingBlanks(piece) };
      current.text += ` ${piece}`;
      if (i < pieces.length - 1) {
        if (current.position) rows.push({ text: current.text, position: current.position });
        current = { text: '' };
      }
    });
  }
  if (current.position) rows.push({ text: current.text, position: current.position });
  return rows;
}

/** The Markdown cells of a notebook, each as one text (other cells empty; a notebook that is not JSON has none). */
export function notebookCells(text: string): string[] {
  let notebook: unknown;
  try {
    notebook = JSON.parse(text);
  } catch {
    return [];
  }
  const cells = (notebook as { cells?: unknown }).cells;
  if (!Array.isArray(cells)) return [];
  return cells.map((cell) => {
    const { cell_type: kind, source } = (cell ?? {}) as { cell_type?: unknown; source?: unknown };
    if (kind !== 'markdown') return '';
    return Array.isArray(source) ? source.map(String).join('') : typeof source === 'string' ? source : '';
  });
}
