/**
 * Tensor operations lowered to scalar graph nodes: every entry of a result is a node built from the registered scalar
 * ops (add, mul, div, exp, …), so the scalar graph's differentiation and cross-check apply unchanged. Shapes are
 * checked by the caller (lower.ts); these functions assume they fit.
 */
import Fraction from 'fraction.js';
import type { Graph, NodeId } from '../graph/graph.js';
import type { TensorShape, TensorValue } from './shape.js';

/** A value whose entries are graph nodes. */
export type Value = TensorValue<NodeId>;

/** A scalar value. */
export function scalar(node: NodeId): Value {
  return { entries: [node] };
}

/** Σ terms as one n-ary add (a single term is itself). */
export function sumNodes(graph: Graph, terms: readonly NodeId[]): NodeId {
  return terms.length === 1 ? terms[0]! : graph.intern('add', terms);
}

/** An exact constant. */
export function constant(graph: Graph, value: number): NodeId {
  return graph.intern('const', [], { value: new Fraction(value) });
}

/** The matrix product A B (A is m×k, B is k×n): C_ij = Σ_l A_il B_lj. A 1×1 result is a scalar. */
export function matmul(graph: Graph, a: Value, b: Value): Value {
  const { rows: m, cols: k } = a.shape!;
  const n = b.shape!.cols;
  const entries: NodeId[] = [];
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      const terms = Array.from({ length: k }, (_, l) => graph.intern('mul', [a.entries[i * k + l]!, b.entries[l * n + j]!]));
      entries.push(sumNodes(graph, terms));
    }
  }
  const names = { ...(a.shape!.rowsName ? { rowsName: a.shape!.rowsName } : {}), ...(b.shape!.colsName ? { colsName: b.shape!.colsName } : {}) };
  return m === 1 && n === 1 ? scalar(entries[0]!) : { shape: { rows: m, cols: n, ...names }, entries };
}

/** The entry of `value` at (i, j) of a result of shape `shape`: a scalar stretches, a column stretches over columns. */
function broadcastEntry(value: Value, i: number, j: number): NodeId {
  if (!value.shape) return value.entries[0]!;
  return value.shape.cols === 1 ? value.entries[i]! : value.entries[i * value.shape.cols + j]!;
}

/** `op` applied entry by entry to operands that are scalars, of the result's shape, or columns broadcast over it. */
export function elementwise(graph: Graph, op: string, args: readonly Value[], shape: TensorShape | undefined): Value {
  if (!shape) return scalar(graph.intern(op, args.map((arg) => arg.entries[0]!)));
  const entries: NodeId[] = [];
  for (let i = 0; i < shape.rows; i++) {
    for (let j = 0; j < shape.cols; j++) entries.push(graph.intern(op, args.map((arg) => broadcastEntry(arg, i, j))));
  }
  return { shape, entries };
}

/** The transpose: (Aᵀ)_ij = A_ji. */
export function transpose(a: Value): Value {
  const { rows, cols } = a.shape!;
  const entries = Array.from({ length: rows * cols }, (_, k) => a.entries[(k % rows) * cols + Math.floor(k / rows)]!);
  const names = { ...(a.shape!.colsName ? { rowsName: a.shape!.colsName } : {}), ...(a.shape!.rowsName ? { colsName: a.shape!.rowsName } : {}) };
  return { shape: { rows: cols, cols: rows, ...names }, entries };
}

/** Σ of every entry. */
export function sumAll(graph: Graph, a: Value): Value {
  return scalar(sumNodes(graph, a.entries));
}

/** The mean of every entry: (Σ entries)/count. */
export function meanAll(graph: Graph, a: Value): Value {
  if (a.entries.length === 1) return a;
  return scalar(graph.intern('div', [sumNodes(graph, a.entries), constant(graph, a.entries.length)]));
}

/** Σ a_k b_k over entries of two values of one shape. */
export function dot(graph: Graph, a: Value, b: Value): Value {
  return scalar(sumNodes(graph, a.entries.map((entry, k) => graph.intern('mul', [entry, b.entries[k]!]))));
}

/** The outer product a bᵀ of two column vectors: F_ij = a_i b_j. */
export function outer(graph: Graph, a: Value, b: Value): Value {
  const entries = a.entries.flatMap((left) => b.entries.map((right) => graph.intern('mul', [left, right])));
  const names = { ...(a.shape?.rowsName ? { rowsName: a.shape.rowsName } : {}), ...(b.shape?.rowsName ? { colsName: b.shape.rowsName } : {}) };
  return { shape: { rows: a.entries.length, cols: b.entries.length, ...names }, entries };
}

/** The squared Euclidean (Frobenius) norm Σ a_k². */
export function norm2(graph: Graph, a: Value): Value {
  const two = constant(graph, 2);
  return scalar(sumNodes(graph, a.entries.map((entry) => graph.intern('pow', [entry, two]))));
}

