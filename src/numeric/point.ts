/** Reading a point such as `x=-2, y=5, z=1/3` (the values given with --at). */
import { InputError } from '../errors.js';
import { buildProgram } from '../graph/build.js';
import { parseAssignments } from '../syntax/parse.js';
import { exprStatement } from '../syntax/tree.js';
import { evaluate } from './evaluate.js';
import type { Point } from './tape.js';

/** Parses assignments of constant expressions (`x=-2, y=pi/4`) into a point. */
export function parsePoint(text: string, sourceName = '--at'): Point {
  const point: Record<string, number> = {};
  for (const statement of parseAssignments(text, sourceName)) {
    const location = { source: text, span: statement.kind === 'bind' ? statement.nameSpan : statement.expr.span, sourceName };
    const name = statement.kind === 'bind' ? statement.name : '';
    if (name in point) throw new InputError('syntax', `${name} is given a value twice`, location);
    const program = buildProgram([exprStatement(statement.expr)], text, undefined, sourceName);
    if (program.variables.length > 0) {
      throw new InputError('syntax', `the value of ${name} must be a number, not an expression in ${program.variables.join(', ')}`, {
        ...location,
        span: statement.expr.span,
      });
    }
    point[name] = evaluate(program).value;
  }
  return point;
}
