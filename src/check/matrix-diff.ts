/**
 * What `chainrule diff` computes for a tensor program: each derivative in matrix form, as the lectures write it (a
 * gradient shaped like what it differentiates by; for a vector output, the Jacobian in the layout asked for, or where
 * it is a third-order array, the Jacobian applied to an upstream column u), the named intermediates of backprop
 * (∂L/∂z1 for each binding between the output and what is asked), and the cross-check that proves them: the
 * matrix form against the ops' numeric VJPs and finite differences along random directions at random inputs of the
 * declared sizes and, where the program is small enough to lower, entry by entry against the scalar graph.
 */
import type { NodeId } from '../graph/graph.js';
import type { Program } from '../graph/program.js';
import { programOf, type TensorProgram } from '../build/tensor.js';
import { differentiateMatrix, type MatrixDerivatives } from '../matrix/differentiate.js';
import type { MatrixProgram } from '../matrix/graph.js';
import { linearMap } from '../matrix/jacobian.js';
import { differentiate, type Derivatives } from '../symbolic/differentiate.js';
import type { Span } from '../syntax/tree.js';
import type { Layout, TensorShape } from '../tensor/shape.js';
import { checkMatrixDerivatives, compareWithEntries, pointOf, randomPoints, type MatrixCheck, type MatrixTarget } from './matrix-check.js';
import { crossCheck } from './crosscheck.js';
import type { Verification } from './verify.js';


/** One derivative of the output by a variable or an intermediate. */
export interface MatrixResult {
  /** What it differentiates by (an input, or a binding for an intermediate). */
  readonly name: string;
  readonly shape?: TensorShape;
  /**
   * `gradient`: of a scalar output, shaped like `name` (transposed in numerator layout); `jacobian`: a matrix;
   * `applied`: a Jacobian of third order or more, given applied to the upstream column u.
   */
  readonly form: 'gradient' | 'jacobian' | 'applied';
  /** The derivative as a matrix expression, or undefined where an op has no matrix form (hinge). */
  readonly expr?: NodeId;
  /** Where there is no matrix form: the op without a matrix-form rule that it goes through. */
  readonly missing?: string;
  readonly input: boolean;
}

/** A tensor program's derivatives in matrix form, checked. */
export interface MatrixDiff {
  readonly tensor: TensorProgram;
  /** The output's name (the last binding's, or f) and shape (undefined for a scalar). */
  readonly output: { readonly name: string; readonly node: NodeId; readonly shape?: TensorShape };
  readonly layout: Layout;
  /** The upstream column u a vector output's Jacobians are applied to. */
  readonly upstream?: { readonly name: string; readonly node: NodeId };
  readonly derivatives: MatrixDerivatives;
  readonly results: readonly MatrixResult[];
  /** ∂L/∂z for the bindings between the output and what is asked, from the output back (scalar outputs). */
  readonly intermediates: readonly MatrixResult[];
  readonly check: MatrixCheck;
  /** The matrix form agrees with every method that checked it (and they with each other). */
  readonly agree: boolean;
  /** At small sizes: every entry's symbolic derivative on the scalar graph, its own cross-check, and the comparison. */
  readonly entries?: { readonly verification: Verification; readonly compared: number; readonly worst: number };
  /** Names asked for that the output does not depend on. */
  readonly absent: readonly string[];
}

/** Options of matrix-form differentiation. */
export interface MatrixDiffOptions {
  /** Inputs (or bindings) to differentiate by; default every declared input the output depends on. */
  readonly wrt?: readonly string[];
  readonly points?: number;
  readonly seed?: number;
  readonly layout?: Layout;
  readonly sourceName?: string;
}

/** Work (scalar nodes) up to which the program is lowered for the entry-by-entry referee. */
const LOWERING_LIMIT = 20_000;
/** Work up to which every entry is also differentiated symbolically on the scalar graph and cross-checked. */
const SYMBOLIC_LIMIT = 3_000;
/** Largest relative difference accepted between the matrix form and the entries' symbolic derivatives. */
export const ENTRY_TOLERANCE = 1e-6;
/** The names tried for the upstream column of a vector output. */
const UPSTREAM_NAMES = ['u', 'v', 'g', 'upstream'];

