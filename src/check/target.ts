/** What a claim is about: the expected expression its first step must equal, read from the claim's head. */
import { inputError, type Source } from '../build/shared.js';
import type { GraphBuilder } from '../build/scalar.js';
import type { Graph, NodeId } from '../graph/graph.js';
import { functionNamed } from '../ops/index.js';
import { pointOf } from '../build/point.js';
import { Tape, type Point } from '../numeric/tape.js';
import { differentiate } from '../symbolic/differentiate.js';
import type { Simplifier } from '../symbolic/simplify.js';
import type { ClaimHead } from '../syntax/claim.js';
import type { Expr, Span, Statement } from '../syntax/tree.js';
import { kinkConventions } from './crosscheck.js';
import { KINK_MARGIN } from './sample.js';
import { variablesOf } from './equivalence.js';
import { substitute } from '../graph/substitute.js';

/** A claim's subject: a derivative, a value or an identity, resolved to nodes of the session's graph. */
export interface Target {
  readonly kind: 'derivative' | 'value' | 'identity';
  /** What the first step must equal: the derivative, or the left-hand side. */
  readonly expected: NodeId;
  /** Where it is evaluated, for claims about a point (values, derivatives `at`). */
  readonly point?: Point;
  /** The point's values as exact constant nodes (x = 1/3 is 1/3, not its float64), by variable. */
  readonly exact?: ReadonlyMap<string, NodeId>;
  /** For derivatives: what is differentiated (used to prove the answer and to diagnose mistakes). */
  readonly derivativeOf?: Subject;
  /** Identifies the subject, so that a student's claim can be matched to what a problem asks. */
  readonly key: string;
  /** Conventions that apply (derivatives at kinks). */
  readonly notes: readonly string[];
}

/**
 * What a derivative claim differentiates: `fn` (a function of the leaves) by `variable`. When the variable is a bound
 * node (∂L/∂a for a = sigmoid(z)), `intermediate` holds that node and `cut`, fn with the node made a variable of its
 * own: the derivative of `cut` by the variable, at the node's forward value, is the node's adjoint.
 */
export interface Subject {
  readonly fn: NodeId;
  readonly variable: string;
  readonly intermediate?: {
    readonly node: NodeId;
    readonly cut: NodeId;
    /** The derivative of `cut` by the variable: the answer as written, with the intermediate's name in it (2(yhat − y)). */
    readonly local: NodeId;
  };
}

/**
 * The expected answer to print: by an intermediate, its derivative written with the intermediate's name (which stands
 * for its forward value, so it is the same function of the leaves); otherwise the expected answer itself.
 */
export function shownAnswer(target: Pick<Target, 'expected' | 'derivativeOf'>): NodeId {
  return target.derivativeOf?.intermediate?.local ?? target.expected;
}

/** The function whose derivative by `subject.variable` is the answer: fn, or fn with the intermediate cut loose. */
export function differentiated(subject: Subject): NodeId {
  return subject.intermediate?.cut ?? subject.fn;
}

/** A point of the leaves, with the intermediate variable (if any) at the value its binding gives there. */
export function withIntermediate(graph: Graph, subject: Subject, point: Point): Point {
  const { intermediate } = subject;
  if (!intermediate) return point;
  return { ...point, [subject.variable]: new Tape(graph, [intermediate.node]).forward(point)[intermediate.node]! };
}

/** Resolves claim heads against the bindings of a session. */
export class TargetResolver {
  constructor(
    private readonly builder: GraphBuilder,
    private readonly algebra: Simplifier,
  ) {}

