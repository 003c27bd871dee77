import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/check/random.js';
import {
  add, addColumn, addScaledInPlace, copy, frobenius, hadamard, map, matmul, matmulTransA, matmulTransB, rowMeans, scaleInPlace, subtract, transpose,
} from '../../src/tensor/linalg.js';
import { fromRows, toRows, type Matrix } from '../../src/nn/tensor.js';

/** C = A·B by the textbook triple loop, as the reference. */
function naive(a: Matrix, b: Matrix): Matrix {
  const out = new Float64Array(a.rows * b.cols);
  for (let i = 0; i < a.rows; i++) {
    for (let j = 0; j < b.cols; j++) {
      let sum = 0;
      for (let p = 0; p < a.cols; p++) sum += a.data[i * a.cols + p]! * b.data[p * b.cols + j]!;
      out[i * b.cols + j] = sum;
    }
  }
  return { rows: a.rows, cols: b.cols, data: out };
}

function random(rows: number, cols: number, seed: number): Matrix {
  const next = seededRandom(seed);
  return { rows, cols, data: Float64Array.from({ length: rows * cols }, () => 2 * next() - 1) };
}

function expectClose(actual: Matrix, expected: Matrix): void {
  expect([actual.rows, actual.cols]).toEqual([expected.rows, expected.cols]);
  actual.data.forEach((v, i) => expect(v).toBeCloseTo(expected.data[i]!, 12));
}

// Shapes around the 4×4 blocks and the 256-deep k-blocks: remainders in every dimension.
const SHAPES: [number, number, number][] = [[1, 1, 1], [2, 3, 4], [4, 4, 4], [5, 7, 3], [9, 6, 11], [13, 300, 5], [8, 257, 17], [3, 1, 9]];

describe('linalg: matrix products', () => {
  it('multiplies a 2×3 by a 3×2 matrix as by hand', () => {
    const a = fromRows([[1, 2, 3], [4, 5, 6]]);
    const b = fromRows([[7, 8], [9, 10], [11, 12]]);
    expect(toRows(matmul(a, b))).toEqual([[58, 64], [139, 154]]);
  });

  it.each(SHAPES)('A·B, Aᵀ·B and A·Bᵀ agree with the triple loop for m=%i k=%i n=%i', (m, k, n) => {
    const a = random(m, k, m * 100 + k), b = random(k, n, k * 100 + n);
    const expected = naive(a, b);
    expectClose(matmul(a, b), expected);
    expectClose(matmulTransA(transpose(a), b), expected);
    expectClose(matmulTransB(a, transpose(b)), expected);
  });

  it('writes into a given output and overwrites what was there', () => {
    const a = fromRows([[1, 2], [3, 4]]), b = fromRows([[1, 0], [0, 1]]);
    const out = fromRows([[9, 9], [9, 9]]);
    expect(matmul(a, b, out)).toBe(out);
    expect(toRows(out)).toEqual([[1, 2], [3, 4]]);
    expect(toRows(matmulTransB(a, b, out))).toEqual([[1, 2], [3, 4]]);
  });

  it('refuses shapes that do not fit', () => {
    expect(() => matmul(random(2, 3, 1), random(2, 3, 2))).toThrow(/do not fit/);
    expect(() => matmulTransA(random(2, 3, 1), random(3, 3, 2))).toThrow(/do not fit/);
    expect(() => matmulTransB(random(2, 3, 1), random(3, 2, 2))).toThrow(/do not fit/);
    expect(() => matmul(random(2, 2, 1), random(2, 2, 2), random(3, 2, 3))).toThrow(/expected 2×2/);
  });

  it('propagates NaN and infinity as IEEE arithmetic does (no zero skipping)', () => {
    const c = matmul(fromRows([[0, 1]]), fromRows([[Infinity], [1]]));
    expect(c.data[0]).toBeNaN();
  });
});

describe('linalg: bias, reductions and elementwise helpers', () => {
  it('adds the bias to every column (one per example)', () => {
    const z = fromRows([[1, 2, 3], [4, 5, 6]]);
    expect(toRows(addColumn(z, Float64Array.from([10, 20])))).toEqual([[11, 12, 13], [24, 25, 26]]);
    expect(() => addColumn(z, new Float64Array(3))).toThrow(/bias/);
  });

  it('averages each row over the batch', () => {
    expect(Array.from(rowMeans(fromRows([[1, 2, 3], [4, 6, 8]])))).toEqual([2, 6]);
  });

  it('transposes, maps, multiplies entrywise, adds and scales', () => {
    const a = fromRows([[1, 2], [3, 4]]), b = fromRows([[5, 6], [7, 8]]);
    expect(toRows(transpose(fromRows([[1, 2, 3]])))).toEqual([[1], [2], [3]]);
    expect(toRows(map(a, (x) => x * x))).toEqual([[1, 4], [9, 16]]);
    expect(toRows(hadamard(a, b))).toEqual([[5, 12], [21, 32]]);
    expect(toRows(add(a, b))).toEqual([[6, 8], [10, 12]]);
    expect(toRows(subtract(b, a))).toEqual([[4, 4], [4, 4]]);
    expect(toRows(scaleInPlace(copy(a), 2))).toEqual([[2, 4], [6, 8]]);
    expect(toRows(addScaledInPlace(copy(a), 0.5, b))).toEqual([[3.5, 5], [6.5, 8]]);
    expect(frobenius(fromRows([[3, 4]]))).toBe(5);
    expect(() => hadamard(a, fromRows([[1, 2]]))).toThrow(/do not fit/);
  });
});
