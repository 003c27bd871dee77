/**
 * The MLP cross-check: the vectorized engine's gradient against (a) reverse mode on the scalar graph of the same
 * loss, parameter by parameter, (b) per-coordinate finite differences on a sample of coordinates, and (c) random
 * directions: ∇L·v against a Richardson-improved central difference of L along v, at O(1) forward passes, so that
 * it works for a 784-256-128-10 network as well as for a 2-2-1 one.
 */
import { seededRandom } from '../check/random.js';
import { richardson, signChangeAt, stencil, type Estimate } from '../numeric/finite.js';
import { classIndices } from './losses.js';
import { forwardPass, gradientsOf, type ForwardPass } from './mlp.js';
import { ACTIVATIONS, type Network } from './network.js';
import { functionNamed } from '../ops/index.js';
import { scalarGradient, scalarGraphSize, variableNames } from './graph.js';
import type { Batch, Gradients, Parameters } from './tensor.js';

/** A gradient engine under test: the loss and ∂L/∂ every parameter (gradientsOf by default). */
export type GradientEngine = (network: Network, params: Parameters, batch: Batch) => { loss: number; gradients: Gradients };

/** Options of checkGradients. */
export interface MlpCheckOptions {
  /** Seed of the sampled coordinates and random directions (default 1). */
  readonly seed?: number;
  /** Random directions v over every parameter (default 1), besides the gradient's own and one within each W and b. */
  readonly directions?: number;
  /** W and b tensors given a random direction of their own (default 64: all of them up to 32 layers, a seeded sample beyond). */
  readonly tensorDirections?: number;
  /** Coordinates checked one by one by finite differences (default 24; all when there are fewer). */
  readonly coordinates?: number;
  /** Largest scalar graph built for the reverse-mode check (default 200,000 nodes). */
  readonly maxScalarNodes?: number;
  /** Largest forward pass (batch × Σ units·inputs multiply-adds) for per-coordinate differences (default 200,000). */
  readonly maxCoordinateWork?: number;
  /** Vectorized vs scalar reverse mode (default 1e-10), and vs finite differences (default 1e-6), relative. */
  readonly tolerances?: { readonly reverse?: number; readonly finite?: number };
  /** The gradient under test (default: the vectorized engine's gradientsOf). */
  readonly engine?: GradientEngine;
}

/** One value the vectorized engine and a reference disagree on. */
export interface Mismatch {
  /** The parameter (W2_1_3, b1_2) or the direction (the gradient direction, random direction 1, a random direction in W2). */
  readonly where: string;
  readonly vectorized: number;
  readonly reference: number;
  readonly relativeError: number;
}

/** Vectorized gradient vs reverse mode on the scalar graph, every parameter. */
export interface ScalarReverseCheck {
  readonly agree: boolean;
  readonly maxRelativeError: number;
  readonly parameters: number;
  /** How many parameters disagree; `mismatches` lists the worst few. */
  readonly disagreements: number;
  readonly mismatches: readonly Mismatch[];
  /** Why the check did not run (the scalar graph would be too large). */
  readonly skipped?: string;
}

/** Vectorized gradient vs central differences, coordinate by coordinate. */
export interface FiniteCheck {
  readonly agree: boolean;
  /** Coordinates compared (those where finite differences were usable). */
  readonly coordinates: number;
  readonly maxRelativeError: number;
  readonly disagreements: number;
  readonly mismatches: readonly Mismatch[];
  /** Sampled coordinates where finite differences were not usable (a kink within the step), with why. */
  readonly unusable: readonly string[];
  readonly skipped?: string;
}

/** ∇L·v vs the central difference of L along v. */
export interface DirectionalCheck {
  readonly agree: boolean;
  /** Directions compared (those where finite differences were usable). */
  readonly directions: number;
  readonly maxRelativeError: number;
  readonly disagreements: number;
  readonly mismatches: readonly Mismatch[];
  readonly unusable: readonly string[];
}

