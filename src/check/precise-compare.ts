/**
 * The last tier of the equivalence check: where float64 found two sides equal (within its tolerance) or could not
 * tell, they are evaluated again with many digits (decimal.js), at two precisions. A difference that is the same at
 * both precisions is real (0.333333333333333·x² against x²/3 differ by 1e-16 relative; 2^(t/5.1) against
 * 2^(0.196078431373·t) by 1e-13); one that shrinks with the precision is rounding. Sides with an op that has no
 * many-digit rule are left to float64.
 */
import type { Decimal } from 'decimal.js';
import type { Graph, NodeId } from '../graph/graph.js';
import { PreciseTape } from '../numeric/precise.js';
import type { Point } from '../numeric/tape.js';

/** The two precisions, in significant digits. */
const DIGITS = [50, 80] as const;
/** The higher precision, for messages. */
export const PRECISE_DIGITS = DIGITS[1];
/** A difference is real when it is this many times larger than its change between the precisions. */
const MARGIN = 1e6;

/** What many-digit arithmetic says about two nodes at some points. */
export type PreciseOutcome =
  /** `relative` is the difference over the larger side's size. */
  | { readonly verdict: 'different'; readonly point: Point; readonly left: number; readonly right: number; readonly relative: number }
  | { readonly verdict: 'equal'; readonly points: number }
  /** Some op has no many-digit rule, or no point could be decided. */
  | { readonly verdict: 'unknown' };

/** Compares `a` and `b` at the points, where the written sides `left` and `right` are defined (NaN elsewhere). */
export function comparePrecisely(graph: Graph, [left, right, a, b]: readonly [NodeId, NodeId, NodeId, NodeId], points: readonly Point[]): PreciseOutcome {
  const roots = [left, right, a, b];
  const [coarse, fine] = DIGITS.map((digits) => new PreciseTape(graph, roots, digits));
  if (!coarse!.capable || points.length === 0) return { verdict: 'unknown' };
  let decided = 0;
  for (const point of points) {
    const [rough, exact] = [coarse!.values(point)!, fine!.values(point)!];
    if (![left, right, a, b].every((id) => exact[id]!.isFinite())) continue; // outside the common domain
    const difference = exact[a]!.minus(exact[b]!);
    const change = difference.minus(rough[a]!.minus(rough[b]!)).abs();
    const scale = larger(exact[a]!.abs(), exact[b]!.abs());
    if (difference.isZero() || difference.abs().lte(change.times(MARGIN)) || difference.abs().lte(scale.times(`1e-${DIGITS[0] - 5}`))) {
      decided++;
      continue;
    }
    const relative = scale.isZero() ? 1 : difference.abs().div(scale).toNumber();
    return { verdict: 'different', point, left: exact[a]!.toNumber(), right: exact[b]!.toNumber(), relative };
  }
  return decided > 0 ? { verdict: 'equal', points: decided } : { verdict: 'unknown' };
}

/** The larger of two non-negative decimals. */
function larger(x: Decimal, y: Decimal): Decimal {
  return x.gte(y) ? x : y;
}
