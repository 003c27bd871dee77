/** Syntax-node constructors for the LaTeX grammar's postprocessors (grammar/latex.ne): the same nodes the plain grammars build. */
import type { ClaimHead } from './claim.js';
import { joinSpans, tokenSpan, type Expr, type Span, type Statement, type Token } from './tree.js';

type Operator = '+' | '-' | '*' | '/' | '^';

function binary(op: Operator, left: Expr, right: Expr, opSpan: Span, span: Span = joinSpans(left.span, right.span)): Expr {
  return { kind: 'binary', op, left, right, implicit: false, opSpan, span, depth: 1 + Math.max(left.depth, right.depth) };
}

function call(name: string, nameSpan: Span, args: readonly Expr[], span: Span): Expr {
  return { kind: 'call', name, nameSpan, args, span, depth: 1 + Math.max(0, ...args.map((arg) => arg.depth)) };
}

/** A name; the lexer has spelled it as chainrule does (`x_{1}` → x_1, `\alpha` → alpha) in the token's value. */
export function texName(token: Token): Expr {
  return { kind: 'name', name: token.value, span: tokenSpan(token), depth: 1 };
}

/** `a \cdot b`, `a \times b`, `a * b`, `a / b`, `a \div b`. */
export function texOperation(left: Expr, op: Token, right: Expr): Expr {
  return binary(op.type === 'divide' ? '/' : '*', left, right, tokenSpan(op));
}

/** `\frac{a}{b}` is a/b. */
export function texFraction(frac: Token, numerator: Expr, denominator: Expr): Expr {
  return binary('/', numerator, denominator, tokenSpan(frac), joinSpans(tokenSpan(frac), denominator.span));
}

/** `\frac12` is 1/2. */
export function texDigitFraction(token: Token): Expr {
  const digits = [...token.text].flatMap((char, i) => (/[0-9]/.test(char) ? [i] : []));
  const digit = (i: number): Expr => ({
    kind: 'number',
    text: token.text[i]!,
    span: { offset: token.offset + i, end: token.offset + i + 1, line: token.line, col: token.col + i },
    depth: 1,
  });
  return binary('/', digit(digits[0]!), digit(digits[1]!), tokenSpan(token), tokenSpan(token));
}

/** `\sqrt{x}` is sqrt(x). */
export function texSqrt(sqrt: Token, argument: Expr): Expr {
  return call('sqrt', tokenSpan(sqrt), [argument], joinSpans(tokenSpan(sqrt), argument.span));
}

/** `\sqrt[n]{x}` is x^(1/n). */
export function texRoot(sqrt: Token, open: Token, index: Expr, close: Token, argument: Expr): Expr {
  const indexSpan = joinSpans(tokenSpan(open), tokenSpan(close));
  const exponent = binary('/', { kind: 'number', text: '1', span: indexSpan, depth: 1 }, index, indexSpan, indexSpan);
  return binary('^', argument, exponent, tokenSpan(sqrt), joinSpans(tokenSpan(sqrt), argument.span));
}

/** `|x|` and `\left| x \right|` are abs(x). */
export function texAbs(open: Token, inner: Expr, close: Token): Expr {
  return call('abs', tokenSpan(open), [inner], joinSpans(tokenSpan(open), tokenSpan(close)));
}

/** A function before its argument: `\sin`, `\sin^2` (a power of the result), `\log_{b}` (a base). */
export interface FunctionHead {
  readonly name: string;
  readonly nameSpan: Span;
  readonly base?: Expr;
  readonly power?: { readonly caret: Token; readonly exponent: Expr };
}

/** The head of a function application. */
export function functionHead(token: Token, base?: Expr, caret?: Token, exponent?: Expr): FunctionHead {
  return { name: token.value, nameSpan: tokenSpan(token), base, power: caret && exponent ? { caret, exponent } : undefined };
}

/** `\sin(x)`, `\max(a, b)`, `\sin x`; `\sin^2 x` is sin(x)^2 and `\log_b x` is log(x, b). `end` is where the application ends. */
export function texApply(head: FunctionHead, args: readonly Expr[], end: Span): Expr {
  const span = joinSpans(head.nameSpan, end);
  const applied = call(head.name, head.nameSpan, head.base ? [...args, head.base] : args, span);
  return head.power ? binary('^', applied, head.power.exponent, tokenSpan(head.power.caret), span) : applied;
}

/** `\frac{d}{dx} u`: the derivative of an expression (the token's value is the variable). */
export function texDerivativeOfExpression(operator: Token, expr: Expr): ClaimHead {
  return { kind: 'derivative', of: { kind: 'expression', expr }, variable: operator.value, span: { ...tokenSpan(operator), end: expr.span.end } };
}

/** `\frac{\partial f}{\partial x}`: the derivative of a binding (the token's value is `f/x`). */
export function texDerivativeOfName(token: Token): ClaimHead {
  const [name, variable] = token.value.split('/') as [string, string];
  const span = tokenSpan(token);
  return { kind: 'derivative', of: { kind: 'name', name, span }, variable, span };
}

/** `\frac{d}{dx} f(x)`: the derivative of the binding f, as `\frac{df}{dx}`. */
export function texDerivativeOfFunction(operator: Token, name: Token, close: Token): ClaimHead {
  return { kind: 'derivative', of: { kind: 'name', name: name.value, span: tokenSpan(name) }, variable: operator.value, span: { ...tokenSpan(operator), end: tokenSpan(close).end } };
}

/** `f'(x)`, `f^{\prime}(3)`; `\sigma'(z)` is the derivative of sigmoid. */
export function texPrimeDerivative(name: Token, argument: Expr, close: Token): ClaimHead {
  const span = { ...tokenSpan(name), end: tokenSpan(close).end };
  const function_ = name.text.trim() === '\\sigma' ? 'sigmoid' : name.value;
  return { kind: 'derivative', of: { kind: 'name', name: function_, span: tokenSpan(name) }, argument, span };
}

/** `x = 3` after `\text{ at }` or in `\Big|_{x=3}`. */
export function texBind(name: Token, expr: Expr): Statement {
  return { kind: 'bind', name: name.value, nameSpan: tokenSpan(name), expr };
}
