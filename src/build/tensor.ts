/**
 * Tensor programs (`W: 4x3; x: 3; L = sum(relu(W x))`) lowered to the ONE scalar graph the rest of chainrule
 * differentiates and cross-checks: a declared tensor's entries are variables (W_1_2: row 1, column 2, as
 * src/nn/scalar.ts names weights), and every operation becomes scalar nodes (a matrix product, sums of products).
 * Shapes are checked here, with messages that point at the source; a name is a scalar unless declared.
 */
import { functionNamed, functionNames } from '../ops/index.js';
import { parseDecimal } from '../ops/exact.js';
import { CONSTANTS, checkArity, defaultArguments, inputError, notTransposable, SCALAR_OPS, unknownFunction, type Source } from './shared.js';
import type { Program } from '../graph/program.js';
import { MatrixGraph } from '../matrix/graph.js';
import { Graph, type NodeId } from '../graph/graph.js';
import { TRANSPOSE, type Declaration, type Expr, type ProgramStatement, type Span } from '../syntax/tree.js';
import { MAX_ENTRIES, type DeclaredShape } from '../tensor/dims.js';
import * as kernel from '../tensor/kernels.js';
import type { RecordInput, TensorGraph, TensorOp, TensorRecord } from '../tensor/records.js';
import { entryName, readDims, sameShape, shapeWords, sizeOf, type TensorShape } from '../tensor/shape.js';

/** A lowered value, with the tensor-level record that computed it (none for constants) and its matrix-level node. */
export interface Tracked {
  readonly value: kernel.Value;
  readonly record?: number;
  /** The same value as one node of the matrix-level graph (src/matrix), which differentiates in matrix form. */
  readonly matrix: NodeId;
}

type Call = Extract<Expr, { kind: 'call' }>;
type Binary = Extract<Expr, { kind: 'binary' }>;


/** Functions of tensors and how many arguments each takes. */
export const TENSOR_FUNCTIONS: Readonly<Record<string, number>> = {
  transpose: 1, sum: 1, mean: 1, dot: 2, outer: 2, softmax: 1, log_softmax: 1, norm2: 1,
  ...Object.fromEntries(kernel.LOSS_FUNCTIONS.map((name) => [name, 2])),
};

/** A tensor program lowered: the scalar program every command reads, and its tensor-level records. */
export interface LoweredProgram {
  readonly program: Program;
  readonly tensors: TensorGraph;
  /** The program at the matrix level: its graph, each binding's node and the output's. */
  readonly matrix: MatrixProgram;
}