/** How the vectorized gradient agreed with each reference. */
export interface MlpCheck {
  /** No reference disagreed. */
  readonly agree: boolean;
  /** At least one reference was compared (false when every one was skipped or met a kink: nothing was checked). */
  readonly verified: boolean;
  /** The loss from the engine, and from the scalar graph when it was built. */
  readonly loss: { readonly vectorized: number; readonly scalar?: number; readonly agree: boolean };
  readonly scalarReverse: ScalarReverseCheck;
  readonly finiteDifferences: FiniteCheck;
  readonly directional: DirectionalCheck;
  readonly notes: readonly string[];
}

const EPS = Number.EPSILON;
const SHOWN = 5;
/** Activations with a kink at z = 0. */
/** Activations with a kink, as their op records say. */
const KINKED = new Set(ACTIVATIONS.filter((name) => functionNamed(name)?.kinks !== undefined));

/** Cross-checks the vectorized gradient of `network`'s loss on `batch` at `params` three ways. */
export function checkGradients(network: Network, params: Parameters, batch: Batch, options: MlpCheckOptions = {}): MlpCheck {
  const reverseTolerance = options.tolerances?.reverse ?? 1e-10;
  const random = seededRandom(options.seed ?? 1);
  const { loss, gradients } = (options.engine ?? gradientsOf)(network, params, batch);
  const gradient = flatten(gradients);
  const theta = flatten(params);
  const evaluate = evaluator(network, params, batch);
  const center = evaluate(theta);
  const notes: string[] = [];

  const scalar = scalarReverse(network, params, batch, gradient, reverseTolerance, options.maxScalarNodes ?? 200_000);
  const lossAgree = scalar.loss === undefined || relativeError(scalar.loss, loss, 0, 2 * scalar.lossError!, reverseTolerance) <= reverseTolerance;
  if (!lossAgree) notes.push(`the loss differs: the engine gives ${loss}, the scalar graph ${scalar.loss}`);
  if (!Number.isFinite(loss)) notes.push(`the loss is not finite (${loss}): no gradient to check`);
  const probe: Probe = {
    evaluate,
    center,
    theta,
    gradient,
    scale: scalar.magnitude,
    allowance: scalar.rounding?.map((bound) => 2 * bound),
    tolerance: options.tolerances?.finite ?? 1e-6,
    valueError: Math.max(scalar.lossError ?? 0, EPS * Math.abs(center.loss) * roundingGrowth(network, batch)),
  };

  const work = batch.x.cols * network.layers.reduce((sum, layer) => sum + layer.units * layer.inputs, 0);
  const finite: FiniteCheck =
    work > (options.maxCoordinateWork ?? 200_000)
      ? { agree: true, coordinates: 0, maxRelativeError: 0, disagreements: 0, mismatches: [], unusable: [], skipped: `a forward pass takes ${work} multiply-adds: the random-direction check stands in` }
      : withCount(lineCheck(probe, coordinateLines(network, gradients, options.coordinates ?? 24, random)), 'coordinates');
  const tensors = network.layers.length * 2, sampled = Math.min(tensors, options.tensorDirections ?? 64);
  const directional: DirectionalCheck = withCount(lineCheck(probe, randomDirections(network, gradient, options.directions ?? 1, sampled, random)), 'directions');
  if (sampled < tensors) notes.push(`random directions inside ${sampled} of the ${tensors} weight and bias tensors (a seeded sample, to bound the time)`);

  if (scalar.check.skipped) notes.push(`scalar reverse mode skipped: ${scalar.check.skipped}`);
  if (finite.skipped) notes.push(`per-coordinate finite differences skipped: ${finite.skipped}`);
  if (finite.unusable.length > 0) notes.push(`finite differences not usable here for ${finite.unusable.length} coordinate(s): ${finite.unusable.slice(0, SHOWN).join('; ')}`);
  if (directional.unusable.length > 0) notes.push(`finite differences not usable here along ${directional.unusable.length} direction(s): ${directional.unusable.slice(0, SHOWN).join('; ')}`);
  const agree = lossAgree && Number.isFinite(loss) && scalar.check.agree && finite.agree && directional.agree;
  const verified = scalar.check.skipped === undefined || finite.coordinates > 0 || directional.directions > 0;
  return { agree, verified, loss: { vectorized: loss, scalar: scalar.loss, agree: lossAgree }, scalarReverse: scalar.check, finiteDifferences: finite, directional, notes };
}

