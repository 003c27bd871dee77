/**
 * Tensor programs (`W: 4x3; x: 3; L = sum(relu(W x))`) built into the matrix-level graph (src/matrix), one node per
 * matrix operation, with a tensor-level record per operation for the shapes report. Shapes are checked here, with
 * messages that point at the source; a name is a scalar unless declared. The scalar graph the rest of chainrule
 * differentiates and cross-checks is lowered from it (entries.ts): a declared tensor's entries are variables (W_1_2:
 * row 1, column 2), and every operation becomes scalar nodes.
 */
import { functionNamed, functionNames } from '../ops/index.js';
import { parseDecimal } from '../ops/exact.js';
import { CONSTANTS, checkArity, defaultArguments, inputError, notTransposable, SCALAR_OPS, unknownFunction, type Source } from './shared.js';
import type { Program } from '../graph/program.js';
import { MatrixGraph, type MatrixProgram } from '../matrix/graph.js';
import { Graph, type NodeId } from '../graph/graph.js';
import { TRANSPOSE, type Declaration, type Expr, type ProgramStatement, type Span } from '../syntax/tree.js';
import { MAX_ENTRIES, type DeclaredShape } from '../tensor/dims.js';
import { EntryLowering, checkDepth, type EntryValue } from './entries.js';
import { LOSSES } from '../matrix/shapes.js';
import type { RecordInput, TensorGraph, TensorOp, TensorRecord } from '../tensor/records.js';
import { entryName, readDims, sameShape, shapeWords, sizeOf, type TensorShape } from '../tensor/shape.js';

/** A value of the program: its matrix-level node, its shape, and the tensor-level record that computed it (none for constants). */
export interface Tracked {
  readonly matrix: NodeId;
  /** Undefined for a scalar. */
  readonly shape?: TensorShape;
  readonly record?: number;
}

type Call = Extract<Expr, { kind: 'call' }>;
type Binary = Extract<Expr, { kind: 'binary' }>;


/** The column of ones of whatever size a product needs (LaTeX's \mathbf{1}). */
export const ONES = 'ONES';

/** Functions of tensors and how many arguments each takes. */
export const TENSOR_FUNCTIONS: Readonly<Record<string, number>> = {
  transpose: 1, sum: 1, mean: 1, dot: 2, outer: 2, softmax: 1, log_softmax: 1, norm2: 1, sumcols: 1, sumrows: 1, diag: 1, ones: 2, eye: 1,
  ...Object.fromEntries(LOSSES.map((name) => [name, 2])),
};

/** A tensor program built: its matrix-level graph and its tensor-level records. */
export interface TensorProgram {
  readonly matrix: MatrixProgram;
  readonly tensors: TensorGraph;
  /** The builder, which lowers nodes to scalar entries on demand. */
  readonly builder: Lowering;
}

/** A tensor program lowered: also the scalar program every scalar engine reads. */
export interface LoweredProgram extends TensorProgram {
  readonly program: Program;
}

/** Options of lowerTensorProgram. */
export interface LowerOptions {
  readonly graph?: Graph;
  readonly sourceName?: string;
  /** Declarations given outside the program (--dims). */
  readonly dims?: readonly DeclaredShape[];
  /** Values of named sizes (`--dims X=3xB,B=8`); a named size without one is NAMED_SIZE_DEFAULT. */
  readonly sizes?: ReadonlyMap<string, number>;
  /** The deepest scalar graph accepted (printers and checks recurse). */
  readonly maxDepth?: number;
}

