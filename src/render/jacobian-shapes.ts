/** Renders `chainrule shapes` of a vector-valued expression: each input's Jacobian, its shape in both layouts and its matrix form. */
import type { MatrixDiff, MatrixResult } from '../check/matrix-diff.js';
import { printMatrix } from '../matrix/print.js';
import { axesNamed, type TensorShape } from '../tensor/shape.js';

/** One row of the report: what a Jacobian is, in both layouts. */
interface JacobianRow {
  readonly variable: string;
  readonly shape: readonly (number | string)[];
  /** Its shape in numerator and denominator layout, or undefined for a third-order Jacobian (never formed). */
  readonly numerator?: readonly (number | string)[];
  readonly denominator?: readonly (number | string)[];
  /** The axes of a third-order Jacobian (f's, then the variable's). */
  readonly axes?: readonly (number | string)[];
  /** In the layout asked for, or applied to the upstream u for a third-order one. */
  readonly form: string | null;
}

function rows(result: MatrixDiff): JacobianRow[] {
  const names = new Map([...result.tensor.matrix.bindings].map(([name, node]) => [node, name]));
  const f = dims(result.output.shape);
  return result.results.map((entry: MatrixResult) => {
    const v = dims(entry.shape);
    const form = entry.expr === undefined ? null : printMatrix(result.tensor.matrix.matrices, entry.expr, names);
    if (entry.form === 'applied') return { variable: entry.name, shape: v, axes: [...axesNamed(result.output.shape), ...axesNamed(entry.shape)], form };
    return { variable: entry.name, shape: v, numerator: [f[0]!, v[0]!], denominator: [v[0]!, f[0]!], form };
  });
}

/** The report as text: the layout first, then a row per input. */
export function renderJacobianShapes(result: MatrixDiff): string {
  const f = result.output.name;
  const shape = dims(result.output.shape);
  const table = rows(result);
  const u = result.upstream?.name ?? 'u';
  const header = ['input', 'shape', `∂${f}/∂input, numerator`, 'denominator', `matrix form (${result.layout} layout)`];
  const cells = table.map((row) => [
    row.variable,
    pair(row.shape),
    row.numerator ? pair(row.numerator) : `${row.axes!.join(' × ')} (third order)`,
    row.denominator ? pair(row.denominator) : 'never formed',
    row.form === null ? '(no matrix form)' : row.axes ? `applied to ${u}: ${row.form}` : row.form,
  ]);
  const widths = header.map((title, k) => Math.max([...title].length, ...cells.map((cell) => [...cell[k]!].length)));
  const line = (cell: readonly string[]) => cell.map((text, k) => (k === cell.length - 1 ? text : text + ' '.repeat(widths[k]! - [...text].length + 2))).join('').trimEnd();
  return [
    `${f} = ${printMatrix(result.tensor.matrix.matrices, result.output.node, new Map())} is ${pair(shape)}, a vector: its derivatives are Jacobians.`,
    `Layout: numerator: ∂${f}/∂x has a row for each entry of ${f} and a column for each entry of x, (n_${f}, n_x); denominator: its transpose, (n_x, n_${f}), as the lectures write it. The matrix forms are in ${result.layout} layout.`,
    '',
    line(header),
    ...cells.map(line),
    '',
    verdict(result),
  ].join('\n');
}

/** The report as JSON. */
export function jacobianShapesJson(result: MatrixDiff): object {
  return {
    output: { name: result.output.name, shape: dims(result.output.shape) },
    layout: result.layout,
    jacobians: rows(result),
    verified: { agree: result.agree, points: result.check.points, directions: result.check.directions },
  };
}

function verdict(result: MatrixDiff): string {
  if (result.agree) return `✓ the matrix forms checked at ${result.check.points} random inputs: the ops' VJPs and finite differences along ${result.check.directions} random directions agree`;
  return `✗ NOT verified: ${result.check.problem ?? 'the checks disagree'}`;
}

function dims(shape: TensorShape | undefined): (number | string)[] {
  return shape ? [shape.rowsName ?? shape.rows, shape.colsName ?? shape.cols] : [1, 1];
}

function pair(values: readonly (number | string)[]): string {
  return `(${values.join(', ')})`;
}
