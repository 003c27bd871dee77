/**
 * One function per command, each taking text and returning data (no printing, no files): what the command line
 * calls, and what a library user calls. Renderers (src/render) turn the results into text, JSON, LaTeX or HTML.
 */
import { diff as diffProgram, type DiffOptions, type DiffResult } from './check/diff.js';
import { diffMatrix, type MatrixDiff, type MatrixDiffOptions } from './check/matrix-diff.js';
import { buildTensorProgram } from './build/tensor.js';
import { readProgram } from './build/program.js';
import { checkClaims } from './check/claims.js';
import { crossCheck, type Tolerances } from './check/crosscheck.js';
import { gradeSubmission, studentName, type GradeOptions, type StudentGrade } from './check/grade.js';
import { mergeProblemSets, parseProblems, type ProblemSet } from './check/problems.js';
import type { CheckOptions, ClaimsReport } from './check/results.js';
import { InputError } from './errors.js';
import { explainMlp, type MlpReport } from './explain/mlp.js';
import { networkShapes, type Layout, type ShapesReport } from './explain/shapes.js';
import { solveProblem, type ProblemSolution } from './explain/solve.js';
import { solveMatrixProblem, type MatrixSolution } from './explain/solve-matrix.js';
import { expressionShapes } from './explain/tensor-shapes.js';
import { trace as traceProgram, type Trace } from './explain/trace.js';
import { parsePoint } from './build/point.js';
import { variablesNamed, type Point, type Program } from './graph/program.js';
import { batchFromJson, initParameters, parametersFromJson, randomBatch, type InitScheme } from './nn/init.js';
import type { Network } from './nn/network.js';
import type { OptimizerOptions } from './nn/optimizers.js';
import { parseNetwork } from './nn/spec.js';
import { evaluate, type Evaluation } from './numeric/evaluate.js';
import { parse } from './program.js';
import type { ParseLimits } from './syntax/parse.js';
import type { NotationWarning } from './syntax/reading.js';
import { parseDimsOption, sizesOf } from './tensor/dims.js';

/** How an expression is read: its name in messages, bounds on it, and the shapes of its tensors (`W=4x3,x=3`). */
export interface ExpressionOptions {
  readonly sourceName?: string;
  readonly limits?: ParseLimits;
  /** Shapes of the expression's tensors, as `--dims` takes them (`W=4x3,x=3`, `X=3xB,B=8`). */
  readonly dims?: string;
}

/** An expression read into a program (with --dims' shapes, if given). */
export function program(expression: string, options: ExpressionOptions = {}): Program {
  const dims = options.dims === undefined ? {} : { dims: parseDimsOption(options.dims), sizes: sizesOf(options.dims) };
  return parse(expression, { sourceName: options.sourceName, limits: options.limits, ...dims });
}

/** `chainrule diff`: the derivatives of an expression (by every variable, or `wrt`), cross-checked at sampled points. */
export function diff(expression: string, options: ExpressionOptions & DiffOptions = {}): DiffResult {
  return diffProgram(program(expression, options), options);
}

/** `chainrule diff` on a tensor program: the derivatives in matrix form (∂L/∂W = 2 (W x − y) xᵀ), with backprop's named intermediates, checked. */
export function matrixDiff(expression: string, options: ExpressionOptions & MatrixDiffOptions = {}): MatrixDiff & { readonly warnings: readonly NotationWarning[] } {
  const { statements, warnings } = readProgram(expression, options);
  const dims = options.dims === undefined ? {} : { dims: parseDimsOption(options.dims), sizes: sizesOf(options.dims) };
  const built = buildTensorProgram(statements, expression, { sourceName: options.sourceName, ...dims, vectorOutput: true });
  return { ...diffMatrix(built, built.lastSpan, options), warnings };
}

/**
 * `chainrule shapes` on a vector-valued tensor expression (`W x + b`): its Jacobian by every input in matrix form, in
 * the layout asked for, checked; undefined when the expression is a network spec or its output is a scalar.
 */
export function jacobianShapes(expression: string, options: ExpressionOptions & { layout?: Layout } = {}): MatrixDiff | undefined {
  if (options.dims === undefined && isNetworkSpec(expression)) return undefined;
  const { statements } = readProgram(expression, options);
  const dims = options.dims === undefined ? {} : { dims: parseDimsOption(options.dims), sizes: sizesOf(options.dims) };
  const built = buildTensorProgram(statements, expression, { sourceName: options.sourceName, ...dims, vectorOutput: true });
  if (built.matrix.matrices.shape(built.matrix.output) === undefined) return undefined;
  return diffMatrix(built, built.lastSpan, { layout: options.layout ?? 'denominator', ...(options.sourceName ? { sourceName: options.sourceName } : {}) });
}

/** Whether an expression is a tensor program: it declares shapes (`W: 4x3`), or `dims` gives some. */
export function isTensorProgram(expression: string, options: ExpressionOptions = {}): boolean {
  if (options.dims !== undefined && parseDimsOption(options.dims).length > 0) return true;
  return readProgram(expression, options).statements.some((statement) => statement.kind === 'declare');
}

/** The value and gradient of an expression at a point, computed three ways and compared. */
export interface GradientResult {
  readonly program: Program;
  readonly evaluation: Evaluation;
  readonly check: ReturnType<typeof crossCheck>;
}

/** `chainrule grad`: the value and gradient at a point (`x=1, y=pi/4` or an object), symbolic, reverse mode and finite differences compared. */
export function gradient(expression: string, at: string | Point, options: ExpressionOptions & { wrt?: readonly string[]; tolerances?: Partial<Tolerances> } = {}): GradientResult {
  const parsed = program(expression, options);
  const point = pointFor(parsed, at, 'grad');
  const evaluation = evaluate(parsed, point);
  const check = crossCheck(parsed, point, { variables: options.wrt === undefined ? undefined : variablesNamed(parsed, options.wrt), tolerances: options.tolerances });
  return { program: parsed, evaluation, check };
}

