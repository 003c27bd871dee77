/**
 * Points where two expressions that agree at random points may still differ: small integers and halves (a negative
 * base with an integer exponent: (a^b)^c against a^(bc) at a = −1, b = 2, c = 1/2), magnitudes from 10⁻⁶ to 10⁶ of
 * both signs (abs(x + 1000) − 1000 against abs(x + 1001) − 1001), and both sides of every kink and singularity,
 * found by bisection along each variable.
 */
import type { Graph, NodeId } from '../graph/graph.js';
import { Tape, type Point } from '../numeric/tape.js';
import { seededRandom } from './random.js';
import { KINK_MARGIN } from './sample.js';

/** Ops whose value at a kink is a convention rather than a fact (step(0) could be 0, 1/2 or 1). */
const CONVENTIONAL_VALUES = new Set(['step', 'round']);
/** Values tried for every variable (all combinations for up to two variables). */
const SMALL = [1, -1, 2, -2, 0.5, -0.5, 3, -3, 0];
/** The smaller set used for three variables. */
const SMALLER = [1, -1, 2, -2, 0.5, -0.5];
/** Combinations drawn at random from SMALL for four variables or more. */
const DRAWN = 120;
/** Decades probed on both sides of 0, for every variable at once. */
const DECADES = [-6, -4, -3, -2, 2, 3, 4, 6, 8, 12];
/** Where the critical quantities are scanned for a change of sign, along one variable. */
const SCAN = [0, ...[-3, -2, -1, -0.5, 0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 5, 6, 8, 10, 12].flatMap((k) => [10 ** k, -(10 ** k)])].sort((a, b) => a - b);
/** Variables scanned for kinks and singularities (the first ones of a longer list). */
const SCANNED_VARIABLES = 8;
/** Roots kept per variable. */
const ROOTS = 12;

/**
 * Probe points of the variables where every root node is finite and no kink is near; with `atKinks` (for identities,
 * whose values at a kink are as defined as anywhere: sign(x)^2 = 1 fails at 0), only kinks whose value is a convention
 * (step(0), round at halves) are kept away from.
 */
export function probePoints(graph: Graph, variables: readonly string[], roots: readonly NodeId[], seed = 7, options: { atKinks?: boolean } = {}): Point[] {
  if (variables.length === 0) return [];
  const tape = new Tape(graph, roots);
  const random = seededRandom(seed);
  const buffer = new Float64Array(tape.span);
  const avoided = (node: NodeId) => !options.atKinks || CONVENTIONAL_VALUES.has(graph.node(node).op);
  const usable = (point: Point) => {
    const values = tape.forward(point, { into: buffer });
    return roots.every((id) => Number.isFinite(values[id]!)) && !tape.firstProblem(values) && !tape.kinkValues(values).some((kink) => Math.abs(kink.value) < KINK_MARGIN && avoided(kink.node));
  };
  const base = Object.fromEntries(variables.map((name, i) => [name, 1.3 + 0.17 * i]));
  const candidates = [...smallPoints(variables, random), ...decadePoints(variables, random), ...criticalPoints(tape, variables, base)];
  return candidates.filter(usable);
}

/** Small integers and halves: every combination for up to three variables, random ones beyond. */
export function smallPoints(variables: readonly string[], random: () => number): Point[] {
  if (variables.length <= 3) {
    const values = variables.length <= 2 ? SMALL : SMALLER;
    return variables.reduce<Record<string, number>[]>((points, name) => points.flatMap((point) => values.map((value) => ({ ...point, [name]: value }))), [{}]);
  }
  return Array.from({ length: DRAWN }, () => Object.fromEntries(variables.map((name) => [name, SMALL[Math.floor(random() * SMALL.length)]!])));
}

/** Every variable about 10^k, with independent signs and mantissas, for each probed decade k. */
function decadePoints(variables: readonly string[], random: () => number): Point[] {
  return DECADES.flatMap((k) =>
    [0, 1].map(() => Object.fromEntries(variables.map((name) => [name, (random() < 0.5 ? -1 : 1) * (1 + 8 * random()) * 10 ** k]))),
  );
}

