/** Syntax tree built by the grammar's postprocessors; only the graph builder reads it. */

/** Where a piece of source text starts and ends (offsets are 0-based, line and col 1-based). */
export interface Span {
  readonly offset: number;
  readonly end: number;
  readonly line: number;
  readonly col: number;
}

/** A lexer token as moo produces it. */
export interface Token {
  readonly type?: string;
  readonly text: string;
  readonly value: string;
  readonly offset: number;
  readonly line: number;
  readonly col: number;
}

/** One expression in the syntax tree. */
export type Expr =
  | { readonly kind: 'number'; readonly text: string; readonly span: Span; readonly depth: number }
  | { readonly kind: 'name'; readonly name: string; readonly span: Span; readonly depth: number }
  | { readonly kind: 'call'; readonly name: string; readonly nameSpan: Span; readonly args: readonly Expr[]; readonly span: Span; readonly depth: number }
  | { readonly kind: 'unary'; readonly op: '-' | '+'; readonly arg: Expr; readonly span: Span; readonly depth: number }
  /** dL/dw inside a claim: the derivative of the binding `name` by `variable`. */
  | { readonly kind: 'derivative'; readonly name: string; readonly variable: string; readonly span: Span; readonly depth: number }
  /**
   * d/dx applied to an expression inside a claim (`= d/dx (x^2) sin x + x^2 d/dx (sin x)`); `(x^2)'` has no variable:
   * it is the expression's only one. `operatorSpan` is where the operator (or the prime) is written.
   */
  | { readonly kind: 'differentiate'; readonly expr: Expr; readonly variable?: string; readonly operatorSpan: Span; readonly span: Span; readonly depth: number }
  | {
      readonly kind: 'binary';
      /** `.*`, `./` and `.^` are elementwise; on scalars they are `*`, `/` and `^`. */
      readonly op: BinaryOp;
      readonly left: Expr;
      readonly right: Expr;
      readonly implicit: boolean;
      readonly opSpan: Span;
      readonly span: Span;
      readonly depth: number;
    };

/** The binary operators of the syntax tree. */
export type BinaryOp = '+' | '-' | '*' | '/' | '^' | '.*' | './' | '.^';

/** One line of a program: a binding `name = expr` or a bare expression. */
export type Statement =
  | { readonly kind: 'bind'; readonly name: string; readonly nameSpan: Span; readonly expr: Expr; readonly parameters?: readonly string[] }
  | { readonly kind: 'expr'; readonly expr: Expr };

/** A shape declaration `W: 4x3` or `x: 3`; `dims` is its tokens' text without blanks, checked by the tensor builder. */
export interface Declaration {
  readonly kind: 'declare';
  readonly name: string;
  readonly nameSpan: Span;
  readonly dims: string;
  readonly dimsSpan: Span;
}

/** A statement of a program: a binding, a bare expression, or a shape declaration. */
export type ProgramStatement = Statement | Declaration;

/** The expressions directly inside an expression. */
export function childrenOf(expr: Expr): readonly Expr[] {
  switch (expr.kind) {
    case 'binary':
      return [expr.left, expr.right];
    case 'unary':
      return [expr.arg];
    case 'call':
      return expr.args;
    case 'differentiate':
      return [expr.expr];
    default:
      return [];
  }
}

/** The span covering a single token. */
export function tokenSpan(token: Token): Span {
  return { offset: token.offset, end: token.offset + token.text.length, line: token.line, col: token.col };
}

/** The span from the start of `a` to the end of `b`. */
export function joinSpans(a: Span, b: Span): Span {
  return { offset: a.offset, end: b.end, line: a.line, col: a.col };
}

/** The ASCII spelling of operator signs written with Unicode (− × · ÷). */
const ASCII_OPERATORS: Readonly<Record<string, string>> = { '−': '-', '×': '*', '·': '*', '÷': '/', '⊙': '.*', '∘': '.*', '⊘': './' };
const ascii = (text: string): string => ASCII_OPERATORS[text] ?? text;

/** Superscript digits and signs, as plain characters. */
const SUPERSCRIPTS: Readonly<Record<string, string>> = { '⁰': '0', '¹': '1', '²': '2', '³': '3', '⁴': '4', '⁵': '5', '⁶': '6', '⁷': '7', '⁸': '8', '⁹': '9', '⁻': '-', '⁺': '+' };

/** A number literal. */
export function numberNode(token: Token): Expr {
  return { kind: 'number', text: token.text, span: tokenSpan(token), depth: 1 };
}

/** Greek letters as slides and word processors write them, by the names chainrule spells them with (δ is delta). */
export const GREEK_LETTERS: Readonly<Record<string, string>> = {
  'α': 'alpha', 'β': 'beta', 'γ': 'gamma', 'δ': 'delta', 'ε': 'epsilon', 'ζ': 'zeta', 'η': 'eta', 'θ': 'theta', 'ι': 'iota',
  'κ': 'kappa', 'λ': 'lambda', 'μ': 'mu', 'ν': 'nu', 'ξ': 'xi', 'π': 'pi', 'ρ': 'rho', 'σ': 'sigmoid', 'τ': 'tau', 'υ': 'upsilon',
  'φ': 'phi', 'χ': 'chi', 'ψ': 'psi', 'ω': 'omega', 'Δ': 'Delta', 'Θ': 'Theta', 'Λ': 'Lambda', 'Φ': 'Phi', 'Ψ': 'Psi', 'Ω': 'Omega',
};

/**
 * A name as chainrule spells it: a Greek letter by its name (π is pi, σ the sigmoid), ŷ as yhat, subscript digits
 * after an underscore (w₂ is w_2), anything else as written.
 */
