/**
 * Matrix claims judged in matrix form, without lowering to scalar entries: each side is evaluated as matrices at
 * random inputs of the declared sizes, the right derivative is the ops' numeric VJPs (reverse mode of the tensor
 * engine), and the matrix-form derivative printed as the right answer is proven against it (and, at small sizes,
 * against finite differences and the scalar lowering). A wrong answer is diagnosed by what it is of the right one:
 * its transpose, a multiple of it (a factor or a sign), or of a shape the derivative cannot have.
 */
import Fraction from 'fraction.js';
import type { NodeId } from '../graph/graph.js';
import type { Program } from '../graph/program.js';
import { differentiateMatrix, type MatrixDerivatives } from '../matrix/differentiate.js';
import { backward, forward, magnitudes } from '../matrix/evaluate.js';
import type { MatrixProgram } from '../matrix/graph.js';
import type { Value } from '../matrix/numeric.js';
import { printMatrix, printMatrixLatex, texNames } from '../matrix/print.js';
import { shapeWords, type TensorShape } from '../tensor/shape.js';
import { checkMatrixDerivatives, difference, randomPoints, type MatrixCheck } from './matrix-check.js';
import type { MistakeKind } from './mistakes.js';
import type { ClaimResult } from './results.js';

/** Random inputs each claim is compared at. */
const POINTS = 3;
/** Largest relative difference (rounding left out) at which two matrices count as equal. */
const EQUAL = 1e-7;
/** Inputs with at most this many entries in all are printed with a counterexample. */
const PRINTED_ENTRIES = 24;

/** What a matrix claim is about: the program it is read in, and the steps written (matrix-level nodes). */
export interface MatrixSubject {
  /** The program: its graph, declared inputs and named bindings; `output` is unused. */
  readonly program: Omit<MatrixProgram, 'output'>;
  readonly steps: readonly NodeId[];
  /** Names to print bound nodes by. */
  readonly names: ReadonlyMap<NodeId, string>;
  readonly seed?: number;
  /** The program lowered to scalar entries with `output` its output, when small enough: the referee. */
  readonly lower?: (output: NodeId) => Program | undefined;
}

/** The fields of a ClaimResult a judgement fills in. */
export type MatrixJudgement = Pick<ClaimResult, 'verdict' | 'step' | 'expected' | 'expectedLatex' | 'counterexample' | 'diagnosis' | 'diagnosisKind' | 'reason' | 'notes' | 'unworked'>;

/** Judges `dL/dX = step = step …`: step 1 against ∂L/∂X (X an input or a binding), each later step against the one before. */
export function judgeMatrixDerivative(subject: MatrixSubject, of: { name: string; node: NodeId }, wrt: { name: string; node: NodeId; input: boolean }): MatrixJudgement {
  const { matrices } = subject.program;
  if (matrices.shape(of.node) !== undefined) {
    return { verdict: 'undetermined', reason: `${of.name} is a ${shapeWords(matrices.shape(of.node))} tensor, not a scalar: write the derivative of a scalar (a loss), or its Jacobian applied to an upstream column` };
  }
  const program: MatrixProgram = { ...subject.program, output: of.node };
  const { symbolic, notes, text } = provenDerivative(subject, of, wrt);
  const points = randomPoints(program, subject.steps.map((step) => ({ name: wrt.name, node: wrt.node, adjoint: step, input: wrt.input })).concat(symbolic === undefined ? [] : [{ name: wrt.name, node: wrt.node, adjoint: symbolic, input: wrt.input }]), POINTS, subject.seed);
  if (points.length === 0) return { verdict: 'undetermined', reason: 'no random input of the declared sizes could be found where both sides are defined' };
  const roots = [of.node, ...subject.steps, ...(symbolic === undefined ? [] : [symbolic])];
  const at = points.map((inputs) => {
    const values = forward(matrices, roots, inputs);
    const gradient = backward(matrices, of.node, values).get(wrt.node) ?? zeros(matrices.shape(wrt.node));
    return { inputs, values, gradient, scales: magnitudes(matrices, roots, values) };
  });
  const reference = (k: number) => (k === 0 ? at.map((point) => ({ value: point.gradient, scale: symbolic !== undefined ? point.scales.get(symbolic)! : absolute(point.gradient) })) : at.map((point) => ({ value: point.values.get(subject.steps[k - 1]!)!, scale: point.scales.get(subject.steps[k - 1]!)! })));
  for (let k = 0; k < subject.steps.length; k++) {
    const before = subject.steps[k - 1];
    const printed = k === 0 ? text?.expected : printMatrix(matrices, before!, subject.names);
    const target: StepTarget = k === 0
      ? { words: `∂${of.name}/∂${wrt.name} is ${shapeWords(matrices.shape(wrt.node))}, shaped like ${wrt.name}`, name: wrt.name, ...(printed ? { expected: printed } : {}) }
      : { words: `the step before is ${shapeWords(matrices.shape(subject.steps[k - 1]!))}` };
    const wrong = judgeStep(subject, at, subject.steps[k]!, reference(k), k === 0 ? matrices.shape(wrt.node) : matrices.shape(subject.steps[k - 1]!), target);
    if (!wrong) continue;
    const written = k === 0 ? (text ?? {}) : { expected: printed!, expectedLatex: printMatrixLatex(matrices, before!, texNames(subject.names)) };
    return { verdict: 'incorrect', step: k + 1, ...written, ...wrong, ...(notes.length > 0 ? { notes } : {}) };
  }
  return { verdict: 'correct', ...(notes.length > 0 ? { notes } : {}) };
}

