/**
 * Diagnosing a wrong derivative: which common mistake reproduces the student's answer. Each candidate mistake is
 * the chain rule applied with one rule misapplied at one gate (the inner derivative left out, a product-rule term
 * dropped, …), evaluated numerically in forward mode with the ops' own local derivatives; the first candidate that
 * matches the answer at every sampled point names the mistake.
 */
import type { NodeId } from '../graph/graph.js';
import { varyingNodes } from '../graph/varying.js';
import { backward } from '../numeric/reverse.js';
import { tangents, type GateRule } from '../numeric/forward.js';
import { MISTAKES, niceNumber, type GateSite, type MistakeKind } from './mistakes.js';
import { Tape, type Point } from '../numeric/tape.js';
import { differentiate } from '../symbolic/differentiate.js';
import { printText } from '../symbolic/print.js';
import type { Simplifier } from '../symbolic/simplify.js';

export type { MistakeKind };

/** A named mistake, said in words a student understands. */
export interface Diagnosis {
  readonly kind: MistakeKind;
  readonly message: string;
}

/** One gate's derivative, computed wrongly: from the gate's arguments, value, local derivatives and the inputs' derivatives. */
interface Mistake extends GateRule {
  readonly kind: MistakeKind;
  readonly message: () => string;
}

const SAME = 1e-7;

/** Functions bigger than this are not diagnosed (each candidate mistake costs a pass over the function). */
const MAX_DIAGNOSED_NODES = 400;

/** The mistake that turns the derivative of `fn` by `variable` into `claimed` at every point, if one does. */
export function diagnoseDerivative(algebra: Simplifier, fn: NodeId, variable: string, claimed: NodeId, points: readonly Point[]): Diagnosis | undefined {
  const graph = algebra.graph;
  if (graph.ancestors([fn]).length > MAX_DIAGNOSED_NODES) return undefined;
  const tape = new Tape(graph, [fn, claimed]);
  const samples = points.map((point) => ({ point, values: tape.forward(point) }));
  const answers = samples.map(({ values }) => values[claimed]!);
  const correct = samples.map(({ values }) => tangent(tape, values, variable, fn));
  if (samples.length === 0 || correct.some((value) => !Number.isFinite(value))) return undefined;
  // values are compared relative to the size of the problem's numbers, not to 1 (x²/10⁸ has derivatives near 1e-8)
  const floor = 1e-3 * Math.max(...correct.map(Math.abs), ...answers.map(Math.abs)) || Number.MIN_VALUE;
  const reproduces = (computed: readonly number[]) => computed.every((value, i) => close(value, answers[i]!, floor));
  if (reproduces(correct)) return undefined; // right at every point sampled: nothing here tells one mistake from another

  if (correct.some((value) => Math.abs(value) > floor) && reproduces(correct.map((value) => -value))) {
    return { kind: 'sign', message: 'sign error: your answer is the negative of the derivative' };
  }
  const mistakes = mistakesIn(algebra, fn, variable);
  // misapplied rules before plain sign slips (a sign slip can mimic the quotient rule's), outermost gates first
  const ordered = [...mistakes.filter((m) => m.kind !== 'sign').reverse(), ...mistakes.filter((m) => m.kind === 'sign').reverse()];
  for (const mistake of ordered) {
    if (reproduces(samples.map(({ values }) => tangent(tape, values, variable, fn, mistake)))) return { kind: mistake.kind, message: mistake.message() };
  }
  return constantFactor(answers, correct) ?? scaledTerm(algebra, tape, samples, answers, correct, fn, variable);
}