/** One line: how the three methods agreed. */
export function checkSummaryText(check: MlpCheck): string {
  const { scalarReverse: s, finiteDifferences: f, directional: d } = check;
  const error = (value: number) => `max rel. error ${value.toExponential(1)}`;
  const tally = (part: { agree: boolean; disagreements: number }, count: number, what: string) => (part.agree ? `on all ${count} ${what}` : `at ${part.disagreements} of ${count} ${what}`);
  const parts = [s.skipped ? 'scalar reverse mode skipped (graph too large)' : `scalar reverse mode ${s.agree ? 'agrees' : 'DISAGREES'} ${tally(s, s.parameters, 'parameters')} (${error(s.maxRelativeError)})`];
  if (!f.skipped) {
    const none = `finite differences not usable at any of the ${f.unusable.length} sampled coordinates (kinks)`;
    parts.push(f.coordinates === 0 && f.unusable.length > 0 ? none : `finite differences ${f.agree ? 'agree' : 'DISAGREE'} ${tally(f, f.coordinates, 'sampled coordinates')} (${error(f.maxRelativeError)})`);
  }
  const none = `directional derivatives not checked: finite differences not usable along any of the ${d.unusable.length} directions (kinks)`;
  parts.push(d.directions === 0 && d.unusable.length > 0 ? none : `directional derivatives ${d.agree ? 'agree' : 'DISAGREE'} ${tally(d, d.directions, 'directions')} (${error(d.maxRelativeError)})`);
  const worst = [...s.mismatches, ...f.mismatches, ...d.mismatches][0];
  const head = !check.agree
    ? `gradients DISAGREE${worst ? ` at ${worst.where}` : check.loss.agree ? '' : ' on the loss'}`
    : check.verified === false
      ? 'gradients not verified: nothing could be compared'
      : 'gradients agree';
  const unusable = f.unusable.length + d.unusable.length;
  return `${head}: ${parts.join('; ')}${unusable > 0 ? `; finite differences not usable at ${unusable} kink(s)` : ''}`;
}

/** The loss and the kink quantities (zero where the loss is not differentiable) at flattened parameters. */
type Evaluation = { readonly loss: number; readonly kinks: Float64Array };

/** Evaluates the engine's forward pass at flattened parameters. */
function evaluator(network: Network, params: Parameters, batch: Batch): (theta: Float64Array) => Evaluation {
  return (theta) => {
    const forward = forwardPass(network, unflatten(params, theta), batch);
    return { loss: forward.loss, kinks: kinkValues(network, forward, batch) };
  };
}

/** Zero exactly at a kink: pre-activations of relu/leaky_relu/elu layers, ŷ − y for mae, margins for hinge. */
function kinkValues(network: Network, forward: ForwardPass, batch: Batch): Float64Array {
  const parts: Float64Array[] = [];
  for (const layer of forward.layers) if (KINKED.has(layer.activation.name)) parts.push(layer.z.data);
  const output = forward.output;
  if (network.loss === 'mae') parts.push(output.data.map((value, k) => value - batch.y.data[k]!));
  if (network.loss === 'hinge') {
    const margins: number[] = [];
    const labels = classIndices(batch);
    for (let e = 0; e < output.cols; e++) {
      const label = labels[e]!;
      for (let k = 0; k < output.rows; k++) if (k !== label) margins.push(output.data[k * output.cols + e]! - output.data[label * output.cols + e]! + 1);
    }
    parts.push(Float64Array.from(margins));
  }
  const all = new Float64Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    all.set(part, offset);
    offset += part.length;
  }
  return all;
}

