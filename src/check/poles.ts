/**
 * Values that float64 gives but mathematics does not: tan(π/2) is 1.6·10¹⁶ in float64 because π/2 is rounded, yet tan
 * has no value there. An expression at an exact point (a constant, or a point whose values are exact) is checked
 * for such poles before its float64 value is trusted.
 */
import type { NodeId } from '../graph/graph.js';
import { poleAtPiMultiple } from '../symbolic/pi-multiples.js';
import type { Simplifier } from '../symbolic/simplify.js';

/** Why a constant expression has no value (`tan is not defined at π/2`), when a function of it has a pole there. */
export function exactPole(algebra: Simplifier, node: NodeId): string | undefined {
  const graph = algebra.graph;
  for (const id of graph.ancestors([algebra.simplify(node)])) {
    const { op, inputs } = graph.node(id);
    if (inputs.length !== 1 || !['tan', 'sec', 'cot', 'csc'].includes(op)) continue;
    const turns = algebra.piMultiple(inputs[0]!);
    if (turns && poleAtPiMultiple(op, turns)) return `${op} is not defined at ${piText(turns.n, turns.d)}`;
  }
  return undefined;
}

/** n/d·π as written by hand: 0, π, 3π, π/2, 3π/2, −π/2. */
function piText(n: bigint, d: bigint): string {
  if (n === 0n) return '0';
  const sign = n < 0n ? '−' : '';
  const magnitude = n < 0n ? -n : n;
  return `${sign}${magnitude === 1n ? '' : magnitude}π${d === 1n ? '' : `/${d}`}`;
}