  /** The target of a claim head. */
  resolve(head: ClaimHead, source: Source): Target {
    for (const statement of head.at ?? []) {
      // a = 0.9 where a = sigmoid(z): a bound name has the value its binding gives, never another
      if (statement.kind === 'bind' && this.builder.lookup(statement.name) !== undefined) {
        const hint = `give values to the variables (${variablesOf(this.builder.graph, [this.builder.lookup(statement.name)!]).join(', ') || 'none'}), and ${statement.name} follows`;
        throw inputError('unknown-name', `${statement.name} is bound on an earlier line, so a point cannot give it a value`, source, statement.nameSpan, hint);
      }
    }
    if (head.kind === 'expression') {
      const node = this.builder.expression(head.expr, source);
      const point = head.at ? pointOf(head.at, source) : undefined;
      const constant = variablesOf(this.builder.graph, [node]).length === 0;
      const kind = point || constant ? 'value' : 'identity';
      const exact = head.at ? this.exactPoint(head.at, source) : undefined;
      return { kind, expected: node, point: point ?? (constant ? {} : undefined), ...(exact ? { exact } : {}), key: `${kind}:${node}@${pointKey(point)}`, notes: [] };
    }
    const of = head.of;
    const known = of.kind === 'name' && this.builder.lookup(of.name) === undefined && functionNamed(of.name) !== undefined;
    const fn = known
      ? this.functionOf(of.name, of.span, head.argument, source) // sigmoid'(z): the derivative of a known function
      : of.kind === 'expression'
        ? this.builder.expression(of.expr, source)
        : this.bound(of.name, of.span, source, head.variable);
    let variable = head.variable ?? (head.argument ? undefined : this.onlyVariable(fn, head.span, source));
    let point: Point | undefined = head.at ? pointOf(head.at, source) : undefined;
    let exact = head.at ? this.exactPoint(head.at, source) : undefined;
    if (head.argument) {
      const variables = variablesOf(this.builder.graph, [fn]);
      if (variables.length > 1) {
        const name = of.kind === 'name' ? of.name : 'it';
        throw inputError('syntax', `f'(…) is for a function of one variable; ${name} depends on ${variables.join(', ')}`, source, head.span, 'write ∂f/∂x instead');
      }
      if (head.argument.kind === 'name' && head.argument.name !== 'pi' && head.argument.name !== 'e') variable = head.argument.name; // f'(pi) is at a point
      else {
        variable = variables[0] ?? 'x';
        const at: Statement[] = [{ kind: 'bind', name: variable, nameSpan: head.argument.span, expr: head.argument }];
        point = { ...pointOf(at, source), ...point };
        exact = new Map([...this.exactPoint(at, source), ...(exact ?? [])]);
      }
    }
    return this.derivativeTarget(fn, variable!, point, exact, head.span, source);
  }

  /** ∂fn/∂variable, by a leaf or by a bound node (its adjoint). */
  private derivativeTarget(fn: NodeId, variable: string, point: Point | undefined, exact: ReadonlyMap<string, NodeId> | undefined, span: Span, source: Source): Target {
    if (variable === 'e' || variable === 'pi') {
      throw inputError('unknown-name', `${variable} is the constant ${variable === 'e' ? 'e = 2.71828…' : 'π'}, so nothing can be differentiated by it`, source, span, 'differentiate by a variable; a quantity of your own needs another name, such as err');
    }
    const bound = this.builder.lookup(variable);
    if (bound !== undefined) {
      if (variablesOf(this.builder.graph, [bound]).length === 0) {
        const hint = `write the point in the claim instead, as in d/d${variable} (…) at ${variable} = 2 = …`;
        throw inputError('unknown-name', `${variable} has a value from an earlier line, so nothing can be differentiated by it`, source, span, hint);
      }
      return this.intermediate(fn, variable, bound, point, exact);
    }
    return { ...this.derivative(fn, variable, point), ...(exact ? { exact } : {}) };
  }

  /** The values of a point's assignments as exact constant nodes of the session's graph. */
  private exactPoint(assignments: readonly Statement[], source: Source): Map<string, NodeId> {
    const exact = new Map<string, NodeId>();
    for (const statement of assignments) if (statement.kind === 'bind') exact.set(statement.name, this.algebra.simplify(this.builder.expression(statement.expr, source)));
    return exact;
  }

  /** The node of dL/dw inside an expression (for the GraphBuilder). */
  ofBinding(name: string, variable: string, span: Span, source: Source): NodeId {
    return this.inside(this.derivativeTarget(this.bound(name, span, source, variable), variable, undefined, undefined, span, source));
  }

  /** The node of d/dx (…) inside an expression (for the GraphBuilder); `(x^2)'` is by the only variable. */
  ofExpression(fn: NodeId, variable: string | undefined, span: Span, source: Source): NodeId {
    return this.inside(this.derivativeTarget(fn, variable ?? this.onlyVariable(fn, span, source), undefined, undefined, span, source));
  }

  /** What the derivatives written inside `build`'s expressions are of (their keys, without a point), with its result. */
  recording<T>(build: () => T): { result: T; derivatives: ReadonlySet<string> } {
    const outer = this.recorded;
    const derivatives = new Set<string>();
    this.recorded = derivatives;
    try {
      return { result: build(), derivatives };
    } finally {
      this.recorded = outer;
      for (const key of derivatives) outer?.add(key);
    }
  }

