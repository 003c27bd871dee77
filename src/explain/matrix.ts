/** Matrices for people: LaTeX pmatrix and aligned plain-text rows, rounded, with large ones elided to their corners. */
import type { Matrix } from '../nn/tensor.js';
import { formatDigits, valueLatex } from './format.js';

/** Rows and columns shown before a matrix is elided (first and last ones shown, a ⋯ between). */
export const MATRIX_LIMIT = 8;

/** Row and column indices to show: all, or the first and last few with a gap (−1) between. */
function shown(count: number, limit: number): number[] {
  if (count <= limit) return Array.from({ length: count }, (_, i) => i);
  const half = Math.floor(limit / 2);
  return [...Array.from({ length: half }, (_, i) => i), -1, ...Array.from({ length: half }, (_, i) => count - half + i)];
}

/** A matrix as LaTeX (`\begin{pmatrix} … \end{pmatrix}`). */
export function matrixLatex(matrix: Matrix, digits = 4, limit = MATRIX_LIMIT): string {
  const rows = shown(matrix.rows, limit);
  const cols = shown(matrix.cols, limit);
  const cell = (i: number, j: number) =>
    i < 0 && j < 0 ? '\\ddots' : i < 0 ? '\\vdots' : j < 0 ? '\\cdots' : valueLatex(formatDigits(matrix.data[i * matrix.cols + j]!, digits));
  return `\\begin{pmatrix} ${rows.map((i) => cols.map((j) => cell(i, j)).join(' & ')).join(' \\\\ ')} \\end{pmatrix}`;
}

/** A matrix as plain text: one line per row, columns aligned, in brackets. */
export function matrixText(matrix: Matrix, digits = 4, limit = MATRIX_LIMIT): string {
  const rows = shown(matrix.rows, limit);
  const cols = shown(matrix.cols, limit);
  const cell = (i: number, j: number) => (i < 0 ? '⋮' : j < 0 ? '…' : formatDigits(matrix.data[i * matrix.cols + j]!, digits));
  const table = rows.map((i) => cols.map((j) => cell(i, j)));
  const widths = cols.map((_, k) => Math.max(...table.map((row) => row[k]!.length)));
  return table.map((row) => `[ ${row.map((text, k) => text.padStart(widths[k]!)).join('  ')} ]`).join('\n');
}

/** A vector as a column matrix. */
export function column(vector: Float64Array): Matrix {
  return { rows: vector.length, cols: 1, data: vector };
}
