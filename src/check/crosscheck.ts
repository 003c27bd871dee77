/**
 * The cross-check: a gradient computed three independent ways (symbolic derivative evaluated, reverse-mode
 * adjoints, finite differences) and compared. On disagreement every gate's local derivative is compared the
 * same three ways, to name the node (and the method) at fault.
 */
import type { Program } from '../graph/program.js';
import type { NodeId } from '../graph/graph.js';
import { opNamed, type OpDef } from '../ops/index.js';
import { domainError, requireValues } from '../numeric/evaluate.js';
import { finestStep, finiteDifference, richardson, stencilCrosses, turnsWithin } from '../numeric/finite.js';
import { preciseValues } from '../numeric/precise.js';
import { backward } from '../numeric/reverse.js';
import { Tape, type Point } from '../numeric/tape.js';
import { differentiate, type Derivatives } from '../symbolic/differentiate.js';
import { printText } from '../symbolic/print.js';
import { agreeWithin, relativeError } from './compare.js';

/** Largest relative errors accepted between methods. */
export interface Tolerances {
  /** Symbolic derivative vs reverse mode (default 1e-12). */
  readonly symbolicReverse: number;
  /** Exact methods vs finite differences (default 1e-6). */
  readonly finite: number;
}

/** The tolerances the issue sets as defaults. */
export const DEFAULT_TOLERANCES: Tolerances = { symbolicReverse: 1e-12, finite: 1e-6 };

/** The three values of one partial derivative and how they compare. */
export interface PartialCheck {
  readonly variable: string;
  readonly symbolic: number;
  readonly reverse: number;
  /** null when finite differences cannot be used here (see `skipped`). */
  readonly finite: number | null;
  readonly symbolicVsReverse: number;
  readonly vsFinite: number | null;
  /** Why finite differences were not used (a kink within the step, the domain ending nearby). */
  readonly skipped?: string;
  /**
   * Set when the derivative cannot be given at the point, with why: it is infinite or undefined there, or (with
   * `float64Only`) float64 cannot evaluate it there though it exists; agree is then false.
   */
  readonly undefinedHere?: string;
  /** Set when the derivative exists but float64 cannot evaluate it at the point. */
  readonly float64Only?: boolean;
  readonly agree: boolean;
}

/** A gate whose local derivative the methods disagree on. */
export interface LocalDisagreement {
  readonly node: NodeId;
  readonly op: string;
  /** Which input the derivative is taken with respect to (0-based). */
  readonly input: number;
  /** The gate as text, e.g. `sin(x)`. */
  readonly expression: string;
  readonly symbolic: number;
  readonly reverse: number;
  readonly finite: number;
  /** The method whose rule disagrees with finite differences. */
  readonly suspect: 'symbolic' | 'reverse' | 'both';
  readonly line?: number;
  readonly col?: number;
}

/** Everything the cross-check found at one point. */
export interface CrossCheck {
  readonly point: Point;
  readonly value: number;
  readonly partials: readonly PartialCheck[];
  readonly agree: boolean;
  readonly derivatives: Derivatives;
  /** Conventions used at kinks of ops in the expression (relu'(0) = 0, …). */
  readonly kinkNotes: readonly string[];
  readonly disagreements: readonly LocalDisagreement[];
  readonly tolerances: Tolerances;
  /** The reverse-mode pass the check ran: its tape, every node's value and every node's adjoint (for a trace). */
  readonly reverse: { readonly tape: Tape; readonly values: Float64Array; readonly adjoint: Float64Array };
}

/** Options for a cross-check. */
export interface CrossCheckOptions {
  /** Variables to differentiate by (default: all of the program's). */
  readonly variables?: readonly string[];
  readonly tolerances?: Partial<Tolerances>;
  /** Symbolic derivatives already computed for this program. */
  readonly derivatives?: Derivatives;
}