/** Builds a parsed tensor program into the matrix-level graph; its output must be a scalar (or, with `vectorOutput`, may be a tensor). */
export function buildTensorProgram(statements: readonly ProgramStatement[], text: string, options: LowerOptions & { readonly vectorOutput?: boolean } = {}): TensorProgram & { readonly lastSpan: Span } {
  const source: Source = { text, name: options.sourceName };
  const lowering = new Lowering(options.graph ?? new Graph(), source, options.sizes);
  for (const declared of options.dims ?? []) lowering.declared.set(declared.name, { ...declared });
  for (const statement of statements) if (statement.kind === 'declare') lowering.declare(statement);
  const runnable = statements.filter((statement) => statement.kind !== 'declare');
  if (runnable.length === 0) {
    throw inputError('syntax', 'the program only declares shapes', source, (statements[statements.length - 1] as Declaration).nameSpan, 'add the expression to compute, as in W: 4x3; x: 3; L = sum(W x)');
  }
  for (const statement of runnable) if (statement.kind === 'bind') lowering.later.set(statement.name, statement.nameSpan);
  let output: Tracked | undefined;
  runnable.forEach((statement, i) => {
    const last = i === runnable.length - 1;
    const before = lowering.records.length;
    const result = lowering.expression(statement.expr);
    if (statement.kind === 'bind') {
      lowering.bind(statement.name, statement.nameSpan, result, before);
    } else if (!last) {
      throw inputError('syntax', 'only the last line may be an expression without a name', source, statement.expr.span, 'give it a name (q = …) or remove it');
    }
    if (last) {
      if (result.shape && !options.vectorOutput) {
        const what = statement.kind === 'bind' ? statement.name : lowering.text(statement.expr.span);
        throw inputError('syntax', `the output ${what} is a ${shapeWords(result.shape)} tensor, not a scalar`, source, statement.expr.span, `differentiation needs one number: reduce it, as in sum(${what}), mean(${what}) or norm2(${what})`);
      }
      output = result;
    }
  });
  const lastStatement = runnable[runnable.length - 1]!;
  const outputRecord = output!.record ?? lowering.constantRecord(lastStatement.expr.span);
  const bindings = new Map(runnable.flatMap((statement) => (statement.kind === 'bind' ? [[statement.name, lowering.lookup(statement.name)!.matrix] as const] : [])));
  const matrix: MatrixProgram = {
    matrices: lowering.matrices,
    output: output!.matrix,
    ...(lastStatement.kind === 'bind' ? { outputName: lastStatement.name } : {}),
    bindings,
    inputs: lowering.matrixInputs,
    declared: new Map([...lowering.declared].map(([name, declared]) => [name, { shape: declared.shape, vector: declared.vector }])),
    fixed: new Map([...lowering.matrixInputs.keys()].flatMap((name) => (lowering.namedSize(name) === undefined ? [] : [[name, lowering.namedSize(name)!] as const]))),
  };
  return { matrix, tensors: { records: lowering.records, output: outputRecord }, builder: lowering, lastSpan: lastStatement.expr.span };
}

/** Builds a parsed tensor program and lowers it into one scalar graph; its output must be a scalar. */
export function lowerTensorProgram(statements: readonly ProgramStatement[], text: string, options: LowerOptions = {}): LoweredProgram {
  const built = buildTensorProgram(statements, text, options);
  return { ...built, program: programOf(built, built.matrix.output, { sourceName: options.sourceName, maxDepth: options.maxDepth, span: built.lastSpan }) };
}

/**
 * The scalar program of a built tensor program with `output` (a scalar node of its graph) as its output: every
 * binding's entries and the output lowered (src/build/entries.ts). `span` is where a too-deep output is reported.
 */
