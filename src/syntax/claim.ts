/** Syntax of claim lines (`d/dx (x^2) = 2x`, `df/dx at x=3 = 6`, `= …` continuations), built by the claims grammars. */
import { joinSpans, tokenSpan, type Expr, type Span, type Statement, type Token } from './tree.js';

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
  | { readonly kind: 'continuation'; readonly steps: readonly Expr[] };

const DERIVATIVE = /^(?:d|∂)\s*\/\s*(?:d|∂)\s*([A-Za-z_][A-Za-z0-9_]*)$/;
const DERIVATIVE_OF = /^(?:d|∂)\s*([A-Za-z_][A-Za-z0-9_]*)\s*\/\s*(?:d|∂)\s*([A-Za-z_][A-Za-z0-9_]*)$/;

/** `d/dx power`: the derivative of an expression. */
export function derivativeOfExpression(operator: Token, expr: Expr): ClaimHead {
  const variable = DERIVATIVE.exec(operator.text)![1]!;
  return { kind: 'derivative', of: { kind: 'expression', expr }, variable, span: { ...tokenSpan(operator), end: expr.span.end } };
}

/** `f'(x)` or `f'(3)`: a call of f' (a claim head when it is the whole left side). */
export function primeCall(name: Token, prime: Token, argument: Expr, close: Token): Expr {
  const nameSpan = joinSpans(tokenSpan(name), tokenSpan(prime));
  return { kind: 'call', name: `${name.text}'`, nameSpan, args: [argument], span: joinSpans(nameSpan, tokenSpan(close)), depth: argument.depth + 1 };
}

/** A claim about a point (`df/dx at x=3, y=4`, `f at x=2`). */
export function headAt(head: ClaimHead, at: readonly Statement[]): ClaimHead {
  return { ...head, at };
}

/** `dL/dw` inside an expression (a derivative of a binding). */
export function derivativeReference(token: Token): Expr {
  const [, name, variable] = DERIVATIVE_OF.exec(token.text)!;
  return { kind: 'derivative', name: name!, variable: variable!, span: tokenSpan(token), depth: 1 };
}

/** An expression on the left of `=`; `df/dx` alone is a derivative claim. */
export function expressionHead(expr: Expr): ClaimHead {
  if (expr.kind === 'derivative') return { kind: 'derivative', of: { kind: 'name', name: expr.name, span: expr.span }, variable: expr.variable, span: expr.span };
  if (expr.kind === 'call' && expr.name.length > 1 && expr.name.endsWith("'") && (expr.args[0]!.kind === 'name' || !hasNames(expr.args[0]!))) {
    // f'(x) = …, f'(2) = …: the derivative of f (by x, or at the number given); f'(2x) = … is a claim about a value
    const span = { ...expr.nameSpan, end: expr.nameSpan.offset + expr.name.length - 1 };
    return { kind: 'derivative', of: { kind: 'name', name: expr.name.slice(0, -1), span }, argument: expr.args[0]!, span: expr.span };
  }
  return { kind: 'expression', expr };
}

/** A claim line. */
export function claimLine(head: ClaimHead, steps: readonly Expr[]): ClaimLine {
  return { kind: 'claim', head, steps };
}

/** A continuation line. */
export function continuationLine(steps: readonly Expr[]): ClaimLine {
  return { kind: 'continuation', steps };
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
      return true;
  }
}
