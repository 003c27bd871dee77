/**
 * How an expression was read: functions applied without parentheses (`sin x^2`, `sin^2 x`) and the fully
 * parenthesised text of a reading (the warnings about ambiguous forms are in ambiguity.ts).
 */
import { InputError } from '../errors.js';
import { delimited } from './claim.js';
import type { Expr, ProgramStatement, Span } from './tree.js';
import { joinSpans } from './tree.js';

/** A warning about the reading of an ambiguous form: the command still runs. */
export interface NotationWarning {
  readonly message: string;
  readonly span: Span;
}

/** `warning: … (line L, column C)`, as printed on standard error. */
export function formatWarning(warning: NotationWarning, sourceName?: string): string {
  return `warning: ${describeWarning(warning, sourceName)}`;
}

/** `… (line L, column C)`: a warning's message and where it is, for lists that say "warning" themselves. */
export function describeWarning(warning: NotationWarning, sourceName?: string): string {
  const inName = sourceName ? ` of ${sourceName}` : '';
  return `${warning.message} (line ${warning.span.line}, column ${warning.span.col}${inName})`;
}

/** Whether the user wrote parentheses around `expr` (a parenthesised node keeps its inner node with a wider span). */
export function wrapped(expr: Expr, source: string): boolean {
  if (expr.kind === 'binary') return expr.span.offset !== expr.left.span.offset;
  return '([|'.includes(source[expr.span.offset] ?? ' ');
}

/** The source text of an expression, as written. */
export const text = (expr: Expr, source: string): string => source.slice(expr.span.offset, expr.span.end);

/** The factors of an implicit product, left to right (`2 sin x` → 2, sin, x); parenthesised products are one factor. */
export function implicitFactors(expr: Expr, source: string): Expr[] {
  const factors: Expr[] = [];
  let node: Expr = expr;
  while (node.kind === 'binary' && node.implicit && (node === expr || !wrapped(node, source))) {
    factors.unshift(node.right);
    node = node.left;
  }
  factors.unshift(node);
  return factors;
}

/**
 * Reads functions written without parentheses, as textbooks do: a function name in an implicit product takes the
 * factors after it up to the next function name (`sin 2x` = sin(2x), `sin x cos x` = sin(x)·cos(x), `sin x^2` =
 * sin(x²)), and `sin^2 x` is (sin x)². Other statements are returned unchanged; warnings are added to `warnings`.
 */
