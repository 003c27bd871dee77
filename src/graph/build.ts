/** Turns the syntax tree into the computational graph: names resolved, functions checked, one node per distinct subexpression. */
import { InputError } from '../errors.js';
import { functionNamed, functionNames } from '../ops/index.js';
import { parseDecimal } from '../ops/exact.js';
import { parseProgram, type ParseLimits, DEFAULT_LIMITS } from '../syntax/parse.js';
import type { Expr, Span, Statement } from '../syntax/tree.js';
import { Graph, type NodeId } from './graph.js';
import { suggest } from './suggest.js';

/** A parsed program: its graph, its output node, the bindings that named nodes, and its free variables. */
export interface Program {
  readonly graph: Graph;
  readonly source: string;
  /** What the source is called in messages (a file name), when it is not the command line's expression. */
  readonly sourceName?: string;
  readonly output: NodeId;
  /** The name of the output: the last binding's name, or undefined for a bare expression. */
  readonly outputName?: string;
  /** Bindings in source order. */
  readonly bindings: readonly { readonly name: string; readonly node: NodeId }[];
  /** Free variables, in order of first appearance. */
  readonly variables: readonly string[];
  /** The source span where each node first appears. */
  readonly spans: ReadonlyMap<NodeId, Span>;
}

const CONSTANTS = new Set(['pi', 'e']);

/** Parses source text into a program; `sourceName` (a file name) is used in messages. */
export function parse(source: string, options: { limits?: ParseLimits; sourceName?: string } = {}): Program {
  return buildProgram(parseProgram(source, options.limits ?? DEFAULT_LIMITS, options.sourceName), source, new Graph(), options.sourceName);
}

/** Builds the graph of a parsed program (into `graph` when given). */
export function buildProgram(statements: readonly Statement[], source: string, graph = new Graph(), sourceName?: string): Program {
  const builder = new Builder(graph, source, statements, sourceName);
  return builder.build();
}

class Builder {
  private readonly scope = new Map<string, NodeId>();
  private readonly spans = new Map<NodeId, Span>();
  private readonly variables: string[] = [];
  private readonly boundLater = new Map<string, Span>();

  constructor(
    private readonly graph: Graph,
    private readonly source: string,
    private readonly statements: readonly Statement[],
    private readonly sourceName?: string,
  ) {}

  build(): Program {
    const bindings: { name: string; node: NodeId }[] = [];
    let output: NodeId | undefined;
    let outputName: string | undefined;
    for (const statement of this.statements) if (statement.kind === 'bind') this.boundLater.set(statement.name, statement.nameSpan);
    this.statements.forEach((statement, i) => {
      const last = i === this.statements.length - 1;
      const node = this.expr(statement.expr);
      if (statement.kind === 'bind') {
        this.checkBindable(statement.name, statement.nameSpan);
        this.scope.set(statement.name, node);
        this.boundLater.delete(statement.name);
        bindings.push({ name: statement.name, node });
        if (last) outputName = statement.name;
      } else if (!last) {
        throw this.error('syntax', 'only the last line may be an expression without a name', statement.expr.span, 'give it a name (q = …) or remove it');
      }
      if (last) output = node;
    });
    const { graph, source, sourceName, variables, spans } = this;
    return { graph, source, sourceName, output: output!, outputName, bindings, variables, spans };
  }

  private expr(expr: Expr): NodeId {
    const id = this.node(expr);
    if (!this.spans.has(id)) this.spans.set(id, expr.span);
    return id;
  }

  private node(expr: Expr): NodeId {
    switch (expr.kind) {
      case 'number':
        return this.graph.intern('const', [], { value: this.number(expr.text, expr.span) });
      case 'name':
        return this.name(expr.name, expr.span);
      case 'unary':
        return expr.op === '-' ? this.graph.intern('neg', [this.expr(expr.arg)]) : this.expr(expr.arg);
      case 'binary': {
        const op = { '+': 'add', '-': 'sub', '*': 'mul', '/': 'div', '^': 'pow' }[expr.op];
        return this.graph.intern(op, [this.expr(expr.left), this.expr(expr.right)]);
      }
      case 'call':
        return this.call(expr);
    }
  }

  private number(text: string, span: Span) {
    try {
      return parseDecimal(text);
    } catch (error) {
      throw this.error('syntax', (error as Error).message, span);
    }
  }

  private name(name: string, span: Span): NodeId {
    const bound = this.scope.get(name);
    if (bound !== undefined) return bound;
    if (CONSTANTS.has(name)) return this.graph.intern(name, []);
    if (functionNamed(name)) {
      throw this.error('unknown-name', `${name} is a function, not a value`, span, `call it with an argument, as in ${name}(x)`);
    }
    const later = this.boundLater.get(name);
    if (later) {
      throw this.error('unknown-name', `${name} is used before the line (${later.line}) that gives it a value`, span, `move the line "${name} = …" above this one`);
    }
    if (!this.variables.includes(name)) this.variables.push(name);
    return this.graph.variable(name);
  }

  private call(expr: Extract<Expr, { kind: 'call' }>): NodeId {
    const op = functionNamed(expr.name);
    if (!op) {
      const near = suggest(expr.name, functionNames());
      const hint = near ? `did you mean ${near}?` : this.scope.has(expr.name) || /^[a-z]$/i.test(expr.name) ? `to multiply, write ${expr.name}*(…)` : `the functions are: ${functionNames().join(', ')}`;
      throw this.error('unknown-function', `unknown function "${expr.name}"`, expr.nameSpan, hint);
    }
    const optional = op.defaults?.length ?? 0;
    const least = op.arity[0] - optional;
    const most = op.arity[1];
    if (expr.args.length < least || expr.args.length > most) {
      const wanted = least === most ? `${least}` : `${least} or ${most}`;
      const plural = most === 1 ? 'argument' : 'arguments';
      throw this.error('arity', `${expr.name} takes ${wanted} ${plural}, but was given ${expr.args.length}`, expr.span, `write it as ${usage(expr.name, op.params ?? ['x'], least)}`);
    }
    const args = expr.args.map((arg) => this.expr(arg));
    const defaults = op.defaults ?? [];
    for (let i = args.length; i < op.arity[0]; i++) {
      args.push(this.graph.intern('const', [], { value: parseDecimal(defaults[i - least]!) }));
    }
    return this.graph.intern(op.name, args);
  }

  private checkBindable(name: string, span: Span): void {
    if (CONSTANTS.has(name)) throw this.error('unknown-name', `${name} is a constant and cannot be given another value`, span, 'choose another name');
    if (functionNamed(name)) throw this.error('unknown-name', `${name} is a function and cannot be used as a name for a value`, span, 'choose another name');
  }

  private error(kind: 'syntax' | 'unknown-name' | 'unknown-function' | 'arity', message: string, span: Span, hint?: string): InputError {
    return new InputError(kind, message, { source: this.source, span, sourceName: this.sourceName }, hint);
  }
}

/** `log(x) or log(x, b)` */
function usage(name: string, params: readonly string[], least: number): string {
  const full = `${name}(${params.join(', ')})`;
  return least === params.length ? full : `${name}(${params.slice(0, least).join(', ')}) or ${full}`;
}
