/**
 * Diagnosing a wrong derivative: which common mistake reproduces the student's answer. Each candidate mistake is
 * the chain rule applied with one rule misapplied at one gate (the inner derivative left out, a product-rule term
 * dropped, …), evaluated numerically in forward mode with the ops' own local derivatives; the first candidate that
 * matches the answer at every sampled point names the mistake.
 */
import type { NodeId } from '../graph/graph.js';
import { opNamed } from '../ops/index.js';
import { varyingNodes } from '../graph/varying.js';
import { backward } from '../numeric/reverse.js';
import { tangents, type Gate, type GateRule } from '../numeric/forward.js';
import { Tape, type Point } from '../numeric/tape.js';
import { differentiate } from '../symbolic/differentiate.js';
import { printText } from '../symbolic/print.js';
import type { Simplifier } from '../symbolic/simplify.js';

/** The common mistakes a diagnosis can name. */
export type MistakeKind =
  | 'sign'
  | 'constant-factor'
  | 'chain-rule'
  | 'product-rule'
  | 'quotient-rule-sign'
  | 'power-not-decreased'
  | 'sin-cos-swapped'
  /** A matrix claim: the transpose of the right answer (a transpose missing). */
  | 'transpose'
  /** A matrix claim of a shape the derivative cannot have. */
  | 'shape';

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

/** Every mistake a student could make at some gate of fn. */
function mistakesIn(algebra: Simplifier, fn: NodeId, variable: string): Mistake[] {
  const graph = algebra.graph;
  const depending = varyingNodes(graph, graph.ancestors([fn]), variable);
  const depends = { has: (id: NodeId) => depending[id] === 1 };
  const text = (id: NodeId) => printText(graph, id, { mode: 'faithful' });
  const derivativeText = (id: NodeId) => printText(graph, differentiate(graph, id, [variable], algebra).byVariable.get(variable)!);
  const mistakes: Mistake[] = [];
  for (const id of graph.ancestors([fn])) {
    const node = graph.node(id);
    if (!depends.has(id) || node.inputs.length === 0) continue;
    const [first, second] = node.inputs as [NodeId, NodeId | undefined];
    const varying = node.inputs.filter((input) => depends.has(input));
    const inner = varying[0];
    const sum = (g: Gate) => g.local.reduce((total, l, i) => total + (g.dots[i] === 0 ? 0 : l * g.dots[i]!), 0);

    if (node.op !== 'add' && node.op !== 'sub' && node.op !== 'neg' && node.op !== 'mul' && node.op !== 'div' && varying.length === 1 && inner !== undefined && graph.node(inner).op !== 'var') {
      const i = node.inputs.indexOf(inner);
      mistakes.push({
        kind: 'chain-rule',
        node: id,
        tangent: (g) => g.local[i]!,
        message: () =>
          `missing inner derivative (chain rule): the derivative of ${text(id)} is the outer derivative times the derivative of the inside, u = ${text(inner)}: multiply by u′ = ${derivativeText(inner)}`,
      });
    }
    if (node.op === 'mul' && node.inputs.length === 2 && varying.length === 2) {
      for (const keep of [0, 1]) {
        mistakes.push({
          kind: 'product-rule',
          node: id,
          tangent: (g) => g.local[keep]! * g.dots[keep]!,
          message: () =>
            `a product-rule term is missing in the derivative of ${text(id)}: (uv)′ = u′v + uv′ with u = ${text(first)} and v = ${text(second!)}; you have only ${keep === 0 ? 'u′v' : 'uv′'}`,
        });
      }
    }
    if (node.op === 'div' && second !== undefined && depends.has(second)) {
      mistakes.push({
        kind: 'quotient-rule-sign',
        node: id,
        tangent: (g) => g.local[0]! * g.dots[0]! - g.local[1]! * g.dots[1]!,
        message: () => `quotient rule sign: (u/v)′ = (u′v − uv′)/v² with a minus, for u = ${text(first)} and v = ${text(second)}; your answer adds the two terms`,
      });
    }
    const exponent = second === undefined ? undefined : algebra.valueOf(algebra.simplify(second));
    if (node.op === 'pow' && exponent !== undefined && depends.has(first)) {
      const n = exponent.valueOf();
      mistakes.push({
        kind: 'power-not-decreased',
        node: id,
        tangent: (g) => n * g.out * g.dots[0]!,
        message: () => `the power was not decreased in the derivative of ${text(id)}: (u^n)′ = n·u^(n−1)·u′, so the exponent becomes ${niceNumber(n - 1)}`,
      });
    }
    if (node.op === 'sqrt' && depends.has(first)) {
      mistakes.push({
        kind: 'power-not-decreased',
        node: id,
        tangent: (g) => 0.5 * g.out * g.dots[0]!,
        message: () => `the power was not decreased in the derivative of ${text(id)}: √u = u^(1/2), so (√u)′ = (1/2)·u^(−1/2)·u′`,
      });
    }
    const swapped = SWAPS[node.op];
    if (swapped && inner !== undefined) {
      for (const sign of [1, -1]) {
        mistakes.push({
          kind: 'sin-cos-swapped',
          node: id,
          tangent: (g) => sign * swapped.wrong(g.args[0]!) * g.dots[0]!,
          message: () => `${swapped.words} in the derivative of ${text(id)}: ${swapped.rule}`,
        });
      }
    }
    if (node.op === 'swish' && inner !== undefined) {
      const sigmoid = opNamed('sigmoid');
      mistakes.push(
        {
          kind: 'product-rule',
          node: id,
          tangent: (g) => sigmoid.eval(g.args) * g.dots[0]!,
          message: () => `a product-rule term is missing in the derivative of ${text(id)} = u·σ(u): (uσ(u))′ = σ(u)·u′ + u·σ(u)(1 − σ(u))·u′`,
        },
        {
          kind: 'product-rule',
          node: id,
          tangent: (g) => {
            const s = sigmoid.eval(g.args);
            return g.args[0]! * s * (1 - s) * g.dots[0]!;
          },
          message: () => `a product-rule term is missing in the derivative of ${text(id)} = u·σ(u): (uσ(u))′ = σ(u)·u′ + u·σ(u)(1 − σ(u))·u′`,
        },
      );
    }
    if (node.op !== 'add' && node.op !== 'mul') {
      node.inputs.forEach((input, i) => {
        if (!depends.has(input)) return;
        mistakes.push({
          kind: 'sign',
          node: id,
          tangent: (g) => sum(g) - 2 * g.local[i]! * g.dots[i]!,
          message: () => `sign error in the derivative of ${text(id)} (by ${text(input)}): its derivative is ${derivativeSign(node.op)}`,
        });
      });
    }
  }
  return mistakes;
}

