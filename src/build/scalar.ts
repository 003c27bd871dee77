/** Builds scalar expressions into the computational graph: names resolved, functions checked, one node per distinct subexpression. */
import { functionNamed, functionNames } from '../ops/index.js';
import { parseDecimal } from '../ops/exact.js';
import Fraction from 'fraction.js';
import { renameNames, TRANSPOSE, type Expr, type Span } from '../syntax/tree.js';
import { Graph, type NodeId } from '../graph/graph.js';
import { substituteAll } from '../graph/substitute.js';
import { appliedFactors, type Factor } from './applied.js';
import { CONSTANTS, checkArity, defaultArguments, inputError, notTransposable, SCALAR_OPS, unknownFunction, type Source } from './shared.js';
import { TENSOR_FUNCTIONS } from './tensor.js';

/** How derivatives written inside a claim's expressions become nodes (the checker's rules, given to the builder). */
export interface Differentiator {
  /** dL/dw, of the binding `name`. */
  ofBinding(name: string, variable: string, span: Span, source: Source): NodeId;
  /** d/dx (…) of a built expression; without a variable (`(x^2)'`), by its only one. */
  ofExpression(fn: NodeId, variable: string | undefined, span: Span, source: Source): NodeId;
}

/**
 * How the builder takes f'(x) of a function: d body/d variable as a node, given by the caller (the symbolic
 * differentiator: the front end never imports an engine). Without it, f'(x) is an error.
 */
export type DerivativeOf = (graph: Graph, body: NodeId, variable: string) => NodeId;

/** The most terms an indexed sum `sum(i, 1, N, …)` may expand to. */
export const MAX_SUM_TERMS = 1_000;

/** Builds expressions into one graph, resolving names against the bindings made so far. */
export class GraphBuilder {
  /** Free variables met so far, in order of first appearance. */
  readonly variables: string[] = [];
  private readonly variableSet = new Set<string>();
  /** The source span where each node first appears. */
  readonly spans = new Map<NodeId, Span>();
  private readonly scope = new Map<string, NodeId>();
  private readonly later = new Map<string, Span>();
  /** Parameters of the bound names that are functions (`f(x) = …`). */
  private readonly parameters = new Map<string, readonly string[]>();
  /** Operations between each node and the leaves (bindings can chain lines into a deep graph). */
  private readonly depths = new Map<NodeId, number>();
  /** The deepest graph accepted: deeper ones could not be printed or checked within the call stack. */
  maxDepth = 1000;

  private readonly derivatives?: Differentiator;
  private readonly derivativeOf?: DerivativeOf;

  /**
   * `derivatives` gives the nodes of derivatives written inside claims (`w - 0.1*dL/dw`, `= d/dx (x^2) sin x`);
   * without it, such a derivative is an error, as it is in plain expressions. `derivativeOf` takes f'(x).
   */
  /** Numbers for names left free in the bounds of a sum (N in sum(i, 1, N, …)), at the size being checked. */
  private readonly sizes: ReadonlyMap<string, number>;

  constructor(
    readonly graph = new Graph(),
    options: { readonly derivatives?: Differentiator; readonly derivativeOf?: DerivativeOf; readonly sizes?: ReadonlyMap<string, number> } = {},
  ) {
    this.derivatives = options.derivatives;
    this.derivativeOf = options.derivativeOf;
    this.sizes = options.sizes ?? new Map();
  }

  /** Every binding in force, name → node. */
  bindings(): ReadonlyMap<string, NodeId> {
    return this.scope;
  }

  /** The node a name is bound to, if it is bound. */
  lookup(name: string): NodeId | undefined {
    return this.scope.get(name);
  }

  /** Declares that `name` will be bound further on, so that using it before then is reported as such. */
  defineLater(name: string, span: Span): void {
    this.later.set(name, span);
  }

  /** Binds a name to a node (a later binding of the same name shadows the earlier one). */
  bind(name: string, span: Span, node: NodeId, source: Source): void {
    if (CONSTANTS.has(name)) throw inputError('unknown-name', `${name} is a constant and cannot be given another value`, source, span, 'choose another name');
    if (functionNamed(name)) throw inputError('unknown-name', `${name} is a function and cannot be used as a name for a value`, source, span, 'choose another name');
    this.scope.set(name, node);
    this.later.delete(name);
    this.parameters.delete(name);
  }