/** Reverse mode on the scalar graph, compared with the engine's gradient entry by entry. */
function scalarReverse(network: Network, params: Parameters, batch: Batch, gradient: Float64Array, tolerance: number, maxNodes: number) {
  const size = scalarGraphSize(network, batch.x.cols);
  if (size > maxNodes) {
    const check: ScalarReverseCheck = { agree: true, maxRelativeError: 0, parameters: 0, disagreements: 0, mismatches: [], skipped: `the scalar graph would have about ${size} nodes (more than ${maxNodes})` };
    return { check };
  }
  const scalar = scalarGradient(network, params, batch);
  const names = variableNames(network);
  const mismatches: Mismatch[] = [];
  let maxRelativeError = 0;
  names.forEach((name, k) => {
    const reverse = scalar.gradient[k]!;
    const vectorized = gradient[k]!;
    const error = relativeError(vectorized, reverse, scalar.magnitude[k]!, 2 * scalar.rounding[k]!, tolerance);
    if (!(error <= tolerance)) mismatches.push({ where: name, vectorized, reference: reverse, relativeError: error });
    maxRelativeError = Math.max(maxRelativeError, error);
  });
  mismatches.sort((a, b) => b.relativeError - a.relativeError);
  const check: ScalarReverseCheck = { agree: mismatches.length === 0, maxRelativeError, parameters: names.length, disagreements: mismatches.length, mismatches: mismatches.slice(0, SHOWN) };
  return { check, loss: scalar.loss, lossError: scalar.lossError, magnitude: scalar.magnitude, rounding: scalar.rounding };
}

/**
 * |a − b| relative to max(|a|, |b|, scale, noise / tolerance): scale is the size of the terms summed to make them (a
 * value that cancels to nearly 0 is judged against its terms), noise an absolute error the methods are known to carry,
 * which the tolerance then accepts. So a and b agree (the result ≤ tolerance) when |a − b| ≤ max(tolerance · size, noise).
 */
function relativeError(a: number, b: number, scale: number, noise: number, tolerance: number): number {
  if (a === b) return 0;
  const error = Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), scale, noise / tolerance, 1e-300);
  return Number.isNaN(error) ? Infinity : error;
}

/** What the finite-difference checks share: the loss along lines through θ, and the gradient with its error scales. */
interface Probe {
  readonly evaluate: (theta: Float64Array) => Evaluation;
  readonly center: Evaluation;
  readonly theta: Float64Array;
  readonly gradient: Float64Array;
  /** The size of the terms of each gradient entry (the scalar graph's magnitudes), when known. */
  readonly scale?: Float64Array;
  /** Rounding error each gradient entry may carry (twice the scalar graph's bound), when known. */
  readonly allowance?: Float64Array;
  readonly tolerance: number;
  /** The loss's own rounding error. */
  readonly valueError: number;
}

/** How the lines compared: the number compared, the worst errors, and the unusable lines with why. */
type LineResult = { agree: boolean; compared: number; maxRelativeError: number; disagreements: number; mismatches: Mismatch[]; unusable: string[] };

/** A LineResult with its count under the name the report uses. */
function withCount<K extends 'coordinates' | 'directions'>({ compared, ...rest }: LineResult, key: K): Omit<LineResult, 'compared'> & Record<K, number> {
  return { ...rest, [key]: compared } as Omit<LineResult, 'compared'> & Record<K, number>;
}

/**
 * ∇L·v against the central difference of t ↦ L(θ + t·v) for each line (a coordinate is v = e_k): compared relative to
 * max(|∇L·v|, |estimate|, Σ max(|g_i|, terms_i)·|v_i|), or within the estimate's noise plus the gradient's rounding allowance.
 */
function lineCheck(probe: Probe, lines: Iterable<{ name: string; v: Float64Array }>): LineResult {
  const { gradient, scale, allowance } = probe;
  const result: LineResult = { agree: true, compared: 0, maxRelativeError: 0, disagreements: 0, mismatches: [], unusable: [] };
  for (const { name, v } of lines) {
    let exact = 0;
    let size = 0; // Σ|g_i v_i|: the terms of the dot product, in case they cancel
    let slack = 0;
    for (let i = 0; i < v.length; i++) {
      if (v[i] === 0) continue;
      exact += gradient[i]! * v[i]!;
      size += Math.max(Math.abs(gradient[i]!), scale?.[i] ?? 0) * Math.abs(v[i]!);
      slack += (allowance?.[i] ?? 0) * Math.abs(v[i]!);
    }
    const difference = derivativeAlong(probe, (t) => moved(probe.theta, v, t));
    const outcome = 'unusable' in difference ? difference.unusable : compare(exact, difference.estimate, size, slack, probe.tolerance);
    if (typeof outcome === 'string') {
      result.unusable.push(`${name} (${outcome})`);
      continue;
    }
    result.compared++;
    result.maxRelativeError = Math.max(result.maxRelativeError, outcome.relativeError);
    if (!outcome.agree) result.mismatches.push({ where: name, vectorized: exact, reference: outcome.finite, relativeError: outcome.relativeError });
  }
  result.disagreements = result.mismatches.length;
  result.agree = result.disagreements === 0;
  result.mismatches.sort((a, b) => b.relativeError - a.relativeError);
  result.mismatches.splice(SHOWN);
  return result;
}