/** Differentiates a built tensor program in matrix form and checks the results. */
export function diffMatrix(tensor: TensorProgram, span: Span, options: MatrixDiffOptions = {}): MatrixDiff {
  const { matrix } = tensor;
  const matrices = matrix.matrices;
  const outputShape = matrices.shape(matrix.output);
  const outputName = matrix.outputName ?? (outputShape ? 'f' : 'L');
  const layout = options.layout ?? (outputShape ? 'numerator' : 'denominator');
  const taken = new Set([...matrix.inputs.keys(), ...matrix.bindings.keys()]);
  const upstreamName = outputShape ? UPSTREAM_NAMES.find((name) => !taken.has(name)) ?? 'u_upstream' : undefined;
  const upstream = upstreamName ? { name: upstreamName, node: matrices.input(upstreamName, outputShape) } : undefined;
  const scalarOutput = upstream ? matrices.apply('dot', [upstream.node, matrix.output]) : matrix.output;
  const derivatives = differentiateMatrix(matrices, scalarOutput);
  const algebra = derivatives.algebra;
  const ancestors = new Set(matrices.graph.ancestors([matrix.output]));
  const asked = options.wrt ?? [...matrix.inputs.keys()].filter((name) => !matrix.fixed?.has(name)); // not B of X: 3xB
  const known = (name: string) => matrix.inputs.get(name) ?? matrix.bindings.get(name);
  const absent = asked.filter((name) => known(name) === undefined || !ancestors.has(known(name)!));
  const results = asked.filter((name) => !absent.includes(name)).map((name): MatrixResult => {
    const node = known(name)!;
    const shape = matrices.shape(node);
    const input = matrix.inputs.has(name);
    const missing = derivatives.unsupported.get(node);
    const adjoint = missing !== undefined ? undefined : derivatives.adjoints.get(node);
    if (missing !== undefined) return { name, ...(shape ? { shape } : {}), form: upstream ? 'applied' : 'gradient', missing, input };
    if (!upstream) {
      const expr = adjoint === undefined ? undefined : layout === 'numerator' ? algebra.transpose(adjoint) : adjoint;
      return { name, ...(shape ? { shape } : {}), form: 'gradient', ...(expr !== undefined ? { expr } : {}), input };
    }
    const columns = outputShape!.cols === 1 && (shape === undefined || shape.cols === 1);
    const map = columns && adjoint !== undefined ? linearMap(algebra, adjoint, upstream.node) : undefined;
    if (map !== undefined) return { name, ...(shape ? { shape } : {}), form: 'jacobian', expr: layout === 'numerator' ? algebra.transpose(map) : map, input };
    return { name, ...(shape ? { shape } : {}), form: 'applied', ...(adjoint !== undefined ? { expr: adjoint } : {}), input };
  });
  const intermediates = upstream ? [] : intermediatesOf(matrix, derivatives, results);
  // the check: every result as ∂(scalar output)/∂node applied to the upstream (a Jacobian M as M u)
  const targets: MatrixTarget[] = [...results, ...intermediates].flatMap((result) => {
    if (result.expr === undefined) return [];
    const node = known(result.name)!;
    const applied = result.form === 'jacobian' ? algebra.matmul(layout === 'numerator' ? algebra.transpose(result.expr) : result.expr, upstream!.node) : result.form === 'gradient' && layout === 'numerator' ? derivatives.adjoints.get(node)! : result.expr;
    return [{ name: result.name, node, adjoint: applied, input: result.input }];
  });
  const checked: MatrixProgram = { ...matrix, output: scalarOutput, inputs: upstream ? new Map([...matrix.inputs, [upstream.name, upstream.node]]) : matrix.inputs };
  const cost = loweringCost(checked);
  const lowered = cost <= LOWERING_LIMIT ? programOf(tensor, scalarOutput, { sourceName: options.sourceName, span }) : undefined;
  const check = checkMatrixDerivatives(checked, derivatives, targets, { points: options.points ?? 3, seed: options.seed, ...(lowered ? { lowered } : {}) });
  const entries = lowered && cost <= SYMBOLIC_LIMIT ? entryCheck(lowered, checked, targets, options) : undefined;
  const agree = check.agree && (!entries || (entries.verification.agree && entries.worst <= ENTRY_TOLERANCE));
  return { tensor, output: { name: outputName, node: matrix.output, ...(outputShape ? { shape: outputShape } : {}) }, layout, ...(upstream ? { upstream } : {}), derivatives, results, intermediates, check, agree, ...(entries ? { entries } : {}), absent };
}

/** The bindings between the output and the inputs asked for, from the output back, with their adjoints. */
function intermediatesOf(matrix: MatrixProgram, derivatives: MatrixDerivatives, results: readonly MatrixResult[]): MatrixResult[] {
  const graph = matrix.matrices.graph;
  const askedNodes = results.filter((result) => result.input).map((result) => matrix.inputs.get(result.name)!);
  const seen = new Set<NodeId>();
  return [...matrix.bindings]
    .filter(([, node]) => node !== matrix.output && derivatives.adjoints.has(node) && !derivatives.unsupported.has(node) && graph.node(node).inputs.length > 0)
    .filter(([, node]) => askedNodes.some((input) => graph.ancestors([node]).includes(input)))
    .sort(([, a], [, b]) => b - a)
    .filter(([, node]) => !seen.has(node) && seen.add(node) !== undefined)
    .map(([name, node]) => ({ name, ...(matrix.matrices.shape(node) ? { shape: matrix.matrices.shape(node)! } : {}), form: 'gradient' as const, expr: derivatives.adjoints.get(node)!, input: false }));
}

/** The number of scalar nodes lowering the program would make (a matrix product costs m·k·n). */
function loweringCost(matrix: MatrixProgram): number {
  const { matrices } = matrix;
  let cost = 0;
  for (const id of matrices.graph.ancestors([matrix.output])) {
    const node = matrices.graph.node(id);
    if (node.op === 'matmul') {
      const [a, b] = node.inputs.map((input) => matrices.shape(input)) as [TensorShape, TensorShape];
      cost += a.rows * a.cols * b.cols;
    } else cost += matrices.size(id);
  }
  return cost;
}

/**
 * The referee at small sizes: each entry differentiated on the scalar graph and cross-checked three ways (at the
 * matrix check's kind of random inputs: a cross-entropy's targets are distributions), then compared with the matrix form.
 */
function entryCheck(lowered: Program, matrix: MatrixProgram, targets: readonly MatrixTarget[], options: MatrixDiffOptions): MatrixDiff['entries'] {
  const variables = targets.filter((target) => target.input).flatMap((target) => lowered.tensors?.get(target.name) ?? [target.name]).filter((name) => lowered.variables.includes(name));
  if (variables.length === 0) return undefined;
  const derivatives: Derivatives = differentiate(lowered.graph, lowered.output, variables);
  const points = randomPoints(matrix, targets, options.points ?? 3, options.seed).map((inputs) => pointOf(lowered, inputs));
  const checks = points.map((point) => crossCheck(lowered, point, { variables, derivatives }));
  const verification: Verification = { checks, agree: checks.length > 0 && checks.every((check) => check.agree), kinkNotes: [] };
  const { compared, worst } = compareWithEntries(lowered, matrix, targets, verification);
  return { verification, compared, worst };
}
