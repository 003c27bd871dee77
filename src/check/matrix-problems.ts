/**
 * Matrix problems in a problem file: a problem whose first lines declare shapes (`W1: 4x3`, or in LaTeX
 * `\mathbf{W}_1 \in \mathbb{R}^{4 \times 3}`) is a tensor program, and its parts ask for gradients in matrix form
 * (`part a (2 points): dL/dW1 = ?; dL/dz1 = ?`) or their shapes (`shape of dL/dW1 = ?`). Its lines are read here,
 * not by the scalar problem grammar; submissions are checked against it by a matrix claims session (tensor-claims.ts).
 */
import { inputError } from '../build/shared.js';
import type { Span } from '../syntax/tree.js';
import { spelled } from '../syntax/tree.js';
import { tensorText } from '../syntax/matrix-text.js';
import type { Ask, Part, SourceLine } from './problem-types.js';
import type { CheckOptions } from './results.js';
import { CLAIM_LIMITS } from './results.js';
import { TensorClaimSession } from './tensor-claims.js';

const NAME = '[A-Za-zα-ωΓΔΘΛΞΦΨΩŷ_][A-Za-z0-9_α-ωŷ]*';
const PART = /^\s*part\s+([A-Za-z0-9_]+)\s*(?:\(\s*([0-9]+(?:\.[0-9]+)?)\s*points?\s*\))?\s*:\s*(.*)$/;
const CREDIT = /^\s*credit\s+([A-Za-z0-9_]+)\s*:\s*(.*)$/;
const AT = /^\s*at\s+(.*)$/;
/** `W_new = ?`: a binding's value at the problem's point. */
const VALUE_ASK = new RegExp(`^\\s*(${NAME})\\s*=\\s*\\?\\s*$`);
const ASK = new RegExp(`^\\s*(shape\\s+of\\s+)?(?:d|∂)\\s*(${NAME})\\s*/\\s*(?:d|∂)\\s*(${NAME})\\s*=\\s*(.*?)\\s*$`);

/** Whether a line declares a shape (`W: 4x3`, `\mathbf{W} \in \mathbb{R}^{4 \times 3}`): it makes its problem a matrix problem. */
export function declaresShape(raw: string): boolean {
  return new RegExp(`^\\s*(?!part\\b|credit\\b|problem\\b)${NAME}\\s*:\\s*[0-9A-Za-z]`).test(raw) || /\\in\s*\\mathbb\s*\{?\s*R\s*\}?\s*\^/.test(raw);
}

/** What the lines of one matrix problem hold so far. */
export interface MatrixProblemDraft {
  readonly givens: SourceLine[];
  readonly parts: Part[];
  point?: string;
}

/** Reads one line of a matrix problem into the draft: a part, a credit line, its point, or a given (declaration or binding). */
export function readMatrixProblemLine(raw: string, line: number, draft: MatrixProblemDraft, problemId: string, sourceName?: string): void {
  const source = { text: raw, name: sourceName };
  const whole: Span = { offset: 0, end: raw.length, line, col: 1 };
  const part = PART.exec(raw);
  if (part) {
    const [, id, points, asks] = part as unknown as [string, string, string | undefined, string];
    if (draft.parts.some((existing) => existing.id === id)) throw inputError('syntax', `problem ${problemId} has two parts called ${id}`, source, whole);
    if (points !== undefined && Number(points) === 0) throw inputError('syntax', `part ${id} is worth 0 points`, source, whole, 'leave out the points for 1, or give a number above 0');
    const read = splitAsks(asks).map((text) => matrixAsk(text, raw, line, source, whole));
    draft.parts.push({ id, points: points === undefined ? 1 : Number(points), line, raw, asks: read });
    return;
  }
  const credit = CREDIT.exec(raw);
  if (credit) {
    const [, id, list] = credit as unknown as [string, string, string];
    const index = draft.parts.findIndex((candidate) => candidate.id === id);
    if (index < 0) throw inputError('syntax', `credit for part ${id}, which is not above this line`, source, whole);
    const weights = list.split(',').map((weight) => Number(weight.trim()));
    const target = draft.parts[index]!;
    if (weights.length !== target.asks.length || weights.some((weight) => !Number.isFinite(weight) || weight < 0)) throw inputError('syntax', `part ${id} asks ${target.asks.length} things: give as many weights, each a number from 0`, source, whole);
    if (weights.every((weight) => weight === 0)) throw inputError('syntax', `the weights of part ${id} are all 0`, source, whole, 'give at least one ask a weight above 0');
    draft.parts[index] = { ...target, asks: target.asks.map((ask, i) => ({ ...ask, weight: weights[i]! })) };
    return;
  }
  const at = AT.exec(raw);
  if (at) {
    if (draft.point !== undefined) throw inputError('syntax', `problem ${problemId} has two "at" lines`, source, whole, 'give one point per problem');
    draft.point = at[1]!.trim();
    return;
  }
  draft.givens.push({ line, raw });
}

