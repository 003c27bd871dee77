/** Whether two symbolic derivatives of a program agree: the same node, or the same values at sampled points. */
import type { NodeId } from '../graph/graph.js';
import type { Program } from '../graph/program.js';
import { Tape } from '../numeric/tape.js';
import { relativeError } from './compare.js';
import { sampleDomain } from './sample.js';

/** How two derivatives compare: one node, equal values at `points` sampled points, different, or not comparable. */
export type Agreement = 'identical' | 'numerically equal' | 'differs' | 'unchecked';

/** Compares two derivatives of the program's output (the forward and the reverse accumulation, say). */
export function sameDerivative(program: Program, a: NodeId, b: NodeId): { agreement: Agreement; points: number } {
  if (a === b) return { agreement: 'identical', points: 0 };
  const { points } = sampleDomain(program.graph, program.variables, [program.output, a, b], 3, 7);
  if (points.length === 0) return { agreement: 'unchecked', points: 0 };
  const tape = new Tape(program.graph, [a, b]);
  const agree = points.every((point) => {
    const values = tape.forward(point);
    return relativeError(values[a]!, values[b]!) <= 1e-9;
  });
  return { agreement: agree ? 'numerically equal' : 'differs', points: points.length };
}
