/** Counterexamples a student can check by hand: the two sides compared at simple values first. */
import type { Graph, NodeId } from '../graph/graph.js';
import { Tape } from '../numeric/tape.js';
import { compareValues, variablesOf, type Counterexample } from './equivalence.js';
import { KINK_MARGIN } from './sample.js';

/** Small numbers a student can check by hand, tried before a random counterexample is shown. */
const NICE = [1.5, 2, 0.5, 3, -1, 2.5, -2, 1];

/**
 * A counterexample at a point with simple values (x = 1.5, y = 2), when the two sides differ there too: values of
 * the simplified forms, where the claim as written is defined.
 */
export function niceCounterexample(graph: Graph, written: NodeId, claimed: NodeId, correct: NodeId, found: Counterexample) {
  const variables = variablesOf(graph, [written, correct]);
  const tape = new Tape(graph, [written, claimed, correct]);
  for (let shift = 0; shift < NICE.length; shift++) {
    const point = Object.fromEntries(variables.map((name, i) => [name, NICE[(i + shift) % NICE.length]!]));
    const bounds = new Float64Array(graph.size);
    const values = tape.forward(point, { bounds });
    if (tape.kinkValues(values).some((kink) => Math.abs(kink.value) < KINK_MARGIN) || !Number.isFinite(values[written]!)) continue;
    const [left, right] = [values[claimed]!, values[correct]!];
    const decided = compareValues(left, right, bounds[claimed]!, bounds[correct]!) === 'different';
    if (decided && Number.isFinite(left) && Number.isFinite(right) && Math.abs(left - right) > 1e-6 * Math.max(Math.abs(left), Math.abs(right))) {
      return { point, claimed: left, correct: right };
    }
  }
  return { point: found.point, claimed: found.left, correct: found.right };
}