  /** Whether a bound name is a function of parameters (`f(x) = x^2`) rather than a value. */
  isFunction(name: string): boolean {
    return this.parameters.has(name);
  }

  /** Makes a bound name a function of its parameters (`f(x) = x^2`): `f(3)` then substitutes 3 for x in f. */
  defineFunction(name: string, parameters: readonly string[]): void {
    this.parameters.set(name, parameters);
  }

  /** The node of an expression. */
  expression(expr: Expr, source: Source): NodeId {
    const id = this.node(expr, source);
    if (!this.spans.has(id)) this.spans.set(id, expr.span);
    const depth = this.depthOf(id);
    if (depth > this.maxDepth) {
      throw inputError('too-large', `the expression is ${depth} operations deep, counting the bindings it uses; the limit is ${this.maxDepth}`, source, expr.span);
    }
    return id;
  }

  private depthOf(id: NodeId): number {
    let depth = this.depths.get(id);
    if (depth === undefined) {
      depth = 0;
      for (const input of this.graph.node(id).inputs) depth = Math.max(depth, 1 + (this.depths.get(input) ?? this.depthOf(input)));
      this.depths.set(id, depth);
    }
    return depth;
  }

  private node(expr: Expr, source: Source): NodeId {
    switch (expr.kind) {
      case 'number':
        return this.graph.intern('const', [], { value: this.number(expr.text, expr.span, source) });
      case 'name':
        return this.name(expr.name, expr.span, source);
      case 'unary':
        return expr.op === '-' ? this.graph.intern('neg', [this.expression(expr.arg, source)]) : this.expression(expr.arg, source);
      case 'binary': {
        // 2f(3), f'(x) for a defined one-letter function f: the grammar reads them as products 2·f·(3), f'·(x)
        const factors = expr.implicit ? appliedFactors(expr, source.text, (name) => this.parameters.has(name)) : undefined;
        if (factors) return factors.map((factor) => this.factor(factor, source)).reduce((left, right) => this.graph.intern('mul', [left, right]));
        const op = SCALAR_OPS[expr.op]; // on scalars, .* and ./ are * and /
        return this.graph.intern(op, [this.expression(expr.left, source), this.expression(expr.right, source)]);
      }
      case 'call':
        return this.call(expr, source);
      case 'derivative':
        if (!this.derivatives) throw inputError('syntax', `d${expr.name}/d${expr.variable} is not a value here`, source, expr.span, 'derivatives can be written only in claims');
        return this.derivatives.ofBinding(expr.name, expr.variable, expr.span, source);
      case 'differentiate':
        if (!this.derivatives) throw inputError('syntax', 'a derivative is not a value here', source, expr.span, 'derivatives can be written only in claims');
        return this.derivatives.ofExpression(this.expression(expr.expr, source), expr.variable, expr.span, source);
    }
  }

  /** Names that stand for a value when followed by a parenthesis. */
  private isValueName(name: string): boolean {
    return this.scope.has(name);
  }

  private number(text: string, span: Span, source: Source) {
    try {
      return parseDecimal(text);
    } catch (error) {
      throw inputError('syntax', (error as Error).message, source, span);
    }
  }

  private name(name: string, span: Span, source: Source): NodeId {
    const bound = this.scope.get(name);
    if (bound !== undefined) return bound;
    if (CONSTANTS.has(name)) return this.graph.intern(name, []);
    const size = this.sizes.get(name);
    if (size !== undefined) return this.graph.intern('const', [], { value: new Fraction(size) });
    if (functionNamed(name)) {
      throw inputError('unknown-name', `${name} is a function, not a value`, source, span, `call it with an argument, as in ${name}(x)`);
    }
    const later = this.later.get(name);
    if (later) {
      throw inputError('unknown-name', `${name} is used before the line (${later.line}) that gives it a value`, source, span, `move the line "${name} = …" above this one`);
    }
    if (!this.variableSet.has(name)) {
      this.variableSet.add(name); // a Set: looking names up in the list is quadratic in a program of 10⁵ names
      this.variables.push(name);
    }
    return this.graph.variable(name);
  }

