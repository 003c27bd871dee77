/**
 * `chainrule check`: claims and derivations, line by line. A claim is a derivative (`d/dx (…) = …`,
 * `df/dx at x=3 = 12`), a value (`sigmoid(5.7) = 0.9966`) or an identity; lines that begin with `=` continue
 * a derivation, each step checked against the one before. The first wrong step decides the verdict.
 */
import { InputError } from '../errors.js';
import { GraphBuilder, inputError, type Source } from '../graph/build.js';
import type { NodeId } from '../graph/graph.js';
import { pointOf } from '../numeric/point.js';
import { Tape, type Point } from '../numeric/tape.js';
import { differentiate } from '../symbolic/differentiate.js';
import { printLatex, printText } from '../symbolic/print.js';
import { Simplifier } from '../symbolic/simplify.js';
import type { ClaimHead, ClaimLine } from '../syntax/claim.js';
import { parseLatexClaimLine } from '../syntax/latex.js';
import { parseClaimLine, type ParseLimits } from '../syntax/parse.js';
import type { Expr, Span } from '../syntax/tree.js';
import { functionNamed } from '../ops/index.js';
import { kinkConventions } from './crosscheck.js';
import { diagnoseDerivative, diagnoseStep, type MistakeKind } from './diagnose.js';
import { compareExpressions, variablesOf, type Comparison } from './equivalence.js';
import { judgeNumber, writtenNumber, type Tolerance } from './precision.js';
import { sampleDomain } from './sample.js';

/** The three verdicts. */
export type Verdict = 'correct' | 'incorrect' | 'undetermined';

/** The verdict on one claim (a derivation counts as one claim). */
export interface ClaimResult {
  /** The line that decided the verdict: the first wrong step, or the claim's first line. */
  readonly line: number;
  /** The claim's first line. */
  readonly startLine: number;
  /** The text of `line`. */
  readonly claim: string;
  readonly kind: 'derivative' | 'value' | 'identity';
  readonly verdict: Verdict;
  /** Which step (1 = the first right-hand side) decided an incorrect verdict. */
  readonly step?: number;
  /** What the wrong step should have been (the derivative, the value, or the line before). */
  readonly expected?: string;
  /** The same in LaTeX, for expressions. */
  readonly expectedLatex?: string;
  readonly counterexample?: { readonly point: Point; readonly claimed: number; readonly correct: number };
  readonly diagnosis?: string;
  readonly diagnosisKind?: MistakeKind;
  /** Why a claim is undetermined, or how a number was judged. */
  readonly reason?: string;
  /** Conventions that apply (derivatives at kinks). */
  readonly notes?: readonly string[];
}

/** A line that could not be read. */
export interface LineError {
  readonly line: number;
  readonly error: InputError;
}

/** Everything `check` found in a claims text. */
export interface ClaimsReport {
  readonly claims: readonly ClaimResult[];
  readonly summary: { readonly correct: number; readonly incorrect: number; readonly undetermined: number };
  readonly errors: readonly LineError[];
}

/** Options for checking claims. */
export interface CheckOptions {
  /** Replace the precision rule for numbers by explicit tolerances. */
  readonly tolerance?: Tolerance;
  /** Bounds on each line (length and nesting depth). */
  readonly limits?: ParseLimits;
  /** Time budget per claim, in milliseconds (default 2000). */
  readonly timeLimitMs?: number;
  readonly sourceName?: string;
  readonly seed?: number;
}

/** Default bounds on a line of untrusted input. */
export const CLAIM_LIMITS: ParseLimits = { maxLength: 5_000, maxDepth: 200 };

interface ParsedLine {
  readonly number: number;
  /** The line as written (the syntax's spans point into it). */
  readonly raw: string;
  readonly syntax: ClaimLine;
}

/** A claim with its continuation lines: every step with the line it is on. */
interface Group {
  readonly first: ParsedLine;
  readonly head: ClaimHead;
  readonly steps: { readonly expr: Expr; readonly line: ParsedLine }[];
}

