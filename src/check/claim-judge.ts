/**
 * Judging a claim: each step of it checked against the one before (the first against what the head asks), exactly
 * where it can be, at the claim's point, or at sampled points; by the precision rule for written numbers; within the
 * rounding of the decimals a working writes. A wrong step is explained (claim-explain.ts).
 */
import { InputError, WorkLimit } from '../errors.js';
import type { NodeId } from '../graph/graph.js';
import { substituteAll, variableNodes } from '../graph/substitute.js';
import { formatNumber, Tape, type Point } from '../numeric/tape.js';
import { childrenOf, type Expr } from '../syntax/tree.js';
import { inputError } from '../build/shared.js';
import { NODES_PER_CLAIM } from './budgets.js';
import { splitInto } from '../syntax/claim-reading.js';
import { headKind, namesIn, type ClaimScope, type Group } from './claim-scope.js';
import { explainDifference } from './claim-explain.js';
import { compareAtPoint, compareExpressions, variablesOf } from './equivalence.js';
import { exactPole } from './poles.js';
import { judgeNumber, precisionOf, writtenNumber } from './precision.js';
import { restatement } from './restatement.js';
import type { ClaimResult } from './results.js';
import { withoutPoint, type Subject, type Target } from './target.js';

/** Judges a claim: a claim that cannot be read or needs more than its budget is undetermined, never a crash. */
export function judgeClaim(scope: ClaimScope, group: Group): ClaimResult {
  const stopped = scope.options.stopped?.get(group.first.number);
  if (stopped !== undefined) return scope.result(group, group.first, headKind(group.head), { verdict: 'undetermined', reason: stopped });
  scope.options.onClaim?.(group.first.number);
  try {
    return scope.builder.graph.budget(NODES_PER_CLAIM, () => check(scope, group));
  } catch (error) {
    // whatever goes wrong costs this claim only: it is undetermined, with the reason
    const reason =
      error instanceof InputError ? `${error.message}${error.hint ? ` (${error.hint})` : ''}` : error instanceof WorkLimit ? error.message : `internal error: ${(error as Error).message}`;
    return scope.result(group, group.first, headKind(group.head), { verdict: 'undetermined', reason });
  }
}

function check(scope: ClaimScope, group: Group): ClaimResult {
  const target = scope.targets.resolve(group.head, scope.source(group.first));
  const result = checkSteps(scope, group, target);
  return { ...result, target: target.key, ...(target.notes.length > 0 ? { notes: target.notes } : {}) };
}

/**
 * Checks each step against the one before (the first against `expected`): symbolically for expressions, at the
 * point for derivatives taken at a point, by the precision rule for written numbers.
 */