  /** A defined function applied to arguments: its body with the arguments put for its parameters, all at once. */
  private apply(name: string, args: readonly Expr[], span: Span, source: Source): NodeId {
    const parameters = this.parameters.get(name)!;
    if (args.length !== parameters.length) {
      const plural = parameters.length === 1 ? 'argument' : 'arguments';
      throw inputError('arity', `${name} takes ${parameters.length} ${plural} (${parameters.join(', ')}), but was given ${args.length}`, source, span);
    }
    const values = args.map((arg) => this.expression(arg, source));
    const replacements = new Map(parameters.map((parameter, i) => [this.graph.intern('var', [], { name: parameter }), values[i]!]));
    return substituteAll(this.graph, this.scope.get(name)!, replacements);
  }

  /** One factor of a product: as written, or a defined function (or its derivative) applied to its argument. */
  private factor(factor: Factor, source: Source): NodeId {
    if (factor.kind === 'factor') return this.expression(factor.expr, source);
    const value = factor.prime ? this.derivativeAt(factor.name, factor.argument, factor.span, source) : this.apply(factor.name, [factor.argument], factor.span, source);
    return factor.exponent ? this.graph.intern('pow', [value, this.expression(factor.exponent, source)]) : value;
  }

  /**
   * f'(argument): the derivative of a function of one variable with the argument put in. f is a function defined with
   * one parameter, a name bound to an expression of at most one variable (in claims, `f = x^3`), or a known function.
   */
  private derivativeAt(name: string, argument: Expr, span: Span, source: Source): NodeId {
    const { body, parameter } = this.functionOfOne(name, span, source);
    if (!this.derivativeOf) throw inputError('syntax', `${name}'(…) cannot be taken here`, source, span, 'derivatives of functions are taken in programs and claims');
    const variable = this.graph.variable(parameter);
    const derivative = this.derivativeOf(this.graph, body, parameter); // d body / d parameter
    return substituteAll(this.graph, derivative, new Map([[variable, this.expression(argument, source)]]));
  }

  /** The body of f in f'(…) and the variable it is differentiated by. */
  private functionOfOne(name: string, span: Span, source: Source): { body: NodeId; parameter: string } {
    const parameters = this.parameters.get(name);
    const bound = this.scope.get(name);
    const variables = parameters ?? (bound === undefined ? undefined : this.graph.ancestors([bound]).flatMap((id) => (this.graph.node(id).op === 'var' ? [this.graph.node(id).name!] : [])));
    if (bound !== undefined && variables!.length <= 1) return { body: bound, parameter: variables![0] ?? 'x' };
    if (bound !== undefined) {
      const kind = parameters ? 'parameters' : 'variables';
      throw inputError('arity', `${name}'(…) is the derivative of a function of one variable, and ${name} has ${variables!.length} ${kind} (${variables!.join(', ')})`, source, span, `write a partial derivative instead, as in ∂${name}/∂${variables![0]}`);
    }
    const op = functionNamed(name);
    if (op && op.arity[0] - (op.defaults?.length ?? 0) <= 1) {
      const x = this.graph.variable('x');
      return { body: this.graph.intern(op.name, [x, ...defaultArguments(this.graph, op, 1)]), parameter: 'x' };
    }
    throw inputError('unknown-name', `${name}'(…) is the derivative of ${name}, which is not defined`, source, span, `define it on a line before, as in ${name}(x) = x^2`);
  }

  /**
   * `sum(i, 1, N, (y_i - w x_i)^2)`: the body for i = 1, …, N added up, with i its value and each indexed name
   * (`x_i`) the name of that term (`x_2`). The bounds are whole numbers: numbers, bound names, or sizes given
   * (`options.sizes`, N at each size a claim is checked at).
   */
  private indexedSum(expr: Extract<Expr, { kind: 'call' }>, source: Source): NodeId {
    const [index, lowerExpr, upperExpr, body] = expr.args as [Extract<Expr, { kind: 'name' }>, Expr, Expr, Expr];
    const bound = (arg: Expr, which: string) => {
      const node = this.expression(arg, source);
      const value = this.graph.node(node).op === 'const' ? this.graph.node(node).value : undefined;
      if (value === undefined || value.d !== 1n) {
        throw inputError('syntax', `the ${which} bound of a sum must be a whole number`, source, arg.span, arg.kind === 'name' ? `give ${arg.name} a value on a line before, as in ${arg.name} = 4` : 'write a whole number, or a name given one');
      }
      return Number(value.s * value.n);
    };
    const [lower, upper] = [bound(lowerExpr, 'lower'), bound(upperExpr, 'upper')];
    if (upper - lower + 1 > MAX_SUM_TERMS) throw inputError('too-large', `the sum has ${upper - lower + 1} terms; the limit is ${MAX_SUM_TERMS}`, source, expr.span);
    if (upper < lower) return this.graph.intern('const', [], { value: new Fraction(0) });
    const name = index.name;
    const before = this.scope.get(name);
    const indexed = new RegExp(`^(.+)_${name}$`);
    const terms: NodeId[] = [];
    try {
      for (let k = lower; k <= upper; k++) {
        this.scope.set(name, this.graph.intern('const', [], { value: new Fraction(k) }));
        terms.push(this.expression(renameNames(indexedProducts(body, indexed), (written) => written.replace(indexed, `$1_${k}`)), source));
      }
    } finally {
      if (before === undefined) this.scope.delete(name);
      else this.scope.set(name, before);
    }
    return terms.length === 1 ? terms[0]! : this.graph.intern('add', terms);
  }

