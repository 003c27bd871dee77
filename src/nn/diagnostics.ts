/**
 * What can go wrong in training that a gradient shows (seeds 002, 003, 004): gradient norms that shrink or grow layer
 * by layer (vanishing, exploding), hidden units made identical by zero or constant initialisation, and dead ReLUs.
 * Unit indices in the data are 0-based; messages number units from 1, as the lectures do.
 */
import { frobenius, sumOfSquares } from '../tensor/linalg.js';
import type { ForwardPass } from './mlp.js';
import type { Network } from './network.js';
import type { Gradients, Matrix, Parameters } from './tensor.js';

/** The gradient norms of one layer. */
export interface LayerNorm {
  readonly layer: number;
  /** ‖∂L/∂W^[l]‖_F. */
  readonly weight: number;
  /** ‖∂L/∂b^[l]‖. */
  readonly bias: number;
}

/** ‖∂L/∂W^[l]‖ / ‖∂L/∂W^[l+1]‖: how the gradient's size changes one layer closer to the input. */
export interface NormRatio {
  readonly layer: number;
  /** null when ‖∂L/∂W^[l+1]‖ = 0. */
  readonly ratio: number | null;
}

/** Hidden units of a layer with identical incoming weights and bias (so identical values for every input). */
export interface IdenticalUnits {
  readonly layer: number;
  /** 0-based unit indices. */
  readonly units: readonly number[];
  /** Whether their outgoing weights are identical too: then their gradients are identical and they never separate. */
  readonly sameOutgoing: boolean;
}

/** ReLU units that are off (z ≤ 0) for every example of the batch. */
export interface DeadUnits {
  readonly layer: number;
  /** 0-based unit indices. */
  readonly units: readonly number[];
  readonly of: number;
}

/** Everything diagnose finds, with warnings as sentences. */
export interface Diagnostics {
  readonly norms: readonly LayerNorm[];
  readonly ratios: readonly NormRatio[];
  /** ‖∂L/∂W^[1]‖ / ‖∂L/∂W^[L]‖ (null when the last is 0). */
  readonly firstOverLast: number | null;
  readonly gradientFlow: 'vanishing' | 'exploding' | 'ok';
  readonly identical: readonly IdenticalUnits[];
  readonly dead: readonly DeadUnits[];
  readonly warnings: readonly string[];
}

/** Thresholds of diagnose. */
export interface DiagnoseOptions {
  /** firstOverLast below this is vanishing (default 1e-2). */
  readonly vanishingBelow?: number;
  /** firstOverLast above this is exploding (default 1e2). */
  readonly explodingAbove?: number;
}

/** ‖∂L/∂W^[l]‖_F and ‖∂L/∂b^[l]‖ for every layer. */
export function gradientNorms(gradients: Gradients): LayerNorm[] {
  return gradients.W.map((dW, i) => ({ layer: i + 1, weight: frobenius(dW), bias: Math.sqrt(sumOfSquares(gradients.b[i]!)) }));
}

/** The ratios ‖∂L/∂W^[l]‖ / ‖∂L/∂W^[l+1]‖ for l = 1…L−1. */
export function normRatios(norms: readonly LayerNorm[]): NormRatio[] {
  return norms.slice(0, -1).map((norm, i) => {
    const next = norms[i + 1]!.weight;
    return { layer: norm.layer, ratio: next === 0 ? null : norm.weight / next };
  });
}

/** Unit i's incoming weights (row i of W in the standard convention, column i in the transposed one) and bias. */
function incoming(network: Network, W: Matrix, b: Float64Array, unit: number): number[] {
  const weights = network.convention === 'standard'
    ? Array.from(W.data.subarray(unit * W.cols, (unit + 1) * W.cols))
    : Array.from({ length: W.rows }, (_, r) => W.data[r * W.cols + unit]!);
  return [...weights, b[unit]!];
}

/** Unit i's outgoing weights: column i of W^[l+1] (standard) or row i (transposed). */
function outgoing(network: Network, next: Matrix, unit: number): number[] {
  return network.convention === 'standard'
    ? Array.from({ length: next.rows }, (_, r) => next.data[r * next.cols + unit]!)
    : Array.from(next.data.subarray(unit * next.cols, (unit + 1) * next.cols));
}

/** Groups of hidden units with identical incoming weights and bias, layer by layer (the output layer is not hidden). */
export function identicalUnits(network: Network, params: Parameters): IdenticalUnits[] {
  const found: IdenticalUnits[] = [];
  network.layers.slice(0, -1).forEach((layer, i) => {
    const groups = new Map<string, number[]>();
    for (let unit = 0; unit < layer.units; unit++) {
      const key = incoming(network, params.W[i]!, params.b[i]!, unit).map((v) => (Object.is(v, -0) ? 0 : v)).join(',');
      groups.set(key, [...(groups.get(key) ?? []), unit]);
    }
    for (const units of groups.values()) {
      if (units.length < 2) continue;
      const first = outgoing(network, params.W[i + 1]!, units[0]!).join(',');
      const sameOutgoing = units.every((unit) => outgoing(network, params.W[i + 1]!, unit).join(',') === first);
      found.push({ layer: layer.index, units, sameOutgoing });
    }
  });
  return found;
}