function checkSteps(scope: ClaimScope, group: Group, target: Target): ClaimResult {
  const { kind, point, derivativeOf } = target;
  let previous = target.expected;
  let reason: string | undefined;
  const notes: string[] = [];
  const unworked: string[] = [];
  for (const [index, step] of group.steps.entries()) {
    const final = index === group.steps.length - 1;
    const restatedAsWritten = final ? howRestated(scope, group, target, step.expr) : undefined; // f'(x) restates df/dx, even where f' has no meaning
    if (restatedAsWritten) return scope.result(group, step.line, kind, { verdict: 'incorrect', step: index + 1, reason: `your answer restates the question: ${restatedAsWritten}` });
    const { result: node, derivatives } = scope.targets.recording(() => scope.builder.expression(step.expr, scope.source(step.line)));
    if (derivativeOf) checkNames(scope, step, node, derivativeOf);
    const restated = final ? howRestated(scope, group, target, step.expr, { node, derivatives }) : undefined;
    if (restated) return scope.result(group, step.line, kind, { verdict: 'incorrect', step: index + 1, reason: `your answer restates the question: ${restated}` });
    if (final) unworked.push(...derivativesWritten(scope, step.expr, step.line.raw));
    const unset = point && index === 0 ? variablesOf(scope.builder.graph, [previous]).filter((name) => point[name] === undefined) : [];
    if (unset.length > 0 && Object.keys(point!).length > 0) {
      const example = [...Object.entries(point!).map(([name, value]) => `${name}=${value}`), ...unset.map((name) => `${name}=…`)].join(', ');
      return scope.result(group, step.line, kind, { verdict: 'undetermined', step: index + 1, reason: `the point gives no value to ${unset.join(', ')}: write … at ${example}` });
    }
    const written = point ? writtenNumber(step.expr) : undefined;
    if (written && point) {
      const problem = valueProblem(scope, previous, point, target.exact);
      if (problem) return scope.result(group, step.line, kind, { verdict: 'undetermined', step: index + 1, reason: problem });
      const verdict = judgeNumber(scope.algebra, previous, point, written, scope.options.tolerance);
      if (!verdict.correct) {
        return scope.result(group, step.line, kind, { verdict: 'incorrect', step: index + 1, expected: formatNumber(verdict.exact), reason: verdict.explanation });
      }
      reason = verdict.explanation;
      continue; // the next step is judged against the exact value again, not against this rounded one
    }
    if (withinRounding(scope, group, step, node, previous, point)) {
      reason = 'rounding explains it: each number written in the working is the exact value rounded to its digits';
      continue; // 1/(1 + 0.7788) for 1/(1 + e^(-0.25)): the next step is judged against the exact value again
    }
    const domain = derivativeOf ? [derivativeOf.fn, target.expected] : undefined; // a derivative claim must hold wherever the function is differentiable
    const sides: [string, string] = index === 0 ? ['the right side', 'the left side'] : ['this line', 'the line before'];
    // constants are compared exactly (0.333333333333333 is not 1/3); other claims at a point, at the point
    const atPoint = point && Object.keys(point).length > 0;
    const comparison = atPoint ? compareAtPoint(scope.algebra, node, previous, point, target.exact, sides) : compareExpressions(scope.algebra, node, previous, { seed: scope.options.seed, domain, sides });
    if (comparison.verdict === 'unknown') {
      return scope.result(group, step.line, kind, { verdict: 'undetermined', step: index + 1, reason: comparison.reason });
    }
    if (comparison.verdict === 'different') {
      return scope.result(group, step.line, kind, { verdict: 'incorrect', step: index + 1, ...explainDifference(scope, comparison, node, previous, index === 0 ? derivativeOf : undefined, point) });
    }
    if (comparison.reason) notes.push(comparison.reason);
    previous = node;
  }
  return scope.result(group, group.first, kind, { verdict: 'correct', ...(reason ? { reason } : {}), ...(notes.length > 0 ? { notes } : {}), ...(unworked.length > 0 ? { unworked } : {}) });
}

/** The derivatives an expression writes, as written: dL/da, d/dx (…), f'(…), and bound names that stand for some. */
function derivativesWritten(scope: ClaimScope, expr: Expr, raw: string): string[] {
  const found: string[] = [];
  const visit = (node: Expr): void => {
    const written = raw.slice(node.span.offset, node.span.end).trim();
    if (node.kind === 'derivative' || node.kind === 'differentiate' || (node.kind === 'call' && node.name.length > 1 && node.name.endsWith("'"))) found.push(written);
    else if (node.kind === 'name' && (scope.derivativesBehind.get(node.name)?.size ?? 0) > 0) found.push(`${node.name} (= ${scope.definitions.get(node.name) ?? '…'})`);
    else childrenOf(node).forEach(visit);
  };
  visit(expr);
  return [...new Set(found)];
}

/**
 * Whether a step of working with rounded numbers (`= 1/(1 + 0.7788)` for `1/(1 + e^(-0.25))`) equals the value
 * before it within the rounding of the decimals it writes that the question does not give: each moved by half a
 * unit of its last digit, their effects on the step added up.
 */
function withinRounding(scope: ClaimScope, group: Group, step: Group['steps'][number], node: NodeId, previous: NodeId, point: Point | undefined): boolean {
  const graph = scope.builder.graph;
  // a step of numbers, against a value: a constant, or an expression at the claim's point
  if (variablesOf(graph, [node]).length > 0 || writtenNumber(step.expr)) return false;
  if (variablesOf(graph, [previous]).some((name) => point?.[name] === undefined)) return false;
  const head = group.head;
  const givenIn = [...(head.kind === 'expression' ? [head.expr] : head.of.kind === 'expression' ? [head.of.expr] : []), ...(head.at ?? []).map((statement) => statement.expr)];
  const given = new Set(givenIn.flatMap(numbersIn).map((number) => number.text));
  const rounded = new Map<NodeId, number>(); // a decimal's node and half a unit of its last digit
  for (const number of numbersIn(step.expr)) {
    const { halfUnit } = precisionOf(number.text);
    if (halfUnit === 0 || given.has(number.text)) continue;
    const id = scope.builder.expression(number, scope.source(step.line));
    rounded.set(id, Math.max(rounded.get(id) ?? 0, halfUnit));
  }
  if (rounded.size === 0) return false;
  const free = [...rounded.keys()].map((id, k) => ({ id, name: `rounded ${k}`, value: new Tape(graph, [id]).forward({})[id]!, halfUnit: rounded.get(id)! }));
  const opened = substituteAll(graph, node, new Map(free.map(({ id, name }) => [id, graph.variable(name)])));
  const tape = new Tape(graph, [opened, previous]);
  const at = { ...point, ...Object.fromEntries(free.map(({ name, value }) => [name, value])) };
  const values = tape.forward(at);
  const bound = free.reduce((sum, { name, value, halfUnit }) => {
    const [up, down] = [tape.forward({ ...at, [name]: value + halfUnit })[opened]!, tape.forward({ ...at, [name]: value - halfUnit })[opened]!];
    return sum + Math.abs(up - down) / 2;
  }, 0);
  const [claimed, exact] = [values[opened]!, values[previous]!];
  return Number.isFinite(bound) && Number.isFinite(claimed) && Number.isFinite(exact) && Math.abs(claimed - exact) <= bound * 1.01 + 1e-12 * Math.abs(exact);
}

