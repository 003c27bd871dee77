/** Random points from the domain of some expressions, away from kinks, where every method can be used. */
import type { Program } from '../graph/program.js';
import type { Graph, NodeId } from '../graph/graph.js';
import { Tape, type Point } from '../numeric/tape.js';
import { seededRandom } from './random.js';

/** Points found, or why fewer than asked for could be. */
export interface Sample {
  readonly points: readonly Point[];
  /** Set when fewer points than asked for were found. */
  readonly shortfall?: string;
}

/** Kinks closer than this (in the kink's own argument) make a point unusable for finite differences. */
export const KINK_MARGIN = 1e-3;

/** Points where the program's output and the `extra` nodes (derivatives) are finite and no kink is near. */
export function samplePoints(program: Program, count: number, extra: readonly NodeId[] = [], seed = 1): Sample {
  return sampleDomain(program.graph, program.variables, [program.output, ...extra], count, seed);
}

/**
 * Up to `count` points where every root is finite and no kink is near. Values have magnitude 0.1 to 10 and either
 * sign at first (3 significant digits on every other try, full precision otherwise), the range widening by a decade each way every 50 failed tries (for domains
 * such as x > 20); every third try keeps all values positive (for domains such as x > 0).
 */
export function sampleDomain(graph: Graph, variables: readonly string[], roots: readonly NodeId[], count: number, seed = 1): Sample {
  const tape = new Tape(graph, roots);
  const random = seededRandom(seed);
  const points: Point[] = [];
  const buffer = new Float64Array(tape.span);
  const maxAttempts = 200 + 40 * count;
  let attempt = 0;
  for (; attempt < maxAttempts && points.length < count; attempt++) {
    const spread = 1 + Math.floor(attempt / 50);
    const point: Record<string, number> = {};
    for (const name of variables) {
      const magnitude = 10 ** ((random() * 2 - 1) * spread);
      const sign = attempt % 3 === 0 || random() < 0.5 ? 1 : -1;
      // every other point at full precision, so that periodic functions cannot alias on a grid of round numbers
      point[name] = attempt % 2 === 0 ? Number((sign * magnitude).toPrecision(3)) : sign * magnitude;
    }
    const values = tape.forward(point, { into: buffer });
    if (roots.some((id) => !Number.isFinite(values[id]!))) continue;
    if (tape.firstProblem(values)) continue; // a gate outside its domain that the root hides (NaN^0 is 1 in float64)
    if (tape.kinkValues(values).some((kink) => Math.abs(kink.value) < KINK_MARGIN)) continue;
    points.push(point);
    if (variables.length === 0) break;
  }
  if (points.length >= count || (variables.length === 0 && points.length === 1)) return { points };
  const shortfall =
    points.length === 0
      ? `no point of the domain could be sampled in ${attempt} tries`
      : `only ${points.length} of ${count} points could be sampled from the domain`;
  return { points, shortfall };
}
