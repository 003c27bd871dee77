/**
 * Defined functions inside implicit products. The grammar reads a one-letter name before a parenthesis as a product
 * (`x(x+1)`), so `2f(3)` arrives as 2·f·(3) and `f'(x)` as f'·(x); once `f(x) = …` is defined, f takes the
 * parenthesis right after it, and `f(3)^2` is f(3) squared.
 */
import { implicitFactors, wrapped } from '../syntax/reading.js';
import { joinSpans, TRANSPOSE, type Expr, type ProgramStatement, type Span } from '../syntax/tree.js';

/** One factor of a regrouped product: an expression as written, or a defined function (or its derivative f') applied. */
export type Factor =
  | { readonly kind: 'factor'; readonly expr: Expr }
  | { readonly kind: 'apply'; readonly name: string; readonly prime: boolean; readonly argument: Expr; readonly exponent?: Expr; readonly span: Span };

/** The factors of an implicit product with each defined function applied to the parenthesis after it; undefined if none is. */
export function appliedFactors(expr: Expr, source: string, isDefined: (name: string) => boolean): Factor[] | undefined {
  const factors = implicitFactors(expr, source);
  const callee = (factor: Expr): { name: string; prime: boolean } | undefined => {
    if (factor.kind === 'name' && !wrapped(factor, source) && isDefined(factor.name)) return { name: factor.name, prime: false };
    const inner = factor.kind === 'call' && factor.name === TRANSPOSE ? factor.args[0] : undefined;
    return inner?.kind === 'name' && !wrapped(inner, source) && isDefined(inner.name) ? { name: inner.name, prime: true } : undefined;
  };
  /** The parenthesis a function takes: a parenthesised factor, or the base of a power such as (3)^2. */
  const argumentOf = (factor: Expr | undefined): { argument: Expr; exponent?: Expr } | undefined => {
    if (!factor) return undefined;
    if (wrapped(factor, source)) return { argument: factor };
    if (factor.kind === 'binary' && factor.op === '^' && wrapped(factor.left, source)) return { argument: factor.left, exponent: factor.right };
    return undefined;
  };
  const out: Factor[] = [];
  let applied = false;
  for (let i = 0; i < factors.length; i++) {
    const found = callee(factors[i]!);
    const taken = found && argumentOf(factors[i + 1]);
    if (found && taken) {
      out.push({ kind: 'apply', ...found, ...taken, span: joinSpans(factors[i]!.span, taken.argument.span) });
      applied = true;
      i++;
    } else out.push({ kind: 'factor', expr: factors[i]! });
  }
  return applied ? out : undefined;
}

/**
 * Statements with the defined functions applied as calls (`2f(3)` as 2·f(3), `f'(x)` as a call of f'), so that a
 * reading shows them; a function is defined from its `f(x) = …` line on, until a binding `f = …` replaces it.
 */
export function applyDefinedFunctions(statements: readonly ProgramStatement[], source: string): ProgramStatement[] {
  const defined = new Set<string>();
  const rewrite = (expr: Expr): Expr => {
    switch (expr.kind) {
      case 'unary':
        return { ...expr, arg: rewrite(expr.arg) };
      case 'call':
        return { ...expr, args: expr.args.map(rewrite) };
      case 'differentiate':
        return { ...expr, expr: rewrite(expr.expr) };
      case 'binary': {
        const factors = expr.implicit ? appliedFactors(expr, source, (name) => defined.has(name)) : undefined;
        if (!factors) return { ...expr, left: rewrite(expr.left), right: rewrite(expr.right) };
        const items = factors.map((factor) => (factor.kind === 'factor' ? rewrite(factor.expr) : call(factor)));
        const product = items.slice(1).reduce((left, right) => binary('*', left, right, true, right.span), items[0]!);
        return wrapped(expr, source) ? { ...product, span: expr.span, depth: product.depth + 1 } : product; // (2f(3)) keeps its parentheses
      }
      default:
        return expr;
    }
  };
  const call = (factor: Extract<Factor, { kind: 'apply' }>): Expr => {
    const argument = rewrite(factor.argument);
    const nameSpan = { ...factor.span, end: argument.span.offset };
    const applied: Expr = { kind: 'call', name: factor.prime ? `${factor.name}'` : factor.name, nameSpan, args: [argument], span: factor.span, depth: argument.depth + 1 };
    return factor.exponent ? binary('^', applied, rewrite(factor.exponent), false, factor.exponent.span) : applied;
  };
  return statements.map((statement) => {
    if (statement.kind === 'declare') return statement;
    const expr = defined.size === 0 ? statement.expr : rewrite(statement.expr);
    if (statement.kind === 'bind') {
      if (statement.parameters) defined.add(statement.name);
      else defined.delete(statement.name);
    }
    return { ...statement, expr };
  });
}

function binary(op: '*' | '^', left: Expr, right: Expr, implicit: boolean, opSpan: Span): Expr {
  return { kind: 'binary', op, left, right, implicit, opSpan, span: joinSpans(left.span, right.span), depth: 1 + Math.max(left.depth, right.depth) };
}
