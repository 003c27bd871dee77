/** Evaluating a program at a point, with the errors a user can act on: a missing value, a value outside a domain. */
import { InputError } from '../errors.js';
import type { Program } from '../graph/program.js';
import type { NodeId } from '../graph/graph.js';
import { formatNumber, Tape, type Point, type Problem } from './tape.js';

/** The output's value and the value of every binding. */
export interface Evaluation {
  readonly value: number;
  readonly bindings: readonly { readonly name: string; readonly value: number }[];
}

/** Throws a clear error naming the first variable of the program that `point` gives no value. */
export function requireValues(program: Program, point: Point): void {
  const missing = program.variables.filter((name) => point[name] === undefined || Number.isNaN(point[name]));
  if (missing.length === 0) return;
  const name = missing[0]!;
  const node = program.graph.variable(name);
  const span = program.spans.get(node);
  const example = program.variables.map((v) => `${v}=${point[v] ?? '…'}`).join(',');
  const which = missing.length === 1 ? `no value was given for ${name}` : `no values were given for ${missing.join(', ')}`;
  throw new InputError('missing-value', which, span && { source: program.source, span, sourceName: program.sourceName }, `give every variable a value: --at ${example}`);
}

/** The error for a node without a finite value, pointing at where it appears in the source. */
export function domainError(program: Pick<Program, 'source' | 'sourceName' | 'spans'>, problem: Problem): InputError {
  const span = program.spans.get(problem.node);
  return new InputError('domain', problem.message, span && { source: program.source, span, sourceName: program.sourceName });
}

/** Evaluates the program's output and bindings at a point (float64). */
export function evaluate(program: Program, point: Point = {}): Evaluation {
  requireValues(program, point);
  const targets: NodeId[] = [program.output, ...program.bindings.map((binding) => binding.node)];
  const tape = new Tape(program.graph, targets);
  const values = tape.forward(point);
  const problem = tape.firstProblem(values);
  if (problem) throw domainError(program, problem);
  return {
    value: values[program.output]!,
    bindings: program.bindings.map((binding) => ({ name: binding.name, value: values[binding.node]! })),
  };
}

export { formatNumber };