/**
 * Both sides of every kink and singularity met along each variable (the others held at `base`): where a kink's
 * quantity, a divisor, or the argument of a root or logarithm changes sign, found by bisection.
 */
function criticalPoints(tape: Tape, variables: readonly string[], base: Point): Point[] {
  const critical = criticalNodes(tape);
  if (critical.length === 0) return [];
  const points: Point[] = [];
  const buffer = new Float64Array(tape.span);
  for (const name of variables.slice(0, SCANNED_VARIABLES)) {
    const along = (value: number) => quantities(tape, critical, { ...base, [name]: value }, buffer);
    const scanned = SCAN.map((value) => ({ value, signs: along(value) }));
    const roots = new Set<number>();
    for (let i = 1; i < scanned.length && roots.size < ROOTS; i++) {
      const [lo, hi] = [scanned[i - 1]!, scanned[i]!];
      // at most ROOTS bisections in all, each of a fixed number of passes: linear in the size of the expression
      for (let q = 0; q < lo.signs.length && roots.size < ROOTS; q++) {
        const [left, right] = [lo.signs[q]!, hi.signs[q]!];
        if (left === 0) roots.add(lo.value); // the scan landed on it
        else if (Number.isFinite(left) && Number.isFinite(right) && left * right < 0) roots.add(bisect((value) => along(value)[q]!, lo.value, hi.value));
      }
    }
    for (const root of roots) {
      const scale = Math.max(1, Math.abs(root));
      // the root itself (for identities: sign(x - 1/3)^2 = 1 fails there), just beside it (a bump of width 1 at
      // x = 5000 hides between wider offsets), and a little and well away
      for (const offset of [0, 1e-5, -1e-5, 0.01, -0.01, 0.5, -0.5]) points.push({ ...base, [name]: root + offset * scale });
    }
  }
  return points;
}

/** A quantity whose sign change marks a kink or a singularity: a kinked node's kink quantities, or a guarded input's value. */
interface Critical {
  /** The kinked node's position on the tape, or −1 for a guarded input. */
  readonly position: number;
  readonly node: NodeId;
}

/** Kinked nodes, and the inputs that make a node undefined at 0 or below: divisors, and arguments of roots, logarithms and powers. */
function criticalNodes(tape: Tape): Critical[] {
  const found: Critical[] = [];
  tape.order.forEach((id, k) => {
    if (!tape.varying[id]) return;
    const op = tape.opAt(k);
    const inputs = tape.inputsAt(k);
    if (op.kinks) found.push({ position: k, node: id });
    const guarded = op.name === 'div' ? inputs[1] : op.domain ? inputs[0] : undefined;
    if (guarded !== undefined && tape.varying[guarded]) found.push({ position: -1, node: guarded });
  });
  return found;
}

/** The critical quantities at a point, in a fixed order. */
function quantities(tape: Tape, critical: readonly Critical[], point: Point, buffer: Float64Array): number[] {
  const values = tape.forward(point, { into: buffer });
  const found: number[] = [];
  for (const { position, node } of critical) {
    if (position < 0) found.push(values[node]!);
    else found.push(...tape.opAt(position).kinks!(tape.inputsAt(position).map((input) => values[input]!)));
  }
  return found;
}

/** A root of f between a and b, where f changes sign. */
function bisect(f: (value: number) => number, a: number, b: number): number {
  let [lo, hi, fLo] = [a, b, f(a)];
  for (let i = 0; i < 80 && lo < (lo + hi) / 2 && (lo + hi) / 2 < hi; i++) {
    const mid = (lo + hi) / 2;
    const value = f(mid);
    if (!Number.isFinite(value) || value === 0) return mid; // an exact zero: the kink itself, in float64
    if (value * fLo <= 0) hi = mid;
    else [lo, fLo] = [mid, value];
  }
  return f(hi) === 0 ? hi : lo; // down to neighbouring doubles
}
