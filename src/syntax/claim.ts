/** Syntax of claim lines (`d/dx (x^2) = 2x`, `df/dx at x=3 = 6`, `= …` continuations), built by the claims grammars. */
import { InputError } from '../errors.js';
import { childrenOf, joinSpans, spelled, tokenSpan, type Expr, type Span, type Statement, type Token } from './tree.js';
import { withItems, type Cell } from './lists.js';

/** What a claim is about: a derivative, or an expression (a value or an identity). */
export type ClaimHead =
  | {
      readonly kind: 'derivative';
      /** The function: an expression (`d/dx (x^2)`) or the name of a binding (`df/dx`, `f'(x)`). */
      readonly of: { readonly kind: 'expression'; readonly expr: Expr } | { readonly kind: 'name'; readonly name: string; readonly span: Span };
      /** The variable, or undefined for f'(…) whose argument says it (a name) or gives the point (a number). */
      readonly variable?: string;
      /** f'(argument): the variable's name or the value it is taken at. */
      readonly argument?: Expr;
      /** The point after `at`. */
      readonly at?: readonly Statement[];
      readonly span: Span;
    }
  | { readonly kind: 'expression'; readonly expr: Expr; readonly at?: readonly Statement[] };

/** One line of a claims file. */
export type ClaimLine =
  /** head = step = step …; a bare name with one step is a binding (`f = x^2*y/z`). */
  | { readonly kind: 'claim'; readonly head: ClaimHead; readonly steps: readonly Expr[] }
  /** = step = step …: more steps of the derivation above. */
  | { readonly kind: 'continuation'; readonly steps: readonly Expr[] }
  /** `W: 4x3`: a shape declaration, which makes the text a matrix claims file (it has no steps). */
  | { readonly kind: 'declaration'; readonly name: string; readonly span: Span; readonly steps: readonly Expr[] };

const DERIVATIVE = /^(?:d|∂)\s*\/\s*(?:d|∂)\s*([A-Za-z_][A-Za-z0-9_]*)$/;
const DERIVATIVE_OF = /^(?:d|∂)\s*([A-Za-z_][A-Za-z0-9_]*)\s*\/\s*(?:d|∂)\s*([A-Za-z_][A-Za-z0-9_]*)$/;

/** `d/dx power`: d/dx applied to an expression (a claim head when it is the whole left side). */
export function differentiateNode(operator: Token, expr: Expr): Expr {
  const variable = DERIVATIVE.exec(operator.text)![1]!;
  return applyOperator(tokenSpan(operator), expr, variable);
}

/** An operator d/dx (or a prime, without a variable) applied to an expression. */
export function applyOperator(operatorSpan: Span, expr: Expr, variable?: string): Expr {
  const span = operatorSpan.offset < expr.span.offset ? joinSpans(operatorSpan, expr.span) : joinSpans(expr.span, operatorSpan);
  return { kind: 'differentiate', expr, ...(variable !== undefined ? { variable } : {}), operatorSpan, span, depth: expr.depth + 1 };
}

/** `(x^2)'`: the derivative of a parenthesised expression by its only variable. */
export function primedGroup(open: Token, expr: Expr, close: Token, prime: Token): Expr {
  const group: Expr = { ...expr, span: joinSpans(tokenSpan(open), tokenSpan(close)), depth: expr.depth + 1 };
  return applyOperator(tokenSpan(prime), group);
}

/** `f'(x)` or `f'(3)`: a call of f' (a claim head when it is the whole left side). */
export function primeCall(name: Token, prime: Token, argument: Expr, close: Token): Expr {
  const nameSpan = joinSpans(tokenSpan(name), tokenSpan(prime));
  return { kind: 'call', name: `${spelled(name.text)}'`, nameSpan, args: [argument], span: joinSpans(nameSpan, tokenSpan(close)), depth: argument.depth + 1 };
}

/** `y' = 3x^2`: the derivative of a binding by its only variable (a claim head). */
export function primedName(name: Token, prime: Token): ClaimHead {
  const span = joinSpans(tokenSpan(name), tokenSpan(prime));
  return { kind: 'derivative', of: { kind: 'name', name: spelled(name.text), span: tokenSpan(name) }, span };
}

