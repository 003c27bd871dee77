/**
 * Whether two expressions are equal, in tiers: symbolically (the difference simplifies to 0; a nonzero constant
 * difference rejects, exactly), then in float64 at random points of the domain and at probe points where a
 * difference hides (probe.ts), then with many digits where float64 agreed or could not tell (precise-compare.ts).
 * Numbers alone can reject (with a counterexample), and accept only when every decidable point agrees.
 */
import type Fraction from 'fraction.js';
import type { Graph, NodeId } from '../graph/graph.js';
import { Tape, type Point } from '../numeric/tape.js';
import { substituteAll, variableNodes } from '../graph/substitute.js';
import type { Simplifier } from '../symbolic/simplify.js';
import { comparePointPrecisely, comparePrecisely, preciseTapes, PRECISE_DIGITS, type PointOutcome, type PreciseOutcome, type PrecisePoint } from './precise-compare.js';
import { probePoints, smallPoints } from './probe.js';
import { seededRandom } from './random.js';
import { sampleDomain } from './sample.js';

/** A point where two expressions differ, with both values (NaN where one is undefined). */
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
  /** Why the verdict is unknown, or a fact about it (the left side is undefined where the right one is not). */
  readonly reason?: string;
}

/** Options for a comparison. */
export interface CompareOptions {
  /** Points to compare at (default 16). */
  readonly points?: number;
  readonly seed?: number;
  /** Relative tolerance for numeric agreement, on top of each side's rounding error (default 1e-9). */
  readonly tolerance?: number;
  /**
   * Nodes whose domain is where the comparison happens (default: both sides, i.e. their common domain). For a
   * derivative claim it is the function and its derivative: the claim must be defined wherever they are.
   */
  readonly domain?: readonly NodeId[];
  /** What to call the two sides in a note about their domains (default: the left side, the right side). */
  readonly sides?: readonly [string, string];
}

/** Points (of those float64 found equal, and of those it could not decide) evaluated again with many digits. */
const PRECISE_POINTS = 6;
/** Fewer agreeing points than this cannot accept. */
const MINIMUM_POINTS = 3;
/** A point is decidable when the sides' rounding error is below this share of their size (or of 1). */
const DECIDABLE = 1e-6;

/** The outcome of comparing two values at one point, given bounds on their rounding errors. */
export function compareValues(left: number, right: number, leftError: number, rightError: number, tolerance = 1e-9): 'equal' | 'different' | 'undecidable' {
  // NaN is undefined (outside the domain); ±∞ is only too large for float64, which decides nothing
  if (Number.isNaN(left) !== Number.isNaN(right)) return 'different';
  if (!Number.isFinite(left) || !Number.isFinite(right)) return 'undecidable';
  const rounding = 4 * (leftError + rightError);
  if (rounding > DECIDABLE * Math.max(1, Math.abs(left), Math.abs(right))) return 'undecidable'; // float64 cannot tell
  return Math.abs(left - right) <= tolerance * Math.max(Math.abs(left), Math.abs(right)) + rounding ? 'equal' : 'different';
}

