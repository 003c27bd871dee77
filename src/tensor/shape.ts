/** Shapes of tensor values in tensor programs: a scalar, or rows × columns (a vector is a column, n × 1). */

/** The shape of a matrix or a column vector. */
export interface TensorShape {
  readonly rows: number;
  readonly cols: number;
}

/** A value of a tensor program: a scalar (no shape) or a tensor, with one scalar graph node per entry, row-major. */
export interface TensorValue<Id> {
  /** Undefined for a scalar. */
  readonly shape?: TensorShape;
  /** The graph node of each entry, row by row (one entry for a scalar). */
  readonly entries: readonly Id[];
}

/** `4×3`, or `scalar`. */
export function shapeWords(shape: TensorShape | undefined): string {
  return shape ? `${shape.rows}×${shape.cols}` : 'scalar';
}

/** Whether two shapes are equal (a scalar equals only a scalar). */
export function sameShape(a: TensorShape | undefined, b: TensorShape | undefined): boolean {
  return a === undefined || b === undefined ? a === b : a.rows === b.rows && a.cols === b.cols;
}

/** Number of entries (1 for a scalar). */
export function sizeOf(shape: TensorShape | undefined): number {
  return shape ? shape.rows * shape.cols : 1;
}

/** The dimensions that count: [] for a scalar, [n] for a column vector, [m, n] for a matrix (a row is 1 × n). */
export function axesOf(shape: TensorShape | undefined): number[] {
  if (!shape) return [];
  return shape.cols === 1 ? [shape.rows] : [shape.rows, shape.cols];
}

/** The variable name of an entry of a declared tensor, as src/nn/scalar.ts names weights: W_1_2 (row 1, column 2), b_3 for a vector. */
export function entryName(name: string, shape: TensorShape, vector: boolean, index: number): string {
  const row = Math.floor(index / shape.cols) + 1;
  const col = (index % shape.cols) + 1;
  return vector ? `${name}_${row}` : `${name}_${row}_${col}`;
}

/** Reads a shape written `4x3` (a matrix) or `3` (a column vector): undefined when the text is not one. */
export function readDims(text: string): { shape: TensorShape; vector: boolean } | undefined {
  const match = /^([0-9]+)(?:[x×]([0-9]+))?$/.exec(text);
  if (!match) return undefined;
  const rows = Number(match[1]);
  const cols = match[2] === undefined ? 1 : Number(match[2]);
  if (!Number.isSafeInteger(rows) || !Number.isSafeInteger(cols) || rows < 1 || cols < 1) return undefined;
  return { shape: { rows, cols }, vector: match[2] === undefined };
}