export function spelled(text: string): string {
  const subscript = /[₀-₉]+$/.exec(text)?.[0] ?? '';
  const base = text.slice(0, text.length - subscript.length);
  const name = GREEK_LETTERS[base] ?? (base === 'ŷ' ? 'yhat' : base);
  return subscript === '' ? name : `${name}_${[...subscript].map((digit) => digit.charCodeAt(0) - 0x2080).join('')}`;
}

/** A variable or constant name. */
export function nameNode(token: Token): Expr {
  return { kind: 'name', name: spelled(token.text), span: tokenSpan(token), depth: 1 };
}

/** A function call `name(args)`; `close` is the closing parenthesis. */
export function callNode(name: Token, args: readonly Expr[], close: Token): Expr {
  const nameSpan = tokenSpan(name);
  const depth = 1 + Math.max(0, ...args.map((a) => a.depth));
  return { kind: 'call', name: spelled(name.text), nameSpan, args, span: joinSpans(nameSpan, tokenSpan(close)), depth };
}

/** A prefix sign. */
export function unaryNode(op: Token, arg: Expr): Expr {
  return { kind: 'unary', op: ascii(op.text) as '-' | '+', arg, span: joinSpans(tokenSpan(op), arg.span), depth: arg.depth + 1 };
}

/** A binary operation; `op` is null for implicit multiplication (`2x`). */
export function binaryNode(left: Expr, op: Token | null, right: Expr): Expr {
  const opSpan = op ? tokenSpan(op) : right.span;
  return {
    kind: 'binary',
    op: (op ? ascii(op.text) : '*') as BinaryOp,
    left,
    right,
    implicit: op === null,
    opSpan,
    span: joinSpans(left.span, right.span),
    depth: 1 + Math.max(left.depth, right.depth),
  };
}

/** A power written with a superscript (`x²`, `x⁻¹`): `base ^ exponent`, the exponent read from the superscript token. */
export function superscriptNode(base: Expr, token: Token): Expr {
  const span = tokenSpan(token);
  const plain = [...token.text].map((c) => SUPERSCRIPTS[c] ?? c).join('');
  const digits = plain.replace(/^[-+]/, '');
  const number: Expr = { kind: 'number', text: digits, span, depth: 1 };
  const exponent: Expr = plain === digits ? number : { kind: 'unary', op: plain[0] as '-' | '+', arg: number, span, depth: 2 };
  return { kind: 'binary', op: '^', left: base, right: exponent, implicit: false, opSpan: span, span: joinSpans(base.span, span), depth: 1 + Math.max(base.depth, exponent.depth) };
}

/** `√arg`: a call of sqrt. */
export function rootNode(op: Token, arg: Expr): Expr {
  const nameSpan = tokenSpan(op);
  return { kind: 'call', name: 'sqrt', nameSpan, args: [arg], span: joinSpans(nameSpan, arg.span), depth: arg.depth + 1 };
}

/** A parenthesised expression keeps its inner node but widens the span to the parentheses (and counts as a level of nesting). */
export function parenNode(open: Token, inner: Expr, close: Token): Expr {
  return { ...inner, span: joinSpans(tokenSpan(open), tokenSpan(close)), depth: inner.depth + 1 };
}

/** `|x|`: a call of abs, spanning the bars. */
export function absNode(open: Token, inner: Expr, close: Token): Expr {
  return { kind: 'call', name: 'abs', nameSpan: tokenSpan(open), args: [inner], span: joinSpans(tokenSpan(open), tokenSpan(close)), depth: inner.depth + 1 };
}

/** A binding statement `name = expr`. */
export function bindNode(name: Token, expr: Expr, parameters?: readonly Token[]): Statement {
  return { kind: 'bind', name: spelled(name.text), nameSpan: tokenSpan(name), expr, ...(parameters ? { parameters: parameters.map((token) => token.text) } : {}) };
}

/** A bare-expression statement. */
export function exprStatement(expr: Expr): Statement {
  return { kind: 'expr', expr };
}

/** The call name a postfix transpose is read as: W' is a call of `'` on W (no function can be called that). */
export const TRANSPOSE = "'";

/** A postfix transpose `arg'`, as a call of TRANSPOSE (`W^T` is read as a power and resolved by the tensor builder). */
export function transposeNode(arg: Expr, op: Token): Expr {
  const nameSpan = tokenSpan(op);
  return { kind: 'call', name: TRANSPOSE, nameSpan, args: [arg], span: joinSpans(arg.span, nameSpan), depth: arg.depth + 1 };
}

/** A declaration `name : dims`, from the tokens of the dims (`4`, `x3` for `4x3`). */
export function declareNode(name: Token, dims: readonly Token[]): Declaration {
  const first = tokenSpan(dims[0]!);
  const last = tokenSpan(dims[dims.length - 1]!);
  return { kind: 'declare', name: spelled(name.text), nameSpan: tokenSpan(name), dims: dims.map((token) => token.text).join(''), dimsSpan: joinSpans(first, last) };
}

/** An expression with every name passed through `rename` (the tree is rebuilt only where a name changes). */
export function renameNames(expr: Expr, rename: (name: string) => string): Expr {
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) {
      const mapped = value.map(walk);
      return mapped.some((item, k) => item !== value[k]) ? mapped : value;
    }
    if (value === null || typeof value !== 'object') return value;
    const node = value as Record<string, unknown>;
    if (node.kind === 'name' && typeof node.name === 'string') {
      const name = rename(node.name);
      return name === node.name ? node : { ...node, name };
    }
    let changed = false;
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(node)) {
      copy[key] = key === 'span' || key.endsWith('Span') ? item : walk(item);
      changed ||= copy[key] !== item;
    }
    return changed ? copy : node;
  };
  return walk(expr) as Expr;
}