/** A tensor program as matrix-level nodes. */
export interface MatrixProgram {
  readonly matrices: MatrixGraph;
  readonly output: NodeId;
  readonly bindings: ReadonlyMap<string, NodeId>;
  /** The declared inputs, by name, with their shapes. */
  readonly inputs: ReadonlyMap<string, NodeId>;
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

/** Lowers a parsed tensor program into one scalar graph; its output must be a scalar. */
export function lowerTensorProgram(statements: readonly ProgramStatement[], text: string, options: LowerOptions = {}): LoweredProgram {
  const source: Source = { text, name: options.sourceName };
  const lowering = new Lowering(options.graph ?? new Graph(), source, options.sizes);
  for (const declared of options.dims ?? []) lowering.declared.set(declared.name, { ...declared });
  for (const statement of statements) if (statement.kind === 'declare') lowering.declare(statement);
  const runnable = statements.filter((statement) => statement.kind !== 'declare');
  if (runnable.length === 0) {
    throw inputError('syntax', 'the program only declares shapes', source, (statements[statements.length - 1] as Declaration).nameSpan, 'add the expression to compute, as in W: 4x3; x: 3; L = sum(W x)');
  }
  for (const statement of runnable) if (statement.kind === 'bind') lowering.later.set(statement.name, statement.nameSpan);
  const bindings: { name: string; node: NodeId }[] = [];
  let output: Tracked | undefined;
  runnable.forEach((statement, i) => {
    const last = i === runnable.length - 1;
    const before = lowering.records.length;
    const result = lowering.expression(statement.expr);
    if (statement.kind === 'bind') {
      lowering.bind(statement.name, statement.nameSpan, result, before);
      bindings.push(...entryBindings(statement.name, result.value));
    } else if (!last) {
      throw inputError('syntax', 'only the last line may be an expression without a name', source, statement.expr.span, 'give it a name (q = …) or remove it');
    }
    if (last) {
      if (result.value.shape) {
        const what = statement.kind === 'bind' ? statement.name : lowering.text(statement.expr.span);
        throw inputError('syntax', `the output ${what} is a ${shapeWords(result.value.shape)} tensor, not a scalar`, source, statement.expr.span, `differentiation needs one number: reduce it, as in sum(${what}), mean(${what}) or norm2(${what})`);
      }
      output = result;
    }
  });
  const outputNode = output!.value.entries[0]!;
  lowering.checkDepth(outputNode, runnable[runnable.length - 1]!.expr.span, options.maxDepth ?? 1000);
  const lastStatement = runnable[runnable.length - 1]!;
  const program: Program = {
    graph: lowering.graph,
    source: text,
    sourceName: options.sourceName,
    output: outputNode,
    outputName: lastStatement.kind === 'bind' ? lastStatement.name : undefined,
    bindings,
    variables: lowering.variables,
    spans: lowering.spans,
    tensors: new Map([...lowering.declared].map(([name, declared]) => [name, Array.from({ length: sizeOf(declared.shape) }, (_, k) => entryName(name, declared.shape, declared.vector, k))])),
  };
  const outputRecord = output!.record ?? lowering.constantRecord(lastStatement.expr.span);
  const matrixBindings = new Map(runnable.flatMap((statement) => (statement.kind === 'bind' ? [[statement.name, lowering.lookup(statement.name)!.matrix] as const] : [])));
  return { program, tensors: { records: lowering.records, output: outputRecord }, matrix: { matrices: lowering.matrices, output: output!.matrix, bindings: matrixBindings, inputs: lowering.matrixInputs } };
}

/** A binding's entries as named scalar bindings: z itself for a scalar, z_1, z_2, … for a vector, Z_1_1, … for a matrix. */
function entryBindings(name: string, value: kernel.Value): { name: string; node: NodeId }[] {
  const shape = value.shape;
  if (!shape) return [{ name, node: value.entries[0]! }];
  return value.entries.map((node, k) => ({ name: entryName(name, shape, shape.cols === 1, k), node }));
}

/** The walk over syntax trees: scope, declarations, records and shape checks (a tensor claims file keeps one across its lines). */
export class Lowering {
  readonly declared = new Map<string, { shape: TensorShape; vector: boolean; span?: Span }>();
  readonly later = new Map<string, Span>();
  readonly records: TensorRecord[] = [];
  readonly variables: string[] = [];
  private readonly variablesSeen = new Set<string>();
  readonly spans = new Map<NodeId, Span>();
  private readonly scope = new Map<string, Tracked>();
  private readonly leaves = new Map<string, Tracked>();
  /** The matrix-level graph built alongside the scalar one. */
  readonly matrices = new MatrixGraph();
  readonly matrixInputs = new Map<string, NodeId>();

  constructor(
    readonly graph: Graph,
    private source: Source,
    private readonly sizes: ReadonlyMap<string, number> = new Map(),
  ) {}

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

  /** Rejects a scalar graph deeper than the printers and checks can walk. */
  checkDepth(output: NodeId, span: Span, maxDepth: number): void {
    const depth = new Map<NodeId, number>();
    for (const id of this.graph.ancestors([output])) {
      let d = 0;
      for (const input of this.graph.node(id).inputs) d = Math.max(d, 1 + depth.get(input)!);
      depth.set(id, d);
    }
    if (depth.get(output)! > maxDepth) {
      throw inputError('too-large', `the lowered expression is ${depth.get(output)} operations deep; the limit is ${maxDepth}`, this.source, span);
    }
  }

  /** A record for a constant output (so that the report has a row for it). */
  constantRecord(span: Span): number {
    return this.record('scalar', span, undefined, [], 'const');
  }

