/**
 * Whether two expressions are equal: first symbolically (the difference simplifies to 0), then numerically at
 * random points of their common domain, away from kinks. Numbers alone can reject (with a counterexample), and
 * accept only when every sampled point agrees.
 */
import type { Graph, NodeId } from '../graph/graph.js';
import { Tape, type Point } from '../numeric/tape.js';
import type { Simplifier } from '../symbolic/simplify.js';
import { sampleDomain } from './sample.js';

/** A point where two expressions differ, with both values. */
export interface Counterexample {
  readonly point: Point;
  readonly left: number;
  readonly right: number;
}

/** The outcome of comparing two expressions. */
export interface Comparison {
  readonly verdict: 'equal' | 'different' | 'unknown';
  /** How the verdict was reached. */
  readonly method: 'symbolic' | 'numeric' | 'none';
  /** Points at which both sides were compared. */
  readonly points: number;
  readonly counterexample?: Counterexample;
  /** Why the verdict is unknown. */
  readonly reason?: string;
}

/** Options for a comparison. */
export interface CompareOptions {
  /** Points to compare at (default 16). */
  readonly points?: number;
  readonly seed?: number;
  /** Relative tolerance for numeric agreement, on top of each side's rounding error (default 1e-9). */
  readonly tolerance?: number;
}

/** Fewer agreeing points than this cannot accept. */
const MINIMUM_POINTS = 3;

/** Compares two expressions of one graph, by the variables they contain. */
export function compareExpressions(algebra: Simplifier, left: NodeId, right: NodeId, options: CompareOptions = {}): Comparison {
  const graph = algebra.graph;
  const a = algebra.simplify(left);
  const b = algebra.simplify(right);
  const difference = algebra.sub(a, b);
  if (a === b || algebra.valueOf(difference)?.n === 0n) return { verdict: 'equal', method: 'symbolic', points: 0 };

  const variables = variablesOf(graph, [left, right]);
  const wanted = variables.length === 0 ? 1 : (options.points ?? 16);
  const sample = sampleDomain(graph, variables, [left, right], wanted, options.seed ?? 7);
  const tape = new Tape(graph, [left, right]);
  const tolerance = options.tolerance ?? 1e-9;
  for (const point of sample.points) {
    const bounds = new Float64Array(graph.size);
    const values = tape.forward(point, { bounds });
    const [l, r] = [values[left]!, values[right]!];
    const rounding = 4 * (bounds[left]! + bounds[right]!);
    if (Math.abs(l - r) > tolerance * Math.max(Math.abs(l), Math.abs(r)) + rounding) {
      return { verdict: 'different', method: 'numeric', points: sample.points.length, counterexample: { point, left: l, right: r } };
    }
  }
  if (sample.points.length < Math.min(MINIMUM_POINTS, wanted)) {
    const reason = sample.points.length === 0 ? 'no point where both sides are defined could be sampled' : `only ${sample.points.length} points where both sides are defined could be sampled`;
    return { verdict: 'unknown', method: 'none', points: sample.points.length, reason };
  }
  return { verdict: 'equal', method: 'numeric', points: sample.points.length };
}

/** Names of the variables the nodes depend on, in order of their nodes. */
export function variablesOf(graph: Graph, roots: readonly NodeId[]): string[] {
  return graph
    .ancestors(roots)
    .map((id) => graph.node(id))
    .filter((node) => node.op === 'var')
    .map((node) => node.name!);
}