type DifferenceResult = { readonly estimate: Estimate } | { readonly unusable: string };

/** Step shortenings tried (each 16× shorter) when a kink lies within the step. */
const SHORTENINGS = 3;

/**
 * d/dt L(at(t)) at t = 0 by richardson(), unless the loss is undefined within the step or a kink lies at 0 or
 * within it (the signs of the kink quantities at the stencil's points differ from those at 0): then the step is
 * shortened 16× (the derivative along a shorter direction, scaled back) a few times before giving up.
 */
function derivativeAlong(probe: Probe, at: (t: number) => Float64Array): DifferenceResult {
  const { evaluate, center, valueError } = probe;
  if (center.kinks.some((value) => value === 0)) return { unusable: 'the point lies exactly on a kink' };
  let shrink = 1;
  for (let attempt = 0; attempt < SHORTENINGS; attempt++, shrink /= 16) {
    const s = shrink;
    const seen = new Map<number, Evaluation>(); // richardson's first points are the stencil's: evaluate each once
    const cached = (t: number): Evaluation => {
      let found = seen.get(t);
      if (!found) seen.set(t, (found = evaluate(at(s * t))));
      return found;
    };
    const crossed = stencil(0).some((t) => {
      const { loss, kinks } = cached(t);
      return !Number.isFinite(loss) || signChangeAt(center.kinks, kinks) >= 0;
    });
    if (crossed) continue;
    const { value, noise, truncation } = richardson((t) => cached(t).loss, 0, valueError);
    return { estimate: { value: value / s, noise: noise / s, truncation: truncation / s } };
  }
  return { unusable: 'a kink (or the edge of the domain) lies within even a 256× shorter step' };
}

/** Whether an exact value agrees with a finite-difference estimate: within tolerance · size, or within noise + slack. */
function compare(exact: number, estimate: Estimate, size: number, slack: number, tolerance: number): { agree: boolean; relativeError: number; finite: number } | string {
  const finite = estimate.value;
  const error = relativeError(exact, finite, size, estimate.noise + slack, tolerance);
  const agree = error <= tolerance;
  if (!agree && estimate.truncation > tolerance * Math.max(Math.abs(finite), size)) {
    return `the loss varies too fast here for finite differences (their own error estimate is ${estimate.truncation.toExponential(1)})`; // they cannot referee here
  }
  return { agree, relativeError: error, finite };
}

/** The k-th unit vector of length n. */
function unit(n: number, k: number): Float64Array {
  const v = new Float64Array(n);
  v[k] = 1;
  return v;
}

/** θ + s·v. */
function moved(theta: Float64Array, v: Float64Array, s: number): Float64Array {
  const out = new Float64Array(theta.length);
  for (let i = 0; i < theta.length; i++) out[i] = theta[i]! + s * v[i]!;
  return out;
}

/**
 * The gradient's own direction g/‖g‖, `count` random unit directions over every parameter, and one random unit
 * direction within each of W1, b1, W2, … (so that an error in a small tensor is not drowned, and is named), or within
 * `tensors` of them (the first, the last and a seeded sample between) when the network has more. Made one at a time,
 * as lineCheck asks: each is as long as the parameter vector.
 */