/** ∂L/∂X in matrix form, printed only once proven (against reverse mode, finite differences and, where small, the scalar lowering). */
export function provenDerivative(subject: MatrixSubject, of: { name: string; node: NodeId }, wrt: { name: string; node: NodeId; input: boolean }): { symbolic?: NodeId; expected?: NodeId; notes: string[]; text?: { expected: string; expectedLatex: string } } {
  const { matrices } = subject.program;
  const derivatives = differentiateMatrix(matrices, of.node);
  const symbolic = derivatives.unsupported.has(wrt.node) ? undefined : derivatives.adjoints.get(wrt.node);
  if (symbolic === undefined) return { notes: [] };
  const proof = prove(subject, { ...subject.program, output: of.node }, derivatives, wrt, symbolic);
  if (!proof.agree) return { symbolic, notes: [`the matrix-form derivative could not be proven (${proof.problem}), so it is not printed`] };
  const names = new Map(subject.names);
  names.delete(symbolic); // ∂L/∂z is written out, not by its own name
  return { symbolic, expected: symbolic, notes: [], text: { expected: printMatrix(matrices, symbolic, names), expectedLatex: printMatrixLatex(matrices, symbolic, texNames(names)) } };
}

/** Judges an identity `A = B = …` between matrix expressions, each side against the one before. */
export function judgeMatrixIdentity(subject: MatrixSubject): MatrixJudgement {
  const { matrices } = subject.program;
  const [first, ...rest] = subject.steps;
  const program: MatrixProgram = { ...subject.program, output: first! };
  const points = randomPoints(program, subject.steps.map((step) => ({ name: '', node: step, adjoint: step, input: false })), POINTS, subject.seed);
  if (points.length === 0) return { verdict: 'undetermined', reason: 'no random input of the declared sizes could be found where both sides are defined' };
  const at = points.map((inputs) => {
    const values = forward(matrices, subject.steps, inputs);
    return { inputs, values, gradient: values.get(first!)!, scales: magnitudes(matrices, subject.steps, values) };
  });
  for (let k = 0; k < rest.length; k++) {
    const before = subject.steps[k]!;
    const wrong = judgeStep(subject, at, rest[k]!, at.map((point) => ({ value: point.values.get(before)!, scale: point.scales.get(before)! })), matrices.shape(before), { words: `the side before is ${shapeWords(matrices.shape(before))}` });
    if (wrong) return { verdict: 'incorrect', step: k + 1, expected: printMatrix(matrices, before, subject.names), expectedLatex: printMatrixLatex(matrices, before, texNames(subject.names)), ...wrong };
  }
  return { verdict: 'correct' };
}

/** Judges a value written at a point (a matrix, a column or a number) against the value there. */
export function judgeMatrixValue(value: Value, written: Value, halfUnit: number): MatrixJudgement {
  const { rows, cols } = value;
  if (written.rows !== rows || written.cols !== cols) {
    return { verdict: 'incorrect', step: 1, expected: literal(value), diagnosis: `wrong shape: your value is ${written.rows}×${written.cols} where the right one is ${rows}×${cols}`, diagnosisKind: 'shape' };
  }
  for (let k = 0; k < value.data.length; k++) {
    const [right, yours] = [value.data[k]!, written.data[k]!];
    const allowed = halfUnit + 1e-9 * Math.max(1, Math.abs(right));
    if (!(Math.abs(right - yours) <= allowed)) {
      return { verdict: 'incorrect', step: 1, expected: literal(value), counterexample: { point: {}, claimed: yours, correct: right, ...(value.data.length > 1 ? { entry: cols === 1 ? `(${k + 1})` : `(${Math.floor(k / cols) + 1}, ${(k % cols) + 1})` } : {}) } };
    }
  }
  return { verdict: 'correct', ...(halfUnit > 0 ? { reason: 'rounding explains the answer: every entry is within half a unit of its last written digit' } : {}) };
}