  private call(expr: Extract<Expr, { kind: 'call' }>, source: Source): NodeId {
    if (expr.name === 'sum' && expr.args.length === 4 && expr.args[0]!.kind === 'name' && !this.parameters.has('sum')) return this.indexedSum(expr, source);
    if (this.parameters.has(expr.name)) return this.apply(expr.name, expr.args, expr.span, source);
    if (expr.name !== TRANSPOSE && expr.name.endsWith("'") && expr.args.length === 1) return this.derivativeAt(expr.name.slice(0, -1), expr.args[0]!, expr.span, source); // f'(x)
    const transposed = expr.name === TRANSPOSE ? expr.args[0]! : undefined;
    if (transposed?.kind === 'name' && this.parameters.has(transposed.name)) {
      throw inputError('syntax', `${transposed.name}' is the derivative of the function ${transposed.name}`, source, expr.span, `apply it to an argument, as in ${transposed.name}'(x)`);
    }
    if (transposed) throw notTransposable(transposed, source);
    // ReLU(x), Ln(x): a known function written with capitals; log_2(x) is log(x, 2)
    const base = /^log_([0-9]+)$/.exec(expr.name)?.[1];
    if (base !== undefined && expr.args.length === 1) return this.graph.intern('log', [this.expression(expr.args[0]!, source), this.graph.intern('const', [], { value: this.number(base, expr.nameSpan, source) })]);
    const op = functionNamed(expr.name) ?? (this.variables.includes(expr.name) ? undefined : functionNamed(expr.name.toLowerCase()));
    if (!op && expr.args.length === 1 && (this.isValueName(expr.name) || this.variables.includes(expr.name))) {
      // a bound name or a variable (w2) before ( multiplies, as one-letter names and constants do (the lexer reads those as names)
      const left = this.name(expr.name, expr.nameSpan, source);
      return this.graph.intern('mul', [left, this.expression(expr.args[0]!, source)]);
    }
    if (!op && expr.name in TENSOR_FUNCTIONS) {
      throw inputError('unknown-function', `${expr.name} works on tensors, and this program declares none`, source, expr.nameSpan, `declare its argument's shape, as in x: 3 (a vector) or W: 4x3 (a matrix)`);
    }
    if (!op) throw unknownFunction(expr, source, functionNames());
    checkArity(op, expr, source);
    const args = expr.args.map((arg) => this.expression(arg, source));
    return this.graph.intern(op.name, [...args, ...defaultArguments(this.graph, op, args.length)]);
  }
}

/** `x_i (y_i - w x_i)` in the body of a sum is a product (the lexer reads a long name before "(" as a call). */
function indexedProducts(expr: Expr, indexed: RegExp): Expr {
  switch (expr.kind) {
    case 'call': {
      const args = expr.args.map((arg) => indexedProducts(arg, indexed));
      if (!indexed.test(expr.name) || args.length !== 1) return { ...expr, args };
      const name: Expr = { kind: 'name', name: expr.name, span: expr.nameSpan, depth: 1 };
      return { kind: 'binary', op: '*', left: name, right: args[0]!, implicit: true, opSpan: args[0]!.span, span: expr.span, depth: 1 + args[0]!.depth };
    }
    case 'binary':
      return { ...expr, left: indexedProducts(expr.left, indexed), right: indexedProducts(expr.right, indexed) };
    case 'unary':
      return { ...expr, arg: indexedProducts(expr.arg, indexed) };
    default:
      return expr;
  }
}