export function programOf(built: TensorProgram, output: NodeId, options: { sourceName?: string; maxDepth?: number; span: Span }): Program {
  const { matrix, builder } = built;
  const entries = builder.entries;
  const bindings = [...matrix.bindings].flatMap(([name, node]) => entryBindings(name, entries.value(node)));
  const outputNode = entries.value(output).entries[0]!;
  const text = builder.sourceText;
  checkDepth(builder.graph, outputNode, { text, name: options.sourceName }, options.span, options.maxDepth ?? 1000);
  // tensors the output uses that were not declared (the upstream column of a vector output's Jacobian)
  const graph = matrix.matrices.graph;
  const declared = graph.ancestors([output]).flatMap((id) => {
    const [name, shape] = [graph.node(id).name!, matrix.matrices.shape(id)];
    return graph.node(id).op === 'var' && shape ? [[name, Array.from({ length: sizeOf(shape) }, (_, k) => entryName(name, shape, builder.isVector(name), k))] as const] : [];
  });
  return {
    graph: builder.graph,
    source: text,
    sourceName: options.sourceName,
    output: outputNode,
    ...(matrix.outputName !== undefined && output === matrix.output ? { outputName: matrix.outputName } : {}),
    bindings,
    variables: entries.variables,
    spans: entries.spans,
    tensors: new Map([...[...matrix.declared].map(([name, d]) => [name, Array.from({ length: sizeOf(d.shape) }, (_, k) => entryName(name, d.shape, d.vector, k))] as const), ...declared]),
    matrix,
  };
}

/** A binding's entries as named scalar bindings: z itself for a scalar, z_1, z_2, … for a vector, Z_1_1, … for a matrix. */
function entryBindings(name: string, value: EntryValue): { name: string; node: NodeId }[] {
  const shape = value.shape;
  if (!shape) return [{ name, node: value.entries[0]! }];
  return value.entries.map((node, k) => ({ name: entryName(name, shape, shape.cols === 1, k), node }));
}

/** The walk over syntax trees: scope, declarations, records and shape checks (a tensor claims file keeps one across its lines). */
export class Lowering {
  readonly declared = new Map<string, { shape: TensorShape; vector: boolean; span?: Span }>();
  readonly later = new Map<string, Span>();
  readonly records: TensorRecord[] = [];
  /** Where each matrix-level node first appears in the source. */
  readonly spans = new Map<NodeId, Span>();
  private readonly scope = new Map<string, Tracked>();
  private readonly leaves = new Map<string, Tracked>();
  readonly matrices = new MatrixGraph();
  readonly matrixInputs = new Map<string, NodeId>();
  /** The scalar entries of any node, lowered on demand into `graph`. */
  readonly entries: EntryLowering;

  constructor(
    readonly graph: Graph,
    private source: Source,
    private readonly sizes: ReadonlyMap<string, number> = new Map(),
  ) {
    this.entries = new EntryLowering(graph, this.matrices, (name) => this.isVector(name), this.spans);
  }

  /** The text being read. */
  get sourceText(): string {
    return this.source.text;
  }

  /** Whether a declared name was written as one size (a vector: x_1, x_2, …); an input added by a command (an upstream u) is a vector. */
  isVector(name: string): boolean {
    return this.declared.get(name)?.vector ?? true;
  }

  /** Reads what follows from another source (the next line of a claims file); spans point into it. */
  use(source: Source): void {
    this.source = source;
  }

  /** The value a name is bound to, if it is bound. */
  lookup(name: string): Tracked | undefined {
    return this.scope.get(name);
  }

  /** The source text of a span. */
  text(span: Span): string {
    return this.source.text.slice(span.offset, span.end);
  }

  /** Records a declaration `W: 4x3` after checking its name and shape. */
  declare(statement: Declaration): void {
    const { name, nameSpan } = statement;
    if (CONSTANTS.has(name) || functionNamed(name) || name in TENSOR_FUNCTIONS) {
      throw inputError('unknown-name', `${name} is a ${CONSTANTS.has(name) ? 'constant' : 'function'} and cannot be declared`, this.source, nameSpan, 'choose another name');
    }
    const dims = readDims(statement.dims, this.sizes);
    if (!dims) {
      throw inputError('syntax', `"${statement.dims}" is not a shape`, this.source, statement.dimsSpan, 'write ROWSxCOLS for a matrix (W: 4x3), SIZE for a column vector (x: 3), or ROWSxB for a batch of a named size B, with whole numbers from 1');
    }
    if (sizeOf(dims.shape) > MAX_ENTRIES) {
      throw inputError('too-large', `${name} would have ${sizeOf(dims.shape)} entries; the limit is ${MAX_ENTRIES}`, this.source, statement.dimsSpan);
    }
    const earlier = this.declared.get(name);
    if (earlier) {
      const where = earlier.span ? `on line ${earlier.span.line}` : 'in --dims';
      throw inputError('syntax', `${name} is declared twice (first ${where})`, this.source, nameSpan, 'give each name one shape');
    }
    this.declared.set(name, { ...dims, span: nameSpan });
  }

