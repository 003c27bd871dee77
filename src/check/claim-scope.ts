/**
 * What the claims of a session share: the graph builder with its bindings, the algebra, what claim heads resolve to,
 * and what each bound name was defined with. The reader, the judge and the explanations read it; definitions add to it.
 */
import { InputError } from '../errors.js';
import { GraphBuilder, type Differentiator } from '../build/scalar.js';
import { inputError, type Source } from '../build/shared.js';
import type { NodeId } from '../graph/graph.js';
import { substitute } from '../graph/substitute.js';
import { Tape, type Point } from '../numeric/tape.js';
import { derivativeOf } from '../program.js';
import { Simplifier } from '../symbolic/simplify.js';
import type { ClaimHead } from '../syntax/claim.js';
import { childrenOf, type Expr, type Span } from '../syntax/tree.js';
import type { ParsedLine } from '../syntax/claim-lines.js';
import type { CheckOptions, ClaimResult, LineError } from './results.js';
import { TargetResolver, type Subject } from './target.js';

/** A claim with its continuation lines: every step with the line it is on. */
export interface Group {
  readonly first: ParsedLine;
  readonly head: ClaimHead;
  readonly steps: { readonly expr: Expr; readonly line: ParsedLine }[];
}

/** The name a line defines, where it is written, and a function's parameters. */
export interface DefinedName {
  readonly name: string;
  readonly span: Span;
  readonly parameters?: readonly string[];
}

/** The shared state of a session's claims. */
export class ClaimScope {
  readonly builder: GraphBuilder;
  readonly algebra: Simplifier;
  readonly targets: TargetResolver;
  /** What the derivatives each bound name was defined with are of (g = df/dx: g stands for df/dx). */
  readonly derivativesBehind = new Map<string, ReadonlySet<string>>();
  /** Each bound name's definition as written. */
  readonly definitions = new Map<string, string>();

  constructor(readonly options: CheckOptions = {}) {
    let resolver: TargetResolver | undefined;
    const derivatives: Differentiator = { ofBinding: (...args) => resolver!.ofBinding(...args), ofExpression: (...args) => resolver!.ofExpression(...args) };
    this.builder = new GraphBuilder(undefined, { derivatives, derivativeOf, ...(options.sizes ? { sizes: options.sizes } : {}) });
    this.algebra = new Simplifier(this.builder.graph);
    this.targets = resolver = new TargetResolver(this.builder, this.algebra);
  }

  /** Binds the name a line defines (`f = …`, `f(x) = …`), noting the derivatives it stands for; an error if it cannot. */
  define(line: ParsedLine, defined: DefinedName, expr: Expr, errors: LineError[]): void {
    try {
      if (this.builder.variables.includes(defined.name)) {
        const hint = `to give ${defined.name} a value, write the point in the claim: … at ${defined.name} = …`;
        throw inputError('unknown-name', `${defined.name} is a variable in the lines above and cannot be given a value here`, this.source(line), defined.span, hint);
      }
      const { result: node, derivatives } = this.targets.recording(() => this.builder.expression(expr, this.source(line)));
      const through = new Set([...derivatives, ...namesIn(expr).flatMap((name) => [...(this.derivativesBehind.get(name.name) ?? [])])]);
      this.derivativesBehind.set(defined.name, through); // g = df/dx: g stands for df/dx
      this.definitions.set(defined.name, line.raw.slice(expr.span.offset, expr.span.end).trim());
      this.builder.bind(defined.name, defined.span, node, this.source(line));
      if (defined.parameters) this.builder.defineFunction(defined.name, defined.parameters);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      errors.push({ line: line.number, error });
    }
  }

  /**
   * The forward values, at a point of the leaves, of the bound names the nodes are built from (a = 0.5622 beside
   * w = 1.5, x = 2), so that a counterexample never leaves a student guessing what a name stood for.
   */
  boundValues(nodes: readonly NodeId[], point: Point, except: NodeId | undefined): Record<string, number> {
    const graph = this.builder.graph;
    const used = new Set(graph.ancestors(nodes));
    const named = [...this.builder.bindings()].filter(([name, node]) => node !== except && used.has(node) && graph.node(node).inputs.length > 0 && !this.builder.isFunction(name));
    if (named.length === 0) return {};
    const values = new Tape(graph, named.map(([, node]) => node)).forward(point);
    return Object.fromEntries(named.filter(([, node]) => Number.isFinite(values[node]!)).map(([name, node]) => [name, values[node]!]));
  }

  /** Bound names to write instead of what they stand for (z for w*x + b), except the function being differentiated. */
  bindingNames(subject: Subject | undefined, except = subject?.fn): Map<NodeId, string> {
    const graph = this.builder.graph;
    const names = new Map<NodeId, string>();
    const cut = subject?.intermediate;
    for (const [name, node] of this.builder.bindings()) {
      if (node === except || graph.node(node).inputs.length === 0) continue;
      names.set(this.algebra.simplify(node), name);
      // by an intermediate q, the answer is written with q a variable: yhat = w2 q + b2 is named there too
      if (cut && node !== cut.node) names.set(this.algebra.simplify(substitute(graph, node, cut.node, graph.variable(subject.variable))), name);
    }
    return names;
  }

  result(group: Group, line: ParsedLine, kind: ClaimResult['kind'], verdict: Omit<ClaimResult, 'line' | 'startLine' | 'claim' | 'kind' | 'target'>): ClaimResult {
    return { line: line.number, startLine: group.first.number, claim: line.raw.trim(), kind, ...verdict };
  }

  source(line: ParsedLine): Source {
    return { text: line.raw, name: this.options.sourceName };
  }

  error(line: ParsedLine, message: string, hint?: string): InputError {
    const start = line.raw.length - line.raw.trimStart().length;
    return inputError('syntax', message, this.source(line), { offset: start, end: start + 1, line: line.number, col: start + 1 }, hint);
  }
}

/** What a claim is about, from its head alone (used before the head is built). */
export function headKind(head: ClaimHead): ClaimResult['kind'] {
  return head.kind === 'derivative' ? 'derivative' : 'value';
}

/** The name nodes of an expression, in the order written. */
export function namesIn(expr: Expr): Extract<Expr, { kind: 'name' }>[] {
  return expr.kind === 'name' ? [expr] : childrenOf(expr).flatMap(namesIn);
}
