// The rounding error of a float64 evaluation, sized independently of chainrule's own bound (Tape.forward's),
// for tests that compare two ways of computing the same number.
import { type Point } from '../src/index.js';
import { opNamed, Tape, type Graph, type NodeId } from '../src/engines.js';

/**
 * A first-order bound on the float64 rounding error in a node's value, in units of eps: each op adds its own
 * rounding (|value|) to its inputs' errors times |local derivative|. Terms that cancel in a sum keep the error of
 * the terms, so evaluating the same sum in another order may differ by this much, not by eps × the tiny result.
 */
export function roundingScale(graph: Graph, root: NodeId, point: Point): number {
  const tape = new Tape(graph, [root]);
  const values = tape.forward(point);
  const error = new Float64Array(graph.size);
  for (const id of tape.order) {
    const node = graph.node(id);
    const value = values[id]!;
    if (node.inputs.length === 0) {
      error[id] = node.op === 'var' || Number.isInteger(value) ? 0 : Math.abs(value); // exact inputs carry no error
      continue;
    }
    const args = node.inputs.map((input) => values[input]!);
    const local = opNamed(node.op).vjp(1, args, value);
    // Math.pow computes e^(b·ln a): its own error grows with |b·ln a| (13 ulps for 8.96^6.1)
    const stretch = node.op === 'pow' ? Math.abs(args[1]! * Math.log(Math.abs(args[0]!))) : 0;
    const own = Math.abs(value) * (1 + (Number.isFinite(stretch) ? stretch : 0));
    // a NaN local derivative (∂a^b/∂b for a < 0) has no size to carry: that input's error is left out
    const carried = node.inputs.map((input, i) => (error[input] ? Math.abs(local[i]!) * error[input]! : 0));
    error[id] = own + carried.filter((term) => !Number.isNaN(term)).reduce((sum, term) => sum + term, 0);
  }
  return error[root]!;
}
