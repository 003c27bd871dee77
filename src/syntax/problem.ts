/** Syntax of problem-file lines (`problem …`, `part …`, `credit …`, givens), built by grammar/problems.ne. */
import type { ClaimHead } from './claim.js';
import { tokenSpan, type Expr, type Span, type Statement, type Token } from './tree.js';
import { withItems, type Cell } from './lists.js';

/** What a part asks: a claim head, and the instructor's answer when the file gives one instead of `?`. */
export interface AskSyntax {
  readonly head: ClaimHead;
  readonly answer?: readonly Expr[];
  /** The number a source (a lecture slide) printed for it, to be compared with the exact value. */
  readonly printed?: Expr;
}

/** One line of a problem file. */
export type ProblemLine =
  | { readonly kind: 'problem'; readonly id: string; readonly title?: string; readonly source?: string; readonly span: Span }
  | { readonly kind: 'part'; readonly id: string; readonly points?: number; readonly asks: readonly AskSyntax[]; readonly span: Span }
  | { readonly kind: 'credit'; readonly part: string; readonly weights: readonly number[]; readonly span: Span }
  | { readonly kind: 'given'; readonly name: string; readonly nameSpan: Span; readonly expr: Expr }
  | { readonly kind: 'point'; readonly at: readonly Statement[]; readonly span: Span };

/** `problem <id> "<title>"`, optionally `source "<where it comes from>"` */
export function problemHeader(keyword: Token, id: Token, title: Token | null, source: Token | null): ProblemLine {
  return { kind: 'problem', id: id.text, title: title ? title.text.slice(1, -1) : undefined, ...(source ? { source: source.text.slice(1, -1) } : {}), span: tokenSpan(keyword) };
}

/** `part <id> (<n> points): <ask>; <ask>` */
export function partLine(keyword: Token, id: Token, points: number | null, asks: readonly AskSyntax[]): ProblemLine {
  return { kind: 'part', id: id.text, points: points ?? undefined, asks, span: tokenSpan(keyword) };
}

/** `credit <part>: <weight>, <weight>` */
export function creditLine(keyword: Token, part: Token, weights: readonly Token[]): ProblemLine {
  return { kind: 'credit', part: part.text, weights: weights.map((token) => Number(token.text)), span: tokenSpan(keyword) };
}

/** `<name> = <expr>`: a given of the problem. */
export function givenLine(name: Token, expr: Expr): ProblemLine {
  return { kind: 'given', name: name.text, nameSpan: tokenSpan(name), expr };
}

/** `at x=1, y=2`: the point a worked solution traces the problem at. */
export function pointLine(keyword: Token, at: Cell<Statement>): ProblemLine {
  return withItems({ kind: 'point' as const, span: tokenSpan(keyword) }, 'at', at);
}

/** An ask: a head and `= ?` (optionally with the number a source printed), or a head and the instructor's answer. */
export function ask(head: ClaimHead, answer: Cell<Expr> | null, printed?: Expr): AskSyntax {
  const syntax = { head, ...(printed ? { printed } : {}) };
  return answer ? withItems(syntax, 'answer', answer) : syntax;
}
