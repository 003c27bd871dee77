/** Reverse mode: back-propagates float64 adjoints along the tape with each op's own vector-Jacobian product. */
import type { NodeId } from '../graph/graph.js';
import type { Tape } from './tape.js';

/** Adjoints ∂output/∂node for every node (indexed by node id). */
export interface Adjoints {
  readonly adjoint: Float64Array;
  /**
   * With `magnitudes`: the same backward pass run on |local derivatives| and |adjoints|, i.e. the size of the terms
   * summed into each adjoint. Rounding error in an adjoint is relative to this, not to the adjoint itself.
   */
  readonly magnitude?: Float64Array;
  /** With `bounds`: a first-order bound on the rounding error of every adjoint (see `backward`). */
  readonly rounding?: Float64Array;
}

/** What a backward pass computes besides the adjoints. */
export interface BackwardOptions {
  /** The size of the terms summed into each adjoint. */
  readonly magnitudes?: boolean;
  /** The forward pass's rounding bounds (`tape.forward(point, { bounds })`): a rounding bound is carried back too. */
  readonly bounds?: Float64Array;
}

const EPS = Number.EPSILON;
const LINEAR = new Set(['add', 'sub', 'neg']);

/**
 * Runs the backward pass from `output` (seeded with 1) over values from `tape.forward`. With `bounds`, a first-order
 * bound on the rounding error of every adjoint is carried back with it (through |local derivatives|), fed at each gate
 * by: each argument's forward rounding bound moved through the gate's vjp (the vjp re-evaluated with that argument off
 * by its bound: log(1 − σ(z)) for large z has lost digits, and so has its adjoint), the product's own rounding, and
 * for functions an absolute error of eps in the local derivative itself (1 − tanh² at saturation is only good to eps).
 */
export function backward(tape: Tape, values: Float64Array, output: NodeId, options: BackwardOptions = {}): Adjoints {
  const adjoint = new Float64Array(values.length);
  const magnitude = options.magnitudes ? new Float64Array(values.length) : undefined;
  const rounding = options.bounds ? new Float64Array(values.length) : undefined;
  adjoint[output] = 1;
  if (magnitude) magnitude[output] = 1;
  const { order, varying } = tape;
  for (let k = order.length - 1; k >= 0; k--) {
    const id = order[k]!;
    const upstream = adjoint[id]!;
    const ins = tape.inputsAt(k);
    if (ins.length === 0 || (upstream === 0 && !magnitude?.[id] && !rounding?.[id])) continue;
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
    if (rounding) carryRounding(tape, k, args, values[id]!, upstream, downstream, rounding, options.bounds!);
  }
  return { adjoint, magnitude, rounding };
}

/** One gate's part of the rounding bound of its inputs' adjoints (the adjoint of the gate itself is final here). */
function carryRounding(tape: Tape, k: number, args: readonly number[], out: number, upstream: number, base: readonly number[], rounding: Float64Array, bounds: Float64Array): void {
  const op = tape.opAt(k);
  const ins = tape.inputsAt(k);
  const { varying } = tape;
  const carried = rounding[tape.order[k]!]!;
  const local = op.vjp(1, args, out);
  const linear = LINEAR.has(op.name);
  const own = op.kind === 'function' ? EPS * Math.abs(upstream) : 0;
  for (let j = 0; j < ins.length; j++) {
    if (varying[ins[j]!]) rounding[ins[j]!]! += Math.abs(local[j]!) * carried + (linear ? 0 : EPS * Math.abs(base[j]!) + own);
  }
  if (linear) return; // constant local derivatives: arguments' errors do not move them
  for (let m = 0; m < ins.length; m++) {
    const bound = bounds[ins[m]!]!;
    if (!(bound > 0)) continue;
    const shifted = [...args];
    shifted[m]! += bound;
    const moved = op.vjp(upstream, shifted, op.eval(shifted));
    for (let j = 0; j < ins.length; j++) {
      const change = Math.abs(moved[j]! - base[j]!);
      if (varying[ins[j]!] && Number.isFinite(change)) rounding[ins[j]!]! += change;
    }
  }
}