export function applyBareFunctions(
  statements: readonly ProgramStatement[],
  source: string,
  isFunction: (name: string) => boolean,
  warnings: NotationWarning[],
  sourceName?: string,
): ProgramStatement[] {
  const head = (expr: Expr): { name: Extract<Expr, { kind: 'name' }>; exponent?: Expr; power?: Extract<Expr, { kind: 'binary' }> } | undefined => {
    if (wrapped(expr, source)) return undefined;
    if (expr.kind === 'name' && isFunction(expr.name)) return { name: expr };
    if (expr.kind === 'binary' && expr.op === '^' && expr.left.kind === 'name' && isFunction(expr.left.name) && !wrapped(expr.left, source)) {
      return { name: expr.left, exponent: expr.right, power: expr };
    }
    return undefined;
  };
  const rewrite = (expr: Expr): Expr => {
    switch (expr.kind) {
      case 'unary': {
        const arg = rewrite(expr.arg);
        return arg === expr.arg ? expr : { ...expr, arg, depth: arg.depth + 1 };
      }
      case 'call': {
        const args = expr.args.map(rewrite);
        return args.every((a, i) => a === expr.args[i]) ? expr : { ...expr, args, depth: 1 + Math.max(0, ...args.map((a) => a.depth)) };
      }
      case 'differentiate': {
        const operand = rewrite(expr.expr);
        return operand === expr.expr ? expr : { ...expr, expr: operand, depth: operand.depth + 1 };
      }
      case 'binary': {
        if (expr.implicit) return chain(expr);
        const reassociated = explicitBeforeFunction(expr);
        if (reassociated) return rewrite(reassociated);
        const left = rewrite(expr.left);
        const right = rewrite(expr.right);
        return left === expr.left && right === expr.right ? expr : { ...expr, left, right, depth: 1 + Math.max(left.depth, right.depth) };
      }
      default:
        return expr;
    }
  };
  /** A rewritten product keeps the parentheses written around it: (sin x) is one factor of what is outside. */
  const keepParentheses = (result: Expr, like: Expr): Expr => (wrapped(like, source) ? { ...result, span: like.span, depth: result.depth + 1 } : result);
  /**
   * `x³·cos x`, `2 tan x · sec²x`: the grammar reads them as (x³·cos)·x; the function after an explicit * or / takes
   * the factors written after it, as it would at the start of a product: x³·(cos x).
   */
  const explicitBeforeFunction = (expr: Extract<Expr, { kind: 'binary' }>): Expr | undefined => {
    const factors = expr.implicit ? implicitFactors(expr, source) : [];
    const first = factors[0];
    if (!first || first.kind !== 'binary' || first.implicit || !['*', '/', '.*', './'].includes(first.op) || wrapped(first, source) || !head(first.right)) return undefined;
    const right = product([first.right, ...factors.slice(1)], expr);
    return { ...first, right, span: joinSpans(first.span, right.span), depth: 1 + Math.max(first.left.depth, right.depth) };
  };
  /** `-csc x cot x`: the grammar reads it as ((−csc)·x)·cot·x; the sign applies to the whole product, −(csc x cot x). */
  const signBeforeFunction = (expr: Extract<Expr, { kind: 'binary' }>): Expr | undefined => {
    const factors = implicitFactors(expr, source);
    const first = factors[0];
    if (!first || first.kind !== 'unary' || wrapped(first, source) || !head(first.arg) || wrapped(expr, source)) return undefined;
    const arg = product([first.arg, ...factors.slice(1)], expr);
    return { ...first, arg, span: joinSpans(first.span, arg.span), depth: arg.depth + 1 };
  };
  /**
   * d/dx takes the factors written after it up to the next function, as a function without parentheses does:
   * `d/dx 3x^2` = d/dx (3x^2), `d/dx cos^3(2x)` = d/dx (cos^3 (2x)); an operand in brackets takes nothing more.
   */
  const absorbOperands = (factors: readonly Expr[]): Expr[] => {
    const out: Expr[] = [];
    for (let i = 0; i < factors.length; i++) {
      const factor = factors[i]!;
      if (factor.kind !== 'differentiate' || factor.variable === undefined || delimited(factor.expr, source) || i + 1 >= factors.length) {
        out.push(factor);
        continue;
      }
      const run = [factor.expr, ...factors.slice(i + 1)];
      const nextFunction = run.findIndex((item, k) => k > 0 && stops(item));
      const taken = run.slice(0, head(factor.expr) ? extent(run, 0) : nextFunction < 0 ? run.length : nextFunction);
      if (taken.length === 1) {
        out.push(factor);
        continue;
      }
      const operand = product(taken, factor.expr);
      if (!head(factor.expr)) {
        const operator = source.slice(factor.operatorSpan.offset, factor.operatorSpan.end);
        warnings.push({ message: `read ${operator} ${text(operand, source)} as ${operator} (${text(operand, source)}); write the parentheses to say so`, span: joinSpans(factor.span, operand.span) });
      }
      out.push({ ...factor, expr: operand, span: joinSpans(factor.span, operand.span), depth: operand.depth + 1 });
      i += taken.length - 1;
    }
    return out;
  };
  /** Where the application of the function at `items[i]` ends (as `apply` below takes its argument). */
  const extent = (items: readonly Expr[], i: number): number => {
    if (i + 1 >= items.length) return i + 1;
    if (head(items[i + 1]!)) return extent(items, i + 1);
    if (wrapped(items[i + 1]!, source)) return i + 2;
    let next = i + 1;
    while (next < items.length && !stops(items[next]!)) next++;
    return next;
  };
  /** A function's argument without parentheses ends before the next function, applied or not (`sin x cos(x)`). */
  const stops = (factor: Expr): boolean => head(factor) !== undefined || (factor.kind === 'call' && isFunction(factor.name)) || factor.kind === 'differentiate';
  const chain = (expr: Extract<Expr, { kind: 'binary' }>): Expr => {
    const reassociated = explicitBeforeFunction(expr) ?? signBeforeFunction(expr);
    if (reassociated) return rewrite(reassociated);
    const written = implicitFactors(expr, source);
    const factors = absorbOperands(written);
    if (factors.length === 1) return keepParentheses(rewrite(factors[0]!), expr);
    const rewritten = factors.map(rewrite);
    if (!rewritten.some((factor, i) => head(factor) && i + 1 < rewritten.length)) {
      const unchanged = rewritten.length === written.length && rewritten.every((f, i) => f === written[i]);
      return unchanged ? expr : keepParentheses(product(rewritten, expr), expr);
    }
    const apply = (i: number): [Expr, number] => {
      const found = head(rewritten[i]!);
      if (!found || i + 1 >= rewritten.length) return [rewritten[i]!, i + 1];
      let argument: Expr;
      let next: number;
      if (head(rewritten[i + 1]!)) [argument, next] = apply(i + 1);
      else if (wrapped(rewritten[i + 1]!, source)) [argument, next] = [rewritten[i + 1]!, i + 2]; // sin^2(2x) y: the parenthesis is the argument
      else {
        next = i + 1;
        while (next < rewritten.length && !stops(rewritten[next]!)) next++;
        argument = product(rewritten.slice(i + 1, next), expr);
      }
      return [application(found, argument), next];
    };
    const out: Expr[] = [];
    for (let i = 0; i < rewritten.length; ) {
      const [node, next] = apply(i);
      out.push(node);
      i = next;
    }
    return keepParentheses(product(out, expr), expr);
  };
  const application = (found: NonNullable<ReturnType<typeof head>>, argument: Expr): Expr => {
    const nameSpan = found.name.span;
    const call: Expr = { kind: 'call', name: found.name.name, nameSpan, args: [argument], span: joinSpans(nameSpan, argument.span), depth: argument.depth + 1 };
    const f = found.name.name;
    const form = source.slice(nameSpan.offset, argument.span.end);
    if (found.exponent && found.power) {
      if (found.exponent.kind === 'unary' && found.exponent.op === '-') {
        throw new InputError('syntax', `${form} could mean the inverse function or a reciprocal`, { source, span: joinSpans(nameSpan, argument.span), sourceName }, `write a${f}(…) for the inverse function or 1/${f}(…) for the reciprocal`);
      }
      const power: Expr = { kind: 'binary', op: '^', left: call, right: found.exponent, implicit: false, opSpan: found.power.opSpan, span: call.span, depth: 1 + Math.max(call.depth, found.exponent.depth) };
      warnings.push({ message: `read ${form} as ${reading(power)} (a power of ${f}); write ${f}(${f}(…)) for a composition`, span: call.span });
      return power;
    }
    const simple = argument.kind === 'name' || argument.kind === 'number' || wrapped(argument, source);
    if (!simple) {
      const other = argument.kind === 'binary' && argument.op === '^' ? `${f}(${text(argument.left, source)})^${text(argument.right, source)}` : `${f}(…) with parentheses`;
      warnings.push({ message: `read ${form} as ${reading(call)}; write ${other} to say otherwise`, span: call.span });
    }
    return call;
  };
  /** The implicit product of factors, left to right (opSpan of each product: its right factor, as the grammar makes). */
  const product = (items: readonly Expr[], like: Expr): Expr =>
    items.slice(1).reduce<Expr>(
      (left, right) => ({ kind: 'binary', op: '*', left, right, implicit: true, opSpan: right.span, span: joinSpans(left.span, right.span), depth: 1 + Math.max(left.depth, right.depth) }),
      items[0] ?? like,
    );
  return statements.map((statement) => (statement.kind === 'declare' ? statement : { ...statement, expr: rewrite(statement.expr) }));
}