/** A matrix as a literal, row by row ([[1, 2], [3, 4]]), a column as [1, 2], a scalar as a number. */
export function literal(value: Value): string {
  const round = (entry: number) => String(Number(entry.toPrecision(6)));
  if (value.rows * value.cols === 1) return round(value.data[0]!);
  if (value.cols === 1) return `[${[...value.data].map(round).join(', ')}]`;
  const rows = Array.from({ length: value.rows }, (_, i) => `[${[...value.data.slice(i * value.cols, (i + 1) * value.cols)].map(round).join(', ')}]`);
  return `[${rows.join(', ')}]`;
}

interface PointValues {
  readonly inputs: ReadonlyMap<string, Value>;
  readonly values: ReadonlyMap<NodeId, Value>;
  readonly scales: ReadonlyMap<NodeId, Value>;
}

type Wrong = Pick<MatrixJudgement, 'counterexample' | 'diagnosis' | 'diagnosisKind'>;

/** What a step is compared with, for the words of a diagnosis: `∂L/∂W is 4×3, shaped like W`, the entries' name, the right answer. */
interface StepTarget {
  readonly words: string;
  readonly name?: string;
  readonly expected?: string;
}

/** Whether a step differs from the reference at the points, and how: undefined when they are equal at every point. */
function judgeStep(subject: MatrixSubject, at: readonly PointValues[], step: NodeId, reference: readonly { value: Value; scale: Value }[], shape: TensorShape | undefined, target: StepTarget): Wrong | undefined {
  const { matrices } = subject.program;
  const claimedShape = matrices.shape(step);
  const [rows, cols] = shape ? [shape.rows, shape.cols] : [1, 1];
  const [claimedRows, claimedCols] = claimedShape ? [claimedShape.rows, claimedShape.cols] : [1, 1];
  const claimed = at.map((point) => point.values.get(step)!);
  const write = target.expected ? `; write ${target.expected}` : '';
  if (claimedRows !== rows || claimedCols !== cols) {
    const words = `${shapeWords(claimedShape)} where ${target.words}`;
    if (claimedRows === cols && claimedCols === rows && claimed.every((value, p) => difference(value, transposed(reference[p]!.value), transposed(reference[p]!.scale)) <= EQUAL)) {
      return { diagnosis: `a transpose missing: your answer is the transpose of the right one (${words})${write}`, diagnosisKind: 'transpose' };
    }
    const even = claimedRows === cols && claimedCols === rows ? '; even transposed it is not the right one' : '';
    return { diagnosis: `wrong shape: your answer is ${words}${even}`, diagnosisKind: 'shape' };
  }
  const scale = (p: number) => add(at[p]!.scales.get(step)!, reference[p]!.scale);
  const differs = claimed.findIndex((value, p) => difference(value, reference[p]!.value, scale(p)) > EQUAL);
  if (differs < 0) return undefined;
  const counterexample = counterexampleAt(at[differs]!, claimed[differs]!, reference[differs]!.value, shape, target.name);
  if (rows === cols && rows > 1 && claimed.every((value, p) => difference(value, transposed(reference[p]!.value), scale(p)) <= EQUAL)) {
    const entry = target.name ? `the derivative by ${target.name}_i_j` : 'entry (i, j) of the right one';
    return { counterexample, diagnosis: `a transpose missing: your answer is the transpose of the right one (both are ${shapeWords(shape)}, but entry (i, j) should be ${entry})${write}`, diagnosisKind: 'transpose' };
  }
  return { counterexample, ...multipleOf(claimed, reference.map((entry) => entry.value), at.map((_, p) => scale(p))) };
}