/** A matrix claims session with a matrix problem's givens read (an error in them is the problem file's). */
export function matrixProblemSession(problem: { readonly givens: readonly SourceLine[] }, sourceName?: string, options: CheckOptions = {}): TensorClaimSession {
  const session = new TensorClaimSession({ ...options, sourceName, limits: options.limits ?? CLAIM_LIMITS });
  for (const given of problem.givens) {
    const { errors } = session.read(given.raw, given.line);
    if (errors[0]) throw errors[0].error;
  }
  return session;
}

/** An ask of a matrix problem: `dL/dW1 = ?`, `shape of dL/dW1 = ?`, or with the instructor's answer. */
function matrixAsk(written: string, raw: string, line: number, source: { text: string; name?: string }, whole: Span): Ask {
  const text = tensorText(written);
  const value = VALUE_ASK.exec(text);
  if (value) {
    const name = spelled(value[1]!);
    const head = { kind: 'expression' as const, expr: { kind: 'name' as const, name, span: whole, depth: 1 } };
    return { head, text: name, weight: 1, line, raw, matrix: { of: name, wrt: '', shape: false, value: true } };
  }
  const found = ASK.exec(text);
  if (!found) throw inputError('syntax', `"${written.trim()}" is not something a matrix problem can ask`, source, whole, "ask for a gradient (dL/dW1 = ?), its shape (shape of dL/dW1 = ?) or a binding's value at the problem's point (W_new = ?)");
  const [, shape, ofWritten, wrtWritten, rest] = found as unknown as [string, string | undefined, string, string, string];
  const [of, wrt] = [spelled(ofWritten), spelled(wrtWritten)];
  const printed = /^\?\s*\(\s*printed\s+(.+)\)$/.exec(rest);
  const answer = rest === '?' || printed ? undefined : rest;
  if (answer === '') throw inputError('syntax', `"${written.trim()}" gives no answer`, source, whole, 'write = ? or the answer');
  const asked = `${shape ? 'shape of ' : ''}d${of}/d${wrt}`;
  const head = { kind: 'derivative' as const, of: { kind: 'name' as const, name: of, span: whole }, variable: wrt, span: whole };
  return { head, text: asked, weight: 1, line, raw, matrix: { of, wrt, shape: shape !== undefined, ...(answer !== undefined ? { answer } : {}) }, ...(printed ? { printed: printed[1]!.trim() } : {}) };
}

/** The asks of a part, split at top-level semicolons. */
function splitAsks(text: string): string[] {
  const asks: string[] = [];
  let depth = 0;
  let start = 0;
  for (let k = 0; k < text.length; k++) {
    const c = text[k]!;
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === ';' && depth === 0 && text[k - 1] !== '\\') {
      asks.push(text.slice(start, k));
      start = k + 1;
    }
  }
  asks.push(text.slice(start));
  return asks.filter((ask) => ask.trim() !== '');
}
