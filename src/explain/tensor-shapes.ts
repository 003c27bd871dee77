/**
 * The shapes report of a tensor program (`W: 4x3; x: 3; L = sum(relu(W x))`): for every tensor-level node its
 * shape, the shape of its local Jacobian with respect to each input in the chosen layout, and the shape of the
 * gradient of the scalar output with respect to it. The same report types as networkShapes (src/explain/shapes.ts).
 */
import { lowerTensorProgram } from '../build/tensor.js';
import type { DeclaredShape } from '../tensor/dims.js';
import type { TensorRecord } from '../tensor/records.js';
import { axesNamed, type TensorShape } from '../tensor/shape.js';
import { parseProgram } from '../syntax/parse.js';
import { layoutRule, type Dims, type Layout, type LocalJacobian, type ShapeRow, type ShapesReport } from './shapes.js';

/** Options of expressionShapes. */
export interface ExpressionShapesOptions {
  readonly layout?: Layout;
  /** Declarations given outside the program (--dims). */
  readonly dims?: readonly DeclaredShape[];
  /** Values of named sizes (a batch B). */
  readonly sizes?: ReadonlyMap<string, number>;
  readonly sourceName?: string;
}

/** The shapes report of a tensor program given as text. */
export function expressionShapes(source: string, options: ExpressionShapesOptions = {}): ShapesReport {
  const lowered = lowerTensorProgram(parseProgram(source, undefined, options.sourceName), source, { dims: options.dims, sizes: options.sizes, sourceName: options.sourceName });
  const layout = options.layout ?? 'denominator';
  const records = lowered.tensors.records;
  const output = records[lowered.tensors.output]!.name;
  const named = records.map((record) => ({ ...record, name: symbol(record.name) }));
  const rows: ShapeRow[] = named.map((record) => ({
    name: record.name,
    expr: record.expr,
    shape: dimsOf(record.shape),
    locals: record.inputs.map(({ record: index, position }) => localJacobian(record, named[index]!, position, layout, output)),
    gradient: gradientDims(record.shape, layout),
  }));
  return { layout, rows, rule: layoutRule(layout), output };
}

/** A name as it reads after ∂: a plain name as it is, an expression in parentheses (∂(W x)). */
function symbol(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `(${name})`;
}

/** (rows, cols) of a shape; a scalar is (1, 1). */
function dimsOf(shape: TensorShape | undefined): Dims {
  return shape ? [shape.rowsName ?? shape.rows, shape.colsName ?? shape.cols] : [1, 1];
}

/** ∂L/∂node: shaped like the node, except that a vector's gradient is a row in numerator layout. */
function gradientDims(shape: TensorShape | undefined, layout: Layout): Dims {
  if (!shape) return [1, 1];
  const [rows, cols] = dimsOf(shape);
  return layout === 'numerator' && shape.cols === 1 && !shape.colsName ? [1, rows] : [rows, cols];
}

/** The length of a scalar (1) or a column vector (its rows, or their name). */
function lengthOf(shape: TensorShape | undefined): number | string {
  return shape ? (shape.rowsName ?? shape.rows) : 1;
}

/** `(4, 3)` */
function text(dims: Dims): string {
  return `(${dims[0]}, ${dims[1]})`;
}

/** The local Jacobian ∂f/∂x of record f by its input x (operand `position`), with how the chain rule uses it. */
function localJacobian(f: TensorRecord, x: TensorRecord, position: number, layout: Layout, output: string): LocalJacobian {
  const [nf, nx] = [lengthOf(f.shape), lengthOf(x.shape)];
  const columns = (f.shape?.cols ?? 1) === 1 && (x.shape?.cols ?? 1) === 1; // scalars and column vectors: a matrix Jacobian
  const L = output;
  if (columns) {
    const shape: Dims = layout === 'denominator' ? [nx, nf] : [nf, nx];
    const chain = f.name === L
      ? `the start of the backward pass: ∂${L}/∂${x.name} is this local derivative itself (∂${L}/∂${L} = 1)`
      : layout === 'denominator'
        ? `∂${L}/∂${x.name} = (∂${f.name}/∂${x.name}) (∂${L}/∂${f.name}): (${nx}, 1) = ${text(shape)} (${nf}, 1)`
        : `∂${L}/∂${x.name} = (∂${L}/∂${f.name}) (∂${f.name}/∂${x.name}): (1, ${nx}) = (1, ${nf}) ${text(shape)}`;
    return { input: x.name, shape, what: describe(f, x, position, layout), chain };
  }
  const axes = [...axesNamed(f.shape), ...axesNamed(x.shape)];
  const what = `${describe(f, x, position, layout)}; as an array it is a ${axes.length}-tensor (${axes.join(' × ')}), never formed`;
  return { input: x.name, what, chain: matrixChain(f, x, position, L) };
}

