/**
 * The cross-check of matrix-form derivatives, at random inputs of the declared sizes: the matrix-form derivative
 * evaluated (symbolic) against the ops' numeric VJPs (reverse mode) entry by entry, against finite differences along
 * random directions (the derivative applied to a direction V, ⟨∂L/∂W, V⟩, against d/dt L(W + tV)), and, at sizes
 * where the program was lowered to scalar entries, against the scalar graph's reverse-mode gradient (the referee).
 */
import type { NodeId } from '../graph/graph.js';
import type { Program } from '../graph/program.js';
import type { MatrixProgram } from '../matrix/graph.js';
import type { MatrixDerivatives } from '../matrix/differentiate.js';
import { backward as matrixBackward, forward, magnitudes, type Inputs } from '../matrix/evaluate.js';
import type { Value } from '../matrix/numeric.js';
import { functionNamed } from '../ops/index.js';
import { richardson, stencil } from '../numeric/finite.js';
import { backward } from '../numeric/reverse.js';
import { Tape } from '../numeric/tape.js';
import { seededRandom } from './random.js';
import type { Verification } from './verify.js';
import { KINK_MARGIN } from './sample.js';

/** One derivative to check: ∂output/∂node (an input or a bound intermediate), as its matrix-form node. */
export interface MatrixTarget {
  readonly name: string;
  readonly node: NodeId;
  readonly adjoint: NodeId;
  /** Whether it is a declared input (then the scalar lowering and finite differences can check it too). */
  readonly input: boolean;
}

/** What the cross-check found. */
export interface MatrixCheck {
  readonly agree: boolean;
  /** Random inputs the derivatives were checked at. */
  readonly points: number;
  /** Random directions checked by finite differences, in all. */
  readonly directions: number;
  /** Largest relative difference, symbolic against reverse mode and against finite differences. */
  readonly symbolicVsReverse: number;
  readonly vsFinite: number;
  /** Entries compared with the scalar lowering (0 when the sizes were too large to lower). */
  readonly loweredEntries: number;
  readonly vsLowered: number;
  /** Why a check failed, or why fewer points were checked than asked for. */
  readonly problem?: string;
}

// two float64 evaluations of different formulas: near saturation (sigmoid of a large value) rounding reaches 1e-8
const SYMBOLIC_TOLERANCE = 1e-6;
const FINITE_TOLERANCE = 1e-6;
/** The smallest slope finite differences resolve, relative to the function's value. */
const FLAT = 1e-6;
const TRIES = 60;
/** Rounding allowed between two evaluations, in units of the rounding scale (src/matrix/evaluate.ts magnitudes). */
const ROUNDING = 1e-12;
/** Beyond this, a periodic function's argument carries rounding that finite differences cannot tell from slope. */
const LARGEST_TURN = 1e6;
/** How near 0 or 1 a probability may be for its loss to be checked there (log(1 − p) loses digits as p nears 1). */
const SATURATION = 1e-3;

