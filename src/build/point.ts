/**
 * Reading a point such as `x=-2, y=5, z=1/3, w=pi/4` (the values given with --at, or after `at` in a claim): each
 * value is a constant expression, evaluated here with the op records' own float64 rules.
 */
import { InputError } from '../errors.js';
import { functionNamed, opNamed } from '../ops/index.js';
import { parseDecimal } from '../ops/exact.js';
import type { Point } from '../graph/program.js';
import { parseAssignments } from '../syntax/parse.js';
import type { Expr, Span, Statement } from '../syntax/tree.js';
import { checkArity, inputError, SCALAR_OPS, type Source } from './shared.js';

/** Parses assignments of constant expressions (`x=-2, y=pi/4`) into a point. */
export function parsePoint(text: string, sourceName = '--at'): Point {
  return pointOf(parseAssignments(text, sourceName), { text, name: sourceName });
}

/** The point given by parsed assignments; each value must be a constant expression. */
export function pointOf(assignments: readonly Statement[], source: Source): Point {
  const point: Record<string, number> = {};
  for (const statement of assignments) {
    const name = statement.kind === 'bind' ? statement.name : '';
    const span = statement.kind === 'bind' ? statement.nameSpan : statement.expr.span;
    if (name in point) throw new InputError('syntax', `${name} is given a value twice`, { source: source.text, span, sourceName: source.name });
    const names = namesIn(statement.expr);
    if (names.length > 0) throw inputError('syntax', `the value of ${name} must be a number, not an expression in ${names.join(', ')}`, source, statement.expr.span);
    point[name] = constantValue(statement.expr, source);
  }
  return point;
}

/** The names other than constants an expression uses, in order of first appearance. */
function namesIn(expr: Expr): string[] {
  const found = new Set<string>();
  const visit = (node: Expr): void => {
    if (node.kind === 'name' && node.name !== 'pi' && node.name !== 'e') found.add(node.name);
    if (node.kind === 'unary') visit(node.arg);
    if (node.kind === 'binary') [node.left, node.right].forEach(visit);
    if (node.kind === 'call') node.args.forEach(visit);
  };
  visit(expr);
  return [...found];
}

/** The float64 value of a constant expression; a part without one (outside a domain, too large) is an error there. */
function constantValue(expr: Expr, source: Source): number {
  const finite = (value: number, span: Span, reason: () => string): number => {
    if (Number.isFinite(value)) return value;
    throw new InputError('domain', reason(), { source: source.text, span, sourceName: source.name });
  };
  switch (expr.kind) {
    case 'number': {
      const exact = literal(expr.text, expr.span);
      const digits = exact.n.toString().length - exact.d.toString().length;
      return finite(exact.valueOf(), expr.span, () => `a number of about 10^${digits} is too large for float64 (the largest is about 1.8e308)`);
    }
    case 'name':
      return expr.name === 'pi' ? Math.PI : Math.E; // namesIn let only the constants through
    case 'unary':
      return expr.op === '-' ? -constantValue(expr.arg, source) : constantValue(expr.arg, source);
    case 'binary':
      return applied(SCALAR_OPS[expr.op], [constantValue(expr.left, source), constantValue(expr.right, source)], expr.span);
    case 'call': {
      const op = functionNamed(expr.name);
      if (!op) throw inputError('unknown-function', `unknown function "${expr.name}"`, source, expr.nameSpan);
      checkArity(op, expr, source);
      const given = expr.args.map((arg) => constantValue(arg, source));
      const defaults = (op.defaults ?? []).slice(given.length - (op.arity[0] - (op.defaults?.length ?? 0))).map((text) => parseDecimal(text).valueOf());
      return applied(op.name, [...given, ...defaults], expr.span);
    }
    default:
      throw inputError('syntax', 'a derivative is not a number', source, expr.span, 'give the value as a number, as in x=2');
  }

  function literal(text: string, span: Span) {
    try {
      return parseDecimal(text);
    } catch (error) {
      throw inputError('syntax', (error as Error).message, source, span); // 1e2000: beyond the numbers accepted
    }
  }

  function applied(name: string, args: readonly number[], span: Span): number {
    const op = opNamed(name);
    return finite(op.eval(args), span, () => op.domain?.(args) ?? `${op.name}(${args.join(', ')}) is too large for float64`);
  }
}
