/** Reverse mode: back-propagates float64 adjoints along the tape with each op's own vector-Jacobian product. */
import type { NodeId } from '../graph/graph.js';
import type { Tape } from './tape.js';

/** Adjoints ∂output/∂node for every node (indexed by node id). */
export interface Adjoints {
  readonly adjoint: Float64Array;
  /**
   * With `withMagnitudes`: the same backward pass run on |local derivatives| and |adjoints|, i.e. the size of the
   * terms summed into each adjoint. Rounding error in an adjoint is relative to this, not to the adjoint itself.
   */
  readonly magnitude?: Float64Array;
}

/** Runs the backward pass from `output` (seeded with 1) over values from `tape.forward`. */
export function backward(tape: Tape, values: Float64Array, output: NodeId, withMagnitudes = false): Adjoints {
  const adjoint = new Float64Array(values.length);
  const magnitude = withMagnitudes ? new Float64Array(values.length) : undefined;
  adjoint[output] = 1;
  if (magnitude) magnitude[output] = 1;
  const { order, varying } = tape;
  for (let k = order.length - 1; k >= 0; k--) {
    const id = order[k]!;
    const upstream = adjoint[id]!;
    const ins = tape.inputsAt(k);
    if (ins.length === 0 || (upstream === 0 && !magnitude?.[id])) continue;
    const args = new Array<number>(ins.length);
    for (let j = 0; j < ins.length; j++) args[j] = values[ins[j]!]!;
    const op = tape.opAt(k);
    const downstream = op.vjp(upstream, args, values[id]!);
    const sizes = magnitude ? op.vjp(magnitude[id]!, args, values[id]!) : undefined;
    for (let j = 0; j < ins.length; j++) {
      const input = ins[j]!;
      if (!varying[input]) continue;
      adjoint[input]! += downstream[j]!; // a node feeding several others: the copy gate adds
      if (magnitude) magnitude[input]! += Math.abs(sizes![j]!);
    }
  }
  return { adjoint, magnitude };
}