/** How a claim's final answer restates what the claim asks, if it does (see restatement.ts). */
function howRestated(scope: ClaimScope, group: Group, target: Target, answer: Expr, built?: { node: NodeId; derivatives: ReadonlySet<string> }): string | undefined {
  const head = group.head;
  const raw = group.first.raw;
  const written = head.kind === 'derivative' ? raw.slice(head.span.offset, head.span.end).trim() : raw.slice(head.expr.span.offset, (head.at?.at(-1)?.expr.span ?? head.expr.span).end).trim();
  const functionName = head.kind === 'derivative' ? (head.of.kind === 'name' ? head.of.name : undefined) : head.expr.kind === 'name' ? head.expr.name : head.expr.kind === 'call' ? head.expr.name : undefined;
  // a value or a derivative at a point is a number: a formula in the point's variables is not an answer to it
  const valueAtPoint = target.point !== undefined && Object.keys(target.point).length > 0;
  const unresolved = valueAtPoint && built ? variablesOf(scope.builder.graph, [built.node]).filter((name) => name in target.point!) : undefined;
  const derivatives = built?.derivatives ?? new Set<string>();
  const through = (name: string) => scope.derivativesBehind.get(name);
  return restatement(answer, { asked: withoutPoint(target.key), written, derivatives, through, valueAtPoint, ...(functionName ? { functionName } : {}), ...(unresolved ? { unresolved } : {}) });
}

/**
 * A derivative is a function of what is differentiated: a name of two or more letters that is neither one of its
 * variables nor defined (`wq` in an answer about w and x) is named, never judged silently.
 */
function checkNames(scope: ClaimScope, step: Group['steps'][number], node: NodeId, subject: Subject): void {
  const graph = scope.builder.graph;
  const known = variablesOf(graph, [subject.fn]);
  const unknown = variablesOf(graph, [node]).find((name) => name.length > 1 && !known.includes(name));
  if (unknown === undefined) return;
  const span = namesIn(step.expr).find((expr) => expr.name === unknown)?.span ?? step.expr.span;
  const parts = splitInto(unknown, (part) => known.includes(part) || scope.builder.lookup(part) !== undefined) ?? (/^[A-Za-z]+$/.test(unknown) ? [...unknown] : undefined);
  const hint = parts ? `write ${parts.join('*')} for a product, or define ${unknown} on a line before` : `define ${unknown} on a line before`;
  throw inputError('unknown-name', `${unknown} is not a variable of what is differentiated (${known.join(', ')}) and is not defined`, scope.source(step.line), span, hint);
}

/** Why a node has no finite value at a point, if it has none. */
function valueProblem(scope: ClaimScope, node: NodeId, point: Point, exact: ReadonlyMap<string, NodeId> | undefined): string | undefined {
  const graph = scope.builder.graph;
  const variables = variablesOf(graph, [node]);
  if (variables.every((name) => exact?.has(name))) {
    // at an exact point the value is exact: tan(π/2) has none, though float64 gives 1.6e16
    const pole = exactPole(scope.algebra, exact ? substituteAll(graph, node, variableNodes(graph, exact)) : node);
    if (pole) return pole;
  }
  const tape = new Tape(graph, [node]);
  const values = tape.forward(point);
  if (Number.isFinite(values[node]!)) return undefined;
  return tape.firstProblem(values)?.message ?? 'the value is not a finite number';
}

/** The number literals of an expression, in the order written. */
function numbersIn(expr: Expr): Extract<Expr, { kind: 'number' }>[] {
  return expr.kind === 'number' ? [expr] : childrenOf(expr).flatMap(numbersIn);
}