/** Functions whose derivative students write with the wrong partner (sin for cos, cosh for sinh, csc² for sec²). */
const SWAPS: Record<string, { readonly wrong: (u: number) => number; readonly words: string; readonly rule: string }> = {
  sin: { wrong: Math.sin, words: 'sin and cos are mixed up', rule: '(sin u)′ = cos(u)·u′ and (cos u)′ = −sin(u)·u′' },
  cos: { wrong: Math.cos, words: 'sin and cos are mixed up', rule: '(sin u)′ = cos(u)·u′ and (cos u)′ = −sin(u)·u′' },
  sinh: { wrong: Math.sinh, words: 'sinh and cosh are mixed up', rule: '(sinh u)′ = cosh(u)·u′ and (cosh u)′ = sinh(u)·u′' },
  cosh: { wrong: Math.cosh, words: 'sinh and cosh are mixed up', rule: '(sinh u)′ = cosh(u)·u′ and (cosh u)′ = sinh(u)·u′' },
  tan: { wrong: (u) => 1 / Math.sin(u) ** 2, words: 'sin and cos are mixed up', rule: '(tan u)′ = u′/cos²(u), not u′/sin²(u)' },
};

/** How the derivative of an op goes, for sign-error messages. */
function derivativeSign(op: string): string {
  const known: Record<string, string> = {
    sin: '(sin u)′ = cos(u)·u′',
    cos: '(cos u)′ = −sin(u)·u′',
    sub: '(u − v)′ = u′ − v′',
    div: '(u/v)′ = (u′v − uv′)/v²',
    neg: '(−u)′ = −u′',
    acos: '(acos u)′ = −u′/√(1 − u²)',
    pow: '(u^n)′ = n·u^(n−1)·u′',
    log: '(ln u)′ = u′/u',
    exp: '(e^u)′ = e^u·u′',
  };
  return known[op] ?? `the derivative of ${op} times the inner derivative`;
}

/** Whether two numbers agree to 1e-7, relative to themselves or to `floor` (the scale below which values count as 0). */
function close(a: number, b: number, floor = 1): boolean {
  return Math.abs(a - b) <= SAME * Math.max(floor, Math.abs(a), Math.abs(b));
}

/** A ratio as a short number: 2, 1/2, -3/4, or 0.577. */
function niceNumber(value: number): string {
  for (let denominator = 1; denominator <= 12; denominator++) {
    const numerator = Math.round(value * denominator);
    if (Math.abs(numerator / denominator - value) < 1e-9 * Math.max(1, Math.abs(value))) {
      return denominator === 1 ? String(numerator) : `${numerator}/${denominator}`;
    }
  }
  return String(Number(value.toPrecision(3)));
}