/** A wrong constant factor on one gate's derivative: the error is a constant times that gate's share of the total. */
function scaledTerm(
  algebra: Simplifier,
  tape: Tape,
  samples: readonly { readonly values: Float64Array }[],
  answers: readonly number[],
  correct: readonly number[],
  fn: NodeId,
  variable: string,
): Diagnosis | undefined {
  const graph = algebra.graph;
  const shares = samples.map(({ values }) => {
    const { adjoint } = backward(tape, values, fn);
    const dots = tangents(tape, values, variable);
    return (id: NodeId) => adjoint[id]! * dots[id]!;
  });
  for (const id of [...graph.ancestors([fn])].reverse()) {
    if (id === fn || graph.node(id).inputs.length === 0) continue;
    const ratios = shares.map((share, i) => (answers[i]! - correct[i]!) / share(id));
    const ratio = ratios[0]!;
    if (!Number.isFinite(ratio) || Math.abs(ratio) < 1e-9 || !ratios.every((r) => close(r, ratio))) continue;
    const factor = ratio + 1;
    if (close(factor, 0) || close(factor, -1)) continue; // a dropped term or a sign slip, not a factor
    const text = printText(graph, id, { mode: 'faithful' });
    return { kind: 'constant-factor', message: `wrong constant factor in the derivative of ${text}: you have ${niceNumber(factor)} times its derivative` };
  }
  return undefined;
}

/** The difference between two answers that should be equal, if it is a sign or a constant factor. */
export function diagnoseStep(previous: readonly number[], step: readonly number[]): Diagnosis | undefined {
  if (previous.some((value) => Math.abs(value) > 1e-12) && previous.every((value, i) => close(-value, step[i]!))) {
    return { kind: 'sign', message: 'sign error: this line is the negative of the line before' };
  }
  return constantFactor(step, previous);
}

function constantFactor(answers: readonly number[], correct: readonly number[]): Diagnosis | undefined {
  if (correct.some((value) => Math.abs(value) < 1e-9)) return undefined;
  const ratios = answers.map((value, i) => value / correct[i]!);
  const ratio = ratios[0]!;
  // a factor within a thousandth of ±1 is a rounded number, not a wrong constant ("1 times the right one")
  if (!Number.isFinite(ratio) || Math.abs(ratio) < 1e-12 || Math.abs(Math.abs(ratio) - 1) < 1e-3 || !ratios.every((r) => close(r, ratio))) return undefined;
  return { kind: 'constant-factor', message: `wrong constant factor: your answer is ${niceNumber(ratio)} times the right one` };
}

/** d fn/d variable at a point, in forward mode, with one gate's rule replaced by a mistake. */
function tangent(tape: Tape, values: Float64Array, variable: string, fn: NodeId, mistake?: Mistake): number {
  return tangents(tape, values, variable, mistake)[fn]!;
}

/** Every mistake a student could make at some gate of fn, gate by gate as evaluated, each gate's in MISTAKES' order. */
function mistakesIn(algebra: Simplifier, fn: NodeId, variable: string): Mistake[] {
  const graph = algebra.graph;
  const depending = varyingNodes(graph, graph.ancestors([fn]), variable);
  const depends = (id: NodeId) => depending[id] === 1;
  const site = {
    depends,
    op: (id: NodeId) => graph.node(id).op,
    constant: (id: NodeId) => algebra.valueOf(algebra.simplify(id))?.valueOf(),
    text: (id: NodeId) => printText(graph, id, { mode: 'faithful' }),
    derivativeText: (id: NodeId) => printText(graph, differentiate(graph, id, [variable], algebra).byVariable.get(variable)!),
  };
  return graph.ancestors([fn]).flatMap((id) => {
    const node = graph.node(id);
    if (!depends(id) || node.inputs.length === 0) return [];
    const at: GateSite = { ...site, id, node, varying: node.inputs.filter(depends) };
    return MISTAKES.flatMap((record) => record.at(at).map((way) => ({ kind: record.kind, node: id, ...way })));
  });
}

/** Whether two numbers agree to 1e-7, relative to themselves or to `floor` (the scale below which values count as 0). */
function close(a: number, b: number, floor = 1): boolean {
  return Math.abs(a - b) <= SAME * Math.max(floor, Math.abs(a), Math.abs(b));
}
