/**
 * How an expression was read: functions applied without parentheses (`sin x^2`, `sin^2 x`), the warnings that
 * name the reading of an ambiguous form (`1/2x`, `2^3^2`), and the fully parenthesised text of a reading.
 */
import { InputError } from '../errors.js';
import type { Expr, ProgramStatement, Span } from './tree.js';
import { joinSpans } from './tree.js';

/** A warning about the reading of an ambiguous form: the command still runs. */
export interface NotationWarning {
  readonly message: string;
  readonly span: Span;
}

/** `warning: … (line L, column C)`, as printed on standard error. */
export function formatWarning(warning: NotationWarning, sourceName?: string): string {
  const inName = sourceName ? ` of ${sourceName}` : '';
  return `warning: ${warning.message} (line ${warning.span.line}, column ${warning.span.col}${inName})`;
}

/** Whether the user wrote parentheses around `expr` (a parenthesised node keeps its inner node with a wider span). */
function wrapped(expr: Expr, source: string): boolean {
  if (expr.kind === 'binary') return expr.span.offset !== expr.left.span.offset;
  return source[expr.span.offset] === '(';
}

const text = (expr: Expr, source: string): string => source.slice(expr.span.offset, expr.span.end);

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
      case 'binary': {
        if (expr.implicit && !wrapped(expr, source)) return chain(expr);
        const left = rewrite(expr.left);
        const right = rewrite(expr.right);
        return left === expr.left && right === expr.right ? expr : { ...expr, left, right, depth: 1 + Math.max(left.depth, right.depth) };
      }
      default:
        return expr;
    }
  };
  const chain = (expr: Extract<Expr, { kind: 'binary' }>): Expr => {
    const factors: Expr[] = [];
    let node: Expr = expr;
    while (node.kind === 'binary' && node.implicit && (node === expr || !wrapped(node, source))) {
      factors.unshift(node.right);
      node = node.left;
    }
    factors.unshift(node);
    const rewritten = factors.map(rewrite);
    if (!rewritten.some((factor, i) => head(factor) && i + 1 < rewritten.length)) {
      return rewritten.every((f, i) => f === factors[i]) ? expr : product(rewritten, expr);
    }
    const apply = (i: number): [Expr, number] => {
      const found = head(rewritten[i]!);
      if (!found || i + 1 >= rewritten.length) return [rewritten[i]!, i + 1];
      let argument: Expr;
      let next: number;
      if (head(rewritten[i + 1]!)) [argument, next] = apply(i + 1);
      else {
        next = i + 1;
        while (next < rewritten.length && !head(rewritten[next]!)) next++;
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
    return product(out, expr);
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

/** Warnings for ambiguous forms whose reading this language fixes: `1/2x` (read (1/2)·x) and `2^3^2` (read 2^(3^2)). */
export function notationWarnings(statements: readonly ProgramStatement[], source: string): NotationWarning[] {
  const warnings: NotationWarning[] = [];
  const visit = (expr: Expr): void => {
    if (expr.kind === 'binary') {
      const { left, right } = expr;
      if (expr.implicit && !wrapped(expr, source) && left.kind === 'binary' && left.op === '/' && !wrapped(left, source)) {
        const form = text(expr, source);
        const other = `${text(left.left, source)}/(${source.slice(left.right.span.offset, right.span.end)})`;
        warnings.push({ message: `read ${form} as (${text(left, source)})·${text(right, source)}; write ${other} if you meant to divide by the whole product`, span: expr.span });
      }
      if (expr.op === '^' && !wrapped(expr, source) && right.kind === 'binary' && right.op === '^' && !wrapped(right, source) && source[expr.opSpan.offset] === '^') {
        const form = text(expr, source);
        warnings.push({ message: `read ${form} as ${text(left, source)}^(${text(right, source)}); write (${text(left, source)}^${text(right.left, source)})^${text(right.right, source)} if you meant the other grouping`, span: expr.span });
      }
      visit(left);
      visit(right);
    } else if (expr.kind === 'unary') visit(expr.arg);
    else if (expr.kind === 'call') expr.args.forEach(visit);
  };
  for (const statement of statements) if (statement.kind !== 'declare') visit(statement.expr);
  return warnings;
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

/** One line per statement: `name = reading`, a bare reading, or a declaration as written. */
export function statementReading(statement: ProgramStatement): string {
  if (statement.kind === 'declare') return `${statement.name}: ${statement.dims}`;
  return statement.kind === 'bind' ? `${statement.name} = ${reading(statement.expr)}` : reading(statement.expr);
}