/**
 * Softmax of each column: s_i = e^(z_i) / Σ_j e^(z_j); with `log`, log s_i = z_i − log Σ_j e^(z_j). With `shifts` (a
 * constant c per column, the largest logit at a point), z − c in place of z: the same function, which does not
 * overflow near that point.
 */
export function softmax(graph: Graph, z: Value, log: boolean, shifts?: readonly number[]): Value {
  const { rows, cols } = z.shape!;
  const entries: NodeId[] = new Array(rows * cols);
  for (let j = 0; j < cols; j++) {
    const shift = shifts?.[j] ?? 0;
    const column = Array.from({ length: rows }, (_, i) => (shift === 0 ? z.entries[i * cols + j]! : graph.intern('sub', [z.entries[i * cols + j]!, constant(graph, shift)])));
    const exps = column.map((entry) => graph.intern('exp', [entry]));
    const total = sumNodes(graph, exps);
    const logTotal = log ? graph.intern('log', [total]) : total;
    column.forEach((entry, i) => {
      entries[i * cols + j] = log ? graph.intern('sub', [entry, logTotal]) : graph.intern('div', [exps[i]!, total]);
    });
  }
  return { shape: z.shape!, entries };
}

/** The losses of network specs, on an output ŷ and targets y of one shape (one column per example). */
export const LOSS_FUNCTIONS = ['mse', 'mae', 'bce', 'cross_entropy', 'hinge'] as const;

/**
 * A loss as README defines it: mse and mae the mean over all entries of (ŷ − y)² and |ŷ − y|; bce the mean over all
 * entries of −[y log ŷ + (1 − y) log(1 − ŷ)]; cross_entropy the mean over columns of −Σ_c y_c log ŷ_c; hinge the
 * mean over columns of Σ_{k≠c} max(0, s_k − s_c + 1) with y one-hot (s_c = Σ_k y_k s_k, and the k = c term is
 * weighted by 1 − y_k = 0).
 */
export function loss(graph: Graph, name: (typeof LOSS_FUNCTIONS)[number], yhat: Value, y: Value): Value {
  const n = yhat.entries.length;
  const cols = yhat.shape?.cols ?? 1;
  const rows = yhat.shape?.rows ?? 1;
  const [one, two] = [constant(graph, 1), constant(graph, 2)];
  const mean = (terms: readonly NodeId[], count: number) => scalar(graph.intern('div', [sumNodes(graph, terms), constant(graph, count)]));
  const residuals = yhat.entries.map((entry, k) => graph.intern('sub', [entry, y.entries[k]!]));
  switch (name) {
    case 'mse':
      return mean(residuals.map((r) => graph.intern('pow', [r, two])), n);
    case 'mae':
      return mean(residuals.map((r) => graph.intern('abs', [r])), n);
    case 'bce':
      return mean(
        yhat.entries.map((p, k) => {
          const target = y.entries[k]!;
          const hit = graph.intern('mul', [target, graph.intern('log', [p])]);
          const miss = graph.intern('mul', [graph.intern('sub', [one, target]), graph.intern('log', [graph.intern('sub', [one, p])])]);
          return graph.intern('neg', [graph.intern('add', [hit, miss])]);
        }),
        n,
      );
    case 'cross_entropy':
      return mean(yhat.entries.map((p, k) => graph.intern('neg', [graph.intern('mul', [y.entries[k]!, graph.intern('log', [p])])])), cols);
    case 'hinge': {
      const zero = constant(graph, 0);
      const terms: NodeId[] = [];
      for (let j = 0; j < cols; j++) {
        const at = (i: number) => i * cols + j;
        const correct = sumNodes(graph, Array.from({ length: rows }, (_, i) => graph.intern('mul', [y.entries[at(i)]!, yhat.entries[at(i)]!])));
        for (let i = 0; i < rows; i++) {
          const margin = graph.intern('add', [graph.intern('sub', [yhat.entries[at(i)]!, correct]), one]);
          terms.push(graph.intern('mul', [graph.intern('sub', [one, y.entries[at(i)]!]), graph.intern('max', [zero, margin])]));
        }
      }
      return mean(terms, cols);
    }
  }
}

/** The sum of each row, a column (A 𝟏). */
export function sumColumns(graph: Graph, a: Value): Value {
  const { rows, cols } = a.shape!;
  const entries = Array.from({ length: rows }, (_, i) => sumNodes(graph, a.entries.slice(i * cols, (i + 1) * cols)));
  return rows === 1 ? scalar(entries[0]!) : { shape: { rows, cols: 1, ...(a.shape!.rowsName ? { rowsName: a.shape!.rowsName } : {}) }, entries };
}

/** The sum of each column, a row (𝟏ᵀ A). */
export function sumRows(graph: Graph, a: Value): Value {
  const { rows, cols } = a.shape!;
  const entries = Array.from({ length: cols }, (_, j) => sumNodes(graph, Array.from({ length: rows }, (_, i) => a.entries[i * cols + j]!)));
  return cols === 1 ? scalar(entries[0]!) : { shape: { rows: 1, cols, ...(a.shape!.colsName ? { colsName: a.shape!.colsName } : {}) }, entries };
}