/** Checks the matrix-form derivatives of the targets at `count` random inputs. */
export function checkMatrixDerivatives(
  matrix: MatrixProgram,
  derivatives: MatrixDerivatives,
  targets: readonly MatrixTarget[],
  options: { readonly points?: number; readonly seed?: number; readonly lowered?: Program } = {},
): MatrixCheck {
  const random = seededRandom(options.seed ?? 1);
  const count = options.points ?? 3;
  const { matrices, output } = matrix;
  const roots = [output, ...targets.map((target) => target.adjoint)];
  let [points, directions, symbolicVsReverse, vsFinite, loweredEntries, vsLowered] = [0, 0, 0, 0, 0, 0];
  let problem: string | undefined;
  for (let attempt = 0; attempt < TRIES && points < count; attempt++) {
    const inputs = randomInputs(matrix, random, attempt);
    const values = forward(matrices, roots, inputs);
    if (!usable(matrix, values, roots)) continue;
    points++;
    const gradients = matrixBackward(matrices, output, values);
    const scales = magnitudes(matrices, roots, values); // the rounding scale of every node
    for (const target of targets) {
      const symbolic = values.get(target.adjoint)!;
      const reverse = gradients.get(target.node) ?? zerosLike(symbolic);
      symbolicVsReverse = Math.max(symbolicVsReverse, difference(symbolic, reverse, scales.get(target.adjoint)!));
      if (!target.input) continue;
      // ⟨∂L/∂W, V⟩ against d/dt L(W + tV), along a random direction
      const direction = randomLike(symbolic, random);
      const at = (t: number) => forward(matrices, [output], new Map([...inputs, [target.name, moved(inputs.get(target.name)!, direction, t)]]));
      const along = (t: number) => at(t).get(output)!.data[0]!;
      if (turnsAlong(matrix, values, at(stencil(0)[0]!))) continue; // a periodic function turns within the step: differences see nothing
      // the function's own rounding, from the size of what it sums (tanh(8) + tanh(−20) + … cancels to 1e-7)
      const size = scales.get(output)!.data[0]!;
      const estimate = richardson(along, 0, 8 * Number.EPSILON * size);
      const exact = inner(symbolic, direction);
      // differences resolve a slope only down to a small part of the function's size: a flatter one counts as 0
      const scale = Math.max(inner(absolute(symbolic), absolute(direction)), FLAT * Math.max(1, size));
      vsFinite = Math.max(vsFinite, Math.max(0, Math.abs(exact - estimate.value) - estimate.noise - estimate.truncation) / scale);
      directions++;
    }
    if (options.lowered) {
      const found = compareWithLowering(options.lowered, matrix, targets, inputs, values, scales);
      loweredEntries += found.entries;
      vsLowered = Math.max(vsLowered, found.worst);
    }
  }
  if (points < count) problem = points === 0 ? 'no random input could be found where the function and its derivatives are defined' : `only ${points} of ${count} random inputs could be used`;
  const agree = points > 0 && symbolicVsReverse <= SYMBOLIC_TOLERANCE && vsFinite <= FINITE_TOLERANCE && vsLowered <= SYMBOLIC_TOLERANCE;
  if (!agree && points > 0) {
    problem = symbolicVsReverse > SYMBOLIC_TOLERANCE ? `the matrix-form derivative and reverse mode differ by ${symbolicVsReverse.toExponential(1)}` : vsLowered > SYMBOLIC_TOLERANCE ? `the matrix-form derivative and the scalar entries' gradient differ by ${vsLowered.toExponential(1)}` : `finite differences differ by ${vsFinite.toExponential(1)}`;
  }
  return { agree, points, directions, symbolicVsReverse, vsFinite, loweredEntries, vsLowered, ...(problem ? { problem } : {}) };
}

/** Up to `count` random inputs where the output and the targets' derivatives are finite and no kink is near. */
export function randomPoints(matrix: MatrixProgram, targets: readonly MatrixTarget[], count: number, seed = 1): Map<string, Value>[] {
  const random = seededRandom(seed + 7919); // not the matrix check's own inputs
  const roots = [matrix.output, ...targets.map((target) => target.adjoint)];
  const found: Map<string, Value>[] = [];
  for (let attempt = 0; attempt < TRIES && found.length < count; attempt++) {
    const inputs = randomInputs(matrix, random, attempt);
    if (usable(matrix, forward(matrix.matrices, roots, inputs), roots)) found.push(inputs);
  }
  return found;
}

/** Matrix inputs as a point of the scalar graph (W_1_1 = …, row by row). */
export function pointOf(lowered: Program, inputs: Inputs): Record<string, number> {
  const point: Record<string, number> = {};
  for (const [name, value] of inputs) {
    const entries = lowered.tensors?.get(name) ?? [name];
    value.data.forEach((entry, k) => (point[entries[k]!] = entry));
  }
  return point;
}

/** Random values for every declared input: entries of magnitude 0.1 to 2 (a matrix's divided by √ of its larger size; smaller on later attempts), a loss's targets distributions by columns. */
export function randomInputs(matrix: MatrixProgram, random: () => number, attempt: number): Map<string, Value> {
  const targets = distributionTargets(matrix);
  const inputs = new Map<string, Value>();
  for (const [name, node] of matrix.inputs) {
    const shape = matrix.matrices.shape(node);
    const [rows, cols] = shape ? [shape.rows, shape.cols] : [1, 1];
    const data = new Float64Array(rows * cols);
    const positive = attempt % 3 === 2; // some domains need positive values
    const shrink = 0.5 ** Math.floor(attempt / 6); // saturated layers (sigmoid of a square) are usable at smaller values
    // a matrix's entries scaled by 1/√(its larger size), as a layer's weights are, so that W x stays of order 1 at any size
    const fan = rows > 1 && cols > 1 ? 1 / Math.sqrt(Math.max(rows, cols)) : 1;
    for (let k = 0; k < data.length; k++) data[k] = (positive || random() < 0.5 ? 1 : -1) * (0.1 + 1.9 * random()) * shrink * fan;
    const given = matrix.fixed?.get(name);
    if (given !== undefined) data.fill(given);
    else if (targets.has(name)) {
      // the targets of cross_entropy: each column a distribution (as one-hot columns are)
      for (let k = 0; k < data.length; k++) data[k] = 0.05 + random();
      for (let j = 0; j < cols; j++) {
        let sum = 0;
        for (let i = 0; i < rows; i++) sum += data[i * cols + j]!;
        for (let i = 0; i < rows; i++) data[i * cols + j]! /= sum;
      }
    } else if (bounded(matrix, name)) {
      for (let k = 0; k < data.length; k++) data[k] = 0.05 + 0.9 * random(); // bce's targets and probabilities: in (0, 1)
    }
    inputs.set(name, { rows, cols, data });
  }
  return inputs;
}