/** A claim about a point (`df/dx at x=3, y=4`, `f at x=2`). */
export function headAt(head: ClaimHead, at: Cell<Statement>): ClaimHead {
  return withItems({ ...head }, 'at', at);
}

/** `dL/dw` inside an expression (a derivative of a binding). */
export function derivativeReference(token: Token): Expr {
  const [, name, variable] = DERIVATIVE_OF.exec(token.text)!;
  return { kind: 'derivative', name: name!, variable: variable!, span: tokenSpan(token), depth: 1 };
}

/**
 * An expression on the left of `=`; `df/dx`, `d/dx (…)`, `(x^2)'` and `d(x^2)/dx` alone are derivative claims (a
 * claim is read again once functions without parentheses are applied: see src/check/claim-reading.ts).
 */
export function expressionHead(expr: Expr): ClaimHead {
  if (expr.kind === 'derivative') return { kind: 'derivative', of: { kind: 'name', name: expr.name, span: expr.span }, variable: expr.variable, span: expr.span };
  if (expr.kind === 'differentiate') return { kind: 'derivative', of: { kind: 'expression', expr: expr.expr }, ...(expr.variable !== undefined ? { variable: expr.variable } : {}), span: expr.span };
  const leibniz = leibnizQuotient(expr);
  if (leibniz) return expressionHead(leibniz);
  if (expr.kind === 'call' && expr.name.length > 1 && expr.name.endsWith("'") && (expr.args[0]!.kind === 'name' || !hasNames(expr.args[0]!))) {
    // f'(x) = …, f'(2) = …: the derivative of f (by x, or at the number given); f'(2x) = … is a claim about a value
    const span = { ...expr.nameSpan, end: expr.nameSpan.offset + expr.name.length - 1 };
    return { kind: 'derivative', of: { kind: 'name', name: expr.name.slice(0, -1), span }, argument: expr.args[0]!, span: expr.span };
  }
  return { kind: 'expression', expr };
}

/** `d(x^2)/dx`, read as d/dx (x^2): the grammar reads it as d·(x^2) divided by a name dx. */
function leibnizQuotient(expr: Expr): Expr | undefined {
  if (expr.kind !== 'binary' || expr.op !== '/' || expr.implicit) return undefined;
  const { left, right } = expr;
  const variable = right.kind === 'name' ? /^d([A-Za-z_][A-Za-z0-9_]*)$/.exec(right.name)?.[1] : undefined;
  if (variable === undefined || left.kind !== 'binary' || !left.implicit || left.left.kind !== 'name' || left.left.name !== 'd') return undefined;
  return { kind: 'differentiate', expr: left.right, variable, operatorSpan: left.left.span, span: expr.span, depth: left.right.depth + 1 };
}

/** A claim line. */
export function claimLine(head: ClaimHead, steps: Cell<Expr>): ClaimLine {
  return withItems({ kind: 'claim' as const, head }, 'steps', steps);
}

/** A shape declaration line (`W: 4x3`). */
export function declarationLine(name: Token): ClaimLine {
  return { kind: 'declaration', name: name.text, span: tokenSpan(name), steps: [] };
}

/** A continuation line. */
export function continuationLine(steps: Cell<Expr>): ClaimLine {
  return withItems({ kind: 'continuation' as const }, 'steps', steps);
}

/** Whether an expression uses a name other than the constants pi and e. */
function hasNames(expr: Expr): boolean {
  switch (expr.kind) {
    case 'name':
      return expr.name !== 'pi' && expr.name !== 'e';
    case 'number':
      return false;
    case 'unary':
      return hasNames(expr.arg);
    case 'binary':
      return hasNames(expr.left) || hasNames(expr.right);
    case 'call':
      return expr.args.some(hasNames);
    case 'derivative':
    case 'differentiate':
      return true;
  }
}

/**
 * Rejects a d/dx whose operand is not in brackets and is followed by more of the expression, which reads two ways:
 * `d/dx x^2 sin x` (d/dx (x^2 sin x), or (d/dx x^2)·sin x?), `d/dx x^2 + 3x`. `d/dx x^2 + d/dx 3x` (a sum of
 * derivatives), `d/dx (x^2) sin x` and `d/dx x^2 = 2x` read one way only.
 */
