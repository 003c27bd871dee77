/** Finite differences: central differences with a step scaled to the input, improved by Richardson extrapolation. */
import type { NodeId } from '../graph/graph.js';
import type { Point, Tape } from './tape.js';

const EPS = Number.EPSILON;

/** A derivative estimated from values alone, with an estimate of its error. */
export interface Estimate {
  readonly value: number;
  /** Truncation error estimate: the extrapolated value minus the finer central difference. */
  readonly truncation: number;
  /** Rounding error bound: (a few eps × |f|, or the bound on f's own rounding error if larger) / step. */
  readonly noise: number;
}

/** Steps tried, each a quarter of the last, when truncation error dominates (rapidly varying functions). */
const REFINEMENTS = 5;

/**
 * d f/dt at t by central differences D(h), D(h/2) combined as (4·D(h/2) − D(h))/3, starting from
 * h ≈ eps^(1/3)·max(1, |t|) and shrinking h while the truncation estimate exceeds the rounding noise;
 * the estimate with the smallest total error is returned.
 */
export function richardson(f: (t: number) => number, t: number, valueError = 0): Estimate {
  let best: Estimate | undefined;
  let rough = Math.cbrt(EPS) * Math.max(1, Math.abs(t));
  for (let k = 0; k < REFINEMENTS; k++, rough /= 4) {
    const estimate = extrapolate(f, t, rough, valueError);
    if (!best || estimate.truncation + estimate.noise < best.truncation + best.noise) best = estimate;
    if (!(estimate.truncation > estimate.noise)) break;
  }
  return best!;
}

function extrapolate(f: (t: number) => number, t: number, rough: number, valueError: number): Estimate {
  const h = t + rough - t; // a step that is exactly representable next to t
  const half = t + h / 2 - t;
  const fph = f(t + h);
  const fmh = f(t - h);
  const fph2 = f(t + half);
  const fmh2 = f(t - half);
  const coarse = (fph - fmh) / (2 * h);
  const fine = (fph2 - fmh2) / (2 * half);
  const value = fine + (fine - coarse) / 3; // (4·fine − coarse)/3, without overflowing near the largest float64
  const scale = Math.max(Math.abs(fph), Math.abs(fmh), Math.abs(fph2), Math.abs(fmh2));
  // f's values may carry more than a few ulps of rounding error (log(1 - 1e-11) loses digits): use its bound then
  return { value, truncation: Math.abs(value - fine), noise: Math.max(8 * EPS * scale, 4 * valueError) / half };
}

/** The largest points richardson() evaluates at around t (smaller steps stay between them): where to look for kinks. */
export function stencil(t: number): number[] {
  const rough = Math.cbrt(EPS) * Math.max(1, Math.abs(t));
  const h = t + rough - t;
  const half = t + h / 2 - t;
  return [t + h, t - h, t + half, t - half];
}

/** The smallest step richardson() takes around t: a periodic function must not turn far within it. */
export function finestStep(t: number): number {
  const finest = (Math.cbrt(EPS) * Math.max(1, Math.abs(t))) / 4 ** (REFINEMENTS - 1) / 2;
  return t + finest - t;
}

/** Whether a step moves a periodic function's argument through a sizeable part of its period (or float64 cannot take a smaller one). */
export function turnsWithin(step: number, at: number, period: number): boolean {
  return !(step < period / 16) || !(at + period / 16 - at > 0);
}

/** The first index at which quantities that are zero at a kink (or a pole) differ in sign between two points; −1 for none. */
export function signChangeAt(center: ArrayLike<number>, moved: ArrayLike<number>): number {
  for (let i = 0; i < center.length; i++) if (Math.sign(center[i]!) !== Math.sign(moved[i]!)) return i;
  return -1;
}

/** Whether quantities that are zero at a kink (or a pole) are zero at t, or change sign within the stencil around it. */
export function stencilCrosses(t: number, quantitiesAt: (point: number) => ArrayLike<number>): boolean {
  const center = quantitiesAt(t);
  return Array.prototype.some.call(center, (value: number) => value === 0) || stencil(t).some((point) => signChangeAt(center, quantitiesAt(point)) >= 0);
}

/** Result for one variable: an estimate, or the reason there is none. */
export type FiniteResult = { readonly estimate: Estimate } | { readonly skipped: string; readonly node?: NodeId };

/** ∂output/∂variable at a point by finite differences, or why it cannot be estimated there (a kink within the step). */
export function finiteDifference(tape: Tape, point: Point, output: NodeId, variable: string): FiniteResult {
  const at = point[variable]!;
  const bounds = new Float64Array(tape.graph.size);
  const centerValues = tape.forward(point, { bounds });
  const center = tape.kinkValues(centerValues);
  const onKink = center.find((kink) => kink.value === 0);
  if (onKink) return { skipped: 'the point lies exactly on a kink', node: onKink.node };
  const moved = tape.forward({ ...point, [variable]: at + finestStep(at) });
  const centerArgs = tape.periodicArguments(centerValues);
  const turning = tape.periodicArguments(moved).find((arg, i) => turnsWithin(Math.abs(arg.value - centerArgs[i]!.value), centerArgs[i]!.value, arg.period));
  if (turning) {
    const argument = centerArgs.find((arg) => arg.node === turning.node)!.value;
    const op = tape.graph.node(turning.node).op;
    const period = { [2 * Math.PI]: '2π', [Math.PI]: 'π' }[turning.period] ?? String(turning.period);
    return { skipped: `finite differences cannot be used: their smallest step moves the argument of ${op} (${argument.toPrecision(3)}) by more than a sixteenth of its period (${period})`, node: turning.node };
  }
  const poles = tape.poleValues(centerValues);
  for (const t of stencil(at)) {
    const values = tape.forward({ ...point, [variable]: t });
    if (Number.isNaN(values[output]!)) return { skipped: 'the function is undefined within the step around this point' };
    if (!Number.isFinite(values[output]!)) return { skipped: 'the function overflows float64 within the step around this point' };
    const kinks = tape.kinkValues(values);
    const crossed = signChangeAt(center.map((kink) => kink.value), kinks.map((kink) => kink.value));
    if (crossed >= 0) return { skipped: 'a kink lies within the step around this point', node: kinks[crossed]!.node };
    const movedPoles = tape.poleValues(values);
    const pole = signChangeAt(poles.map((found) => found.value), movedPoles.map((found) => found.value));
    if (pole >= 0) return { skipped: 'a pole (where the function or its slope is infinite) lies within the step around this point', node: movedPoles[pole]!.node };
  }
  const estimate = richardson((t) => tape.forward({ ...point, [variable]: t })[output]!, at, bounds[output]!);
  return { estimate };
}
