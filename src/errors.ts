/** Errors a user can act on: a kind, a plain message, and where in the source it happened. */
import type { Span } from './syntax/tree.js';

/** What went wrong, so callers and tests can tell errors apart without reading prose. */
export type ErrorKind =
  | 'syntax'
  /** Tensors whose shapes do not fit the operation (a 4×3 matrix times a 4×1 vector). */
  | 'shape'
  | 'unknown-function'
  | 'arity'
  | 'unknown-name'
  | 'missing-value'
  | 'domain'
  | 'too-large'
  | 'usage'
  | 'io';

/**
 * Honest work has a budget, counted in amounts (nodes made, digits of a number, entries compared), never in time, so
 * that a verdict depends only on the input: a claim that needs more is undetermined, with this error's message.
 */
export class WorkLimit extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkLimit';
  }
}

/** Where an error points: the text it refers to, what that text is called, and the span in it. */
export interface Location {
  readonly source: string;
  readonly span: Span;
  /** e.g. "--at" or a file name; omitted for the expression itself. */
  readonly sourceName?: string;
}

/** An error caused by the input (exit code 2); never shown with a stack trace. */
export class InputError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly location?: Location,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'InputError';
  }
}

/** The source line a span starts on, with a caret line under the span. */
export function caretLines(source: string, span: Span): string[] {
  const lineStart = span.offset <= 0 ? 0 : source.lastIndexOf('\n', span.offset - 1) + 1; // lastIndexOf(…, −1) would look at index 0
  const lineEndIndex = source.indexOf('\n', lineStart);
  const line = source.slice(lineStart, lineEndIndex === -1 ? source.length : lineEndIndex);
  let startCol = span.offset - lineStart;
  let width = Math.max(1, Math.min(span.end, lineStart + line.length) - span.offset);
  let shown = line.replace(/\t/g, ' ');
  if (shown.length > SHOWN_LINE) {
    // a long line is shown around the caret: what is wrong, not 100,000 characters
    const from = Math.max(0, startCol - SHOWN_LINE / 2);
    const to = Math.min(shown.length, from + SHOWN_LINE);
    shown = `${from > 0 ? '…' : ''}${shown.slice(from, to)}${to < shown.length ? '…' : ''}`;
    startCol = startCol - from + (from > 0 ? 1 : 0);
    width = Math.max(1, Math.min(width, to - (span.offset - lineStart)));
  }
  return [`  ${shown}`, `  ${' '.repeat(startCol)}${'^'.repeat(width)}`];
}

/** The most characters of a source line an error shows. */
const SHOWN_LINE = 160;

/** The full text shown to a user: message with line and column, the source line, a caret, and a hint. */
export function formatError(error: InputError): string {
  const lines: string[] = [];
  const where = error.location;
  if (where) {
    const inName = where.sourceName ? ` of ${where.sourceName}` : '';
    lines.push(`error: ${error.message} (line ${where.span.line}, column ${where.span.col}${inName})`);
    lines.push(...caretLines(where.source, where.span));
  } else {
    lines.push(`error: ${error.message}`);
  }
  if (error.hint) lines.push(error.hint);
  return lines.join('\n');
}
