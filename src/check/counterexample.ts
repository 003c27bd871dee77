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
  const nice = NICE.map((_, shift) => Object.fromEntries(variables.map((name, i) => [name, NICE[(i + shift) % NICE.length]!])));
  // then the point found, its values rounded to 2 and 3 significant digits (x = -8000 rather than x = -8022.236764431)
  const rounded = [2, 3].map((digits) => Object.fromEntries(Object.entries(found.point).map(([name, value]) => [name, Number(value.toPrecision(digits))])));
  const bounds = new Float64Array(tape.span);
  for (const point of [...nice, ...rounded]) {
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