export function checkOperators(expr: Expr, source: string, sourceName?: string): void {
  const visit = (node: Expr, enclosing: readonly Expr[]): void => {
    if (node.kind === 'differentiate' && node.variable !== undefined && !delimited(node.expr, source)) {
      const follower = enclosing.find(
        (outer): outer is Extract<Expr, { kind: 'binary' }> =>
          outer.kind === 'binary' && outer.left.span.end === node.span.end && !(['+', '-'].includes(outer.op) && containsOperator(outer.right)),
      );
      if (follower) {
        const operator = source.slice(node.operatorSpan.offset, node.operatorSpan.end).trim();
        const operand = source.slice(node.expr.span.offset, node.expr.span.end).trim();
        const rest = source.slice(node.span.end, follower.span.end).trim();
        const joined = follower.implicit ? '·' : ` ${rest[0]} `;
        const after = follower.implicit ? rest : rest.slice(1).trim();
        throw new InputError('syntax', `${operator} ${operand} ${rest} could mean ${operator} (${operand} ${rest}) or (${operator} ${operand})${joined}${after}`, { source, span: joinSpans(node.span, follower.span), sourceName }, `put what ${operator} differentiates in parentheses`);
      }
    }
    for (const child of childrenOf(node)) visit(child, node.kind === 'binary' ? [node, ...enclosing] : child.span.end === node.span.end ? enclosing : []);
  };
  visit(expr, []);
}

/** Whether an expression contains d/dx applied to something. */
function containsOperator(expr: Expr): boolean {
  return expr.kind === 'differentiate' || childrenOf(expr).some(containsOperator);
}

/**
 * Whether an operand is written so that it ends where it visibly ends: in brackets or bars (`(x^2 + 1)`, `[x^2]`,
 * `\left(…\right)`), a power of such a group, or a function called with parentheses (`sin(x)`, `\ln(x)`).
 */
export function delimited(expr: Expr, source: string): boolean {
  const written = source.slice(expr.span.offset, expr.span.end).trimStart();
  if (/^(?:[([{|]|\\left|\\[bB]igg?l?\b|\\lvert)/.test(written)) return true;
  if (expr.kind === 'call') return /^\s*(?:\(|\\left\s*\(|\[|\\left\s*\[)/.test(source.slice(expr.nameSpan.end));
  return expr.kind === 'binary' && expr.op === '^' && delimited(expr.left, source);
}

/**
 * In a claim's head, d/dx differentiates everything up to `=` (or `at`): `d/dx (x^2 + 1)(x - 1)`, `d/dx sin(x) cos(x)`,
 * `d/dx 3 sin x`, `d/dx 1/x` and `d/dx x^4 - 3x^2` are derivatives of the whole left side, as textbooks mean them
 * (`d/dx x^2 + d/dx 3x`, a sum of derivatives, is not). Returns the head read so, or undefined when the head is not
 * such an expression that starts with d/dx.
 */
export function wholeHeadOperand(expr: Expr, source: string): Expr | undefined {
  const operators = ['*', '/', '+', '-'];
  if (expr.kind !== 'binary' || !operators.includes(expr.op) || enclosed(expr, source)) return undefined;
  const spine: Extract<Expr, { kind: 'binary' }>[] = [];
  let node: Expr = expr;
  while (node.kind === 'binary' && operators.includes(node.op) && (node === expr || !enclosed(node, source))) {
    spine.push(node);
    node = node.left;
  }
  if (node.kind !== 'differentiate' || node.variable === undefined || spine.some((outer) => containsOperator(outer.right))) return undefined;
  const operator = node;
  // put the operand where the operator was, then rebuild the spine from the innermost product out
  const operand = spine.reduceRight<Expr>((left, outer) => ({ ...outer, left, span: joinSpans(left.span, outer.right.span), depth: 1 + Math.max(left.depth, outer.right.depth) }), operator.expr);
  return { ...operator, expr: operand, span: expr.span, depth: operand.depth + 1 };
}

/** Whether a binary expression was written in parentheses (its span starts before its left operand). */
function enclosed(expr: Extract<Expr, { kind: 'binary' }>, source: string): boolean {
  return expr.span.offset !== expr.left.span.offset && /[([{|\\]/.test(source[expr.span.offset] ?? '');
}