  /** Binds a name to a value, naming the record the statement made. */
  bind(name: string, span: Span, result: Tracked, recordsBefore: number): void {
    const declared = this.declared.get(name);
    if (declared) {
      throw inputError('unknown-name', `${name} is declared as a ${shapeWords(declared.shape)} input and cannot also be given a value`, this.source, span, 'choose another name for the result');
    }
    if (CONSTANTS.has(name)) throw inputError('unknown-name', `${name} is a constant and cannot be given another value`, this.source, span, 'choose another name');
    if (functionNamed(name) || name in TENSOR_FUNCTIONS) throw inputError('unknown-name', `${name} is a function and cannot be used as a name for a value`, this.source, span, 'choose another name');
    if (result.record !== undefined && result.record >= recordsBefore) this.records[result.record] = { ...this.records[result.record]!, name };
    this.scope.set(name, result);
    this.later.delete(name);
  }

  /** A record for a constant output (so that the report has a row for it). */
  constantRecord(span: Span): number {
    return this.record('scalar', span, undefined, [], 'const');
  }

  /** The value of an expression. */
  expression(expr: Expr): Tracked {
    const result = this.node(expr);
    if (!this.spans.has(result.matrix)) this.spans.set(result.matrix, expr.span);
    return result;
  }

  private record(op: TensorOp, span: Span, shape: TensorShape | undefined, operands: readonly (Tracked | undefined)[], fn?: string, texts: readonly string[] = []): number {
    const inputs: RecordInput[] = [];
    operands.forEach((operand, position) => {
      if (operand?.record !== undefined) inputs.push({ record: operand.record, position });
    });
    const text = unwrapped(this.text(span));
    this.records.push({ name: text, expr: text, shape, op, fn, operands: texts.map(unwrapped), inputs, span });
    return this.records.length - 1;
  }

  /** The matrix-level node `matrixOp(operands)`, with its record (none when every operand is a constant). */
  private made(op: TensorOp, span: Span, operands: readonly Tracked[], fn: string | undefined, texts: readonly Expr[], matrixOp: string, matrixArgs: readonly NodeId[] = operands.map((operand) => operand.matrix)): Tracked {
    const matrix = this.matrices.apply(matrixOp, matrixArgs);
    const shape = this.matrices.shape(matrix);
    const withShape = { matrix, ...(shape ? { shape } : {}) };
    if (operands.every((operand) => operand.record === undefined)) return withShape;
    return { ...withShape, record: this.record(op, span, shape, operands, fn, texts.map((expr) => this.text(expr.span))) };
  }

  private node(expr: Expr): Tracked {
    switch (expr.kind) {
      case 'number': {
        return { matrix: this.matrices.constant(this.number(expr.text, expr.span)) };
      }
      case 'name':
        return this.name(expr.name, expr.span);
      case 'unary': {
        const arg = this.expression(expr.arg);
        if (expr.op === '+') return arg;
        return this.made(arg.shape ? 'neg' : 'scalar', expr.span, [arg], 'neg', [expr.arg], 'neg');
      }
      case 'binary':
        return this.binary(expr);
      case 'call':
        return this.call(expr);
      case 'derivative':
        throw inputError('syntax', `d${expr.name}/d${expr.variable} is not a value here`, this.source, expr.span, 'derivatives can be written only in claims');
      case 'differentiate':
        throw inputError('syntax', 'a derivative is not a value in a matrix claim', this.source, expr.span, 'write the matrix form of the derivative');
    }
  }

