/**
 * Explaining a wrong step: what it should have been (in the names the claim was written with), where it differs
 * (with the values the bound names stand for there), which common mistake reproduces it, and a note when chainrule's
 * own derivative did not pass its cross-check.
 */
import type { NodeId } from '../graph/graph.js';
import { Tape, type Point } from '../numeric/tape.js';
import { printAnswer } from './answer.js';
import { splitInto } from '../syntax/claim-reading.js';
import type { ClaimScope } from './claim-scope.js';
import { niceCounterexample } from './counterexample.js';
import { crossCheck } from './crosscheck.js';
import { diagnoseDerivative, diagnoseStep } from './diagnose.js';
import { variablesOf, type Comparison } from './equivalence.js';
import { sampleDomain } from './sample.js';
import { differentiated, shownAnswer, withIntermediate, type Subject } from './target.js';
import type { Graph } from '../graph/graph.js';

/** What a wrong step should have been, where it differs, and which common mistake explains it. */
export function explainDifference(scope: ClaimScope, comparison: Comparison, claimed: NodeId, correct: NodeId, derivativeOf: Subject | undefined, point: Point | undefined) {
  const graph = scope.builder.graph;
  const sample = comparison.counterexample!;
  const simplified = scope.algebra.simplify(correct);
  const claimedValue = scope.algebra.simplify(claimed); // values from the simplified forms (exact constants folded)
  const names = scope.bindingNames(derivativeOf);
  const shown = derivativeOf ? scope.algebra.simplify(shownAnswer({ expected: correct, derivativeOf })) : simplified;
  const { text: expected, latex: expectedLatex } = printAnswer(graph, shown, names);
  const counterexample = point ? { point: sample.point, claimed: sample.left, correct: sample.right } : niceCounterexample(graph, claimed, claimedValue, simplified, sample);
  const points = point ? [point] : [counterexample.point, ...sampleDomain(graph, variablesOf(graph, [claimed, correct]), [claimed, correct], 4, 11).points];
  const diagnosis = derivativeOf
    ? diagnoseDerivative(scope.algebra, differentiated(derivativeOf), derivativeOf.variable, claimed, points.map((at) => withIntermediate(graph, derivativeOf, at)))
    : point || variablesOf(graph, [claimed, correct]).length === 0
      ? undefined // two numbers always differ by a constant factor: at one point that names no mistake
      : diagnoseStep(valuesAt(graph, correct, points), valuesAt(graph, claimed, points));
  const bindings = scope.boundValues([claimed, correct], counterexample.point, derivativeOf?.fn);
  if (Object.keys(bindings).length > 0) Object.assign(counterexample, { bindings });
  const hint = runTogetherNames(variablesOf(graph, [claimed]), variablesOf(graph, [correct])) ?? (derivativeOf && unconfirmed(scope, derivativeOf, counterexample.point)) ?? comparison.reason;
  return {
    expected,
    expectedLatex,
    counterexample,
    ...(diagnosis ? { diagnosis: diagnosis.message, diagnosisKind: diagnosis.kind } : {}),
    ...(hint ? { reason: hint } : {}),
  };
}

/**
 * Every derivative chainrule prints is cross-checked: the expected derivative is computed by reverse mode and
 * finite differences too, at the counterexample's point; a note says so if they disagree.
 */
function unconfirmed(scope: ClaimScope, derivativeOf: Subject, point: Point): string | undefined {
  const graph = scope.builder.graph;
  const full = withIntermediate(graph, derivativeOf, Object.fromEntries(variablesOf(graph, [derivativeOf.fn]).map((name) => [name, point[name] ?? 1])));
  try {
    const output = differentiated(derivativeOf);
    const program = { graph, output, source: '', bindings: [], variables: variablesOf(graph, [output]), spans: new Map() };
    const check = crossCheck(program, full, { variables: [derivativeOf.variable] });
    return check.agree ? undefined : `note: chainrule's own derivative did not pass its cross-check at ${JSON.stringify(full)}; treat this verdict with care`;
  } catch {
    return undefined; // the point is outside the function's domain: the comparison above already used its own points
  }
}

/** A hint when the claim uses a name such as `wx` that is the expected variables run together (w·x was meant). */
function runTogetherNames(claimed: readonly string[], expected: readonly string[]): string | undefined {
  const known = new Set(expected);
  for (const name of claimed) {
    if (known.has(name)) continue;
    const parts = splitInto(name, (part) => known.has(part));
    if (parts) return `${name} is read as one variable; write ${parts.join('*')} if you meant the product`;
  }
  return undefined;
}

function valuesAt(graph: Graph, node: NodeId, points: readonly Point[]): number[] {
  const tape = new Tape(graph, [node]);
  return points.map((point) => tape.forward(point)[node]!);
}
