/**
 * Warnings that name the reading of each ambiguous form this language fixes: `1/2x` (read (1/2)·x), `2^3^2`
 * (2^(3^2)), `-x^2` (−(x²)), a sign after ^ (`x^-1`, `x^-2x` = x^(−2)·x), and a mistyped function name used without
 * parentheses (`sehc x`, read as the variable sehc times x), and a bound name applied to a number (`f(3)` is f·3).
 */
import { suggestions } from './suggest.js';
import { implicitFactors, reading, text, wrapped, type NotationWarning } from './reading.js';
import { childrenOf, type Expr, type ProgramStatement } from './tree.js';

/** What the warnings may know about names: the functions (for "did you mean") and the names bound so far. */
export interface NameContext {
  /** Every function name; without it, no "did you mean" warnings. */
  readonly functions?: readonly string[];
  /** Names with values (bindings, parameters, declarations): never taken for mistyped functions. */
  readonly isBound?: (name: string) => boolean;
}

type Binary = Extract<Expr, { kind: 'binary' }>;

/** Greek letters are common variable names (tau is not a mistyped tan, beta is not b·e·t·a). */
export const GREEK_NAMES: ReadonlySet<string> = new Set('alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron rho sigma tau upsilon phi chi psi omega'.split(' '));

/** Warnings for the ambiguous forms in statements, in source order of their checks (callers sort them). */
export function notationWarnings(statements: readonly ProgramStatement[], source: string, names: NameContext = {}): NotationWarning[] {
  const warnings: NotationWarning[] = [];
  const warn = (message: string, expr: Expr) => warnings.push({ message, span: expr.span });
  const covered = new Set<Expr>(); // forms a wider warning already names
  const scanned = new Set<Expr>(); // implicit products already scanned as part of a longer one
  /** `x^-1`: a power whose exponent is a sign and what follows, as written after ^. */
  const signedPower = (expr: Expr): expr is Binary =>
    expr.kind === 'binary' && expr.op === '^' && !wrapped(expr, source) && source[expr.opSpan.offset] === '^' && expr.right.kind === 'unary' && !wrapped(expr.right, source);

  const product = (expr: Binary) => {
    const { left, right } = expr;
    if (left.kind === 'binary' && left.op === '/' && !wrapped(left, source)) {
      const other = `${text(left.left, source)}/(${source.slice(left.right.span.offset, right.span.end)})`;
      const span = { ...left.span, end: right.span.end }; // inside parentheses too: (1/2x)
      warnings.push({ message: `read ${source.slice(span.offset, span.end)} as (${text(left, source)})·${text(right, source)}; write ${other} if you meant to divide by the whole product`, span });
    }
    let last = left; // the factor right before `right`
    while (last.kind === 'binary' && last.implicit && !wrapped(last, source)) last = last.right;
    if (signedPower(last)) {
      const exponent = source.slice(last.right.span.offset, right.span.end);
      const form = source.slice(last.span.offset, right.span.end);
      warnings.push({ message: `read ${form} as ${reading(last)}·${text(right, source)}; write ${text(last.left, source)}^(${exponent}) for ${text(last.left, source)} to the power ${exponent}`, span: { ...last.span, end: right.span.end } });
      covered.add(last).add(last.right);
    }
    if (exponentialOfNumber(last) && right.kind === 'name' && !wrapped(right, source)) {
      // e^2x: an exponent without parentheses ends at the number, as in x^2y; for e it is seldom what was meant
      const exponent = source.slice(last.right.span.offset, right.span.end);
      const form = source.slice(last.span.offset, right.span.end);
      warnings.push({ message: `read ${form} as ${text(last, source)}·${text(right, source)}; write e^(${exponent}) for e to the power ${exponent}`, span: { ...last.span, end: right.span.end } });
    }
    if (last.kind === 'name' && names.isBound?.(last.name) && right.kind === 'number' && wrapped(right, source)) {
      // f(3) where f = x^2 is a value, not a function: students mean f at x = 3
      const end = source.indexOf(')', right.span.end - 1) + 1; // the number's span may or may not include its parenthesis
      const message = `read ${source.slice(last.span.offset, end)} as ${last.name}·${right.text} (${last.name} has a value; it is not a function); write ${last.name} at … = ${right.text} for its value at a point, or define ${last.name}(x) = … to apply it`;
      warnings.push({ message, span: { ...last.span, end } });
    }
    if (!scanned.has(expr)) mistypedFunctions(expr);
  };

  /** `sehc x`: a name close to a function's, followed by what would be its argument. */
  const mistypedFunctions = (expr: Binary) => {
    for (let node: Expr = expr; node.kind === 'binary' && node.implicit && (node === expr || !wrapped(node, source)); node = node.left) scanned.add(node);
    if (!names.functions) return;
    const functions = new Set(names.functions);
    const factors = implicitFactors(expr, source);
    factors.forEach((factor, i) => {
      if (factor.kind !== 'name' || wrapped(factor, source) || i + 1 >= factors.length) return;
      const name = factor.name;
      if (name.length < 3 || GREEK_NAMES.has(name) || functions.has(name) || names.isBound?.(name) || /^log_[0-9]+$/.test(name)) return;
      const near = suggestions(name, names.functions!);
      if (near.length === 0) return;
      let end = i + 1; // the argument runs to the next function applied (sehc x cos x)
      while (end + 1 < factors.length && !(factors[end + 1]!.kind === 'call' && functions.has((factors[end + 1] as { name: string }).name))) end++;
      const argument = source.slice(factors[i + 1]!.span.offset, factors[end]!.span.end);
      const form = source.slice(factor.span.offset, factors[end]!.span.end);
      const meant = near.map((candidate) => `${candidate} ${argument}`).join(' or ');
      warnings.push({ message: `read ${form} as ${name}·${argument} (a variable named ${name}); did you mean ${meant}?`, span: { ...factor.span, end: factors[end]!.span.end } });
    });
  };

  /** `e^2`, as written before a variable in e^2x. */
  const exponentialOfNumber = (expr: Expr): expr is Binary =>
    expr.kind === 'binary' && expr.op === '^' && !wrapped(expr, source) && source[expr.opSpan.offset] === '^' && expr.left.kind === 'name' && expr.left.name === 'e' && expr.right.kind === 'number' && !wrapped(expr.right, source);

  const power = (expr: Binary) => {
    const { left, right } = expr;
    if (!wrapped(expr, source) && right.kind === 'binary' && right.op === '^' && !wrapped(right, source) && source[expr.opSpan.offset] === '^') {
      warn(`read ${text(expr, source)} as ${text(left, source)}^(${text(right, source)}); write (${text(left, source)}^${text(right.left, source)})^${text(right.right, source)} if you meant the other grouping`, expr);
    }
    if (signedPower(expr) && !covered.has(expr)) {
      warn(`read ${text(expr, source)} as ${reading(expr)}`, expr);
      covered.add(expr.right);
    }
  };

  /** `-x^2`: a minus applied to a power. */
  const negatedPower = (expr: Extract<Expr, { kind: 'unary' }>) => {
    const arg = expr.arg;
    if (expr.op !== '-' || arg.kind !== 'binary' || arg.op !== '^' || wrapped(arg, source) || covered.has(expr)) return;
    let at = arg.span.offset - 1;
    while (at > 0 && /\s/.test(source[at]!)) at--;
    const sign = source[at]!;
    const base = `${sign}${text(arg.left, source)}`;
    const exponent = text(arg.right, source);
    const caret = source[arg.opSpan.offset] === '^' ? '^' : '';
    const what = ['2', '²'].includes(exponent) ? `the square of ${base}` : ['3', '³'].includes(exponent) ? `the cube of ${base}` : `${base} to the power ${exponent}`;
    warnings.push({ message: `read ${source.slice(at, arg.span.end)} as ${sign}(${text(arg, source)}); write (${base})${caret}${exponent} for ${what}`, span: { ...expr.span, offset: at, col: expr.span.col + (at - expr.span.offset) } });
  };

  const visit = (expr: Expr): void => {
    if (expr.kind === 'binary') {
      if (expr.implicit) product(expr);
      if (expr.op === '^') power(expr);
      visit(expr.left);
      visit(expr.right);
    } else if (expr.kind === 'unary') {
      negatedPower(expr);
      visit(expr.arg);
    } else childrenOf(expr).forEach(visit);
  };
  for (const statement of statements) if (statement.kind !== 'declare') visit(statement.expr);
  return warnings;
}
