/**
 * Dense linear algebra on row-major Float64Array matrices, written for the JIT: the three matrix products a
 * backward pass needs (A·B, Aᵀ·B, A·Bᵀ) without materialising a transpose, in i-k-j order with a 4×4 block of the
 * left factor held in locals (16 multiply-adds per 4 loads of B and 4 read-modify-writes of C); plus a column-wise
 * bias and elementwise helpers.
 */
import type { Matrix } from './matrix.js';

/** `out` cleared to zeros, or a fresh zero matrix of the given shape when omitted. */
function shaped(rows: number, cols: number, out?: Matrix): Matrix {
  if (out === undefined) return { rows, cols, data: new Float64Array(rows * cols) };
  if (out.rows !== rows || out.cols !== cols) throw new Error(`output is ${out.rows}×${out.cols}, expected ${rows}×${cols}`);
  out.data.fill(0);
  return out;
}

function mismatch(what: string, a: Matrix, b: Matrix): Error {
  return new Error(`${what}: shapes ${a.rows}×${a.cols} and ${b.rows}×${b.cols} do not fit`);
}

/** Depth of the k-blocks: the rows of B read while four rows of C are updated stay in L2. */
const K_BLOCK = 256;

/** C = A·B (m×k · k×n), into `out` when given. */ // C_ij = Σ_p A_ip B_pj
export function matmul(a: Matrix, b: Matrix, out?: Matrix): Matrix {
  if (a.cols !== b.rows) throw mismatch('A·B', a, b);
  const c = shaped(a.rows, b.cols, out);
  productContiguousB(a.data, b.data, c.data, a.rows, a.cols, b.cols, a.cols, 1);
  return c;
}

/** C = Aᵀ·B (A is k×m, B is k×n, C is m×n), without forming Aᵀ. */ // C_ij = Σ_p A_pi B_pj
export function matmulTransA(a: Matrix, b: Matrix, out?: Matrix): Matrix {
  if (a.rows !== b.rows) throw mismatch('Aᵀ·B', a, b);
  const c = shaped(a.cols, b.cols, out);
  productContiguousB(a.data, b.data, c.data, a.cols, a.rows, b.cols, 1, a.cols);
  return c;
}

/** C = A·Bᵀ (A is m×k, B is n×k, C is m×n), without forming Bᵀ. */ // C_ij = Σ_p A_ip B_jp
export function matmulTransB(a: Matrix, b: Matrix, out?: Matrix): Matrix {
  if (a.cols !== b.cols) throw mismatch('A·Bᵀ', a, b);
  const c = shaped(a.rows, b.rows, out);
  productTransposedB(a.data, b.data, c.data, a.rows, a.cols, b.rows);
  return c;
}

/**
 * C += op(A)·B (C starts at zero) with op(A)_ip = A[i·aRow + p·aCol] and B row-major k×n, in i-k-j order: a 4×4 block of op(A) is held
 * in locals while one pass over j adds four rows of B into four rows of C (contiguous reads and writes only).
 */