  private recorded: Set<string> | undefined;

  private inside(target: Target): NodeId {
    this.recorded?.add(withoutPoint(target.key));
    return target.expected;
  }

  /** The variable of a function of one variable, for a derivative that does not name it. */
  private onlyVariable(fn: NodeId, span: Span, source: Source): string {
    const variables = variablesOf(this.builder.graph, [fn]);
    if (variables.length === 1) return variables[0]!;
    const what = variables.length === 0 ? 'it has no variable' : `it depends on ${variables.join(', ')}`;
    throw inputError('syntax', `a prime (') differentiates by the only variable, and ${what}`, source, span, `write d/d${variables[0] ?? 'x'} (…) instead`);
  }

  private derivative(fn: NodeId, variable: string, point: Point | undefined): Target {
    const expected = differentiate(this.builder.graph, fn, [variable], this.algebra).byVariable.get(variable)!;
    const absent = variablesOf(this.builder.graph, [fn]).includes(variable) ? [] : [`the function does not depend on ${variable}, so its derivative by ${variable} is 0`];
    const notes = [...absent, ...kinkNotes(this.builder.graph, fn, point)];
    return { kind: 'derivative', expected, point, derivativeOf: { fn, variable }, key: `d${fn}/d${variable}@${pointKey(point)}`, notes };
  }

  /**
   * ∂f/∂q for a bound node q (q = x + y): q's adjoint, the derivative of f with q's own inputs held fixed, summed over
   * every path from q to f (what backprop computes). It is found by cutting q loose as a variable, differentiating, and
   * putting q's binding back, so that the answer, like any claim, is a function of the leaves in which every bound name
   * stands for its forward value.
   */
  private intermediate(fn: NodeId, name: string, node: NodeId, point: Point | undefined, exact: ReadonlyMap<string, NodeId> | undefined): Target {
    const graph = this.builder.graph;
    const variable = graph.variable(name);
    const cut = substitute(graph, fn, node, variable);
    const local = differentiate(graph, cut, [name], this.algebra).byVariable.get(name)!;
    const expected = substitute(graph, local, variable, node);
    const notes = kinkNotes(graph, fn, point);
    const derivativeOf: Subject = { fn, variable: name, intermediate: { node, cut, local } };
    return { kind: 'derivative', expected, point, ...(exact ? { exact } : {}), derivativeOf, key: `d${fn}/d${name}@${pointKey(point)}`, notes };
  }

  /** A known function applied to a variable: to its argument when that is a name, else to x (the point says where). */
  private functionOf(name: string, span: Span, argument: Expr | undefined, source: Source): NodeId {
    const variable: Expr = argument?.kind === 'name' ? argument : { kind: 'name', name: 'x', span, depth: 1 };
    return this.builder.expression({ kind: 'call', name, nameSpan: span, args: [variable], span, depth: 2 }, source);
  }

  /** The node a name is bound to; `variable` (of d name/d variable) shapes the example of how to define it. */
  private bound(name: string, span: Span, source: Source, variable?: string): NodeId {
    const node = this.builder.lookup(name);
    if (node === undefined) {
      const by = variable !== undefined && variable !== name ? variable : name === 'x' ? 't' : 'x';
      throw inputError('unknown-name', `${name} is not defined`, source, span, `define it on a line before, as a function of ${by}: ${name} = ${by}^2 sin(${by}), say`);
    }
    return node;
  }
}

/** The conventions at kinks that matter: every kink of the function, or at a point only those at or beside it (relu'(0)). */
function kinkNotes(graph: Graph, fn: NodeId, point: Point | undefined): string[] {
  const tape = new Tape(graph, [fn]);
  if (!point || variablesOf(graph, [fn]).some((name) => point[name] === undefined)) return kinkConventions(tape);
  const near = new Set(tape.kinkValues(tape.forward(point)).filter((kink) => Math.abs(kink.value) < KINK_MARGIN).map((kink) => kink.node));
  return near.size === 0 ? [] : kinkConventions(new Tape(graph, [...near]));
}

/** A target's key without its point: what is asked, wherever it is asked. */
export function withoutPoint(key: string): string {
  return key.slice(0, key.lastIndexOf('@'));
}

/** A point as part of a key: its values in name order. */
function pointKey(point: Point | undefined): string {
  if (!point) return '';
  return Object.keys(point)
    .sort()
    .map((name) => `${name}=${point[name]}`)
    .join(',');
}