  private number(text: string, span: Span) {
    try {
      return parseDecimal(text);
    } catch (error) {
      throw inputError('syntax', (error as Error).message, this.source, span);
    }
  }

  private name(name: string, span: Span): Tracked {
    const bound = this.scope.get(name);
    if (bound) return bound;
    if (CONSTANTS.has(name)) return { matrix: this.matrices.named(name as 'pi' | 'e') };
    if (name === ONES) return { matrix: this.matrices.constant(1) }; // 𝟏 beside + or ⊙: 1 broadcast
    if (functionNamed(name) || name in TENSOR_FUNCTIONS) {
      throw inputError('unknown-name', `${name} is a function, not a value`, this.source, span, `call it with an argument, as in ${name}(x)`);
    }
    const later = this.later.get(name);
    if (later) {
      throw inputError('unknown-name', `${name} is used before the line (${later.line}) that gives it a value`, this.source, span, `move the line "${name} = …" above this one`);
    }
    return this.leaf(name, span);
  }

  /** A declared tensor or a scalar variable: an input of the program. */
  private leaf(name: string, span: Span): Tracked {
    const known = this.leaves.get(name);
    if (known) return known;
    const declared = this.declared.get(name);
    const how = declared ? `input, ${declared.vector ? `a vector of ${declared.shape.rows}` : `a ${shapeWords(declared.shape)} matrix`}` : 'a scalar variable';
    this.records.push({ name, expr: how, shape: declared?.shape, op: 'input', operands: [], inputs: [], span: declared?.span ?? span });
    const matrix = this.matrices.input(name, declared?.shape);
    this.matrixInputs.set(name, matrix);
    const tracked = { matrix, record: this.records.length - 1, ...(declared ? { shape: declared.shape } : {}) };
    this.leaves.set(name, tracked);
    return tracked;
  }

  private transpose(arg: Tracked, argExpr: Expr, span: Span): Tracked {
    if (!arg.shape) throw notTransposable(argExpr, this.source);
    return this.made('transpose', span, [arg], undefined, [argExpr], 'transpose');
  }

  private binary(expr: Binary): Tracked {
    const ones = this.onesProduct(expr);
    if (ones) return ones;
    const left = this.expression(expr.left);
    if (expr.op === '^' && left.shape && expr.right.kind === 'name' && expr.right.name === 'T' && !this.scope.has('T') && !this.declared.has('T')) {
      return this.transpose(left, expr.left, expr.span); // W^T transposes a tensor; x^T stays a power of the variable T
    }
    const right = this.expression(expr.right);
    const [a, b] = [left.shape, right.shape];
    const described = (side: Expr, shape: TensorShape | undefined) => `${this.text(side.span)} (${shapeWords(shape)})`;
    switch (expr.op) {
      case '*':
        if (a && b) {
          if (a.cols !== b.rows) {
            throw inputError('shape', `cannot multiply ${described(expr.left, a)} by ${described(expr.right, b)}: inner sizes ${a.cols} and ${b.rows} differ`, this.source, expr.span, 'a matrix product needs as many columns on the left as rows on the right; for an elementwise product write .*');
          }
          return this.made('matmul', expr.span, [left, right], undefined, [expr.left, expr.right], 'matmul');
        }
        return this.elementwise('mul', a || b ? 'scale' : 'scalar', expr, [left, right]);
      case '/':
        if (b) throw inputError('shape', `cannot divide by ${described(expr.right, b)} with /`, this.source, expr.span, 'for an elementwise quotient write ./');
        return this.elementwise('div', a ? 'scale' : 'scalar', expr, [left, right]);
      case '^':
        if (a || b) {
          const which = a ? described(expr.left, a) : `to the power ${described(expr.right, b)}`;
          const base = this.text(expr.left.span);
          const hint = a ? `^ is for scalars, and ^T transposes; for an elementwise square write ${base}.^2` : '^ is for scalars; apply a function entrywise instead, as in exp(x)';
          throw inputError('shape', a ? `cannot raise ${which} to a power` : `cannot raise ${base} ${which}`, this.source, expr.span, hint);
        }
        return this.elementwise('pow', 'scalar', expr, [left, right]);
      default: {
        const op = { '+': 'add', '-': 'sub', '.*': 'emul', './': 'ediv', '.^': 'epow' } as const;
        return this.elementwise(SCALAR_OPS[expr.op], a || b ? op[expr.op] : 'scalar', expr, [left, right]);
      }
    }
  }

