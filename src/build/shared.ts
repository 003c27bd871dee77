/** What building scalar programs and lowering tensor programs share: the operators, the constants, the errors. */
import { InputError, type ErrorKind } from '../errors.js';
import type { OpDef } from '../ops/types.js';
import { parseDecimal } from '../ops/exact.js';
import { suggestions } from '../syntax/suggest.js';
import type { Expr, Span } from '../syntax/tree.js';
import type { Graph, NodeId } from '../graph/graph.js';

/** The text a syntax tree was read from, for error messages. */
export interface Source {
  readonly text: string;
  readonly name?: string;
}

/** The names that are constants, not variables. */
export const CONSTANTS: ReadonlySet<string> = new Set(['pi', 'e']);

/** The scalar op of each binary operator (on scalars, `.*` and `./` are `*` and `/`). */
export const SCALAR_OPS: Readonly<Record<Extract<Expr, { kind: 'binary' }>['op'], string>> = { '+': 'add', '-': 'sub', '*': 'mul', '/': 'div', '^': 'pow', '.*': 'mul', './': 'div', '.^': 'pow' };

/**
 * "unknown function", with the closest known names (`known`) as a hint; a one-letter name (or a constant) given several
 * arguments, `g(2, x)`, is a function never defined, since such a name before one parenthesis multiplies.
 */
export function unknownFunction(expr: Extract<Expr, { kind: 'call' }>, source: Source, known: readonly string[]): InputError {
  if (expr.args.length > 1 && (expr.name.length === 1 || CONSTANTS.has(expr.name))) {
    const written = source.text.slice(expr.span.offset, expr.span.end);
    const count = expr.args.length;
    const parameters = (count <= 3 ? ['x', 'y', 'z'].slice(0, count) : Array.from({ length: count }, (_, i) => `x${i + 1}`)).join(', ');
    const multiply = `to multiply, write ${expr.name}*(…) around one expression`;
    if (CONSTANTS.has(expr.name)) return inputError('unknown-function', `${written} applies the constant ${expr.name} to ${count} arguments`, source, expr.span, multiply);
    const hint = `define it on a line before, as in ${expr.name}(${parameters}) = …; ${multiply}`;
    return inputError('unknown-function', `${written} applies ${expr.name} to ${count} arguments, but no function ${expr.name} is defined`, source, expr.span, hint);
  }
  const near = suggestions(expr.name, known);
  const hint = near.length > 0 ? `did you mean ${near.join(' or ')}?` : `the functions are: ${[...known].sort().join(', ')}; to multiply, write ${expr.name}*(…)`;
  return inputError('unknown-function', `unknown function "${expr.name}"`, source, expr.nameSpan, hint);
}

/** Rejects a call with too few or too many arguments for `op` (trailing arguments with defaults may be left out). */
export function checkArity(op: OpDef, expr: Extract<Expr, { kind: 'call' }>, source: Source): void {
  const least = op.arity[0] - (op.defaults?.length ?? 0);
  const most = op.arity[1];
  if (expr.args.length < least || expr.args.length > most) {
    const wanted = least === most ? `${least}` : most === Number.POSITIVE_INFINITY ? `at least ${least}` : `${least} or ${most}`;
    const plural = most === 1 ? 'argument' : 'arguments';
    throw inputError('arity', `${expr.name} takes ${wanted} ${plural}, but was given ${expr.args.length}`, source, expr.span, `write it as ${usage(expr.name, op.params ?? ['x'], least)}`);
  }
}

/** Constant nodes for the trailing arguments of `op` a call left out (given `count` arguments). */
export function defaultArguments(graph: Graph, op: OpDef, count: number): NodeId[] {
  const defaults = op.defaults ?? [];
  const least = op.arity[0] - defaults.length;
  const nodes: NodeId[] = [];
  for (let i = count; i < op.arity[0]; i++) nodes.push(graph.intern('const', [], { value: parseDecimal(defaults[i - least]!) }));
  return nodes;
}

/** The error for a transpose of a scalar: `'` and `^T` transpose only declared tensors. */
export function notTransposable(arg: Expr, source: Source): InputError {
  const text = source.text.slice(arg.span.offset, arg.span.end);
  return inputError(
    'syntax',
    `cannot transpose ${text}: it is a scalar`,
    source,
    arg.span,
    `' transposes a declared matrix or vector (W: 4x3 declares one); derivatives such as f'(x) are written in claims (chainrule check)`,
  );
}

/** An input error pointing at a span of a source. */
export function inputError(kind: ErrorKind, message: string, source: Source, span: Span, hint?: string): InputError {
  return new InputError(kind, message, { source: source.text, span, sourceName: source.name }, hint);
}

/** `log(x) or log(x, b)` */
function usage(name: string, params: readonly string[], least: number): string {
  const full = `${name}(${params.join(', ')})`;
  return least === params.length ? full : `${name}(${params.slice(0, least).join(', ')}) or ${full}`;
}
