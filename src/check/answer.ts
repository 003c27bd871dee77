/**
 * The answer to what a claim head asks (the answer key of a problem's ask): the simplified expression, its value at
 * the ask's point, and for a derivative the cross-check that proves it (at the point, or at sampled points).
 */
import { InputError } from '../errors.js';
import type { GraphBuilder } from '../build/scalar.js';
import type { Graph, NodeId } from '../graph/graph.js';
import { Tape, type Point } from '../numeric/tape.js';
import { sharedNames } from '../symbolic/share.js';
import { printLatex, printText } from '../symbolic/print.js';
import type { Simplifier } from '../symbolic/simplify.js';
import { crossCheck, type CrossCheck } from './crosscheck.js';
import { variablesOf } from './equivalence.js';
import { KINK_MARGIN, sampleDomain } from './sample.js';
import { differentiated, shownAnswer, withIntermediate, type Subject, type Target } from './target.js';

/** A computed answer. */
export interface Answer {
  readonly kind: Target['kind'];
  /** Identifies what is asked (see Target.key). */
  readonly key: string;
  /** The answer as an expression (simplified; bound names written for what they stand for). */
  readonly text: string;
  readonly latex: string;
  /** Where it was asked, if at a point. */
  readonly point?: Point;
  /** Its value at the point (NaN where undefined). */
  readonly value?: number;
  /** For a derivative: the cross-checks that prove it (one at the point, or at sampled points without one). */
  readonly checks: readonly CrossCheck[];
  /** Conventions that apply (derivatives at kinks). */
  readonly notes: readonly string[];
  /** For a derivative: the function differentiated, as written (LaTeX). */
  readonly subjectLatex?: string;
  /** Why it has no value at its point (the point is outside the domain), when it has none. */
  readonly undefinedHere?: string;
}

/** Points a symbolic derivative without a point is cross-checked at. */
const SAMPLED_CHECKS = 3;

/** Computes the answer a target asks for, in the graph of a session. */
export function answerOf(target: Target, builder: GraphBuilder, algebra: Simplifier, names: ReadonlyMap<NodeId, string>): Answer {
  const graph = builder.graph;
  const simplified = algebra.simplify(target.expected);
  const printed = printAnswer(graph, algebra.simplify(shownAnswer(target)), names);
  const { checks, failure } = target.derivativeOf ? crossChecks(graph, target.derivativeOf, target.point) : { checks: [] };
  let value: number | undefined;
  let undefinedHere: string | undefined;
  if (target.point) {
    const tape = new Tape(graph, [simplified]);
    const values = tape.forward(target.point);
    value = values[simplified];
    // a derivative where the function itself is undefined has no value, whatever its formula gives there (1/x at x = -1 for log)
    if (failure !== undefined) undefinedHere = failure;
    else if (!Number.isFinite(value)) {
      const found = checks.flatMap((check) => check.partials).find((partial) => partial.undefinedHere)?.undefinedHere;
      undefinedHere = found ?? tape.firstProblem(values)?.message ?? 'it is not a finite number there';
    }
  }
  const subjectLatex = target.derivativeOf ? printLatex(graph, target.derivativeOf.fn, { mode: 'faithful', names }) : undefined;
  return {
    kind: target.kind,
    key: target.key,
    ...printed,
    ...(target.point ? { point: target.point, value } : {}),
    checks,
    notes: target.notes,
    ...(subjectLatex ? { subjectLatex } : {}),
    ...(undefinedHere !== undefined ? { undefinedHere } : {}),
  };
}

/**
 * An expected answer as text and LaTeX, with bound names for what they stand for; a large one (a derivative through
 * hundreds of bindings) is written with its shared parts named, `u1 = …; …`, so that it stays linear in size.
 */
export function printAnswer(graph: Graph, node: NodeId, bound: ReadonlyMap<NodeId, string>): { text: string; latex: string } {
  const shared = sharedNames(graph, [node], new Set([...bound.values(), ...variablesOf(graph, [node])]));
  const names = new Map([...bound, ...shared]);
  const definitions = [...shared].map(([id, name]) => ({ name, text: printText(graph, id, { names }), latex: printLatex(graph, id, { names }) }));
  return {
    text: [...definitions.map((d) => `${d.name} = ${d.text}`), printText(graph, node, { names })].join('; '),
    latex: [...definitions.map((d) => `${d.name} = ${d.latex}`), printLatex(graph, node, { names })].join(',\\; '),
  };
}

/** The derivative cross-checked at its point, or at points sampled from the function's domain. */
function crossChecks(graph: Graph, of: Subject, point: Point | undefined): { checks: CrossCheck[]; failure?: string } {
  const leaves = variablesOf(graph, [of.fn]);
  const output = differentiated(of);
  const program = { graph, output, source: '', bindings: [], variables: variablesOf(graph, [output]), spans: new Map() };
  const points = point ? [withDefaults(graph, of.fn, leaves, point)] : sampleDomain(graph, leaves, [of.fn], SAMPLED_CHECKS, 7).points;
  const checks: CrossCheck[] = [];
  let failure: string | undefined;
  for (const at of points) {
    try {
      checks.push(crossCheck(program, withIntermediate(graph, of, at), { variables: [of.variable] }));
    } catch (error) {
      // outside the domain (the value asked for is undefined there): nothing to prove at this point
      failure ??= error instanceof InputError ? error.message : String(error);
    }
  }
  return { checks, ...(failure !== undefined ? { failure } : {}) };
}

/** Values tried, in turn, for the variables an ask leaves out. */
const FILLS = [1, 0.5, 2, 0.25, 3, -0.5, -1, -2, 0.1, 10];

/**
 * A point with every variable given. Those the ask leaves out do not matter to the value; they get 1, or where the
 * function is undefined there (log(1 - y2) with y2 = 1) or a kink would keep finite differences out (|y2 - yhat2| with
 * both 1), the first of a few other values, all alike or staggered, that avoids it.
 */
function withDefaults(graph: Graph, fn: NodeId, variables: readonly string[], point: Point): Point {
  const missing = variables.filter((name) => point[name] === undefined);
  const complete = (fill: (j: number) => number): Point => {
    const filled = Object.fromEntries(missing.map((name, j) => [name, fill(j)]));
    return Object.fromEntries(variables.map((name) => [name, point[name] ?? filled[name]!]));
  };
  if (missing.length === 0) return complete(() => 1);
  const candidates = FILLS.flatMap((value, k) => [complete(() => value), complete((j) => FILLS[(k + j) % FILLS.length]!)]);
  const tape = new Tape(graph, [fn]);
  const defined = candidates.filter((at) => Number.isFinite(tape.forward(at)[fn]));
  const smooth = defined.find((at) => !tape.kinkValues(tape.forward(at)).some((kink) => Math.abs(kink.value) < KINK_MARGIN));
  return smooth ?? defined[0] ?? complete(() => 1);
}