/** Compares two expressions of one graph, by the variables they contain. */
export function compareExpressions(algebra: Simplifier, left: NodeId, right: NodeId, options: CompareOptions = {}): Comparison {
  const graph = algebra.graph;
  // evaluate the simplified forms: exact constants are folded (10^20 + 1 − 10^20 is 1, with no rounding error)
  const a = algebra.simplify(left);
  const b = algebra.simplify(right);
  const difference = algebra.valueOf(algebra.sub(a, b));
  // an identity is compared on the common domain of its sides as written (simplifying extends domains: exp(log x)
  // becomes x); a derivative claim wherever the function and its derivative are defined
  const domain = options.domain ?? [left, right, a, b];
  const variables = variablesOf(graph, [left, right, a, b, ...domain]);
  const wanted = variables.length === 0 ? 1 : (options.points ?? 16);
  const seed = options.seed ?? 7;
  const sample = sampleDomain(graph, variables, domain, wanted, seed);
  const symbolic = a === b || difference?.n === 0n;
  // where random points cannot reach: small integers, large and small magnitudes, both sides of kinks and singularities
  // an identity is also judged at kinks (sign(x)^2 = 1 fails at 0); a derivative claim is not (its kink conventions)
  const points = symbolic ? sample.points : [...sample.points, ...probePoints(graph, variables, [...new Set([...domain, a, b])], seed, { atKinks: !options.domain })];
  // values come from the simplified forms; whether a side is defined at all, from the side as written
  const tape = new Tape(graph, [left, right, a, b]);
  let compared = 0;
  let allZero = true;
  const agreeing: PrecisePoint[] = [];
  const undecided: PrecisePoint[] = [];
  const bounds = new Float64Array(tape.span);
  const buffer = new Float64Array(tape.span);
  const nodes = [left, right, a, b] as const;
  let made: { tapes: ReturnType<typeof preciseTapes> } | undefined; // many-digit tapes, made when first needed
  const tapesOf = () => (made ??= { tapes: preciseTapes(graph, nodes) }).tapes;
  for (const point of points) {
    const values = tape.forward(point, { bounds, into: buffer });
    const l = Number.isNaN(values[left]!) ? Number.NaN : values[a]!;
    const r = Number.isNaN(values[right]!) ? Number.NaN : values[b]!;
    let outcome = compareValues(l, r, bounds[a]!, bounds[b]!, options.tolerance);
    if (outcome === 'different' && !difference) {
      // a counterexample is confirmed with many digits (float64 underflow can make sqrt(-exp(-820)) look defined)
      const tapes = tapesOf();
      if (tapes) outcome = confirmed(comparePointPrecisely(tapes, nodes, { point, bound: bounds[a]! + bounds[b]! }), l, r);
      if (outcome === 'equal') {
        compared++;
        agreeing.push({ point, bound: bounds[a]! + bounds[b]! });
        continue;
      }
      if (outcome === 'undecidable') continue;
    }
    if (outcome === 'different' || (difference && difference.n !== 0n)) {
      const reason = Number.isNaN(l) ? 'it is undefined at a point where the other side is defined' : difference && difference.n !== 0n ? constantDifference(difference, options.sides) : undefined;
      return { verdict: 'different', method: symbolic || difference ? 'symbolic' : 'numeric', points: compared, counterexample: { point, left: l, right: r }, ...(reason ? { reason } : {}) };
    }
    if (outcome === 'undecidable') {
      undecided.push({ point, bound: bounds[a]! + bounds[b]! });
      continue;
    }
    compared++;
    agreeing.push({ point, bound: bounds[a]! + bounds[b]! });
    if (Math.abs(l) > 1e-300 || Math.abs(r) > 1e-300) allZero = false;
  }
  const note = () => (options.domain ? undefined : domainDifference(graph, left, right, seed, options.sides));
  if (symbolic && !options.domain && variables.length > 0 && sample.points.length === 0) {
    return { verdict: 'unknown', method: 'none', points: 0, reason: 'no point where both sides are defined could be sampled' };
  }
  if (symbolic) {
    const different = note();
    return { verdict: 'equal', method: 'symbolic', points: compared, ...(different ? { reason: different } : {}) };
  }
  // float64 agreed within its tolerance, or could not tell: many digits decide (0.333333333333333·x² is not x²/3)
  const checked = [...agreeing.slice(0, PRECISE_POINTS), ...undecided.slice(0, PRECISE_POINTS)];
  const precise: PreciseOutcome = checked.length > 0 ? comparePrecisely(tapesOf(), nodes, checked) : { verdict: 'unknown' }; // tapes shared with the confirmations
  if (precise.verdict === 'different') {
    const reason = `the sides differ by about ${precise.relative.toPrecision(2)} of their size here, which float64 cannot see; arithmetic with ${PRECISE_DIGITS} or more digits can`;
    return { verdict: 'different', method: 'numeric', points: compared, counterexample: { point: precise.point, left: precise.left, right: precise.right }, reason };
  }
  if (precise.verdict === 'equal') compared += Math.max(0, precise.points - Math.min(agreeing.length, PRECISE_POINTS)); // points float64 could not decide
  // sides that are 0 everywhere in float64 are trusted only when many digits agree too (1/(x-1) + 1/(1-x) = 0)
  if (precise.verdict === 'equal' && precise.points >= MINIMUM_POINTS) allZero = false;
  if (compared < Math.min(MINIMUM_POINTS, wanted)) {
    const reason =
      sample.points.length === 0 && variables.length === 0
        ? constantsUndecided(graph, a, b)
        : sample.points.length === 0
        ? 'no point where both sides are defined could be sampled'
        : compared === 0
          ? 'at every sampled point a side is too large for float64, or its rounding error too large to compare the sides'
          : `only ${compared} points where both sides are defined could be compared`;
    return { verdict: 'unknown', method: 'none', points: compared, reason };
  }
  if (allZero && variables.length > 0) {
    return { verdict: 'unknown', method: 'none', points: compared, reason: 'both sides are 0 at every sampled point, though they differ symbolically' };
  }
  const different = note();
  return { verdict: 'equal', method: 'numeric', points: compared, ...(different ? { reason: different } : {}) };
}

/** Why two constants could not be compared: a side has no value, or float64 cannot hold them (2^1e9). */
function constantsUndecided(graph: Graph, a: NodeId, b: NodeId): string {
  const tape = new Tape(graph, [a, b]);
  const values = tape.forward({});
  const problem = [a, b].some((side) => Number.isNaN(values[side]!)) ? tape.firstProblem(values) : undefined;
  if (problem) return `a side has no value: ${problem.message}`;
  return 'the sides are too large for float64, and exact arithmetic could not decide (they would need too many digits)';
}

/** Float64's outcome 'different' checked against many digits: kept, or turned into equal or undecidable. */
function confirmed(precise: PointOutcome, left: number, right: number): 'equal' | 'different' | 'undecidable' {
  if (precise.kind === 'different') return 'different';
  if (precise.kind === 'equal') return 'equal';
  if (precise.kind === 'one-undefined') return precise.leftDefined === !Number.isNaN(left) && precise.leftDefined === Number.isNaN(right) ? 'different' : 'undecidable';
  return 'undecidable'; // outside the domain after all, or too close to tell
}