/** Inputs used as the targets of cross_entropy. */
function distributionTargets(matrix: MatrixProgram): Set<string> {
  const found = new Set<string>();
  for (const id of matrix.matrices.graph.ancestors([matrix.output])) {
    const node = matrix.matrices.graph.node(id);
    if (node.op !== 'cross_entropy') continue;
    const target = matrix.matrices.graph.node(node.inputs[1]!);
    if (target.op === 'var') found.add(target.name!);
  }
  return found;
}

/** Whether an input is an argument of bce (whose arguments must lie in (0, 1)). */
function bounded(matrix: MatrixProgram, name: string): boolean {
  const graph = matrix.matrices.graph;
  return graph.ancestors([matrix.output]).some((id) => graph.node(id).op === 'bce' && graph.node(id).inputs.some((input) => graph.node(input).op === 'var' && graph.node(input).name === name));
}

/** Whether every root is finite and no kink is near (relu's argument at 0, say). */
function usable(matrix: MatrixProgram, values: ReadonlyMap<NodeId, Value>, roots: readonly NodeId[]): boolean {
  if (!roots.every((root) => values.get(root)!.data.every(Number.isFinite))) return false;
  const graph = matrix.matrices.graph;
  for (const [id, value] of values) {
    const node = graph.node(id);
    // bce's derivative grows without bound as a probability nears 0 or 1: finite differences say nothing there
    if (node.op === 'bce' && values.get(node.inputs[0]!)!.data.some((p) => p < SATURATION || p > 1 - SATURATION)) return false;
    const op = node.inputs.length > 0 ? functionNamed(node.op) : undefined;
    if (!op?.kinks) continue;
    const args = node.inputs.map((input) => values.get(input)!);
    for (let k = 0; k < value.data.length; k++) {
      const entries = args.map((arg) => (arg.data.length === 1 ? arg.data[0]! : arg.cols === 1 && value.cols > 1 ? arg.data[Math.floor(k / value.cols)]! : arg.data[k]!));
      if (op.kinks(entries).some((kink) => Math.abs(kink) < KINK_MARGIN)) return false;
    }
  }
  return true;
}

/** Whether an argument of a periodic function (sin) moves by a sizeable part of its period between two evaluations. */
function turnsAlong(matrix: MatrixProgram, before: ReadonlyMap<NodeId, Value>, after: ReadonlyMap<NodeId, Value>): boolean {
  for (const id of after.keys()) {
    const node = matrix.matrices.graph.node(id);
    const period = node.inputs.length > 0 ? functionNamed(node.op)?.period : undefined;
    if (period === undefined || !before.has(id)) continue;
    const [moved, still] = [after.get(node.inputs[0]!)!, before.get(node.inputs[0]!)!];
    // an argument so large that its rounding alone turns the function (sin(10⁹)) counts as turning too
    if (moved.data.some((entry, k) => !(Math.abs(entry - still.data[k]!) < period / 16) || !(Math.abs(entry) < LARGEST_TURN))) return true;
  }
  return false;
}

