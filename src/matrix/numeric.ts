/**
 * The numeric rules of the matrix-level ops, on Float64Array matrices (a scalar is 1×1): each op's value, and its
 * vector-Jacobian product written independently of the symbolic rules (src/matrix/rules.ts), so that comparing the
 * two means something. Broadcasting: a scalar stretches to any shape, a column over the columns of a matrix; a VJP
 * sums the upstream gradient back to the input's shape.
 */
import { functionNamed, opNamed } from '../ops/index.js';
import { matmul, matmulTransA, matmulTransB, transpose } from '../tensor/linalg.js';
import type { Matrix } from '../tensor/matrix.js';

/** A numeric value: a matrix (a scalar is 1×1). */
export type Value = Matrix;

/** A value of a shape, filled with one number. */
export function filled(rows: number, cols: number, value: number): Value {
  return { rows, cols, data: new Float64Array(rows * cols).fill(value) };
}

/** A scalar value. */
export function scalarValue(value: number): Value {
  return filled(1, 1, value);
}

/** Entry (i, j) of a value stretched to rows × cols (a scalar everywhere, a column along each row). */
function at(value: Value, i: number, j: number): number {
  if (value.rows === 1 && value.cols === 1) return value.data[0]!;
  if (value.cols === 1) return value.data[i]!;
  return value.data[i * value.cols + j]!;
}

/** The shape of the broadcast of values. */
function joint(values: readonly Value[]): { rows: number; cols: number } {
  let rows = 1;
  let cols = 1;
  for (const value of values) {
    rows = Math.max(rows, value.rows);
    cols = Math.max(cols, value.cols);
  }
  return { rows, cols };
}

/** f applied entry by entry to broadcast arguments. */
function mapEntries(values: readonly Value[], f: (args: number[]) => number): Value {
  const { rows, cols } = joint(values);
  const out = filled(rows, cols, 0);
  const args = new Array<number>(values.length);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      for (let k = 0; k < values.length; k++) args[k] = at(values[k]!, i, j);
      out.data[i * cols + j] = f(args);
    }
  }
  return out;
}

/** A gradient of the broadcast shape summed back to an input's shape (a scalar sums everything, a column each row). */
export function unbroadcast(gradient: Value, rows: number, cols: number): Value {
  if (gradient.rows === rows && gradient.cols === cols) return gradient;
  const out = filled(rows, cols, 0);
  for (let i = 0; i < gradient.rows; i++) {
    for (let j = 0; j < gradient.cols; j++) {
      const target = rows === 1 && cols === 1 ? 0 : cols === 1 ? i : i * cols + j;
      out.data[target]! += gradient.data[i * gradient.cols + j]!;
    }
  }
  return out;
}

function total(value: Value): number {
  let sum = 0;
  for (const entry of value.data) sum += entry;
  return sum;
}

/** Softmax of each column (shifted by the column's largest entry: no overflow). */
function softmaxColumns(z: Value, log: boolean): Value {
  const out = filled(z.rows, z.cols, 0);
  for (let j = 0; j < z.cols; j++) {
    let largest = -Infinity;
    for (let i = 0; i < z.rows; i++) largest = Math.max(largest, z.data[i * z.cols + j]!);
    let sum = 0;
    for (let i = 0; i < z.rows; i++) sum += Math.exp(z.data[i * z.cols + j]! - largest);
    const logSum = largest + Math.log(sum);
    for (let i = 0; i < z.rows; i++) {
      const k = i * z.cols + j;
      out.data[k] = log ? z.data[k]! - logSum : Math.exp(z.data[k]! - logSum);
    }
  }
  return out;
}

/** A loss as README defines it (a mean over entries, or for cross_entropy and hinge over columns). */
function lossValue(name: string, yhat: Value, y: Value): number {
  const n = yhat.data.length;
  let sum = 0;
  switch (name) {
    case 'mse':
      for (let k = 0; k < n; k++) sum += (yhat.data[k]! - y.data[k]!) ** 2;
      return sum / n;
    case 'mae':
      for (let k = 0; k < n; k++) sum += Math.abs(yhat.data[k]! - y.data[k]!);
      return sum / n;
    case 'bce':
      for (let k = 0; k < n; k++) sum -= y.data[k]! * Math.log(yhat.data[k]!) + (1 - y.data[k]!) * Math.log(1 - yhat.data[k]!);
      return sum / n;
    case 'cross_entropy':
      for (let k = 0; k < n; k++) sum -= y.data[k]! * Math.log(yhat.data[k]!);
      return sum / yhat.cols;
    default: {
      // hinge: Σ over columns of Σ_k (1 − y_k) max(0, s_k − s_c + 1), s_c = Σ_k y_k s_k
      for (let j = 0; j < yhat.cols; j++) {
        let correct = 0;
        for (let i = 0; i < yhat.rows; i++) correct += y.data[i * yhat.cols + j]! * yhat.data[i * yhat.cols + j]!;
        for (let i = 0; i < yhat.rows; i++) sum += (1 - y.data[i * yhat.cols + j]!) * Math.max(0, yhat.data[i * yhat.cols + j]! - correct + 1);
      }
      return sum / yhat.cols;
    }
  }
}