/** ReLU units whose pre-activation is ≤ 0 for every example of the batch. */
export function deadUnits(network: Network, forward: ForwardPass): DeadUnits[] {
  const found: DeadUnits[] = [];
  network.layers.forEach((layer, i) => {
    if (layer.activation.name !== 'relu') return;
    const z = forward.z[i]!;
    const units: number[] = [];
    for (let unit = 0; unit < z.rows; unit++) {
      let alive = false;
      for (let j = 0; j < z.cols && !alive; j++) alive = z.data[unit * z.cols + j]! > 0;
      if (!alive) units.push(unit);
    }
    if (units.length > 0) found.push({ layer: layer.index, units, of: z.rows });
  });
  return found;
}

/** Unit numbers from 1 for messages, at most 10 of them. */
function listUnits(units: readonly number[]): string {
  const shown = units.slice(0, 10).map((u) => u + 1).join(', ');
  return units.length > 10 ? `${shown}, … (${units.length} in all)` : shown;
}

/** A number for a message. */
function show(value: number): string {
  return value === 0 || (Math.abs(value) >= 1e-3 && Math.abs(value) < 1e4) ? String(Number(value.toPrecision(3))) : value.toExponential(2);
}

/** Gradient norms and their ratios, identical hidden units and dead ReLUs of one forward and backward pass. */
export function diagnose(network: Network, params: Parameters, forward: ForwardPass, gradients: Gradients, options: DiagnoseOptions = {}): Diagnostics {
  const norms = gradientNorms(gradients);
  const ratios = normRatios(norms);
  const first = norms[0]!.weight, last = norms[norms.length - 1]!.weight;
  const firstOverLast = last === 0 ? null : first / last;
  const vanishing = firstOverLast !== null && firstOverLast < (options.vanishingBelow ?? 1e-2);
  const exploding = firstOverLast !== null && firstOverLast > (options.explodingAbove ?? 1e2);
  const warnings: string[] = [];
  const perLayer = ratios.map((r) => (r.ratio === null ? '—' : show(r.ratio))).join(', ');
  if (norms.length > 1 && (vanishing || exploding)) {
    warnings.push(
      `gradients ${vanishing ? 'vanish' : 'explode'} towards the input: ‖∂L/∂W[1]‖ = ${show(first)} is ${show(firstOverLast!)} × ‖∂L/∂W[${norms.length}]‖ = ${show(last)}` +
        ` (‖∂L/∂W[l]‖/‖∂L/∂W[l+1]‖ for l = 1…${norms.length - 1}: ${perLayer}); ` +
        (vanishing ? 'the early layers barely learn: try relu with He initialisation, or fewer saturating layers' : 'steps blow up: try a smaller initialisation (Xavier, He) or a smaller learning rate'),
    );
  }
  params.W.forEach((W, i) => {
    if (!W.data.every((v) => v === 0)) return;
    const l = i + 1, parts: string[] = [];
    if (l < params.W.length) parts.push(`every unit of layer ${l} computes the same value`);
    const product = network.convention === 'standard' ? `W[${l}]ᵀ δ[${l}]` : `W[${l}] δ[${l}]`; // the transposed convention's δ recursion has no ᵀ
    if (l > 1) parts.push(`δ[${l - 1}] = (${product}) ⊙ σ'(z[${l - 1}]) = 0, so the layers before it get no gradient from the data`);
    if (parts.length > 0) warnings.push(`W${l} is all zeros (zero initialisation): ${parts.join('; ')}`);
  });
  const identical = identicalUnits(network, params);
  for (const group of identical) {
    const size = network.layers[group.layer - 1]!.units;
    const which = group.units.length === size ? `all ${size} units` : `units ${listUnits(group.units)}`;
    warnings.push(
      `layer ${group.layer}: ${which} have identical incoming weights and bias, so they compute the same value for every input` +
        (group.sameOutgoing ? ' and get identical gradients: gradient descent never tells them apart (zero or constant initialisation?); initialise randomly (uniform, xavier, he)' : ''),
    );
  }
  const dead = deadUnits(network, forward);
  for (const group of dead) {
    warnings.push(`layer ${group.layer}: ${group.units.length} of ${group.of} relu units are dead on this batch (z ≤ 0 for every example: unit${group.units.length === 1 ? '' : 's'} ${listUnits(group.units)}); they pass no gradient back`);
  }
  return { norms, ratios, firstOverLast, gradientFlow: vanishing ? 'vanishing' : exploding ? 'exploding' : 'ok', identical, dead, warnings };
}