/** Checks every claim of a claims text. */
export function checkClaims(text: string, options: CheckOptions = {}): ClaimsReport {
  const checker = new ClaimChecker(options);
  return checker.run(text);
}

class ClaimChecker {
  private readonly builder = new GraphBuilder();
  private readonly algebra = new Simplifier(this.builder.graph);
  private readonly claims: ClaimResult[] = [];
  private readonly errors: LineError[] = [];

  constructor(private readonly options: CheckOptions) {}

  run(text: string): ClaimsReport {
    let group: Group | undefined;
    const flush = () => {
      if (group) this.claims.push(this.safely(group));
      group = undefined;
    };
    text.split(/\r?\n/).forEach((raw, index) => {
      const number = index + 1;
      if (/^\s*([#%].*)?$/.test(raw)) return;
      let syntax: ClaimLine;
      try {
        const parseLine = isLatex(raw) ? parseLatexClaimLine : parseClaimLine;
        syntax = parseLine(raw, number, this.options.limits ?? CLAIM_LIMITS, this.options.sourceName);
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        flush();
        this.errors.push({ line: number, error });
        return;
      }
      const line: ParsedLine = { number, raw, syntax };
      if (syntax.kind === 'continuation') {
        if (!group) {
          this.errors.push({ line: number, error: this.error(line, 'a line that starts with "=" must follow a claim', 'write the claim first, as in d/dx (x^2) = 2*x') });
          return;
        }
        group.steps.push(...syntax.steps.map((expr) => ({ expr, line })));
        return;
      }
      flush();
      if (this.isBinding(syntax)) {
        this.bindLine(line, syntax);
        return;
      }
      group = { first: line, head: syntax.head, steps: syntax.steps.map((expr) => ({ expr, line })) };
    });
    flush();
    const count = (verdict: Verdict) => this.claims.filter((claim) => claim.verdict === verdict).length;
    return { claims: this.claims, summary: { correct: count('correct'), incorrect: count('incorrect'), undetermined: count('undetermined') }, errors: this.errors };
  }

  private isBinding(syntax: Extract<ClaimLine, { kind: 'claim' }>): boolean {
    return syntax.head.kind === 'expression' && syntax.head.expr.kind === 'name' && syntax.steps.length === 1 && !['pi', 'e'].includes(syntax.head.expr.name);
  }

  private bindLine(line: ParsedLine, syntax: Extract<ClaimLine, { kind: 'claim' }>): void {
    const head = syntax.head as Extract<ClaimHead, { kind: 'expression' }>;
    const name = head.expr as Extract<Expr, { kind: 'name' }>;
    try {
      const node = this.builder.expression(syntax.steps[0]!, this.source(line));
      this.builder.bind(name.name, name.span, node, this.source(line));
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      this.errors.push({ line: line.number, error });
    }
  }

  /** Checks a claim; a claim that cannot be read or takes too long is undetermined, never a crash. */
  private safely(group: Group): ClaimResult {
    try {
      return this.check(group, Date.now() + (this.options.timeLimitMs ?? 2000));
    } catch (error) {
      if (error instanceof InputError) {
        this.errors.push({ line: group.first.number, error });
        return this.result(group, group.first, headKind(group.head), { verdict: 'undetermined', reason: error.message });
      }
      if (error instanceof TimeLimit) return this.result(group, group.first, headKind(group.head), { verdict: 'undetermined', reason: error.message });
      throw error;
    }
  }

  private check(group: Group, deadline: number): ClaimResult {
    const head = group.head;
    if (head.kind === 'derivative') return this.checkDerivative(group, head, deadline);
    const node = this.builder.expression(head.expr, this.source(group.first));
    const constant = variablesOf(this.builder.graph, [node]).length === 0;
    return this.checkSteps(group, node, constant ? 'value' : 'identity', constant ? {} : undefined, deadline);
  }

  private checkDerivative(group: Group, head: Extract<ClaimHead, { kind: 'derivative' }>, deadline: number): ClaimResult {
    const source = this.source(group.first);
    const of = head.of;
    const known = of.kind === 'name' && this.builder.lookup(of.name) === undefined && functionNamed(of.name) !== undefined;
    const fn = known
      ? this.functionOf(of.name, of.span, head.argument, source) // sigmoid'(z): the derivative of a known function
      : of.kind === 'expression'
        ? this.builder.expression(of.expr, source)
        : this.boundFunction(of.name, of.span, source);
    const variables = variablesOf(this.builder.graph, [fn]);
    let variable = head.variable;
    let point: Point | undefined = head.at ? pointOf(head.at, source) : undefined;
    if (head.argument) {
      if (variables.length > 1) throw inputError('syntax', `f'(…) is for a function of one variable; ${head.of.kind === 'name' ? head.of.name : 'it'} depends on ${variables.join(', ')}`, source, head.span, 'write ∂f/∂x instead');
      if (head.argument.kind === 'name') variable = head.argument.name;
      else {
        variable = variables[0] ?? 'x';
        point = { ...pointOf([{ kind: 'bind', name: variable, nameSpan: head.argument.span, expr: head.argument }], source), ...point };
      }
    }
    const derivative = differentiate(this.builder.graph, fn, [variable!], this.algebra).byVariable.get(variable!)!;
    const notes = kinkConventions(new Tape(this.builder.graph, [fn]));
    const result = this.checkSteps(group, derivative, 'derivative', point, deadline, { fn, variable: variable! });
    return notes.length > 0 ? { ...result, notes } : result;
  }

  /** A known function applied to a variable: to its argument when that is a name, else to x (the point says where). */
  private functionOf(name: string, span: Span, argument: Expr | undefined, source: Source): NodeId {
    const variable: Expr = argument?.kind === 'name' ? argument : { kind: 'name', name: 'x', span, depth: 1 };
    return this.builder.expression({ kind: 'call', name, nameSpan: span, args: [variable], span, depth: 2 }, source);
  }

  private boundFunction(name: string, span: Span, source: Source): NodeId {
    const node = this.builder.lookup(name);
    if (node === undefined) throw inputError('unknown-name', `${name} is not defined`, source, span, `define it on a line before, as in ${name} = x^2*y`);
    return node;
  }

  /**
   * Checks each step against the one before (the first against `expected`): symbolically for expressions, at the
   * point for derivatives taken at a point, by the precision rule for written numbers.
   */
  private checkSteps(group: Group, expected: NodeId, kind: ClaimResult['kind'], point: Point | undefined, deadline: number, derivativeOf?: { fn: NodeId; variable: string }): ClaimResult {
    let previous = expected;
    let reason: string | undefined;
    for (const [index, step] of group.steps.entries()) {
      if (Date.now() > deadline) throw new TimeLimit(this.options.timeLimitMs ?? 2000);
      const node = this.builder.expression(step.expr, this.source(step.line));
      const written = point ? writtenNumber(step.expr) : undefined;
      if (written && point) {
        const problem = this.valueProblem(previous, point);
        if (problem) return this.result(group, step.line, kind, { verdict: 'undetermined', step: index + 1, reason: problem });
        const verdict = judgeNumber(this.algebra, previous, point, written, this.options.tolerance);
        if (!verdict.correct) {
          return this.result(group, step.line, kind, { verdict: 'incorrect', step: index + 1, expected: show(verdict.exact), reason: verdict.explanation });
        }
        reason = verdict.explanation;
        previous = node;
        continue;
      }
      const comparison = point ? this.compareAt(node, previous, point) : compareExpressions(this.algebra, node, previous, { seed: this.options.seed });
      if (comparison.verdict === 'unknown') {
        return this.result(group, step.line, kind, { verdict: 'undetermined', step: index + 1, reason: comparison.reason });
      }
      if (comparison.verdict === 'different') {
        return this.result(group, step.line, kind, { verdict: 'incorrect', step: index + 1, ...this.explainDifference(comparison, node, previous, index === 0 ? derivativeOf : undefined, point) });
      }
      previous = node;
    }
    return this.result(group, group.first, kind, { verdict: 'correct', ...(reason ? { reason } : {}) });
  }

  /** Why a node has no finite value at a point, if it has none. */
  private valueProblem(node: NodeId, point: Point): string | undefined {
    const tape = new Tape(this.builder.graph, [node]);
    const values = tape.forward(point);
    if (Number.isFinite(values[node]!)) return undefined;
    return tape.firstProblem(values)?.message ?? 'the value is not a finite number';
  }

  /** Two expressions compared at one point (steps of a derivative taken at a point). */
  private compareAt(left: NodeId, right: NodeId, point: Point): Comparison {
    const tape = new Tape(this.builder.graph, [left, right]);
    const bounds = new Float64Array(this.builder.graph.size);
    const values = tape.forward(point, { bounds });
    const [l, r] = [values[left]!, values[right]!];
    if (!Number.isFinite(l) || !Number.isFinite(r)) return { verdict: 'unknown', method: 'none', points: 0, reason: 'a value is undefined at the point' };
    const agree = Math.abs(l - r) <= 1e-9 * Math.max(Math.abs(l), Math.abs(r)) + 4 * (bounds[left]! + bounds[right]!);
    return agree ? { verdict: 'equal', method: 'numeric', points: 1 } : { verdict: 'different', method: 'numeric', points: 1, counterexample: { point, left: l, right: r } };
  }

  /** What a wrong step should have been, where it differs, and which common mistake explains it. */
  private explainDifference(comparison: Comparison, claimed: NodeId, correct: NodeId, derivativeOf: { fn: NodeId; variable: string } | undefined, point: Point | undefined) {
    const graph = this.builder.graph;
    const sample = comparison.counterexample!;
    const simplified = this.algebra.simplify(correct);
    const expected = printText(graph, simplified);
    const expectedLatex = printLatex(graph, simplified);
    const counterexample = { point: sample.point, claimed: sample.left, correct: sample.right };
    const points = point ? [point] : sampleDomain(graph, variablesOf(graph, [claimed, correct]), [claimed, correct], 4, 11).points;
    const diagnosis = derivativeOf
      ? diagnoseDerivative(this.algebra, derivativeOf.fn, derivativeOf.variable, claimed, points)
      : diagnoseStep(valuesAt(graph, correct, points), valuesAt(graph, claimed, points));
    return { expected, expectedLatex, counterexample, ...(diagnosis ? { diagnosis: diagnosis.message, diagnosisKind: diagnosis.kind } : {}) };
  }

  private result(group: Group, line: ParsedLine, kind: ClaimResult['kind'], verdict: Omit<ClaimResult, 'line' | 'startLine' | 'claim' | 'kind'>): ClaimResult {
    return { line: line.number, startLine: group.first.number, claim: line.raw.trim(), kind, ...verdict };
  }

  private source(line: ParsedLine): Source {
    return { text: line.raw, name: this.options.sourceName };
  }

  private error(line: ParsedLine, message: string, hint?: string): InputError {
    const start = line.raw.length - line.raw.trimStart().length;
    return inputError('syntax', message, this.source(line), { offset: start, end: start + 1, line: line.number, col: start + 1 }, hint);
  }
}

/** Whether a line is LaTeX: it has a backslash command, braces or a dollar sign. */
function isLatex(line: string): boolean {
  return /[\\{}$]/.test(line);
}

/** What a claim is about, from its head alone (used before the head is built). */
function headKind(head: ClaimHead): ClaimResult['kind'] {
  return head.kind === 'derivative' ? 'derivative' : 'value';
}

function valuesAt(graph: GraphBuilder['graph'], node: NodeId, points: readonly Point[]): number[] {
  const tape = new Tape(graph, [node]);
  return points.map((point) => tape.forward(point)[node]!);
}

function show(value: number): string {
  return String(Number(value.toPrecision(6)));
}

/** A claim that ran out of its time budget. */
class TimeLimit extends Error {
  constructor(limit: number) {
    super(`checking this claim took longer than the time limit (${limit} ms)`);
  }
}