/** ∂loss/∂ŷ (the loss's gradient by its output), entry by entry. */
function lossGradient(name: string, yhat: Value, y: Value): Value {
  const n = yhat.data.length;
  const out = filled(yhat.rows, yhat.cols, 0);
  for (let k = 0; k < n; k++) {
    const [p, t] = [yhat.data[k]!, y.data[k]!];
    out.data[k] =
      name === 'mse' ? (2 * (p - t)) / n : name === 'mae' ? Math.sign(p - t) / n : name === 'bce' ? (p - t) / (p * (1 - p)) / n : name === 'cross_entropy' ? -t / p / yhat.cols : 0;
  }
  if (name === 'hinge') {
    for (let j = 0; j < yhat.cols; j++) {
      let correct = 0;
      for (let i = 0; i < yhat.rows; i++) correct += y.data[i * yhat.cols + j]! * yhat.data[i * yhat.cols + j]!;
      let active = 0;
      for (let i = 0; i < yhat.rows; i++) {
        // max(0, m) passes 1 above 0 and ½ at a tie, as the scalar max op does
        const margin = yhat.data[i * yhat.cols + j]! - correct + 1;
        const weight = (1 - y.data[i * yhat.cols + j]!) * (margin > 0 ? 1 : margin === 0 ? 0.5 : 0);
        out.data[i * yhat.cols + j]! += weight / yhat.cols;
        active += weight;
      }
      for (let i = 0; i < yhat.rows; i++) out.data[i * yhat.cols + j]! -= (active * y.data[i * yhat.cols + j]!) / yhat.cols;
    }
  }
  return out;
}

/** ∂loss/∂y (by the targets). */
function lossTargetGradient(name: string, yhat: Value, y: Value): Value {
  const n = yhat.data.length;
  return mapEntries([yhat, y], ([p, t]) =>
    name === 'mse' ? (-2 * (p! - t!)) / n : name === 'mae' ? -Math.sign(p! - t!) / n : name === 'bce' ? -(Math.log(p!) - Math.log(1 - p!)) / n : name === 'cross_entropy' ? -Math.log(p!) / yhat.cols : 0,
  );
}

/** The value of `op` on argument values. */
export function evaluateOp(op: string, args: readonly Value[]): Value {
  const [a, b] = args as [Value, Value];
  switch (op) {
    case 'add':
      return mapEntries(args, ([x, y]) => x! + y!);
    case 'sub':
      return mapEntries(args, ([x, y]) => x! - y!);
    case 'neg':
      return mapEntries(args, ([x]) => -x!);
    case 'mul':
    case 'emul':
      return mapEntries(args, ([x, y]) => x! * y!);
    case 'div':
    case 'ediv':
      return mapEntries(args, ([x, y]) => x! / y!);
    case 'pow':
    case 'epow':
      return mapEntries(args, ([x, y]) => Math.pow(x!, y!));
    case 'matmul':
      return matmul(a, b);
    case 'transpose':
      return transpose(a);
    case 'sum':
      return scalarValue(total(a));
    case 'mean':
      return scalarValue(total(a) / a.data.length);
    case 'norm2':
      return scalarValue(a.data.reduce((sum, entry) => sum + entry * entry, 0));
    case 'dot':
      return scalarValue(a.data.reduce((sum, entry, k) => sum + entry * b.data[k]!, 0));
    case 'outer':
      return matmulTransB(a, b);
    case 'softmax':
    case 'log_softmax':
      return softmaxColumns(a, op === 'log_softmax');
    case 'diag': {
      const out = filled(a.rows, a.rows, 0);
      for (let i = 0; i < a.rows; i++) out.data[i * a.rows + i] = a.data[i]!;
      return out;
    }
    case 'sumcols': {
      const out = filled(a.rows, 1, 0);
      for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) out.data[i]! += a.data[i * a.cols + j]!;
      return out;
    }
    case 'sumrows': {
      const out = filled(1, a.cols, 0);
      for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) out.data[j]! += a.data[i * a.cols + j]!;
      return out;
    }
    case 'mse':
    case 'mae':
    case 'bce':
    case 'cross_entropy':
    case 'hinge':
      return scalarValue(lossValue(op, a, b));
  }
  const fn = functionNamed(op) ?? opNamed(op);
  return mapEntries(args, (entries) => fn.eval(entries));
}