/** The matrix-form derivatives against the scalar lowering's reverse-mode gradient, entry by entry. */
function compareWithLowering(lowered: Program, matrix: MatrixProgram, targets: readonly MatrixTarget[], inputs: Inputs, values: ReadonlyMap<NodeId, Value>, scales: ReadonlyMap<NodeId, Value>): { entries: number; worst: number } {
  const point = pointOf(lowered, inputs);
  const entriesOf = (name: string) => lowered.tensors?.get(name) ?? [name]; // W_1_1, W_1_2, … row by row
  const tape = new Tape(lowered.graph, [lowered.output]);
  const bounds = new Float64Array(lowered.graph.size);
  const { adjoint, rounding } = backward(tape, tape.forward(point, { bounds }), lowered.output, { bounds });
  let [entries, worst] = [0, 0];
  for (const target of targets) {
    if (!target.input) continue;
    const symbolic = values.get(target.adjoint)!;
    const ids = symbolic.data.map((_, k) => {
      const name = entriesOf(target.name)[k]!;
      return lowered.variables.includes(name) ? lowered.graph.variable(name) : -1;
    });
    const scalar = { ...symbolic, data: ids.map((id) => (id < 0 ? 0 : adjoint[id] ?? 0)) };
    if (!scalar.data.every(Number.isFinite)) continue; // the scalar graph overflows where the matrix kernels do not (a softmax of large values)
    // the scalar graph's own rounding bound widens the allowance (its softmax loses digits where the kernels' does not)
    const scale = scales.get(target.adjoint)!;
    const allowed = { ...scale, data: scale.data.map((entry, k) => entry + (ids[k]! < 0 ? 0 : rounding![ids[k]!]! / ROUNDING)) };
    worst = Math.max(worst, difference(symbolic, scalar, allowed));
    entries += symbolic.data.length;
  }
  return { entries, worst };
}

/** The largest difference of two values relative to their largest entry, differences within rounding of `scale` left out. */
export function difference(a: Value, b: Value, scale: Value): number {
  let largest = 1e-300;
  for (const entry of a.data) largest = Math.max(largest, Math.abs(entry));
  for (const entry of b.data) largest = Math.max(largest, Math.abs(entry));
  let worst = 0;
  for (let k = 0; k < a.data.length; k++) {
    const rounding = ROUNDING * (scale.data.length === 1 ? scale.data[0]! : scale.data[k]!);
    worst = Math.max(worst, Math.max(0, Math.abs(a.data[k]! - (b.data.length === 1 ? b.data[0]! : b.data[k]!)) - rounding) / largest);
  }
  return worst;
}

function zerosLike(value: Value): Value {
  return { rows: value.rows, cols: value.cols, data: new Float64Array(value.data.length) };
}

function randomLike(value: Value, random: () => number): Value {
  return { rows: value.rows, cols: value.cols, data: Float64Array.from(value.data, () => 2 * random() - 1) };
}

function absolute(value: Value): Value {
  return { rows: value.rows, cols: value.cols, data: value.data.map(Math.abs) };
}

function moved(value: Value, direction: Value, t: number): Value {
  return { rows: value.rows, cols: value.cols, data: value.data.map((entry, k) => entry + t * direction.data[k]!) };
}

function inner(a: Value, b: Value): number {
  let sum = 0;
  for (let k = 0; k < a.data.length; k++) sum += a.data[k]! * b.data[k]!;
  return sum;
}

/**
 * The matrix-form derivatives against every entry's symbolic derivative on the scalar graph, at the points the scalar
 * cross-check used: how many entries were compared, and the largest relative difference (rounding left out).
 */
export function compareWithEntries(lowered: Program, matrix: MatrixProgram, targets: readonly MatrixTarget[], verification: Verification): { compared: number; worst: number } {
  const entriesOf = (name: string) => lowered.tensors?.get(name) ?? [name];
  let [compared, worst] = [0, 0];
  for (const check of verification.checks) {
    const inputs = new Map<string, Value>();
    for (const [name, node] of matrix.inputs) {
      const shape = matrix.matrices.shape(node);
      inputs.set(name, { rows: shape?.rows ?? 1, cols: shape?.cols ?? 1, data: Float64Array.from(entriesOf(name), (entry) => check.point[entry] ?? 0) });
    }
    const roots = targets.map((target) => target.adjoint);
    const values = forward(matrix.matrices, roots, inputs);
    const scales = magnitudes(matrix.matrices, roots, values);
    const symbolic = new Map(check.partials.map((partial) => [partial.variable, partial.symbolic]));
    for (const target of targets) {
      if (!target.input) continue;
      const value = values.get(target.adjoint)!;
      const names = entriesOf(target.name);
      if (!names.every((name) => symbolic.has(name))) continue;
      const entries = { ...value, data: Float64Array.from(names, (name) => symbolic.get(name)!) };
      if (!entries.data.every(Number.isFinite)) continue;
      worst = Math.max(worst, difference(value, entries, scales.get(target.adjoint)!));
      compared += names.length;
    }
  }
  return { compared, worst };
}