/** Computes ∂output/∂variable at a point three ways and compares them. */
export function crossCheck(program: Program, point: Point, options: CrossCheckOptions = {}): CrossCheck {
  requireValues(program, point);
  const tolerances = { ...DEFAULT_TOLERANCES, ...options.tolerances };
  const variables = options.variables ?? program.variables;
  const { graph, output } = program;
  const derivatives = options.derivatives ?? differentiate(graph, output, variables);

  const tape = new Tape(graph, [output]);
  const values = tape.forward(point);
  const problem = tape.firstProblem(values);
  if (problem) throw domainError(program, problem);
  const { adjoint, magnitude } = backward(tape, values, output, { magnitudes: true });

  const symbolicNodes = variables.map((name) => derivatives.byVariable.get(name)!);
  const symbolicTape = new Tape(graph, symbolicNodes);
  const symbolicBounds = new Float64Array(graph.size);
  const symbolicValues = symbolicTape.forward(point, { bounds: symbolicBounds });

  const partials = variables.map((variable, i): PartialCheck => {
    const symbolic = symbolicValues[symbolicNodes[i]!]!;
    const rounding = 2 * symbolicBounds[symbolicNodes[i]!]!; // the symbolic formula's own rounding (1 − tanh² near 1 loses digits)
    const variableNode = program.variables.includes(variable) ? graph.variable(variable) : -1;
    const reverse = variableNode >= 0 ? adjoint[variableNode]! : 0;
    const scale = variableNode >= 0 ? magnitude![variableNode]! : 0;
    const symbolicVsReverse = relativeError(symbolic, reverse);
    if (!Number.isFinite(symbolic) || !Number.isFinite(reverse)) {
      const precise = preciseValues(graph, [symbolicNodes[i]!], point)?.[symbolicNodes[i]!];
      const checked = preciseValues(graph, [symbolicNodes[i]!], point, 100)?.[symbolicNodes[i]!]; // digits both agree on
      if (precise?.isFinite() && checked?.isFinite()) {
        // float64 fails on the way (x² underflows in √(x²) at 1e-300), not the derivative
        const settled = precise.toSignificantDigits(12).eq(checked.toSignificantDigits(12));
        const undefinedHere = `float64 overflows or underflows on the way to it here; ${settled ? `evaluated with 60 digits, the symbolic derivative is ${precise.toSignificantDigits(12).toString()}` : 'evaluating it with 60 digits does not settle its value either'}`;
        return { variable, symbolic, reverse, finite: null, symbolicVsReverse, vsFinite: null, undefinedHere, float64Only: true, agree: false };
      }
      const undefinedHere = Number.isNaN(symbolic) || Number.isNaN(reverse) ? 'the derivative is undefined at this point' : 'the derivative is infinite at this point';
      return { variable, symbolic, reverse, finite: null, symbolicVsReverse, vsFinite: null, undefinedHere, agree: false };
    }
    const exactAgree = agreeWithin(symbolic, reverse, tolerances.symbolicReverse, scale, rounding);
    if (variableNode < 0) {
      return { variable, symbolic, reverse, finite: 0, symbolicVsReverse, vsFinite: 0, agree: exactAgree };
    }
    const fd = finiteDifference(tape, point, output, variable);
    if ('skipped' in fd) {
      return { variable, symbolic, reverse, finite: null, symbolicVsReverse, vsFinite: null, skipped: fd.skipped, agree: exactAgree };
    }
    const { value: finite, noise, truncation } = fd.estimate;
    const vsFinite = Math.max(relativeError(symbolic, finite), relativeError(reverse, finite));
    const finiteAgree =
      agreeWithin(symbolic, finite, tolerances.finite, scale, noise + rounding) && agreeWithin(reverse, finite, tolerances.finite, scale, noise);
    if (!finiteAgree && truncation > tolerances.finite * Math.max(Math.abs(finite), scale)) {
      // finite differences cannot reach the tolerance here: they are the referee only where they are accurate
      const skipped = `the function varies too fast here for finite differences (their own error estimate is ${truncation.toExponential(1)})`;
      return { variable, symbolic, reverse, finite: null, symbolicVsReverse, vsFinite: null, skipped, agree: exactAgree };
    }
    return { variable, symbolic, reverse, finite, symbolicVsReverse, vsFinite, agree: exactAgree && finiteAgree };
  });

  const agree = partials.every((partial) => partial.agree);
  return {
    point,
    value: values[output]!,
    partials,
    agree,
    derivatives,
    kinkNotes: kinkConventions(tape),
    disagreements: partials.some((p) => !p.agree && !p.undefinedHere) ? localise(program, point, values, derivatives, tolerances) : [],
    tolerances,
    reverse: { tape, values, adjoint },
  };
}

/** The kink conventions of the non-smooth ops on a tape (those that depend on a variable). */
export function kinkConventions(tape: Tape): string[] {
  const notes = new Set<string>();
  tape.order.forEach((id, k) => {
    const note = tape.opAt(k).kinkNote;
    if (note && tape.varying[id]) notes.add(note);
  });
  return [...notes];
}

/** Compares every gate's local derivative three ways and returns the gates where they disagree. */
function localise(program: Program, point: Point, values: Float64Array, derivatives: Derivatives, tolerances: Tolerances): LocalDisagreement[] {
  const { graph } = program;
  const localTape = new Tape(graph, derivatives.steps.map((step) => step.local));
  const localBounds = new Float64Array(graph.size);
  const localValues = localTape.forward(point, { bounds: localBounds });
  const found: LocalDisagreement[] = [];
  for (const step of derivatives.steps) {
    const node = graph.node(step.node);
    const op = opNamed(node.op);
    const args = node.inputs.map((input) => values[input]!);
    const symbolic = localValues[step.local]!;
    const reverse = op.vjp(1, args, values[step.node]!)[step.input]!;
    const turning = op.period !== undefined && turnsWithin(finestStep(args[step.input]!), args[step.input]!, op.period);
    if (turning || kinkNear(op, args, step.input) || !Number.isFinite(symbolic) || !Number.isFinite(reverse)) continue;
    const { value: finite, noise } = richardson((t) => op.eval(args.map((a, j) => (j === step.input ? t : a))), args[step.input]!);
    const rounding = 2 * localBounds[step.local]!;
    const symbolicRight = agreeWithin(symbolic, finite, tolerances.finite, 0, noise + rounding);
    const reverseRight = agreeWithin(reverse, finite, tolerances.finite, 0, noise);
    if (symbolicRight && reverseRight && agreeWithin(symbolic, reverse, tolerances.symbolicReverse, 0, rounding)) continue;
    const suspect = symbolicRight ? 'reverse' : reverseRight ? 'symbolic' : 'both';
    const span = program.spans.get(step.node);
    found.push({
      node: step.node,
      op: node.op,
      input: step.input,
      expression: printText(graph, step.node, { mode: 'faithful' }),
      symbolic,
      reverse,
      finite,
      suspect,
      line: span?.line,
      col: span?.col,
    });
  }
  return found;
}

/** Whether moving argument i by a finite-difference step crosses (or starts on) one of the op's kinks or poles. */
function kinkNear(op: OpDef, args: readonly number[], i: number): boolean {
  return [op.kinks, op.poles].some((quantities) => quantities !== undefined && stencilCrosses(args[i]!, (t) => quantities(args.map((a, j) => (j === i ? t : a)))));
}
