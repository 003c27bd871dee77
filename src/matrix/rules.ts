/**
 * The symbolic rules of the matrix-level ops, in matrix form: given the upstream gradient ū (shaped like the op's
 * result), the op's adjoint contribution to each input (shaped like the input), as the lectures write it:
 * ∂(A B) gives ū Bᵀ and Aᵀ ū; an elementwise f gives f′(z) ⊙ ū with f′ from f's own op record; a sum gives ū 𝟏; a
 * bias added over a batch gets ū summed over the columns. Written independently of the numeric VJPs (numeric.ts).
 */
import type { NodeId } from '../graph/graph.js';
import { functionNamed, opNamed } from '../ops/index.js';
import type { MatrixAlgebra } from './algebra.js';

/** What a rule is given: the op's inputs and result, and the upstream gradient. */
export interface RuleInput {
  readonly inputs: readonly NodeId[];
  readonly out: NodeId;
  readonly upstream: NodeId;
}

/** The adjoint contribution to input i, or undefined when the op has no matrix-form rule (hinge). */
type Rule = (a: MatrixAlgebra, given: RuleInput, i: number) => NodeId | undefined;

const shapeOf = (a: MatrixAlgebra, id: NodeId) => a.matrices.shape(id);

/** ū summed back to input i's shape, times `factor` (which multiplies entry by entry, or scales). */
const through = (a: MatrixAlgebra, { inputs, upstream }: RuleInput, i: number, factor?: NodeId) => a.unbroadcast(factor === undefined ? upstream : a.mul(upstream, factor), shapeOf(a, inputs[i]!));

const RULES: Readonly<Record<string, Rule>> = {
  add: (a, given, i) => through(a, given, i),
  sub: (a, given, i) => (i === 0 ? through(a, given, 0) : a.unbroadcast(a.neg(given.upstream), shapeOf(a, given.inputs[1]!))),
  neg: (a, { upstream }) => a.neg(upstream),
  mul: (a, given, i) => through(a, given, i, given.inputs[1 - i]!),
  emul: (a, given, i) => through(a, given, i, given.inputs[1 - i]!),
  div: (a, given, i) => divide(a, given, i),
  ediv: (a, given, i) => divide(a, given, i),
  matmul: (a, { inputs: [left, right], upstream }, i) => {
    const scalarResult = shapeOf(a, upstream) === undefined;
    if (i === 0) return scalarResult ? a.mul(upstream, a.transpose(right!)) : a.matmul(upstream, a.transpose(right!)); // ū Bᵀ
    return scalarResult ? a.mul(upstream, a.transpose(left!)) : a.matmul(a.transpose(left!), upstream); // Aᵀ ū
  },
  transpose: (a, { upstream }) => a.transpose(upstream),
  sum: (a, { inputs: [x], upstream }) => a.stretched(upstream, shapeOf(a, x!)),
  mean: (a, { inputs: [x], upstream }) => a.stretched(a.div(upstream, a.num(a.matrices.size(x!))), shapeOf(a, x!)),
  norm2: (a, { inputs: [x], upstream }) => a.mul(a.num(2), upstream, x!),
  dot: (a, { inputs, upstream }, i) => a.mul(upstream, inputs[1 - i]!),
  outer: (a, { inputs: [left, right], upstream }, i) => (i === 0 ? a.matmul(upstream, right!) : a.matmul(a.transpose(upstream), left!)),
  softmax: (a, { out, upstream }) => {
    // s ⊙ (ū − 𝟏 (𝟏ᵀ (ū ⊙ s))): each column's inner product subtracted
    const rows = shapeOf(a, out)!.rows;
    return a.mul(out, a.sub(upstream, a.matmul(a.ones({ rows, cols: 1 }), a.call('sumrows', a.mul(upstream, out)))));
  },
  log_softmax: (a, { inputs: [z], upstream }) => {
    const rows = shapeOf(a, z!)!.rows;
    return a.sub(upstream, a.mul(a.call('softmax', z!), a.matmul(a.ones({ rows, cols: 1 }), a.call('sumrows', upstream))));
  },
  diag: (a, { inputs: [v], upstream }) => a.call('sumcols', a.mul(upstream, a.matrices.identity(shapeOf(a, v!)!.rows))), // the diagonal of ū
  sumcols: (a, { inputs: [x], upstream }) => a.mul(upstream, a.ones(shapeOf(a, x!)!)),
  sumrows: (a, { inputs: [x], upstream }) => a.matmul(a.ones({ rows: shapeOf(a, x!)!.rows, cols: 1 }), upstream),
  mse: (a, { inputs: [yhat, y], upstream }, i) => a.mul(a.num(i === 0 ? 2 : -2), a.div(upstream, a.num(a.matrices.size(yhat!))), a.sub(yhat!, y!)),
  mae: (a, { inputs: [yhat, y], upstream }, i) => a.mul(a.num(i === 0 ? 1 : -1), a.div(upstream, a.num(a.matrices.size(yhat!))), a.call('sign', a.sub(yhat!, y!))),
  bce: (a, { inputs: [yhat, y], upstream }, i) => {
    const n = a.num(a.matrices.size(yhat!));
    if (i === 0) return a.mul(a.div(upstream, n), a.div(a.sub(yhat!, y!), a.mul(yhat!, a.sub(a.num(1), yhat!)))); // (ŷ − y) ⊘ (ŷ ⊙ (1 − ŷ)) / n
    return a.mul(a.div(upstream, n), a.sub(a.call('log', a.sub(a.num(1), yhat!)), a.call('log', yhat!)));
  },
  cross_entropy: (a, { inputs: [yhat, y], upstream }, i) => {
    const columns = a.num(shapeOf(a, yhat!)?.cols ?? 1);
    return i === 0 ? a.neg(a.mul(a.div(upstream, columns), a.div(y!, yhat!))) : a.neg(a.mul(a.div(upstream, columns), a.call('log', yhat!)));
  },
  pow: (a, given, i) => elementwise(a, given, i, 'pow'),
  epow: (a, given, i) => elementwise(a, given, i, 'pow'),
};

/** a / b: ū/b to a, −ū a/b² to b (elementwise where they are tensors). */
function divide(a: MatrixAlgebra, given: RuleInput, i: number): NodeId {
  const [numerator, denominator] = given.inputs as [NodeId, NodeId];
  if (i === 0) return a.unbroadcast(a.div(given.upstream, denominator), shapeOf(a, numerator));
  return a.unbroadcast(a.neg(a.div(a.mul(given.upstream, numerator), a.mul(denominator, denominator))), shapeOf(a, denominator));
}

/** A scalar op entry by entry: its own symbolic partial, in matrix form, times ū. */
function elementwise(a: MatrixAlgebra, given: RuleInput, i: number, op: string): NodeId {
  const local = opNamed(op).partial(a, given.inputs, i, given.out);
  return through(a, given, i, local);
}

/** The adjoint contribution of `op` to its input i (undefined where the op has no rule in matrix form). */
export function adjointOf(a: MatrixAlgebra, op: string, given: RuleInput, i: number): NodeId | undefined {
  const rule = RULES[op];
  if (rule) return rule(a, given, i);
  if (functionNamed(op)) return elementwise(a, given, i, op);
  return undefined;
}