/** A wrong answer that is a fixed multiple c of the right one at every point: a sign (c = −1) or a factor. */
function multipleOf(claimed: readonly Value[], right: readonly Value[], scales: readonly Value[]): { diagnosis?: string; diagnosisKind?: MistakeKind } {
  // c from the point where the right answer stands out most from its rounding (a saturated layer's is all rounding)
  const clearest = right.map((value, p) => inner(value, value) / Math.max(1e-300, inner(scales[p]!, scales[p]!))).reduce((best, clarity, p, all) => (clarity > all[best]! ? p : best), 0);
  const c = inner(claimed[clearest]!, right[clearest]!) / inner(right[clearest]!, right[clearest]!);
  if (!Number.isFinite(c) || Math.abs(c) < 1e-12) return {};
  const fits = claimed.every((value, p) => difference(value, scaled(right[p]!, c), scales[p]!) <= EQUAL);
  if (!fits) return {};
  if (Math.abs(c + 1) < 1e-9) return { diagnosis: 'the sign is wrong: your answer is minus the right one', diagnosisKind: 'sign' };
  const fraction = new Fraction(c).simplify(1e-9);
  const factor = Math.abs(fraction.valueOf() - c) <= 1e-9 * Math.abs(c) ? fraction.toFraction() : String(Number(c.toPrecision(6)));
  return { diagnosis: `off by a constant factor: your answer is ${factor} times the right one`, diagnosisKind: 'constant-factor' };
}

/** The entry where a step differs most from the reference, with the inputs when they are few enough to print. */
function counterexampleAt(point: PointValues, claimed: Value, right: Value, shape: TensorShape | undefined, name?: string): NonNullable<ClaimResult['counterexample']> {
  // the first entry that differs clearly (by more than a millionth of the largest difference)
  let largest = 0;
  for (let k = 0; k < claimed.data.length; k++) largest = Math.max(largest, Math.abs(claimed.data[k]! - right.data[k]!));
  let worst = 0;
  while (worst < claimed.data.length - 1 && !(Math.abs(claimed.data[worst]! - right.data[worst]!) > 1e-6 * largest)) worst++;
  const entries = [...point.inputs.values()].reduce((sum, value) => sum + value.data.length, 0);
  const printed: Record<string, number> = {};
  if (entries <= PRINTED_ENTRIES) {
    for (const [name, value] of point.inputs) {
      value.data.forEach((entry, k) => (printed[value.data.length === 1 ? name : value.cols === 1 ? `${name}_${k + 1}` : `${name}_${Math.floor(k / value.cols) + 1}_${(k % value.cols) + 1}`] = Number(entry.toPrecision(4))));
    }
  }
  return { point: printed, claimed: claimed.data[worst]!, correct: right.data[worst]!, ...(claimed.data.length > 1 ? { entry: entryLabel(worst, claimed.cols, shape, name) } : {}) };
}

/** Proves the matrix-form derivative: against reverse mode, finite differences and, where small, the scalar lowering. */
function prove(subject: MatrixSubject, program: MatrixProgram, derivatives: MatrixDerivatives, wrt: { name: string; node: NodeId; input: boolean }, symbolic: NodeId): MatrixCheck {
  const lowered = wrt.input ? subject.lower?.(program.output) : undefined;
  return checkMatrixDerivatives(program, derivatives, [{ name: wrt.name, node: wrt.node, adjoint: symbolic, input: wrt.input }], { points: 1, ...(subject.seed !== undefined ? { seed: subject.seed } : {}), ...(lowered ? { lowered } : {}) });
}

/** Entry k of a value: W_2_3 (row 2, column 3) or x_2 of a named one, else (2, 3). */
function entryLabel(k: number, cols: number, shape: TensorShape | undefined, name?: string): string {
  if (!shape) return name ?? '';
  const [i, j] = [Math.floor(k / cols) + 1, (k % cols) + 1];
  if (name) return cols === 1 ? `${name}_${i}` : `${name}_${i}_${j}`;
  return cols === 1 ? `(${i})` : `(${i}, ${j})`;
}

function zeros(shape: TensorShape | undefined): Value {
  const [rows, cols] = shape ? [shape.rows, shape.cols] : [1, 1];
  return { rows, cols, data: new Float64Array(rows * cols) };
}

function transposed(value: Value): Value {
  const data = new Float64Array(value.data.length);
  for (let i = 0; i < value.rows; i++) for (let j = 0; j < value.cols; j++) data[j * value.rows + i] = value.data[i * value.cols + j]!;
  return { rows: value.cols, cols: value.rows, data };
}

function add(a: Value, b: Value): Value {
  if (a.data.length === 1 && b.data.length > 1) return add(b, a);
  return { rows: a.rows, cols: a.cols, data: a.data.map((entry, k) => entry + (b.data.length === 1 ? b.data[0]! : b.data[k]!)) };
}

function absolute(value: Value): Value {
  return { rows: value.rows, cols: value.cols, data: value.data.map(Math.abs) };
}

function scaled(value: Value, c: number): Value {
  return { rows: value.rows, cols: value.cols, data: value.data.map((entry) => c * entry) };
}

function inner(a: Value, b: Value): number {
  let sum = 0;
  for (let k = 0; k < a.data.length; k++) sum += a.data[k]! * b.data[k]!;
  return sum;
}