function productContiguousB(A: Float64Array, B: Float64Array, C: Float64Array, m: number, k: number, n: number, aRow: number, aCol: number): void {
  for (let p0 = 0; p0 < k; p0 += K_BLOCK) {
    const p1 = Math.min(k, p0 + K_BLOCK);
    let i = 0;
    for (; i + 4 <= m; i += 4) {
      const c0 = i * n, c1 = c0 + n, c2 = c1 + n, c3 = c2 + n;
      const r0 = i * aRow, r1 = r0 + aRow, r2 = r1 + aRow, r3 = r2 + aRow;
      let p = p0;
      for (; p + 4 <= p1; p += 4) {
        const q0 = p * aCol, q1 = q0 + aCol, q2 = q1 + aCol, q3 = q2 + aCol;
        const a00 = A[r0 + q0]!, a01 = A[r0 + q1]!, a02 = A[r0 + q2]!, a03 = A[r0 + q3]!;
        const a10 = A[r1 + q0]!, a11 = A[r1 + q1]!, a12 = A[r1 + q2]!, a13 = A[r1 + q3]!;
        const a20 = A[r2 + q0]!, a21 = A[r2 + q1]!, a22 = A[r2 + q2]!, a23 = A[r2 + q3]!;
        const a30 = A[r3 + q0]!, a31 = A[r3 + q1]!, a32 = A[r3 + q2]!, a33 = A[r3 + q3]!;
        const b0 = p * n, b1 = b0 + n, b2 = b1 + n, b3 = b2 + n;
        for (let j = 0; j < n; j++) {
          const x0 = B[b0 + j]!, x1 = B[b1 + j]!, x2 = B[b2 + j]!, x3 = B[b3 + j]!;
          C[c0 + j] += a00 * x0 + a01 * x1 + a02 * x2 + a03 * x3;
          C[c1 + j] += a10 * x0 + a11 * x1 + a12 * x2 + a13 * x3;
          C[c2 + j] += a20 * x0 + a21 * x1 + a22 * x2 + a23 * x3;
          C[c3 + j] += a30 * x0 + a31 * x1 + a32 * x2 + a33 * x3;
        }
      }
      for (; p < p1; p++) {
        const q = p * aCol;
        const a0 = A[r0 + q]!, a1 = A[r1 + q]!, a2 = A[r2 + q]!, a3 = A[r3 + q]!;
        const b0 = p * n;
        for (let j = 0; j < n; j++) {
          const x = B[b0 + j]!;
          C[c0 + j] += a0 * x;
          C[c1 + j] += a1 * x;
          C[c2 + j] += a2 * x;
          C[c3 + j] += a3 * x;
        }
      }
    }
    for (; i < m; i++) {
      const c0 = i * n;
      for (let p = p0; p < p1; p++) {
        const a0 = A[i * aRow + p * aCol]!;
        const b0 = p * n;
        for (let j = 0; j < n; j++) C[c0 + j] += a0 * B[b0 + j]!;
      }
    }
  }
}

/**
 * C += A·Bᵀ (C starts at zero) with A row-major m×k and B row-major n×k, in i-k-j order as above; op(B)_pj = B[j·k + p], so each j reads
 * four consecutive entries of row j of B.
 */
function productTransposedB(A: Float64Array, B: Float64Array, C: Float64Array, m: number, k: number, n: number): void {
  let i = 0;
  for (; i + 4 <= m; i += 4) {
    const c0 = i * n, c1 = c0 + n, c2 = c1 + n, c3 = c2 + n;
    const r0 = i * k, r1 = r0 + k, r2 = r1 + k, r3 = r2 + k;
    let p = 0;
    for (; p + 4 <= k; p += 4) {
      const a00 = A[r0 + p]!, a01 = A[r0 + p + 1]!, a02 = A[r0 + p + 2]!, a03 = A[r0 + p + 3]!;
      const a10 = A[r1 + p]!, a11 = A[r1 + p + 1]!, a12 = A[r1 + p + 2]!, a13 = A[r1 + p + 3]!;
      const a20 = A[r2 + p]!, a21 = A[r2 + p + 1]!, a22 = A[r2 + p + 2]!, a23 = A[r2 + p + 3]!;
      const a30 = A[r3 + p]!, a31 = A[r3 + p + 1]!, a32 = A[r3 + p + 2]!, a33 = A[r3 + p + 3]!;
      for (let j = 0, q = p; j < n; j++, q += k) {
        const x0 = B[q]!, x1 = B[q + 1]!, x2 = B[q + 2]!, x3 = B[q + 3]!;
        C[c0 + j] += a00 * x0 + a01 * x1 + a02 * x2 + a03 * x3;
        C[c1 + j] += a10 * x0 + a11 * x1 + a12 * x2 + a13 * x3;
        C[c2 + j] += a20 * x0 + a21 * x1 + a22 * x2 + a23 * x3;
        C[c3 + j] += a30 * x0 + a31 * x1 + a32 * x2 + a33 * x3;
      }
    }
    for (; p < k; p++) {
      const a0 = A[r0 + p]!, a1 = A[r1 + p]!, a2 = A[r2 + p]!, a3 = A[r3 + p]!;
      for (let j = 0, q = p; j < n; j++, q += k) {
        const x = B[q]!;
        C[c0 + j] += a0 * x;
        C[c1 + j] += a1 * x;
        C[c2 + j] += a2 * x;
        C[c3 + j] += a3 * x;
      }
    }
  }
  for (; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let p = 0; p < k; p++) sum += A[i * k + p]! * B[j * k + p]!;
      C[i * n + j] = sum;
    }
  }
}