  /** A scalar op applied entrywise to a binary expression's operands, broadcasting scalars and columns. */
  private elementwise(scalarOp: string, op: TensorOp, expr: Binary, operands: readonly [Tracked, Tracked]): Tracked {
    const [left, right] = operands;
    const shape = broadcast(left.shape, right.shape);
    if (shape === null) {
      const l = `${this.text(expr.left.span)} (${shapeWords(left.shape)})`;
      const r = `${this.text(expr.right.span)} (${shapeWords(right.shape)})`;
      const message = {
        '+': `cannot add ${l} and ${r}`,
        '-': `cannot subtract ${r} from ${l}`,
        '.*': `cannot multiply ${l} and ${r} elementwise`,
        './': `cannot divide ${l} by ${r} elementwise`,
        '.^': `cannot raise ${l} to the power ${r} elementwise`,
      }[expr.op as '+' | '-' | '.*' | './' | '.^'];
      throw inputError('shape', `${message}: shapes differ`, this.source, expr.span, BROADCAST_HINT);
    }
    const matrixOp = shape ? ({ '.*': 'emul', './': 'ediv', '.^': 'epow' } as Record<string, string>)[expr.op] ?? scalarOp : scalarOp;
    return this.made(op, expr.span, operands, scalarOp, [expr.left, expr.right], matrixOp);
  }

  private call(expr: Call): Tracked {
    if (expr.name === TRANSPOSE) return this.transpose(this.expression(expr.args[0]!), expr.args[0]!, expr.span);
    const tensorArity = TENSOR_FUNCTIONS[expr.name];
    if (tensorArity !== undefined) return this.tensorCall(expr, tensorArity);
    const op = functionNamed(expr.name);
    if (!op && expr.args.length === 1 && (this.scope.has(expr.name) || this.declared.has(expr.name))) {
      // a bound or declared name before ( multiplies: W1(x) is W1 x
      const product: Binary = { kind: 'binary', op: '*', left: { kind: 'name', name: expr.name, span: expr.nameSpan, depth: 1 }, right: expr.args[0]!, implicit: true, opSpan: expr.args[0]!.span, span: expr.span, depth: expr.depth };
      return this.binary(product);
    }
    if (!op) throw unknownFunction(expr, this.source, [...functionNames(), ...Object.keys(TENSOR_FUNCTIONS)]);
    checkArity(op, expr, this.source);
    const args = expr.args.map((arg) => this.expression(arg));
    const all: Tracked[] = [...args, ...defaultArguments(this.graph, op, args.length).map((node) => ({ matrix: this.matrices.constant(this.graph.node(node).value!) }))];
    let shape: TensorShape | undefined | null;
    for (const arg of args) {
      const next = broadcast(shape ?? undefined, arg.shape);
      if (next === null) {
        const first = args.find((other) => other.shape)!;
        const firstExpr = expr.args[args.indexOf(first)]!;
        const argExpr = expr.args[args.indexOf(arg)]!;
        throw inputError('shape', `${expr.name} needs arguments of one shape, got ${this.text(firstExpr.span)} (${shapeWords(first.shape)}) and ${this.text(argExpr.span)} (${shapeWords(arg.shape)})`, this.source, expr.span, BROADCAST_HINT);
      }
      shape = next;
    }
    return this.made(shape ? 'function' : 'scalar', expr.span, args, op.name, expr.args, op.name, all.map((arg) => arg.matrix));
  }

