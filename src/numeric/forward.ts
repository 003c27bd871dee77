/** Forward (tangent) mode: d node/d variable for every node of a tape, from each op's own local derivatives. */
import type { NodeId } from '../graph/graph.js';
import type { Tape } from './tape.js';

/** What a gate's tangent is made from, at one point. */
export interface Gate {
  readonly args: readonly number[];
  readonly out: number;
  /** ∂gate/∂input for each input. */
  readonly local: readonly number[];
  /** d input/dx for each input. */
  readonly dots: readonly number[];
}

/** One gate whose tangent is computed by another rule (a diagnosis tries a student's mistaken rule there). */
export interface GateRule {
  readonly node: NodeId;
  readonly tangent: (gate: Gate) => number;
}

/** d node/d variable for every node on the tape (indexed by node id), with one gate's rule replaced, if given. */
export function tangents(tape: Tape, values: Float64Array, variable: string, replaced?: GateRule): Float64Array {
  const graph = tape.graph;
  const dot = new Float64Array(graph.size);
  tape.order.forEach((id, k) => {
    const node = graph.node(id);
    if (node.op === 'var') {
      dot[id] = node.name === variable ? 1 : 0;
      return;
    }
    const inputs = tape.inputsAt(k);
    if (inputs.length === 0 || !inputs.some((input) => dot[input] !== 0 || replaced?.node === id)) return;
    const args = inputs.map((input) => values[input]!);
    const out = values[id]!;
    const local = tape.opAt(k).vjp(1, args, out); // the op's vjp with upstream 1 is its row of local derivatives
    const dots = inputs.map((input) => dot[input]!);
    dot[id] = replaced?.node === id ? replaced.tangent({ args, out, local, dots }) : local.reduce((sum, l, i) => (dots[i] === 0 ? sum : sum + l * dots[i]!), 0);
  });
  return dot;
}