/** upstream × ∂op/∂argument for every argument (each shaped like its argument). */
export function vjpOp(op: string, upstream: Value, args: readonly Value[], out: Value): Value[] {
  const [a, b] = args as [Value, Value];
  const back = (gradient: Value, to: Value) => unbroadcast(gradient, to.rows, to.cols);
  const scaled = (value: Value, factor: number) => mapEntries([value], ([x]) => x! * factor);
  switch (op) {
    case 'add':
      return [back(upstream, a), back(upstream, b)];
    case 'sub':
      return [back(upstream, a), back(scaled(upstream, -1), b)];
    case 'neg':
      return [scaled(upstream, -1)];
    case 'mul':
    case 'emul':
      return [back(mapEntries([upstream, b], ([u, y]) => u! * y!), a), back(mapEntries([upstream, a], ([u, x]) => u! * x!), b)];
    case 'div':
    case 'ediv':
      return [back(mapEntries([upstream, b], ([u, y]) => u! / y!), a), back(mapEntries([upstream, a, b], ([u, x, y]) => (-u! * x!) / (y! * y!)), b)];
    case 'matmul':
      return [matmulTransB(upstream, b), matmulTransA(a, upstream)]; // ū Bᵀ and Aᵀ ū (a 1×1 ū for xᵀy)
    case 'transpose':
      return [transpose(upstream)];
    case 'sum':
      return [filled(a.rows, a.cols, upstream.data[0]!)];
    case 'mean':
      return [filled(a.rows, a.cols, upstream.data[0]! / a.data.length)];
    case 'norm2':
      return [scaled(a, 2 * upstream.data[0]!)];
    case 'dot':
      return [scaled(b, upstream.data[0]!), scaled(a, upstream.data[0]!)];
    case 'outer':
      return [matmul(upstream, b), matmulTransA(upstream, a)];
    case 'softmax': {
      // s ⊙ (u − Σ_i u_i s_i) per column
      const grad = filled(a.rows, a.cols, 0);
      for (let j = 0; j < a.cols; j++) {
        let inner = 0;
        for (let i = 0; i < a.rows; i++) inner += upstream.data[i * a.cols + j]! * out.data[i * a.cols + j]!;
        for (let i = 0; i < a.rows; i++) grad.data[i * a.cols + j] = out.data[i * a.cols + j]! * (upstream.data[i * a.cols + j]! - inner);
      }
      return [grad];
    }
    case 'log_softmax': {
      // u − softmax ⊙ Σ_i u_i per column
      const grad = filled(a.rows, a.cols, 0);
      for (let j = 0; j < a.cols; j++) {
        let sum = 0;
        for (let i = 0; i < a.rows; i++) sum += upstream.data[i * a.cols + j]!;
        for (let i = 0; i < a.rows; i++) grad.data[i * a.cols + j] = upstream.data[i * a.cols + j]! - Math.exp(out.data[i * a.cols + j]!) * sum;
      }
      return [grad];
    }
    case 'diag':
      return [{ rows: a.rows, cols: 1, data: Float64Array.from({ length: a.rows }, (_, i) => upstream.data[i * a.rows + i]!) }];
    case 'sumcols':
      return [mapEntries([filled(a.rows, a.cols, 0), upstream], ([, u]) => u!)];
    case 'sumrows': {
      const grad = filled(a.rows, a.cols, 0);
      for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) grad.data[i * a.cols + j] = upstream.data[j]!;
      return [grad];
    }
    case 'mse':
    case 'mae':
    case 'bce':
    case 'cross_entropy':
    case 'hinge':
      return [scaled(lossGradient(op, a, b), upstream.data[0]!), scaled(lossTargetGradient(op, a, b), upstream.data[0]!)];
    case 'pow':
    case 'epow':
      return [
        back(mapEntries([upstream, a, b], ([u, x, y]) => u! * y! * Math.pow(x!, y! - 1)), a),
        back(mapEntries([upstream, a, b, out], ([u, x, , o]) => (x === 0 ? 0 : u! * o! * Math.log(x!))), b),
      ];
  }
  const fn = functionNamed(op) ?? opNamed(op);
  // entry by entry, each argument's share through the scalar op's own vjp
  const { rows, cols } = joint([...args, upstream]);
  const shares = args.map(() => filled(rows, cols, 0));
  const entries = new Array<number>(args.length);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      for (let k = 0; k < args.length; k++) entries[k] = at(args[k]!, i, j);
      const local = fn.vjp(at(upstream, i, j), entries, at(out, i, j));
      for (let k = 0; k < args.length; k++) shares[k]!.data[i * cols + j] = local[k]!;
    }
  }
  return shares.map((share, k) => back(share, args[k]!));
}