/** Z += b as a column: Z_ij += b_i for every example j (in place; returns Z). */
export function addColumn(z: Matrix, b: Float64Array): Matrix {
  if (b.length !== z.rows) throw new Error(`bias of length ${b.length} does not fit ${z.rows} rows`);
  const Z = z.data, n = z.cols;
  for (let i = 0; i < z.rows; i++) {
    const bi = b[i]!;
    for (let j = i * n, end = j + n; j < end; j++) Z[j] += bi;
  }
  return z;
}

/** The mean of each row: a vector of length rows (the bias gradient from δ). */ // (1/B) Σ_j M_ij
export function rowMeans(m: Matrix): Float64Array {
  const out = new Float64Array(m.rows);
  const M = m.data, n = m.cols;
  for (let i = 0; i < m.rows; i++) {
    let sum = 0;
    for (let j = i * n, end = j + n; j < end; j++) sum += M[j]!;
    out[i] = n === 0 ? 0 : sum / n;
  }
  return out;
}

/** Aᵀ as a new matrix. */
export function transpose(a: Matrix): Matrix {
  const out = new Float64Array(a.rows * a.cols);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) out[j * a.rows + i] = a.data[i * a.cols + j]!;
  return { rows: a.cols, cols: a.rows, data: out };
}

/** f applied to every entry, as a new matrix. */
export function map(a: Matrix, f: (x: number) => number): Matrix {
  const out = new Float64Array(a.data.length);
  for (let i = 0; i < out.length; i++) out[i] = f(a.data[i]!);
  return { rows: a.rows, cols: a.cols, data: out };
}

function sameShape(what: string, a: Matrix, b: Matrix): void {
  if (a.rows !== b.rows || a.cols !== b.cols) throw mismatch(what, a, b);
}

/** A ⊙ B, the entrywise product, as a new matrix. */
export function hadamard(a: Matrix, b: Matrix): Matrix {
  sameShape('A ⊙ B', a, b);
  const out = new Float64Array(a.data.length);
  for (let i = 0; i < out.length; i++) out[i] = a.data[i]! * b.data[i]!;
  return { rows: a.rows, cols: a.cols, data: out };
}

/** A ⊙= B in place (returns A). */
export function hadamardInPlace(a: Matrix, b: Matrix): Matrix {
  sameShape('A ⊙ B', a, b);
  const A = a.data, B = b.data;
  for (let i = 0; i < A.length; i++) A[i] *= B[i]!;
  return a;
}

/** A + B as a new matrix. */
export function add(a: Matrix, b: Matrix): Matrix {
  sameShape('A + B', a, b);
  const out = new Float64Array(a.data.length);
  for (let i = 0; i < out.length; i++) out[i] = a.data[i]! + b.data[i]!;
  return { rows: a.rows, cols: a.cols, data: out };
}

/** A − B as a new matrix. */
export function subtract(a: Matrix, b: Matrix): Matrix {
  sameShape('A − B', a, b);
  const out = new Float64Array(a.data.length);
  for (let i = 0; i < out.length; i++) out[i] = a.data[i]! - b.data[i]!;
  return { rows: a.rows, cols: a.cols, data: out };
}

/** A ·= s in place (returns A). */
export function scaleInPlace(a: Matrix, s: number): Matrix {
  const A = a.data;
  for (let i = 0; i < A.length; i++) A[i] *= s;
  return a;
}

/** A += s·B in place (returns A). */
export function addScaledInPlace(a: Matrix, s: number, b: Matrix): Matrix {
  sameShape('A + sB', a, b);
  const A = a.data, B = b.data;
  for (let i = 0; i < A.length; i++) A[i] += s * B[i]!;
  return a;
}

/** The sum of squares of the entries. */ // Σ x²
export function sumOfSquares(values: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]! * values[i]!;
  return sum;
}

/** The Frobenius norm ‖A‖_F. */ // √(Σ A_ij²)
export function frobenius(a: Matrix): number {
  return Math.sqrt(sumOfSquares(a.data));
}

/** A copy of a matrix. */
export function copy(a: Matrix): Matrix {
  return { rows: a.rows, cols: a.cols, data: Float64Array.from(a.data) };
}