/** What ∂f/∂x is, in symbols, for each kind of tensor op. */
function describe(f: TensorRecord, x: TensorRecord, position: number, layout: Layout): string {
  const other = f.operands[1 - position] ?? 'the other operand';
  const left = f.operands[0] ?? 'A';
  const broadcastScalar = !x.shape && f.shape;
  const stretched = x.shape && f.shape && x.shape.cols === 1 && f.shape.cols > 1;
  switch (f.op) {
    case 'matmul':
      if (position === 1) return layout === 'denominator' ? `${left}ᵀ` : left;
      return layout === 'denominator' ? other : `${other}ᵀ`;
    case 'add':
    case 'sub': {
      const sign = f.op === 'sub' && position === 1 ? 'minus ' : '';
      if (broadcastScalar) return `${sign}ones: the scalar is added to every entry`;
      if (stretched) return `${sign}the identity on each column: the bias is added to every column`;
      return `${sign}the identity`;
    }
    case 'emul':
      return `diag(${other}), applied as the elementwise product ${symbol(other)} ⊙ upstream`;
    case 'epow':
      return position === 0 ? `diag(the exponent times ${x.name} to the exponent minus 1), applied as an elementwise product` : 'diag(log of the base times the power), applied as an elementwise product';
    case 'ediv':
      return position === 0 ? 'diag(1 ⊘ the divisor), applied as an elementwise product' : 'diag(−numerator ⊘ divisor²), applied as an elementwise product';
    case 'scale':
      return x.shape ? 'the scalar times the identity' : 'the tensor itself: every entry moves with the scalar';
    case 'neg':
      return 'minus the identity';
    case 'function':
      if (position > 0) return `the partial derivative of ${f.fn} by its argument ${position + 1}, entrywise`;
      const at = x.name.startsWith('(') ? x.name : `(${x.name})`;
      return `diag(${f.fn}'${at}), applied as the elementwise product ${f.fn}'${at} ⊙ upstream`;
    case 'transpose':
      return 'a permutation: the upstream gradient transposed back';
    case 'sum':
      return layout === 'denominator' ? 'a column of ones' : 'a row of ones';
    case 'diag':
      return 'the diagonal of the upstream gradient (each entry lands on one diagonal place)';
    case 'sumcols':
      return 'the upstream row stretched over the columns (each column adds into its row sum)';
    case 'sumrows':
      return 'the upstream column stretched over the rows (each row adds into its column sum)';
    case 'mean':
      return `ones divided by ${axesNamed(x.shape).join('·') || 1}`;
    case 'norm2':
      return `2 ${x.name}`;
    case 'dot':
      return `${other}`;
    case 'outer':
      return position === 0 ? 'the second vector, against the upstream gradient' : 'the first vector, against the upstream gradient (transposed)';
    case 'softmax':
      return f.shape && f.shape.cols > 1 ? 'diag(s) − s sᵀ for each column s = softmax of that column (softmax mixes its inputs)' : 'diag(s) − s sᵀ with s = softmax (softmax mixes its inputs: a full, symmetric Jacobian)';
    case 'log_softmax':
      return layout === 'denominator' ? 'I − s 1ᵀ with s = softmax (∂ log s_i/∂z_j = δ_ij − s_j), per column' : 'I − 1 sᵀ with s = softmax (∂ log s_i/∂z_j = δ_ij − s_j), per column';
    case 'loss':
      return position === 0 ? `∂${f.fn}/∂ŷ, shaped like ${x.name}` : `∂${f.fn}/∂y, shaped like ${x.name}`;
    case 'scalar':
      return `∂(${f.expr})/∂${x.name}, a number`;
    case 'input':
      return 'none';
  }
}

/** The chain rule in matrix form for a Jacobian that is never formed. */
function matrixChain(f: TensorRecord, x: TensorRecord, position: number, L: string): string {
  const shapeOf = (shape: TensorShape | undefined) => text(dimsOf(shape));
  const upstream = `∂${L}/∂${f.name}`;
  switch (f.op) {
    case 'matmul':
      return position === 0 ? `∂${L}/∂${x.name} = (${upstream}) ${f.operands[1]}ᵀ: ${shapeOf(x.shape)}` : `∂${L}/∂${x.name} = ${f.operands[0]}ᵀ (${upstream}): ${shapeOf(x.shape)}`;
    case 'outer':
      return position === 0 ? `∂${L}/∂${x.name} = (${upstream}) ${f.operands[1]}: ${shapeOf(x.shape)}` : `∂${L}/∂${x.name} = (${upstream})ᵀ ${f.operands[0]}: ${shapeOf(x.shape)}`;
    case 'transpose':
      return `∂${L}/∂${x.name} = (${upstream})ᵀ: ${shapeOf(x.shape)}`;
    default:
      if (x.shape && f.shape && x.shape.cols === 1 && f.shape.cols > 1) {
        return `∂${L}/∂${x.name} = the entrywise product summed over the ${f.shape.cols} columns: ${shapeOf(x.shape)} from ${shapeOf(f.shape)}`;
      }
      if (!x.shape) return `∂${L}/∂${x.name} = Σ over entries of (${upstream}) ⊙ (∂${f.name}/∂${x.name}): (1, 1)`;
      return `∂${L}/∂${x.name} = entrywise from ${upstream} ${shapeOf(f.shape)}: ${shapeOf(x.shape)}`;
  }
}