/** The fully parenthesised text of an expression: every operation in parentheses, except the outermost. */
export function reading(expr: Expr): string {
  const inner = (e: Expr): string => {
    switch (e.kind) {
      case 'number':
        return e.text;
      case 'name':
        return e.name;
      case 'derivative':
        return `d${e.name}/d${e.variable}`;
      case 'differentiate':
        return e.variable === undefined ? `(${reading(e.expr)})'` : `d/d${e.variable}(${reading(e.expr)})`;
      case 'call':
        return e.name === "'" ? `${inner(e.args[0]!)}'` : `${e.name}(${e.args.map(reading).join(', ')})`;
      case 'unary':
        return `(${e.op}${inner(e.arg)})`;
      case 'binary':
        return `(${inner(e.left)}${e.op}${inner(e.right)})`;
    }
  };
  const shown = inner(expr);
  return (expr.kind === 'binary' || expr.kind === 'unary') && shown.startsWith('(') ? shown.slice(1, -1) : shown;
}

/** One line per statement: `name = reading` (`f(x) = reading` for a function), a bare reading, or a declaration as written. */
export function statementReading(statement: ProgramStatement): string {
  if (statement.kind === 'declare') return `${statement.name}: ${statement.dims}`;
  if (statement.kind === 'expr') return reading(statement.expr);
  return `${statement.name}${statement.parameters ? `(${statement.parameters.join(', ')})` : ''} = ${reading(statement.expr)}`;
}