  /** ones(rows, cols), a tensor of ones (𝟏), or eye(n), the identity: sizes written as whole numbers. */
  private constantTensor(expr: Call): Tracked {
    const sizes = expr.args.map((arg) => (arg.kind === 'number' && SIZE.test(arg.text) ? Number(arg.text) : arg.kind === 'name' ? this.namedSize(arg.name) : undefined));
    const names = expr.args.map((arg) => (arg.kind === 'name' && this.namedSize(arg.name) !== undefined ? arg.name : undefined));
    const [rows, cols] = expr.name === 'eye' ? [sizes[0], sizes[0]] : sizes;
    const [rowsName, colsName] = expr.name === 'eye' ? [names[0], names[0]] : names;
    const example = expr.name === 'eye' ? 'eye(3) for the 3×3 identity' : 'ones(4, 1) for a column of four ones';
    if (rows === undefined || cols === undefined) throw inputError('syntax', `${expr.name} takes sizes written as whole numbers`, this.source, expr.span, `write ${example}`);
    if (rows * cols > MAX_ENTRIES) throw inputError('too-large', `${this.text(expr.span)} would have ${rows * cols} entries; the limit is ${MAX_ENTRIES}`, this.source, expr.span);
    const shape = { rows, cols, ...(rowsName ? { rowsName } : {}), ...(colsName ? { colsName } : {}) };
    return { matrix: expr.name === 'eye' ? this.matrices.identity(rows, rowsName) : this.matrices.ones(shape), shape };
  }

  /**
   * A product with the column of ones 𝟏 whose size is the product's inner size (LaTeX's \mathbf{1}, read as ONES):
   * δ 𝟏 sums δ's columns, 𝟏ᵀ A sums A's rows.
   */
  private onesProduct(expr: Binary): Tracked | undefined {
    if (expr.op !== '*') return undefined;
    const isOnes = (side: Expr) => side.kind === 'name' && side.name === ONES && !this.scope.has(ONES);
    const transposedOnes = (side: Expr) => side.kind === 'call' && side.name === TRANSPOSE && isOnes(side.args[0]!);
    if (isOnes(expr.right) || transposedOnes(expr.left)) {
      const known = isOnes(expr.right) ? this.expression(expr.left) : this.expression(expr.right);
      if (!known.shape) return undefined;
      const size = isOnes(expr.right) ? known.shape.cols : known.shape.rows;
      const column: Tracked = { matrix: this.matrices.ones({ rows: size, cols: 1 }), shape: { rows: size, cols: 1 } };
      if (isOnes(expr.right)) return this.made('matmul', expr.span, [known, column], undefined, [expr.left, expr.right], 'matmul');
      const row = { matrix: this.matrices.apply('transpose', [column.matrix]), shape: { rows: 1, cols: size } };
      return this.made('matmul', expr.span, [row, known], undefined, [expr.left, expr.right], 'matmul');
    }
    return undefined;
  }

  /** The number a named size (B in X: 3xB) stands for, unless the name is bound to a value. */
  namedSize(name: string): number | undefined {
    if (this.scope.has(name)) return undefined;
    for (const { shape } of this.declared.values()) {
      if (shape.rowsName === name) return shape.rows;
      if (shape.colsName === name) return shape.cols;
    }
    return undefined;
  }

