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
/** Digits added for the written constants, at most (a 400-digit constant is checked with 480 digits). */
const MAX_EXTRA_DIGITS = 400;
/** The higher precision, for messages (more when the constants need it). */
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

/** A point to compare at, with float64's bound on the rounding error of each side there (∞ when unknown). */
export interface PrecisePoint {
  readonly point: Point;
  readonly bound: number;
}

/** What many digits say at one point: both sides defined and equal or different, or outside the domain, or undecidable. */
export type PointOutcome =
  | { readonly kind: 'equal' | 'undecidable' | 'undefined' }
  | { readonly kind: 'different'; readonly left: number; readonly right: number; readonly relative: number }
  /** Exactly one side as written is undefined. */
  | { readonly kind: 'one-undefined'; readonly leftDefined: boolean };

/** Many-digit tapes of the four nodes of a comparison (the sides as written, then simplified), or undefined when some op has no many-digit rule. */
export function preciseTapes(graph: Graph, roots: readonly [NodeId, NodeId, NodeId, NodeId]): readonly [PreciseTape, PreciseTape] | undefined {
  // a written constant needs its own digits and more: (1 + 10^-70)·exp(x) is exp(x) to 50 digits
  const written = graph.ancestors(roots).reduce((most, id) => {
    const value = graph.node(id).value;
    return value ? Math.max(most, value.n.toString().length + value.d.toString().length) : most;
  }, 0);
  const extra = Math.min(written, MAX_EXTRA_DIGITS);
  const [coarse, fine] = DIGITS.map((digits) => new PreciseTape(graph, roots, digits + extra));
  return coarse!.capable ? [coarse!, fine!] : undefined;
}

/**
 * Compares `a` and `b` at one point, where the written sides `left` and `right` must be defined. A difference is
 * real when it stays as the precision grows and stands above the rounding float64's bound predicts at this
 * precision (cosh(x) + sinh(x) at x = −528 cancels 10^229 to 10^−229: 80 digits cannot tell it from exp(x)).
 */
export function comparePointPrecisely(tapes: readonly [PreciseTape, PreciseTape], [left, right, a, b]: readonly [NodeId, NodeId, NodeId, NodeId], at: PrecisePoint): PointOutcome {
  const [rough, exact] = [tapes[0].values(at.point)!, tapes[1].values(at.point)!];
  const [leftDefined, rightDefined] = [left, right].map((id) => exact[id]!.isFinite());
  if (!leftDefined && !rightDefined) return { kind: 'undefined' };
  if (!leftDefined || !rightDefined) return { kind: 'one-undefined', leftDefined: leftDefined! };
  if (!exact[a]!.isFinite() || !exact[b]!.isFinite()) return { kind: 'undecidable' };
  const difference = exact[a]!.minus(exact[b]!);
  if (difference.isZero()) return { kind: 'equal' };
  const change = difference.minus(rough[a]!.minus(rough[b]!)).abs();
  // float64's bound, scaled from its 16 digits to the coarse tape's (its digits and 10 guard digits)
  const noise = Number.isFinite(at.bound) ? at.bound * 10 ** (16 - tapes[0].digits - 10) : 0;
  const size = difference.abs();
  if (size.lte(change.times(MARGIN))) return { kind: 'equal' };
  if (size.lte(noise * MARGIN)) return { kind: 'undecidable' };
  const scale = larger(exact[a]!.abs(), exact[b]!.abs());
  return { kind: 'different', left: exact[a]!.toNumber(), right: exact[b]!.toNumber(), relative: scale.isZero() ? 1 : size.div(scale).toNumber() };
}

/** Compares `a` and `b` at the points with the tapes of preciseTapes, where the written sides `left` and `right` are defined (others are skipped). */
export function comparePrecisely(tapes: readonly [PreciseTape, PreciseTape] | undefined, nodes: readonly [NodeId, NodeId, NodeId, NodeId], points: readonly PrecisePoint[]): PreciseOutcome {
  if (!tapes || points.length === 0) return { verdict: 'unknown' };
  let decided = 0;
  for (const at of points) {
    const outcome = comparePointPrecisely(tapes, nodes, at);
    if (outcome.kind === 'equal') decided++;
    if (outcome.kind === 'different') return { verdict: 'different', point: at.point, left: outcome.left, right: outcome.right, relative: outcome.relative };
  }
  return decided > 0 ? { verdict: 'equal', points: decided } : { verdict: 'unknown' };
}

/** The larger of two non-negative decimals. */
function larger(x: Decimal, y: Decimal): Decimal {
  return x.gte(y) ? x : y;
}
