/**
 * The lines of a claims text, parsed before any is checked: each line's syntax (plain or LaTeX; a line continuing a
 * LaTeX derivation is LaTeX too), the lines that cannot be read, and the one-letter variables the text uses (so that
 * `xy` can be read as x·y where x and y are variables). How a line is parsed never depends on what earlier lines mean.
 */
import { InputError } from '../errors.js';
import type { ClaimHead, ClaimLine } from './claim.js';
import { parseLatexClaimLine, spellsPlainFunction } from './latex.js';
import { parseClaimLine, type ParseLimits } from './parse.js';
import { childrenOf, type Expr } from './tree.js';

/** A line that parsed, with the syntax it was read in. */
export interface ParsedLine {
  readonly number: number;
  /** The line as written (the syntax's spans point into it). */
  readonly raw: string;
  readonly latex: boolean;
  readonly syntax: ClaimLine;
}

/** One line of a text: parsed, unreadable, or blank (a comment or nothing). */
export type TextLine = ParsedLine | { readonly number: number; readonly raw: string; readonly error: InputError } | undefined;

/** Line breaks as editors write them: LF, CRLF, CR alone, and the Unicode line and paragraph separators. */
const LINE_BREAK = /\r\n|\r|\n|\u2028|\u2029/;

/** The lines of a text (a byte order mark at the start is dropped, as editors do). */
export function linesOf(text: string): string[] {
  return text.replace(/^\uFEFF/, '').split(LINE_BREAK);
}

/** The whole lines of a text that fit in `maxLength` characters (a line cut in the middle is left out), and how many. */
export function wholeLinesWithin(text: string, maxLength: number): { text: string; lines: number } {
  if (text.length <= maxLength) return { text, lines: linesOf(text).length };
  let end = maxLength - 1;
  while (end >= 0 && !'\r\n\u2028\u2029'.includes(text[end]!)) end--;
  const kept = text.slice(0, end + 1);
  return { text: kept, lines: linesOf(kept).length - 1 };
}

/** Parses every line of a claims text; `firstLine` numbers the first. */
export function parseClaimLines(lines: readonly string[], firstLine: number, limits: ParseLimits, sourceName?: string): TextLine[] {
  let derivationIsLatex = false;
  const statements = lines.flatMap((written, index) => statementsOf(withoutLabel(sumsAsCalls(written))).map((raw) => ({ raw, number: index + firstLine })));
  return statements.map(({ raw, number }) => {
    // comments, and the lines of a LaTeX environment that hold no math: \begin{align*}, \end{align*}, $$, \[, \]
    if (/^\s*([#%].*)?$/.test(raw) || /^\s*(?:\\(?:begin|end)\s*\{[^}]*\}|\$\$|\\\[|\\\])\s*$/.test(raw)) return undefined;
    const nul = raw.indexOf('\0');
    if (nul >= 0) {
      const span = { offset: nul, end: nul + 1, line: number, col: nul + 1 };
      return { number, raw, error: new InputError('syntax', 'this line holds a NUL character (a zero byte), which no claim can contain', { source: raw.replaceAll('\0', ' '), span, sourceName }, 'is the file text? Save it as UTF-8 text') };
    }
    // a line continuing a LaTeX derivation (= wx^2 - xy, &= 6x^5) is LaTeX too, unless it spells functions in plain text
    const continues = /^\s*=/.test(raw);
    const latex = isLatex(raw) || (continues && derivationIsLatex && !spellsPlainFunction(raw));
    try {
      const syntax = (latex ? parseLatexClaimLine : parseClaimLine)(raw, number, limits, sourceName);
      if (syntax.kind === 'claim') derivationIsLatex = latex;
      return { number, raw, latex, syntax };
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      return { number, raw, error: withDerivativeHint(error, raw) };
    }
  });
}

/**
 * The statements of a plain line, `;` between them (`q = x + y; f = q^2; df/dq = 2q`), each padded with blanks to its
 * place so that columns stay those of the line. A LaTeX line is one statement (`\;` is a space there).
 */
function statementsOf(line: string): string[] {
  const code = line.replace(/\s#.*$|^\s*#.*$/, '');
  if (!code.includes(';') || isLatex(code)) return [line];
  const pieces: string[] = [];
  let offset = 0;
  for (const part of code.split(';')) {
    if (part.trim() !== '') pieces.push(' '.repeat(offset) + part);
    offset += part.length + 1;
  }
  return pieces;
}

/**
 * A LaTeX sum over an index, `\sum_{i=1}^{N} (y_i - w x_i)^2`, as the call `\operatorname{sum}(i, 1, N, …)` both
 * grammars read: its body runs to the end of the term (a + or − outside brackets, =, &, or the bracket around it).
 */
export function sumsAsCalls(line: string): string {
  const head = /\\sum\s*_\s*\{\s*([A-Za-z]\w*)\s*=\s*([^}]*)\}\s*\^\s*(?:\{([^}]*)\}|([A-Za-z0-9]))\s*/;
  const found = head.exec(line);
  if (!found) return line;
  const start = found.index + found[0].length;
  let depth = 0;
  let end = start;
  for (; end < line.length; end++) {
    const rest = line.slice(end);
    const c = line[end]!;
    if (/^\\left\b/.test(rest)) depth++;
    else if (/^\\right\b/.test(rest)) {
      if (depth === 0) break;
      depth--;
    } else if ('([{'.includes(c) && line[end - 1] !== '\\') depth++;
    else if (')]}'.includes(c) && line[end - 1] !== '\\') {
      if (depth === 0) break;
      depth--;
    } else if (depth === 0 && (c === '=' || c === '&' || ((c === '+' || c === '-') && line.slice(start, end).trim() !== '') || rest.startsWith('\\\\'))) break;
  }
  const body = line.slice(start, end).trimEnd();
  const upper = found[3] ?? found[4]!;
  const call = `\\operatorname{sum}\\left(${found[1]}, ${found[2]!.trim()}, ${upper.trim()}, ${body}\\right)`;
  return sumsAsCalls(`${line.slice(0, found.index)}${call} ${line.slice(start + body.length)}`);
}

/** An exercise label at the start of a line: `2.`, `3)`, `(b)`, `b)`, `(iv)`, followed by a blank. */
const LABEL = /^(\s*)(\d{1,3}[.)]|\((?:\d{1,3}|[a-z]|[ivx]{1,5})\)|[a-z]\))(?=\s+\S)/;