/** `chainrule trace`: every gate's forward value and the chain rule at it (upstream × local = downstream), at a point. */
export function trace(expression: string, at: string | Point, options: ExpressionOptions & { wrt?: readonly string[] } = {}): Trace {
  const parsed = program(expression, options);
  return traceProgram(parsed, pointFor(parsed, at, 'trace'), { variables: options.wrt === undefined ? undefined : variablesNamed(parsed, options.wrt) });
}

/** `chainrule check`: a verdict on every claim of a claims text (derivatives, values, identities, derivations). */
export function check(claims: string, options: CheckOptions = {}): ClaimsReport {
  return checkClaims(claims, options);
}

/** `chainrule grade`, for one submission: its grade against a problem set's text. */
export function grade(problems: string, submission: string, options: GradeOptions & { problemsName?: string; student?: string; file?: string } = {}): StudentGrade {
  const set = problemSet([{ text: problems, name: options.problemsName }]);
  return gradeSubmission(set, submission, options.student ?? studentName(submission, 'student'), options, options.file);
}

/** Problem files read into one problem set (problem ids must differ across them). */
export function problemSet(files: readonly { readonly text: string; readonly name?: string }[]): ProblemSet {
  return mergeProblemSets(files.map((file) => parseProblems(file.text, file.name)));
}

/** `chainrule solve`: the worked solution of every problem of a problem set (a matrix problem's in matrix form), each derivative cross-checked. */
export function solve(problems: ProblemSet, sourceName?: string): (ProblemSolution | MatrixSolution)[] {
  return problems.problems.map((problem) => (problem.matrix ? solveMatrixProblem(problem, sourceName) : solveProblem(problem, sourceName)));
}

/** `chainrule shapes`: the Jacobian shapes, node by node, of a network spec or a tensor expression. */
export function shapes(input: string, options: ExpressionOptions & { layout?: Layout } = {}): ShapesReport {
  const layout = options.layout ?? 'denominator';
  if (options.dims === undefined && isNetworkSpec(input)) return networkShapes(parseNetwork(input, options.sourceName ?? 'the network'), layout);
  const dims = options.dims === undefined ? undefined : parseDimsOption(options.dims);
  return expressionShapes(input, { layout, dims, sizes: options.dims === undefined ? undefined : sizesOf(options.dims), sourceName: options.sourceName });
}

/** Whether a text is a network spec: its first statement is `input N` (or another spec keyword), or it has none. */
export function isNetworkSpec(text: string): boolean {
  const first = text.split('\n').map((line) => line.replace(/#.*/, '').trim()).find((line) => line !== '');
  return first === undefined || (/^(input|dense|loss|regularize|convention)\b/.test(first) && !/[=:]/.test(first));
}

/** What `mlp` runs a network on: given parameters and data (as JSON), or an initialisation and a random batch. */
export interface MlpOptions {
  readonly sourceName?: string;
  /** Parameters and data: `{"W1": [[…]], "b1": […], …, "x": [[…]], "y": …}`. */
  readonly params?: unknown;
  readonly init?: InitScheme;
  readonly seed?: number;
  /** Examples in the random batch (without params). */
  readonly batch?: number;
  /** One update of every parameter, shown. */
  readonly step?: OptimizerOptions;
}

/** The most values a forward pass may hold, B × (inputs + the units of every layer): the report prints them all. */
export const MAX_BATCH_VALUES = 2_000_000;

/** `chainrule mlp`: the forward and backward pass of a network spec, its gradients cross-checked three ways. */
export function mlp(spec: string, options: MlpOptions = {}): MlpReport {
  const network = parseNetwork(spec, options.sourceName ?? 'the network');
  const seed = options.seed ?? 1;
  if (options.params !== undefined) {
    const batch = batchFromJson(network, options.params);
    checkBatchSize(network, batch.x.cols, false);
    return explainMlp(network, parametersFromJson(network, options.params), batch, { step: options.step, seed });
  }
  const size = options.batch ?? 4;
  checkBatchSize(network, size, true);
  return explainMlp(network, initParameters(network, { scheme: options.init ?? 'xavier', seed }), randomBatch(network, { size, seed: seed + 1 }), { step: options.step, seed });
}

/** Rejects a batch whose forward pass would hold more than MAX_BATCH_VALUES values (before anything is allocated). */
function checkBatchSize(network: Network, examples: number, random: boolean): void {
  const perExample = network.inputSize + network.layers.reduce((sum, layer) => sum + layer.units, 0);
  if (examples * perExample <= MAX_BATCH_VALUES) return;
  const most = Math.floor(MAX_BATCH_VALUES / perExample);
  throw new InputError(
    'too-large',
    `a batch of ${examples} examples is too large: its forward pass would hold ${examples * perExample} values (${perExample} per example); the limit is ${MAX_BATCH_VALUES}`,
    undefined,
    most >= 1 ? `${random ? `use --batch ${most}` : `give at most ${most} examples`} or fewer for this network` : undefined,
  );
}

/** The point to work at: parsed from text (`x=1, y=2`), or given; a program with variables needs one. */
function pointFor(parsed: Program, at: string | Point, command: string): Point {
  if (typeof at !== 'string') return at;
  if (at.trim() === '' && parsed.variables.length > 0) {
    throw new InputError('missing-value', `${command} needs a point: give every variable a value with --at`, undefined, `for example --at ${parsed.variables.map((v) => `${v}=1`).join(',')}`);
  }
  return at.trim() === '' ? {} : parsePoint(at);
}
