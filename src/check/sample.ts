/** Random points from the domain of a program, away from kinks, where every method can be used. */
import type { Program } from '../graph/build.js';
import type { NodeId } from '../graph/graph.js';
import { Tape, type Point } from '../numeric/tape.js';
import { seededRandom } from './random.js';

/** Points found, or why none could be. */
export interface Sample {
  readonly points: readonly Point[];
  /** Set when fewer points than asked for were found. */
  readonly shortfall?: string;
}

/** Kinks closer than this (in the kink's own argument) make a point unusable for finite differences. */
const KINK_MARGIN = 1e-3;

/**
 * Draws up to `count` points where the program and the `extra` nodes (derivatives) are finite and no kink is
 * near. Values are 3 significant digits, of magnitude 0.1 to 10 with either sign, widening as attempts fail.
 */
export function samplePoints(program: Program, count: number, extra: readonly NodeId[] = [], seed = 1): Sample {
  const tape = new Tape(program.graph, [program.output, ...extra]);
  const random = seededRandom(seed);
  const points: Point[] = [];
  const maxAttempts = 200 + 40 * count;
  for (let attempt = 0; attempt < maxAttempts && points.length < count; attempt++) {
    const spread = 1 + Math.floor(attempt / 50); // decades of magnitude on each side of 1
    const point: Record<string, number> = {};
    for (const name of program.variables) {
      const magnitude = 10 ** ((random() * 2 - 1) * spread);
      const sign = attempt % 3 === 0 || random() < 0.5 ? 1 : -1;
      point[name] = Number((sign * magnitude).toPrecision(3));
    }
    const values = tape.forward(point);
    if (tape.firstProblem(values)) continue;
    if (extra.some((id) => !Number.isFinite(values[id]!))) continue;
    if (tape.kinkValues(values).some((kink) => Math.abs(kink.value) < KINK_MARGIN)) continue;
    points.push(point);
    if (program.variables.length === 0) break;
  }
  if (points.length >= count || (program.variables.length === 0 && points.length === 1)) return { points };
  const shortfall =
    points.length === 0
      ? `no point of the domain could be sampled in ${maxAttempts} tries`
      : `only ${points.length} of ${count} points could be sampled from the domain`;
  return { points, shortfall };
}