  private tensorCall(expr: Call, arity: number): Tracked {
    if (expr.args.length !== arity) {
      const plural = arity === 1 ? 'argument' : 'arguments';
      throw inputError('arity', `${expr.name} takes ${arity} ${plural}, but was given ${expr.args.length}`, this.source, expr.span, `write it as ${expr.name}(${arity === 1 ? 'x' : 'a, b'})`);
    }
    if (expr.name === 'ones' || expr.name === 'eye') return this.constantTensor(expr);
    const args = expr.args.map((arg) => this.expression(arg));
    const [a, b] = args as [Tracked, Tracked | undefined];
    const words = (k: number) => `${this.text(expr.args[k]!.span)} (${shapeWords(args[k]!.shape)})`;
    switch (expr.name) {
      case 'transpose':
        return this.transpose(a, expr.args[0]!, expr.span);
      case 'sum':
        return this.made('sum', expr.span, args, undefined, expr.args, 'sum');
      case 'mean':
        return this.made('mean', expr.span, args, undefined, expr.args, 'mean');
      case 'norm2':
        return this.made('norm2', expr.span, args, undefined, expr.args, 'norm2');
      case 'dot':
        if (!sameShape(a.shape, b!.shape)) {
          throw inputError('shape', `dot needs two vectors of the same size, got ${words(0)} and ${words(1)}`, this.source, expr.span, 'dot(a, b) = Σ a_k b_k over entries of one shape');
        }
        return this.made('dot', expr.span, args, undefined, expr.args, 'dot');
      case 'mse':
      case 'mae':
      case 'bce':
      case 'cross_entropy':
      case 'hinge':
        if (!sameShape(a.shape, b!.shape)) {
          throw inputError('shape', `${expr.name} needs an output and targets of one shape, got ${words(0)} and ${words(1)}`, this.source, expr.span, `${expr.name}(ŷ, y): y holds the targets of every output (one-hot columns for classes)`);
        }
        return this.made('loss', expr.span, args, expr.name, expr.args, expr.name);
      case 'diag':
        if (a.shape?.cols !== 1) throw inputError('shape', `diag needs a column vector, got ${words(0)}`, this.source, expr.span, 'diag(v) is the square matrix with v on its diagonal');
        return this.made('diag', expr.span, args, undefined, expr.args, 'diag');
      case 'sumcols':
      case 'sumrows':
        if (!a.shape) throw inputError('shape', `${expr.name} needs a matrix, got ${words(0)}`, this.source, expr.span, `${expr.name}(A) sums A's ${expr.name === 'sumcols' ? 'columns into one column (A 𝟏)' : 'rows into one row (𝟏ᵀ A)'}`);
        return this.made(expr.name, expr.span, args, undefined, expr.args, expr.name);
      case 'outer':
        if (a.shape?.cols !== 1 || b!.shape?.cols !== 1) {
          throw inputError('shape', `outer needs two column vectors, got ${words(0)} and ${words(1)}`, this.source, expr.span, 'outer(a, b) = a bᵀ for a: m and b: n, an m×n matrix');
        }
        return this.made('outer', expr.span, args, undefined, expr.args, 'outer');
      default: {
        if (!a.shape) {
          throw inputError('shape', `${expr.name} needs a vector or a matrix, got ${words(0)}`, this.source, expr.span, `${expr.name} works on each column: declare its input, as in z: 3`);
        }
        return this.made(expr.name as 'softmax' | 'log_softmax', expr.span, args, undefined, expr.args, expr.name);
      }
    }
  }
}

/** Whole numbers from 1 (the sizes of ones(rows, cols)). */
const SIZE = /^[1-9][0-9]{0,5}$/;

const BROADCAST_HINT = 'elementwise operations need equal shapes; a scalar stretches to any shape, and a column vector to a matrix of its height (a bias over a batch)';

/** The shape of an elementwise result, or null when the shapes do not fit (a scalar stretches; an m×1 column stretches over an m×n matrix). */
export function broadcast(a: TensorShape | undefined, b: TensorShape | undefined): TensorShape | undefined | null {
  if (!a) return b;
  if (!b || sameShape(a, b)) return a;
  if (a.cols === 1 && a.rows === b.rows) return b;
  if (b.cols === 1 && a.rows === b.rows) return a;
  return null;
}

/** Text without parentheses around the whole of it: `(a + b)` → `a + b`. */
function unwrapped(text: string): string {
  if (!text.startsWith('(') || !text.endsWith(')')) return text;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') depth--;
    if (depth === 0 && i < text.length - 1) return text; // the first parenthesis closes before the end
  }
  return unwrapped(text.slice(1, -1));
}
