/** Shapes of tensor values in tensor programs: a scalar, or rows × columns (a vector is a column, n × 1). */

/** The shape of a matrix or a column vector. */
export interface TensorShape {
  readonly rows: number;
  readonly cols: number;
  /** The name of a named size (a batch `B`), shown instead of its stand-in number. */
  readonly rowsName?: string;
  readonly colsName?: string;
}

/** The two layouts of a Jacobian: numerator (∂f/∂x has a row per entry of f) and denominator (a row per entry of x, its transpose). */
export type Layout = 'denominator' | 'numerator';

/** The number a named size (`X: 3xB`) stands for when --dims gives it none: shapes are reported with its name. */
export const NAMED_SIZE_DEFAULT = 2;

/** A value of a tensor program: a scalar (no shape) or a tensor, with one scalar graph node per entry, row-major. */
export interface TensorValue<Id> {
  /** Undefined for a scalar. */
  readonly shape?: TensorShape;
  /** The graph node of each entry, row by row (one entry for a scalar). */
  readonly entries: readonly Id[];
}

/** `4×3`, or `scalar`. */
export function shapeWords(shape: TensorShape | undefined): string {
  return shape ? `${shape.rowsName ?? shape.rows}×${shape.colsName ?? shape.cols}` : 'scalar';
}

/** Whether two shapes are equal (a scalar equals only a scalar). */
export function sameShape(a: TensorShape | undefined, b: TensorShape | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.rows === b.rows && a.cols === b.cols && (a.rowsName ?? '') === (b.rowsName ?? '') && (a.colsName ?? '') === (b.colsName ?? '');
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

/** Like axesOf, with named sizes by their names: [] for a scalar, [n] for a column vector, [m, B] for a batch. */
export function axesNamed(shape: TensorShape | undefined): (number | string)[] {
  if (!shape) return [];
  const rows = shape.rowsName ?? shape.rows;
  return shape.cols === 1 && !shape.colsName ? [rows] : [rows, shape.colsName ?? shape.cols];
}

/** The variable name of an entry of a declared tensor, as a network's weights are named: W_1_2 (row 1, column 2), b_3 for a vector. */
export function entryName(name: string, shape: TensorShape, vector: boolean, index: number): string {
  const row = Math.floor(index / shape.cols) + 1;
  const col = (index % shape.cols) + 1;
  return vector ? `${name}_${row}` : `${name}_${row}_${col}`;
}

/**
 * Reads a shape written `4x3` (a matrix), `3` (a column vector), `3xB` (a batch of a named size B) or with sizes left
 * symbolic, `nxm` or `n` (written `n x m`): a named size's number comes from `sizes`, else NAMED_SIZE_DEFAULT.
 * Undefined when the text is not a shape. A named size is a letter, or letters then digits (n, B, d1), never x.
 */
export function readDims(text: string, sizes: ReadonlyMap<string, number> = new Map()): { shape: TensorShape; vector: boolean } | undefined {
  const size = '[0-9]+|[A-Za-wyzA-Z_][A-Za-wyzA-Z_]*[0-9]*';
  const match = new RegExp(`^(${size})(?:[x×](${size}))?$`).exec(text);
  if (!match) return undefined;
  const read = (part: string) => (/^[0-9]/.test(part) ? { value: Number(part) } : { value: sizes.get(part) ?? NAMED_SIZE_DEFAULT, name: part });
  const rows = read(match[1]!);
  const cols = match[2] === undefined ? { value: 1 } : read(match[2]);
  if (!Number.isSafeInteger(rows.value) || !Number.isSafeInteger(cols.value) || rows.value < 1 || cols.value < 1) return undefined;
  return { shape: { rows: rows.value, cols: cols.value, ...(rows.name ? { rowsName: rows.name } : {}), ...('name' in cols && cols.name ? { colsName: cols.name } : {}) }, vector: match[2] === undefined };
}