/** A line with its exercise label blanked out (`2. d/dx x^2 = 2x` is not 2·d/dx x²), columns kept. */
function withoutLabel(line: string): string {
  const label = LABEL.exec(line);
  if (!label || !line.includes('=')) return line;
  return `${label[1]}${' '.repeat(label[2]!.length)}${line.slice(label[0].length)}`;
}

/** Whether a line is LaTeX: it has a backslash command, braces, a dollar sign or the & of an align environment. */
export function isLatex(line: string): boolean {
  return /[\\{}$&]/.test(line);
}

/**
 * The names a claim line uses: in its expressions (values, functions applied, f of f'(x), L and w of dL/dw), its
 * point, and as what it differentiates by.
 */
export function namesOf(syntax: ClaimLine): string[] {
  const found: string[] = [];
  const visit = (expr: Expr): void => {
    if (expr.kind === 'name') found.push(expr.name);
    if (expr.kind === 'call') found.push(expr.name.replace(/'$/, ''));
    if (expr.kind === 'derivative') found.push(expr.name, expr.variable);
    if (expr.kind === 'differentiate' && expr.variable !== undefined) found.push(expr.variable);
    childrenOf(expr).forEach(visit);
  };
  const head: ClaimHead | undefined = syntax.kind === 'claim' ? syntax.head : undefined;
  if (head?.kind === 'derivative') {
    if (head.variable !== undefined) found.push(head.variable);
    if (head.of.kind === 'expression') visit(head.of.expr);
    else found.push(head.of.name);
    if (head.argument) visit(head.argument);
  } else if (head) visit(head.expr);
  for (const statement of head?.at ?? []) {
    if (statement.kind === 'bind') found.push(statement.name);
    visit(statement.expr);
  }
  syntax.steps.forEach(visit);
  return found;
}

/** The one-letter variables a claim line names (the constant e left out). */
export function lettersOf(syntax: ClaimLine): string[] {
  return namesOf(syntax).filter((name) => name.length === 1 && name !== 'e');
}

/** A syntax error on a `d/dx …` line most often means the operand was not in parentheses: the hint says so. */
function withDerivativeHint(error: InputError, raw: string): InputError {
  const operator = /^\s*(d|∂)\s*\/\s*(d|∂)\s*([A-Za-z_]\w*)\s+[^(\s]/.exec(raw);
  if (error.kind !== 'syntax' || !operator || error.message.includes(' could mean ')) return error;
  const hint = `d/d${operator[3]} applies to what follows it: put what it differentiates in parentheses, as in d/d${operator[3]} (x^2 + 1) = …`;
  return new InputError(error.kind, error.message, error.location, error.hint ? `${error.hint}; ${hint}` : hint);
}
