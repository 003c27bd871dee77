/** Reading a point such as `x=-2, y=5, z=1/3` (the values given with --at, or after `at` in a claim). */
import { InputError } from '../errors.js';
import { GraphBuilder, type Source } from '../graph/build.js';
import { parseAssignments } from '../syntax/parse.js';
import type { Statement } from '../syntax/tree.js';
import { domainError } from './evaluate.js';
import { Tape, type Point } from './tape.js';

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
    const builder = new GraphBuilder();
    const node = builder.expression(statement.expr, source);
    if (builder.variables.length > 0) {
      const message = `the value of ${name} must be a number, not an expression in ${builder.variables.join(', ')}`;
      throw new InputError('syntax', message, { source: source.text, span: statement.expr.span, sourceName: source.name });
    }
    const tape = new Tape(builder.graph, [node]);
    const values = tape.forward({});
    const problem = tape.firstProblem(values);
    if (problem) {
      throw domainError({ source: source.text, sourceName: source.name, spans: builder.spans }, problem);
    }
    point[name] = values[node]!;
  }
  return point;
}