  /** The lowered value of an expression. */
  expression(expr: Expr): Tracked {
    const result = this.node(expr);
    for (const entry of result.value.entries) if (!this.spans.has(entry)) this.spans.set(entry, expr.span);
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

  /** A result value with its record (none when every operand is a constant) and its matrix-level node `matrixOp(operands)`. */
  private made(value: kernel.Value, op: TensorOp, span: Span, operands: readonly Tracked[], fn: string | undefined, texts: readonly Expr[], matrixOp: string, matrixArgs: readonly NodeId[] = operands.map((operand) => operand.matrix)): Tracked {
    const matrix = this.matrices.apply(matrixOp, matrixArgs);
    if (operands.every((operand) => operand.record === undefined)) return { value, matrix };
    return { value, matrix, record: this.record(op, span, value.shape, operands, fn, texts.map((expr) => this.text(expr.span))) };
  }

  private node(expr: Expr): Tracked {
    switch (expr.kind) {
      case 'number': {
        const value = this.number(expr.text, expr.span);
        return { value: kernel.scalar(this.graph.intern('const', [], { value })), matrix: this.matrices.constant(value) };
      }
      case 'name':
        return this.name(expr.name, expr.span);
      case 'unary': {
        const arg = this.expression(expr.arg);
        if (expr.op === '+') return arg;
        return this.made(kernel.elementwise(this.graph, 'neg', [arg.value], arg.value.shape), arg.value.shape ? 'neg' : 'scalar', expr.span, [arg], 'neg', [expr.arg], 'neg');
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
    if (CONSTANTS.has(name)) return { value: kernel.scalar(this.graph.intern(name, [])), matrix: this.matrices.named(name as 'pi' | 'e') };
    if (functionNamed(name) || name in TENSOR_FUNCTIONS) {
      throw inputError('unknown-name', `${name} is a function, not a value`, this.source, span, `call it with an argument, as in ${name}(x)`);
    }
    const later = this.later.get(name);
    if (later) {
      throw inputError('unknown-name', `${name} is used before the line (${later.line}) that gives it a value`, this.source, span, `move the line "${name} = …" above this one`);
    }
    return this.leaf(name, span);
  }

  /** A declared tensor's entries as variables (W_1_1, W_1_2, … row by row), or a scalar variable. */
  private leaf(name: string, span: Span): Tracked {
    const known = this.leaves.get(name);
    if (known) return known;
    const declared = this.declared.get(name);
    const names = declared ? Array.from({ length: sizeOf(declared.shape) }, (_, k) => entryName(name, declared.shape, declared.vector, k)) : [name];
    const entries = names.map((variable) => {
      if (!this.variablesSeen.has(variable)) {
        this.variablesSeen.add(variable); // a Set: 10⁵ entries looked up in a list took seconds
        this.variables.push(variable);
      }
      return this.graph.variable(variable);
    });
    const value: kernel.Value = declared ? { shape: declared.shape, entries } : kernel.scalar(entries[0]!);
    const how = declared ? `input, ${declared.vector ? `a vector of ${declared.shape.rows}` : `a ${shapeWords(declared.shape)} matrix`}` : 'a scalar variable';
    this.records.push({ name, expr: how, shape: declared?.shape, op: 'input', operands: [], inputs: [], span: declared?.span ?? span });
    const matrix = this.matrices.input(name, declared?.shape);
    this.matrixInputs.set(name, matrix);
    const tracked = { value, record: this.records.length - 1, matrix };
    this.leaves.set(name, tracked);
    return tracked;
  }

  private transpose(arg: Tracked, argExpr: Expr, span: Span): Tracked {
    if (!arg.value.shape) throw notTransposable(argExpr, this.source);
    return this.made(kernel.transpose(arg.value), 'transpose', span, [arg], undefined, [argExpr], 'transpose');
  }

  private binary(expr: Binary): Tracked {
    const left = this.expression(expr.left);
    if (expr.op === '^' && left.value.shape && expr.right.kind === 'name' && expr.right.name === 'T' && !this.scope.has('T') && !this.declared.has('T')) {
      return this.transpose(left, expr.left, expr.span); // W^T transposes a tensor; x^T stays a power of the variable T
    }
    const right = this.expression(expr.right);
    const [a, b] = [left.value.shape, right.value.shape];
    const described = (side: Expr, shape: TensorShape | undefined) => `${this.text(side.span)} (${shapeWords(shape)})`;
    switch (expr.op) {
      case '*':
        if (a && b) {
          if (a.cols !== b.rows) {
            throw inputError('shape', `cannot multiply ${described(expr.left, a)} by ${described(expr.right, b)}: inner sizes ${a.cols} and ${b.rows} differ`, this.source, expr.span, 'a matrix product needs as many columns on the left as rows on the right; for an elementwise product write .*');
          }
          return this.made(kernel.matmul(this.graph, left.value, right.value), 'matmul', expr.span, [left, right], undefined, [expr.left, expr.right], 'matmul');
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
    const shape = broadcast(left.value.shape, right.value.shape);
    if (shape === null) {
      const l = `${this.text(expr.left.span)} (${shapeWords(left.value.shape)})`;
      const r = `${this.text(expr.right.span)} (${shapeWords(right.value.shape)})`;
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
    return this.made(kernel.elementwise(this.graph, scalarOp, [left.value, right.value], shape), op, expr.span, operands, scalarOp, [expr.left, expr.right], matrixOp);
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
    const all: Tracked[] = [...args, ...defaultArguments(this.graph, op, args.length).map((node) => ({ value: kernel.scalar(node), matrix: this.matrices.constant(this.graph.node(node).value!) }))];
    let shape: TensorShape | undefined | null;
    for (const arg of args) {
      const next = broadcast(shape ?? undefined, arg.value.shape);
      if (next === null) {
        const first = args.find((other) => other.value.shape)!;
        const firstExpr = expr.args[args.indexOf(first)]!;
        const argExpr = expr.args[args.indexOf(arg)]!;
        throw inputError('shape', `${expr.name} needs arguments of one shape, got ${this.text(firstExpr.span)} (${shapeWords(first.value.shape)}) and ${this.text(argExpr.span)} (${shapeWords(arg.value.shape)})`, this.source, expr.span, BROADCAST_HINT);
      }
      shape = next;
    }
    const value = kernel.elementwise(this.graph, op.name, all.map((arg) => arg.value), shape ?? undefined);
    return this.made(value, shape ? 'function' : 'scalar', expr.span, args, op.name, expr.args, op.name, all.map((arg) => arg.matrix));
  }

  private tensorCall(expr: Call, arity: number): Tracked {
    if (expr.args.length !== arity) {
      const plural = arity === 1 ? 'argument' : 'arguments';
      throw inputError('arity', `${expr.name} takes ${arity} ${plural}, but was given ${expr.args.length}`, this.source, expr.span, `write it as ${expr.name}(${arity === 1 ? 'x' : 'a, b'})`);
    }
    const args = expr.args.map((arg) => this.expression(arg));
    const [a, b] = args as [Tracked, Tracked | undefined];
    const words = (k: number) => `${this.text(expr.args[k]!.span)} (${shapeWords(args[k]!.value.shape)})`;
    const g = this.graph;
    switch (expr.name) {
      case 'transpose':
        return this.transpose(a, expr.args[0]!, expr.span);
      case 'sum':
        return this.made(kernel.sumAll(g, a.value), 'sum', expr.span, args, undefined, expr.args, 'sum');
      case 'mean':
        return this.made(kernel.meanAll(g, a.value), 'mean', expr.span, args, undefined, expr.args, 'mean');
      case 'norm2':
        return this.made(kernel.norm2(g, a.value), 'norm2', expr.span, args, undefined, expr.args, 'norm2');
      case 'dot':
        if (!sameShape(a.value.shape, b!.value.shape)) {
          throw inputError('shape', `dot needs two vectors of the same size, got ${words(0)} and ${words(1)}`, this.source, expr.span, 'dot(a, b) = Σ a_k b_k over entries of one shape');
        }
        return this.made(kernel.dot(g, a.value, b!.value), 'dot', expr.span, args, undefined, expr.args, 'dot');
      case 'mse':
      case 'mae':
      case 'bce':
      case 'cross_entropy':
      case 'hinge':
        if (!sameShape(a.value.shape, b!.value.shape)) {
          throw inputError('shape', `${expr.name} needs an output and targets of one shape, got ${words(0)} and ${words(1)}`, this.source, expr.span, `${expr.name}(ŷ, y): y holds the targets of every output (one-hot columns for classes)`);
        }
        return this.made(kernel.loss(g, expr.name, a.value, b!.value), 'loss', expr.span, args, expr.name, expr.args, expr.name);
      case 'outer':
        if (a.value.shape?.cols !== 1 || b!.value.shape?.cols !== 1) {
          throw inputError('shape', `outer needs two column vectors, got ${words(0)} and ${words(1)}`, this.source, expr.span, 'outer(a, b) = a bᵀ for a: m and b: n, an m×n matrix');
        }
        return this.made(kernel.outer(g, a.value, b!.value), 'outer', expr.span, args, undefined, expr.args, 'outer');
      default: {
        if (!a.value.shape) {
          throw inputError('shape', `${expr.name} needs a vector or a matrix, got ${words(0)}`, this.source, expr.span, `${expr.name} works on each column: declare its input, as in z: 3`);
        }
        return this.made(kernel.softmax(g, a.value, expr.name === 'log_softmax'), expr.name as 'softmax' | 'log_softmax', expr.span, args, undefined, expr.args, expr.name);
      }
    }
  }
}

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