/** Why two sides whose difference is a constant differ: by how much, exactly. */
function constantDifference(difference: Fraction, [left, right]: readonly [string, string] = ['the left side', 'the right side']): string {
  const exact = difference.toFraction();
  const approximate = Number(difference.valueOf().toPrecision(3));
  const written = String(approximate) === exact ? exact : `${exact} (about ${approximate})`;
  return exact.length <= 40 ? `${left} minus ${right} is exactly ${written}` : `${left} minus ${right} is a constant, about ${approximate}`;
}

/**
 * Where one side is defined and the other is not (sqrt(x-3)·sqrt(x-5) and sqrt((x-3)(x-5)) at x = 1): the sides
 * are then equal on their common domain only, which the note says.
 */
export function domainDifference(graph: Graph, left: NodeId, right: NodeId, seed: number, sides: readonly [string, string] = ['the left side', 'the right side']): string | undefined {
  const tape = new Tape(graph, [left, right]);
  const [leftName, rightName] = sides;
  const variables = variablesOf(graph, [left, right]);
  const simple = smallPoints(variables, seededRandom(seed)); // x = 0 for x/x = 1 (random points never hit it)
  for (const [side, other, name, otherName] of [[left, right, leftName, rightName], [right, left, rightName, leftName]] as const) {
    for (const sampled of [...simple, ...sampleDomain(graph, variables, [side], 8, seed).points]) {
      const round = Object.fromEntries(Object.entries(sampled).map(([name, value]) => [name, Number(value.toPrecision(3))]));
      // undefined, not only too large: NaN with no overflow on the way ((x+1)^1000 − (x+1)^1000 is ∞ − ∞ at x = 2)
      const undefinedThere = (candidate: Point) => {
        const values = tape.forward(candidate);
        return Number.isFinite(values[side]!) && Number.isNaN(values[other]!) && !tape.order.some((id) => Math.abs(values[id]!) === Number.POSITIVE_INFINITY);
      };
      const point = [round, sampled].find(undefinedThere);
      if (point) {
        const at = Object.entries(point).map(([variable, value]) => `${variable} = ${value}`).join(', ');
        return `the two sides have different domains (at ${at} ${name} is defined and ${otherName} is not); they are equal where both are defined`;
      }
    }
  }
  return undefined;
}

/** Names of the variables the nodes depend on, in order of their nodes. */
export function variablesOf(graph: Graph, roots: readonly NodeId[]): string[] {
  return graph
    .ancestors(roots)
    .map((id) => graph.node(id))
    .filter((node) => node.op === 'var')
    .map((node) => node.name!);
}

/** Two expressions compared at one point (steps of a derivative taken at a point). */
export function compareAtPoint(algebra: Simplifier, left: NodeId, right: NodeId, point: Point, exact: ReadonlyMap<string, NodeId> | undefined, sides: readonly [string, string]): Comparison {
  const graph = algebra.graph;
  if (exact && variablesOf(graph, [left, right]).every((name) => exact.has(name))) {
    // the point's exact values put in: two constants, compared exactly (sin(x) at x = pi/4 is √2/2, not its float64)
    const values = variableNodes(graph, exact);
    const [l, r] = [substituteAll(graph, left, values), substituteAll(graph, right, values)];
    const comparison = compareExpressions(algebra, l, r, { sides });
    return comparison.counterexample ? { ...comparison, counterexample: { ...comparison.counterexample, point } } : comparison;
  }
  const [a, b] = [algebra.simplify(left), algebra.simplify(right)];
  const tape = new Tape(algebra.graph, [a, b]);
  const bounds = new Float64Array(algebra.graph.size);
  const values = tape.forward(point, { bounds });
  const [l, r] = [values[a]!, values[b]!];
  const outcome = compareValues(l, r, bounds[a]!, bounds[b]!);
  if (outcome === 'different') return { verdict: 'different', method: 'numeric', points: 1, counterexample: { point, left: l, right: r } };
  // float64 agreed within its tolerance or could not tell: many digits decide (sin(1) + 1e-12 is not sin(1))
  const nodes = [left, right, a, b] as const;
  const precise = comparePrecisely(preciseTapes(graph, nodes), nodes, [{ point, bound: bounds[a]! + bounds[b]! }]);
  if (precise.verdict === 'different') {
    const reason = `the sides differ by about ${precise.relative.toPrecision(2)} of their size, which float64 cannot see; arithmetic with ${PRECISE_DIGITS} or more digits can`;
    return { verdict: 'different', method: 'numeric', points: 1, counterexample: { point, left: precise.left, right: precise.right }, reason };
  }
  if (precise.verdict === 'equal' || outcome === 'equal') return { verdict: 'equal', method: 'numeric', points: 1 };
  return { verdict: 'unknown', method: 'none', points: 0, reason: 'a value is undefined at the point, or too large to compare in float64' };
}