function* randomDirections(network: Network, gradient: Float64Array, count: number, tensors: number, random: () => number): Generator<{ name: string; v: Float64Array }> {
  const gradientNorm = Math.sqrt(gradient.reduce((sum, g) => sum + g * g, 0));
  if (gradientNorm > 0 && Number.isFinite(gradientNorm)) yield { name: 'the gradient direction', v: gradient.map((g) => g / gradientNorm) };
  for (let d = 0; d < count; d++) yield { name: `random direction ${d + 1}`, v: gaussianUnit(gradient.length, 0, gradient.length, random) };
  const all: { name: string; from: number; to: number }[] = [];
  let offset = 0;
  for (const layer of network.layers) {
    for (const [name, size] of [[`W${layer.index}`, layer.units * layer.inputs], [`b${layer.index}`, layer.units]] as const) {
      all.push({ name, from: offset, to: offset + size });
      offset += size;
    }
  }
  const chosen = new Set(all.length <= tensors ? all.keys() : [0, all.length - 1].slice(0, tensors));
  while (chosen.size < Math.min(tensors, all.length)) chosen.add(Math.floor(random() * all.length));
  for (const k of [...chosen].sort((a, b) => a - b)) {
    const { name, from, to } = all[k]!;
    yield { name: `a random direction in ${name}`, v: gaussianUnit(gradient.length, from, to, random) };
  }
}

/** A vector of `length` entries, zero outside [from, to), Gaussian inside, scaled to unit length. */
function gaussianUnit(length: number, from: number, to: number, random: () => number): Float64Array {
  const v = new Float64Array(length);
  let squares = 0;
  for (let i = from; i < to; i++) {
    v[i] = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random()); // Box–Muller
    squares += v[i]! * v[i]!;
  }
  const norm = Math.sqrt(squares);
  for (let i = from; i < to; i++) v[i]! /= norm;
  return v;
}

/** How much rounding error a forward pass accumulates, in units of eps·|L|: a random walk through each layer's sums. */
function roundingGrowth(network: Network, batch: Batch): number {
  const out = network.layers[network.layers.length - 1]?.units ?? 1;
  return 8 + network.layers.reduce((sum, layer) => sum + 2 * Math.sqrt(layer.inputs), 0) + Math.sqrt(out * batch.x.cols);
}

/** `count` coordinates as lines e_k (all of them when there are fewer): one from every W and b first, then at random. */
function coordinateLines(network: Network, gradients: Gradients, count: number, random: () => number): { name: string; v: Float64Array }[] {
  const tensors = tensorSizes(gradients);
  const total = tensors.reduce((sum, size) => sum + size, 0);
  const wanted = Math.min(count, total);
  const chosen = new Set<number>(total <= count ? Array.from({ length: total }, (_, k) => k) : []);
  let offset = 0;
  for (const size of tensors) {
    if (chosen.size < wanted && size > 0) chosen.add(offset + Math.floor(random() * size));
    offset += size;
  }
  while (chosen.size < wanted) chosen.add(Math.floor(random() * total));
  const names = variableNames(network);
  return [...chosen].sort((a, b) => a - b).map((k) => ({ name: names[k]!, v: unit(total, k) }));
}

/** Sizes of W1, b1, W2, b2, … in order. */
function tensorSizes(values: Parameters | Gradients): number[] {
  return values.W.flatMap((w, l) => [w.data.length, values.b[l]!.length]);
}

/** Every parameter (or gradient) entry in one vector: W1, b1, W2, b2, …, each row-major as stored. */
function flatten(values: Parameters | Gradients): Float64Array {
  const out = new Float64Array(tensorSizes(values).reduce((sum, size) => sum + size, 0));
  let offset = 0;
  values.W.forEach((w, l) => {
    out.set(w.data, offset);
    offset += w.data.length;
    out.set(values.b[l]!, offset);
    offset += values.b[l]!.length;
  });
  return out;
}

/** Parameters shaped like `like` with the entries of a flat vector. */
function unflatten(like: Parameters, theta: Float64Array): Parameters {
  const W: Parameters['W'][number][] = [];
  const b: Float64Array[] = [];
  let offset = 0;
  like.W.forEach((w, l) => {
    W.push({ rows: w.rows, cols: w.cols, data: theta.subarray(offset, offset + w.data.length) });
    offset += w.data.length;
    b.push(theta.subarray(offset, offset + like.b[l]!.length));
    offset += like.b[l]!.length;
  });
  return { W, b };
}
