/** Syntax-node constructors for the LaTeX grammar's postprocessors (grammar/latex.ne): the same nodes the plain grammars build. */
import { applyOperator, type ClaimHead } from './claim.js';
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

/** A function before its argument: `\sin`, `\sin^2` (a power of the result), `\log_{b}` (a base), or `\frac{d}{dx}`. */
export interface FunctionHead {
  readonly name: string;
  readonly nameSpan: Span;
  readonly base?: Expr;
  readonly power?: { readonly caret: Token; readonly exponent: Expr };
  /** For `\frac{d}{dx}`: the variable it differentiates by. */
  readonly differentiates?: string;
}

/** The head of a function application. */
export function functionHead(token: Token, base?: Expr, caret?: Token, exponent?: Expr): FunctionHead {
  return { name: token.value, nameSpan: tokenSpan(token), base, power: caret && exponent ? { caret, exponent } : undefined };
}

/** `\frac{d}{dx}` (or `d/dx`) before what it differentiates (the token's value is the variable). */
export function derivativeHead(operator: Token): FunctionHead {
  return { name: '', nameSpan: tokenSpan(operator), differentiates: operator.value };
}

/**
 * `\sin(x)`, `\max(a, b)`, `\sin x`; `\sin^2 x` is sin(x)^2 and `\log_b x` is log(x, b); `\frac{d}{dx}(…)` differentiates.
 * `end` is where the application ends, `open` the bracket its arguments start with (if any).
 */
export function texApply(head: FunctionHead, args: readonly Expr[], end: Span, open?: Span): Expr {
  const span = joinSpans(head.nameSpan, end);
  if (head.differentiates !== undefined) {
    const operand = open ? { ...args[0]!, span: joinSpans(open, end), depth: args[0]!.depth + 1 } : args[0]!; // the brackets are part of what it applies to
    return { ...applyOperator(head.nameSpan, operand, head.differentiates), span };
  }
  const applied = call(head.name, head.nameSpan, head.base ? [...args, head.base] : args, span);
  return head.power ? binary('^', applied, head.power.exponent, tokenSpan(head.power.caret), span) : applied;
}

/** `\sin(x)^2` is (sin x)²; `\frac{d}{dx}(x^2 + 1)^3` is the derivative of (x² + 1)³, as textbooks mean it. */
export function texPowerOfApplication(application: Expr, caret: Token, exponent: Expr): Expr {
  if (application.kind !== 'differentiate') return binary('^', application, exponent, tokenSpan(caret));
  const operand = binary('^', application.expr, exponent, tokenSpan(caret));
  return { ...application, expr: operand, span: joinSpans(application.span, exponent.span), depth: operand.depth + 1 };
}

/** `\frac{\partial L}{\partial w}` (or `dL/dw`) inside an expression: the derivative of a binding (the token's value is `L/w`). */
export function texDerivativeReference(token: Token): Expr {
  const [name, variable] = token.value.split('/') as [string, string];
  return { kind: 'derivative', name, variable, span: tokenSpan(token), depth: 1 };
}

/** `\frac{d}{dx} f(x)`: the derivative of the binding f, as `\frac{df}{dx}`. */
export function texDerivativeOfFunction(operator: Token, name: Token, close: Token): ClaimHead {
  return { kind: 'derivative', of: { kind: 'name', name: name.value, span: tokenSpan(name) }, variable: operator.value, span: { ...tokenSpan(operator), end: tokenSpan(close).end } };
}

/** `f'(x)`, `f^{\prime}(3)`: a call of f' (a derivative claim when it is the whole left side); `\sigma'(z)` is sigmoid'. */
export function texPrimeCall(name: Token, argument: Expr, close: Token): Expr {
  const function_ = ['\\sigma', 'σ'].includes(name.text.trim()) ? 'sigmoid' : name.value;
  const nameSpan = tokenSpan(name);
  return { kind: 'call', name: `${function_}'`, nameSpan, args: [argument], span: joinSpans(nameSpan, tokenSpan(close)), depth: argument.depth + 1 };
}

/** `x = 3` after `\text{ at }` or in `\Big|_{x=3}`. */
export function texBind(name: Token, expr: Expr): Statement {
  return { kind: 'bind', name: name.value, nameSpan: tokenSpan(name), expr };
}
