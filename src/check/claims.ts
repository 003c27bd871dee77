/**
 * `chainrule check`: claims and derivations, line by line. A claim is a derivative (`d/dx (…) = …`,
 * `df/dx at x=3 = 12`), a value (`sigmoid(5.7) = 0.9966`) or an identity; lines that begin with `=` continue
 * a derivation, each step checked against the one before. The first wrong step decides the verdict.
 */
import { InputError, WorkLimit } from '../errors.js';
import { CLAIM_LIMITS, type CheckOptions, type ClaimResult, type ClaimsReport, type LineError, type Verdict } from './results.js';
import { GraphBuilder, type Differentiator } from '../build/scalar.js';
import { derivativeOf } from '../program.js';
import { inputError, type Source } from '../build/shared.js';
import type { NodeId } from '../graph/graph.js';
import { formatNumber, Tape, type Point } from '../numeric/tape.js';
import { Simplifier } from '../symbolic/simplify.js';
import type { ClaimHead, ClaimLine } from '../syntax/claim.js';
import { childrenOf, type Expr, type Span } from '../syntax/tree.js';
import { functionNamed } from '../ops/index.js';
import { crossCheck } from './crosscheck.js';
import { diagnoseDerivative, diagnoseStep } from './diagnose.js';
import { compareExpressions, compareValues, variablesOf, type Comparison } from './equivalence.js';
import { comparePrecisely, preciseTapes, PRECISE_DIGITS } from './precise-compare.js';
import { judgeNumber, precisionOf, writtenNumber } from './precision.js';
import { sampleDomain } from './sample.js';
import { niceCounterexample } from './counterexample.js';
import { differentiated, shownAnswer, TargetResolver, variableNodes, withIntermediate, withoutPoint, type Subject, type Target } from './target.js';
import { restatement } from './restatement.js';
import { NODES_PER_CLAIM } from './budgets.js';
import { exactPole } from './poles.js';
import { substitute, substituteAll } from '../graph/substitute.js';
import { declaresShapes, TensorClaimSession } from './tensor-claims.js';
import { answerOf, printAnswer, type Answer } from './answer.js';
import { joinKnownNames, readClaimLine, readRunTogetherNames, respellNames, splitInto } from './claim-reading.js';
import { lettersOf, linesOf, namesOf, parseClaimLines, type ParsedLine, type TextLine } from './claim-lines.js';
import type { NotationWarning } from '../syntax/reading.js';
import { GREEK_NAMES } from '../syntax/ambiguity.js';

/** A claim with its continuation lines: every step with the line it is on. */
interface Group {
  readonly first: ParsedLine;
  readonly head: ClaimHead;
  readonly steps: { readonly expr: Expr; readonly line: ParsedLine }[];
}

/** Checks every claim of a claims text (a text that declares shapes is a tensor claims file). */
export function checkClaims(text: string, options: CheckOptions = {}): ClaimsReport {
  const session = declaresShapes(text) ? new TensorClaimSession({ ...options, limits: options.limits ?? CLAIM_LIMITS }) : new ClaimSession(options);
  const { claims, errors, warnings } = session.read(text, 1, { unusedDefinitionsAreIdentities: true });
  const count = (verdict: Verdict) => claims.filter((claim) => claim.verdict === verdict).length;
  return { claims, summary: { correct: count('correct'), incorrect: count('incorrect'), undetermined: count('undetermined') }, errors, warnings };
}

/** How a text of claims is read. */
export interface ReadOptions {
  /**
   * A line `X = …` whose name no later line of the text uses is an identity (`X = x` is a claim that fails), not a
   * definition: set for a whole claims file, not for a problem's givens read one line at a time.
   */
  readonly unusedDefinitionsAreIdentities?: boolean;
}

/** Claims read one text after another, sharing bindings (a problem's givens, then a student's answers). */
export class ClaimSession {
  private readonly builder: GraphBuilder;
  private readonly algebra: Simplifier;
  private readonly targets: TargetResolver;
  /** One-letter variables of the texts read so far (a problem's givens, then a student's answers). */
  private readonly letters = new Set<string>();
  /** What the derivatives each bound name was defined with are of (g = df/dx: g stands for df/dx). */
  private readonly derivativesBehind = new Map<string, ReadonlySet<string>>();
  /** Each bound name's definition as written. */
  private readonly definitions = new Map<string, string>();
  /** Constants a line tried to give a value (e = y - yhat), by the line: later uses of them are not judged. */
  private readonly refused = new Map<string, number>();

  constructor(private readonly options: CheckOptions = {}) {
    let resolver: TargetResolver | undefined;
    const derivatives: Differentiator = { ofBinding: (...args) => resolver!.ofBinding(...args), ofExpression: (...args) => resolver!.ofExpression(...args) };
    this.builder = new GraphBuilder(undefined, { derivatives, derivativeOf });
    this.algebra = new Simplifier(this.builder.graph);
    this.targets = resolver = new TargetResolver(this.builder, this.algebra);
  }

  /** Reads lines of text (bindings, claims, continuation lines) and checks each claim; `firstLine` numbers the first line. */
  read(text: string, firstLine = 1, options: ReadOptions = {}): { claims: ClaimResult[]; errors: LineError[]; warnings: NotationWarning[] } {
    const claims: ClaimResult[] = [];
    const errors: LineError[] = [];
    const warnings: NotationWarning[] = [];
    let group: Group | undefined;
    const flush = () => {
      if (group) claims.push(this.safely(group));
      group = undefined;
    };
    const lines = linesOf(text);
    const parsed = parseClaimLines(lines, firstLine, this.options.limits ?? CLAIM_LIMITS, this.options.sourceName);
    for (const line of parsed) if (line && 'syntax' in line) for (const letter of lettersOf(line.syntax)) this.letters.add(letter);
    parsed.forEach((entry, index) => {
      if (!entry) return;
      if ('error' in entry) {
        flush();
        errors.push({ line: entry.number, error: entry.error });
        return;
      }
      let syntax: ClaimLine;
      try {
        const read = entry.latex ? joinKnownNames(entry.syntax, (name) => this.isKnownName(name)) : this.readPlain(entry, warnings);
        syntax = respellNames(read, (name) => this.spelling(name));
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        flush();
        errors.push({ line: entry.number, error });
        return;
      }
      const line: ParsedLine = { ...entry, syntax };
      if (syntax.kind === 'continuation') {
        if (!group) {
          errors.push({ line: line.number, error: this.error(line, 'a line that starts with "=" must follow a claim', 'write the claim first, as in d/dx (x^2) = 2*x') });
          return;
        }
        group.steps.push(...syntax.steps.map((expr) => ({ expr, line })));
        return;
      }
      flush();
      const constant = namingConstant(syntax);
      if (constant) this.refused.set(constant.name, line.number);
      const refused = [...this.refused].find(([name, at]) => at !== line.number && namesOf(syntax).includes(name));
      if (refused && !constant) {
        // L = e^2 after e = y - yhat was refused: the student's e, not the constant, was meant
        const [name, at] = refused;
        errors.push({ line: line.number, error: this.error(line, `${name} here would be the constant ${name}, not the value line ${at} tried to give it`, `rename that value (err = …) and use the new name`) });
        return;
      }
      const defined = syntax.steps.length === 1 ? definedName(syntax.head, line.raw) : undefined;
      const defines =
        defined !== undefined &&
        this.builder.lookup(defined.name) === undefined &&
        !mentions(syntax.steps[0]!, defined.name) && // x = sqrt(x^2) is an identity about x
        (!options.unusedDefinitionsAreIdentities || this.builder.variables.includes(defined.name) || usedAfter(defined.name, parsed.slice(index + 1)));
      if (defines) {
        // `f = …` (or `f(x) = …`) defines f; a name already bound makes the line a claim about it instead
        this.bindLine(line, defined!, syntax.steps[0]!, errors);
        return;
      }
      if (constant) {
        // e = y - yhat: a student's name for the error, but e is the constant
        errors.push({ line: line.number, error: inputError('unknown-name', `${constant.name} is the constant ${constant.name === 'e' ? 'e = 2.71828…' : 'π'}, so it cannot be given a value`, this.source(line), constant.span, `choose another name, such as ${constant.name === 'e' ? 'err' : 'p'}`) });
        return;
      }
      group = { first: line, head: syntax.head, steps: syntax.steps.map((expr) => ({ expr, line })) };
    });
    flush();
    return { claims, errors: errors.sort((a, b) => a.line - b.line), warnings };
  }

  /**
   * A plain line read as programs are (sin x^2 = sin(x²)), with names run together split where they are one-letter
   * variables of the text (6xy = 6·x·y).
   */
  private readPlain(line: ParsedLine, warnings: NotationWarning[]): ClaimLine {
    const isBound = (name: string) => this.builder.lookup(name) !== undefined && !this.builder.isFunction(name); // h(2) applies a defined h
    const read = readClaimLine(line.syntax, line.raw, isBound, warnings, this.options.sourceName);
    return readRunTogetherNames(read, line.raw, (name) => this.runTogether(name), warnings, (name) => this.functionRunTogether(name));
  }

  /** A name as the lines above spell it: w_2 is w2 where only w2 is known, w2 is w_2 where only w_2 is. */
  private spelling(name: string): string {
    if (this.isKnownName(name)) return name;
    const candidates = [name.replace(/_/g, ''), name.replace(/^([A-Za-z]+)([0-9]+)$/, '$1_$2')];
    return candidates.find((candidate) => candidate !== name && this.isKnownName(candidate)) ?? name;
  }

  /** Whether a name of two or more characters has a meaning here: a binding, or a variable of the lines read. */
  private isKnownName(name: string): boolean {
    return this.builder.lookup(name) !== undefined || this.builder.variables.includes(name);
  }

  /** The one-letter variables a name is run together from (`wx` → w, x), if it is not a name of its own. */
  private runTogether(name: string): readonly string[] | undefined {
    if (!/^[A-Za-z]{2,}$/.test(name) || GREEK_NAMES.has(name) || functionNamed(name) || name === 'pi') return undefined;
    if (this.builder.lookup(name) !== undefined || this.builder.variables.includes(name)) return undefined;
    const letters = [...name];
    const variable = (letter: string) => this.letters.has(letter) || this.builder.variables.includes(letter);
    // the constant e may be one of the letters (xe^x = x·e^x), so long as a variable is too
    return letters.every((letter) => variable(letter) || letter === 'e') && letters.some(variable) ? letters : undefined;
  }

  /** `sinx` → sin and x, `sin2x` → sin and 2x: a function's name run into an argument made of the text's variables. */
  private functionRunTogether(name: string): { fn: string; argument: string } | undefined {
    if (this.builder.lookup(name) !== undefined || this.builder.variables.includes(name) || functionNamed(name)) return undefined;
    const variable = (letter: string) => this.letters.has(letter) || this.builder.variables.includes(letter);
    for (let cut = name.length - 1; cut >= 2; cut--) {
      const [fn, argument] = [name.slice(0, cut), name.slice(cut)];
      if (!functionNamed(fn) || !/^[0-9]*[A-Za-z]+$/.test(argument)) continue;
      if ([...argument.replace(/^[0-9]+/, '')].every(variable)) return { fn, argument };
    }
    return undefined;
  }

  /** The computed answer to what a claim head asks, with the cross-checks that prove a derivative. */
  answer(head: ClaimHead, source: Source): Answer {
    const target = this.targets.resolve(head, source);
    return answerOf(target, this.builder, this.algebra, this.bindingNames(target.derivativeOf, target.derivativeOf?.fn ?? target.expected));
  }

  /** The target key of a claim head read in this session (to match answers to what a problem asks). */
  targetOf(head: ClaimHead, source: Source): string {
    return this.targets.resolve(head, source).key;
  }

  private bindLine(line: ParsedLine, defined: { name: string; span: Span; parameters?: readonly string[] }, expr: Expr, errors: LineError[]): void {
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

  /** Checks a claim; a claim that cannot be read or takes too long is undetermined, never a crash. */
  private safely(group: Group): ClaimResult {
    const stopped = this.options.stopped?.get(group.first.number);
    if (stopped !== undefined) return this.result(group, group.first, headKind(group.head), { verdict: 'undetermined', reason: stopped });
    this.options.onClaim?.(group.first.number);
    try {
      return this.builder.graph.budget(NODES_PER_CLAIM, () => this.check(group));
    } catch (error) {
      // whatever goes wrong costs this claim only: it is undetermined, with the reason
      const reason =
        error instanceof InputError ? `${error.message}${error.hint ? ` (${error.hint})` : ''}` : error instanceof WorkLimit ? error.message : `internal error: ${(error as Error).message}`;
      return this.result(group, group.first, headKind(group.head), { verdict: 'undetermined', reason });
    }
  }

  private check(group: Group): ClaimResult {
    const target = this.targets.resolve(group.head, this.source(group.first));
    const result = this.checkSteps(group, target);
    return { ...result, target: target.key, ...(target.notes.length > 0 ? { notes: target.notes } : {}) };
  }

  /**
   * Checks each step against the one before (the first against `expected`): symbolically for expressions, at the
   * point for derivatives taken at a point, by the precision rule for written numbers.
   */
  private checkSteps(group: Group, target: Target): ClaimResult {
    const { kind, point, derivativeOf } = target;
    let previous = target.expected;
    let reason: string | undefined;
    const notes: string[] = [];
    const unworked: string[] = [];
    for (const [index, step] of group.steps.entries()) {
      const final = index === group.steps.length - 1;
      const restatedAsWritten = final ? this.restated(group, target, step.expr) : undefined; // f'(x) restates df/dx, even where f' has no meaning
      if (restatedAsWritten) return this.result(group, step.line, kind, { verdict: 'incorrect', step: index + 1, reason: `your answer restates the question: ${restatedAsWritten}` });
      const { result: node, derivatives } = this.targets.recording(() => this.builder.expression(step.expr, this.source(step.line)));
      if (derivativeOf) this.checkNames(step, node, derivativeOf);
      const restated = final ? this.restated(group, target, step.expr, { node, derivatives }) : undefined;
      if (restated) return this.result(group, step.line, kind, { verdict: 'incorrect', step: index + 1, reason: `your answer restates the question: ${restated}` });
      if (final) unworked.push(...this.derivativesWritten(step.expr, step.line.raw));
      const unset = point && index === 0 ? variablesOf(this.builder.graph, [previous]).filter((name) => point[name] === undefined) : [];
      if (unset.length > 0 && Object.keys(point!).length > 0) {
        const example = [...Object.entries(point!).map(([name, value]) => `${name}=${value}`), ...unset.map((name) => `${name}=…`)].join(', ');
        return this.result(group, step.line, kind, { verdict: 'undetermined', step: index + 1, reason: `the point gives no value to ${unset.join(', ')}: write … at ${example}` });
      }
      const written = point ? writtenNumber(step.expr) : undefined;
      if (written && point) {
        const problem = this.valueProblem(previous, point, target.exact);
        if (problem) return this.result(group, step.line, kind, { verdict: 'undetermined', step: index + 1, reason: problem });
        const verdict = judgeNumber(this.algebra, previous, point, written, this.options.tolerance);
        if (!verdict.correct) {
          return this.result(group, step.line, kind, { verdict: 'incorrect', step: index + 1, expected: formatNumber(verdict.exact), reason: verdict.explanation });
        }
        reason = verdict.explanation;
        continue; // the next step is judged against the exact value again, not against this rounded one
      }
      if (this.withinRounding(group, step, node, previous, point)) {
        reason = 'rounding explains it: each number written in the working is the exact value rounded to its digits';
        continue; // 1/(1 + 0.7788) for 1/(1 + e^(-0.25)): the next step is judged against the exact value again
      }
      const domain = derivativeOf ? [derivativeOf.fn, target.expected] : undefined; // a derivative claim must hold wherever the function is differentiable
      const sides: [string, string] = index === 0 ? ['the right side', 'the left side'] : ['this line', 'the line before'];
      // constants are compared exactly (0.333333333333333 is not 1/3); other claims at a point, at the point
      const atPoint = point && Object.keys(point).length > 0;
      const comparison = atPoint ? this.compareAt(node, previous, point, target.exact, sides) : compareExpressions(this.algebra, node, previous, { seed: this.options.seed, domain, sides });
      if (comparison.verdict === 'unknown') {
        return this.result(group, step.line, kind, { verdict: 'undetermined', step: index + 1, reason: comparison.reason });
      }
      if (comparison.verdict === 'different') {
        return this.result(group, step.line, kind, { verdict: 'incorrect', step: index + 1, ...this.explainDifference(comparison, node, previous, index === 0 ? derivativeOf : undefined, point) });
      }
      if (comparison.reason) notes.push(comparison.reason);
      previous = node;
    }
    return this.result(group, group.first, kind, { verdict: 'correct', ...(reason ? { reason } : {}), ...(notes.length > 0 ? { notes } : {}), ...(unworked.length > 0 ? { unworked } : {}) });
  }

  /** The derivatives an expression writes, as written: dL/da, d/dx (…), f'(…), and bound names that stand for some. */
  private derivativesWritten(expr: Expr, raw: string): string[] {
    const found: string[] = [];
    const visit = (node: Expr): void => {
      const written = raw.slice(node.span.offset, node.span.end).trim();
      if (node.kind === 'derivative' || node.kind === 'differentiate' || (node.kind === 'call' && node.name.length > 1 && node.name.endsWith("'"))) found.push(written);
      else if (node.kind === 'name' && (this.derivativesBehind.get(node.name)?.size ?? 0) > 0) found.push(`${node.name} (= ${this.definitions.get(node.name) ?? '…'})`);
      else childrenOf(node).forEach(visit);
    };
    visit(expr);
    return [...new Set(found)];
  }

  /**
   * Whether a step of working with rounded numbers (`= 1/(1 + 0.7788)` for `1/(1 + e^(-0.25))`) equals the value
   * before it within the rounding of the decimals it writes that the question does not give: each moved by half a
   * unit of its last digit, their effects on the step added up.
   */
  private withinRounding(group: Group, step: Group['steps'][number], node: NodeId, previous: NodeId, point: Point | undefined): boolean {
    const graph = this.builder.graph;
    // a step of numbers, against a value: a constant, or an expression at the claim's point
    if (variablesOf(graph, [node]).length > 0 || writtenNumber(step.expr)) return false;
    if (variablesOf(graph, [previous]).some((name) => point?.[name] === undefined)) return false;
    const head = group.head;
    const givenIn = [...(head.kind === 'expression' ? [head.expr] : head.of.kind === 'expression' ? [head.of.expr] : []), ...(head.at ?? []).map((statement) => statement.expr)];
    const given = new Set(givenIn.flatMap(numbersIn).map((number) => number.text));
    const rounded = new Map<NodeId, number>(); // a decimal's node and half a unit of its last digit
    for (const number of numbersIn(step.expr)) {
      const { halfUnit } = precisionOf(number.text);
      if (halfUnit === 0 || given.has(number.text)) continue;
      const id = this.builder.expression(number, this.source(step.line));
      rounded.set(id, Math.max(rounded.get(id) ?? 0, halfUnit));
    }
    if (rounded.size === 0) return false;
    const free = [...rounded.keys()].map((id, k) => ({ id, name: `rounded ${k}`, value: new Tape(graph, [id]).forward({})[id]!, halfUnit: rounded.get(id)! }));
    const opened = substituteAll(graph, node, new Map(free.map(({ id, name }) => [id, graph.variable(name)])));
    const tape = new Tape(graph, [opened, previous]);
    const at = { ...point, ...Object.fromEntries(free.map(({ name, value }) => [name, value])) };
    const values = tape.forward(at);
    const bound = free.reduce((sum, { name, value, halfUnit }) => {
      const [up, down] = [tape.forward({ ...at, [name]: value + halfUnit })[opened]!, tape.forward({ ...at, [name]: value - halfUnit })[opened]!];
      return sum + Math.abs(up - down) / 2;
    }, 0);
    const [claimed, exact] = [values[opened]!, values[previous]!];
    return Number.isFinite(bound) && Number.isFinite(claimed) && Number.isFinite(exact) && Math.abs(claimed - exact) <= bound * 1.01 + 1e-12 * Math.abs(exact);
  }

  /** How a claim's final answer restates what the claim asks, if it does (see restatement.ts). */
  private restated(group: Group, target: Target, answer: Expr, built?: { node: NodeId; derivatives: ReadonlySet<string> }): string | undefined {
    const head = group.head;
    const raw = group.first.raw;
    const written = head.kind === 'derivative' ? raw.slice(head.span.offset, head.span.end).trim() : raw.slice(head.expr.span.offset, (head.at?.at(-1)?.expr.span ?? head.expr.span).end).trim();
    const functionName = head.kind === 'derivative' ? (head.of.kind === 'name' ? head.of.name : undefined) : head.expr.kind === 'name' ? head.expr.name : head.expr.kind === 'call' ? head.expr.name : undefined;
    // a value or a derivative at a point is a number: a formula in the point's variables is not an answer to it
    const valueAtPoint = target.point !== undefined && Object.keys(target.point).length > 0;
    const unresolved = valueAtPoint && built ? variablesOf(this.builder.graph, [built.node]).filter((name) => name in target.point!) : undefined;
    const derivatives = built?.derivatives ?? new Set<string>();
    const through = (name: string) => this.derivativesBehind.get(name);
    return restatement(answer, { asked: withoutPoint(target.key), written, derivatives, through, valueAtPoint, ...(functionName ? { functionName } : {}), ...(unresolved ? { unresolved } : {}) });
  }

  /**
   * A derivative is a function of what is differentiated: a name of two or more letters that is neither one of its
   * variables nor defined (`wq` in an answer about w and x) is named, never judged silently.
   */
  private checkNames(step: Group['steps'][number], node: NodeId, subject: Subject): void {
    const graph = this.builder.graph;
    const known = variablesOf(graph, [subject.fn]);
    const unknown = variablesOf(graph, [node]).find((name) => name.length > 1 && !known.includes(name));
    if (unknown === undefined) return;
    const span = namesIn(step.expr).find((expr) => expr.name === unknown)?.span ?? step.expr.span;
    const parts = splitInto(unknown, (part) => known.includes(part) || this.builder.lookup(part) !== undefined) ?? (/^[A-Za-z]+$/.test(unknown) ? [...unknown] : undefined);
    const hint = parts ? `write ${parts.join('*')} for a product, or define ${unknown} on a line before` : `define ${unknown} on a line before`;
    throw inputError('unknown-name', `${unknown} is not a variable of what is differentiated (${known.join(', ')}) and is not defined`, this.source(step.line), span, hint);
  }

  /** Why a node has no finite value at a point, if it has none. */
  private valueProblem(node: NodeId, point: Point, exact: ReadonlyMap<string, NodeId> | undefined): string | undefined {
    const graph = this.builder.graph;
    const variables = variablesOf(graph, [node]);
    if (variables.every((name) => exact?.has(name))) {
      // at an exact point the value is exact: tan(π/2) has none, though float64 gives 1.6e16
      const pole = exactPole(this.algebra, exact ? substituteAll(graph, node, variableNodes(graph, exact)) : node);
      if (pole) return pole;
    }
    const tape = new Tape(graph, [node]);
    const values = tape.forward(point);
    if (Number.isFinite(values[node]!)) return undefined;
    return tape.firstProblem(values)?.message ?? 'the value is not a finite number';
  }

  /** Two expressions compared at one point (steps of a derivative taken at a point). */
  private compareAt(left: NodeId, right: NodeId, point: Point, exact: ReadonlyMap<string, NodeId> | undefined, sides: readonly [string, string]): Comparison {
    const graph = this.builder.graph;
    if (exact && variablesOf(graph, [left, right]).every((name) => exact.has(name))) {
      // the point's exact values put in: two constants, compared exactly (sin(x) at x = pi/4 is √2/2, not its float64)
      const values = variableNodes(graph, exact);
      const [l, r] = [substituteAll(graph, left, values), substituteAll(graph, right, values)];
      const comparison = compareExpressions(this.algebra, l, r, { sides });
      return comparison.counterexample ? { ...comparison, counterexample: { ...comparison.counterexample, point } } : comparison;
    }
    const [a, b] = [this.algebra.simplify(left), this.algebra.simplify(right)];
    const tape = new Tape(this.builder.graph, [a, b]);
    const bounds = new Float64Array(this.builder.graph.size);
    const values = tape.forward(point, { bounds });
    const [l, r] = [values[a]!, values[b]!];
    const outcome = compareValues(l, r, bounds[a]!, bounds[b]!);
    if (outcome === 'different') return { verdict: 'different', method: 'numeric', points: 1, counterexample: { point, left: l, right: r } };
    // float64 agreed within its tolerance or could not tell: many digits decide (sin(1) + 1e-12 is not sin(1))
    const nodes = [left, right, a, b] as const;
    const precise = comparePrecisely(preciseTapes(graph, nodes), nodes, [{ point, bound: bounds[a]! + bounds[b]! }]);
    if (precise.verdict === 'different') {
      const reason = `the sides differ by about ${precise.relative.toPrecision(2)} of their size, which float64 cannot see; arithmetic with ${PRECISE_DIGITS} or more digits can`;
      return { verdict: 'different', method: 'numeric', points: 1, counterexample: { point, left: precise.left, right: precise.right }, reason };
    }
    if (precise.verdict === 'equal' || outcome === 'equal') return { verdict: 'equal', method: 'numeric', points: 1 };
    return { verdict: 'unknown', method: 'none', points: 0, reason: 'a value is undefined at the point, or too large to compare in float64' };
  }

  /** What a wrong step should have been, where it differs, and which common mistake explains it. */
  private explainDifference(comparison: Comparison, claimed: NodeId, correct: NodeId, derivativeOf: Subject | undefined, point: Point | undefined) {
    const graph = this.builder.graph;
    const sample = comparison.counterexample!;
    const simplified = this.algebra.simplify(correct);
    const claimedValue = this.algebra.simplify(claimed); // values from the simplified forms (exact constants folded)
    const names = this.bindingNames(derivativeOf);
    const shown = derivativeOf ? this.algebra.simplify(shownAnswer({ expected: correct, derivativeOf })) : simplified;
    const { text: expected, latex: expectedLatex } = printAnswer(graph, shown, names);
    const counterexample = point ? { point: sample.point, claimed: sample.left, correct: sample.right } : niceCounterexample(graph, claimed, claimedValue, simplified, sample);
    const points = point ? [point] : [counterexample.point, ...sampleDomain(graph, variablesOf(graph, [claimed, correct]), [claimed, correct], 4, 11).points];
    const diagnosis = derivativeOf
      ? diagnoseDerivative(this.algebra, differentiated(derivativeOf), derivativeOf.variable, claimed, points.map((at) => withIntermediate(graph, derivativeOf, at)))
      : point || variablesOf(graph, [claimed, correct]).length === 0
        ? undefined // two numbers always differ by a constant factor: at one point that names no mistake
        : diagnoseStep(valuesAt(graph, correct, points), valuesAt(graph, claimed, points));
    const bindings = this.boundValues([claimed, correct], counterexample.point, derivativeOf?.fn);
    if (Object.keys(bindings).length > 0) Object.assign(counterexample, { bindings });
    const hint = runTogetherNames(variablesOf(graph, [claimed]), variablesOf(graph, [correct])) ?? (derivativeOf && this.unconfirmed(derivativeOf, counterexample.point)) ?? comparison.reason;
    return {
      expected,
      expectedLatex,
      counterexample,
      ...(diagnosis ? { diagnosis: diagnosis.message, diagnosisKind: diagnosis.kind } : {}),
      ...(hint ? { reason: hint } : {}),
    };
  }

  /**
   * Every derivative chainrule prints is cross-checked: the expected derivative is computed by reverse mode and
   * finite differences too, at the counterexample's point; a note says so if they disagree.
   */
  private unconfirmed(derivativeOf: Subject, point: Point): string | undefined {
    const graph = this.builder.graph;
    const full = withIntermediate(graph, derivativeOf, Object.fromEntries(variablesOf(graph, [derivativeOf.fn]).map((name) => [name, point[name] ?? 1])));
    try {
      const output = differentiated(derivativeOf);
      const program = { graph, output, source: '', bindings: [], variables: variablesOf(graph, [output]), spans: new Map() };
      const check = crossCheck(program, full, { variables: [derivativeOf.variable] });
      return check.agree ? undefined : `note: chainrule's own derivative did not pass its cross-check at ${JSON.stringify(full)}; treat this verdict with care`;
    } catch {
      return undefined; // the point is outside the function's domain: the comparison above already used its own points
    }
  }

  /**
   * The forward values, at a point of the leaves, of the bound names the nodes are built from (a = 0.5622 beside
   * w = 1.5, x = 2), so that a counterexample never leaves a student guessing what a name stood for.
   */
  private boundValues(nodes: readonly NodeId[], point: Point, except: NodeId | undefined): Record<string, number> {
    const graph = this.builder.graph;
    const used = new Set(graph.ancestors(nodes));
    const named = [...this.builder.bindings()].filter(([name, node]) => node !== except && used.has(node) && graph.node(node).inputs.length > 0 && !this.builder.isFunction(name));
    if (named.length === 0) return {};
    const values = new Tape(graph, named.map(([, node]) => node)).forward(point);
    return Object.fromEntries(named.filter(([, node]) => Number.isFinite(values[node]!)).map(([name, node]) => [name, values[node]!]));
  }

  /** Bound names to write instead of what they stand for (z for w*x + b), except the function being differentiated. */
  private bindingNames(subject: Subject | undefined, except = subject?.fn): Map<NodeId, string> {
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

  private result(group: Group, line: ParsedLine, kind: ClaimResult['kind'], verdict: Omit<ClaimResult, 'line' | 'startLine' | 'claim' | 'kind' | 'target'>): ClaimResult {
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

/** A hint when the claim uses a name such as `wx` that is the expected variables run together (w·x was meant). */
function runTogetherNames(claimed: readonly string[], expected: readonly string[]): string | undefined {
  const known = new Set(expected);
  for (const name of claimed) {
    if (known.has(name)) continue;
    const parts = splitInto(name, (part) => known.has(part));
    if (parts) return `${name} is read as one variable; write ${parts.join('*')} if you meant the product`;
  }
  return undefined;
}


/**
 * The name a line defines: `f = …`, or `f(x) = …` / `loss(w, b) = …` (a name applied to variables, as functions are
 * defined in homework). Undefined for any other head.
 */
function definedName(head: ClaimHead, raw: string): { name: string; span: Span; parameters?: readonly string[] } | undefined {
  if (head.kind !== 'expression' || head.at) return undefined;
  const expr = head.expr;
  if (expr.kind === 'name') return ['pi', 'e'].includes(expr.name) ? undefined : { name: expr.name, span: expr.span };
  // f(x): the grammar reads a one-letter name before a parenthesis as a product
  if (expr.kind === 'binary' && expr.implicit && expr.left.kind === 'name' && expr.right.kind === 'name' && raw[expr.right.span.offset] === '(') {
    return { name: expr.left.name, span: expr.left.span, parameters: [expr.right.name] };
  }
  if (expr.kind === 'call' && !functionNamed(expr.name) && expr.args.every((arg) => arg.kind === 'name')) {
    return { name: expr.name, span: expr.nameSpan, parameters: expr.args.map((arg) => (arg as { name: string }).name) };
  }
  return undefined;
}

/** The number literals of an expression, in the order written. */
function numbersIn(expr: Expr): Extract<Expr, { kind: 'number' }>[] {
  return expr.kind === 'number' ? [expr] : childrenOf(expr).flatMap(numbersIn);
}

/** The name nodes of an expression, in the order written. */
function namesIn(expr: Expr): Extract<Expr, { kind: 'name' }>[] {
  return expr.kind === 'name' ? [expr] : childrenOf(expr).flatMap(namesIn);
}

/** `e = y - yhat`: a line that would define e or pi (as a name of its own) by an expression in variables. */
function namingConstant(syntax: ClaimLine): { name: string; span: Span } | undefined {
  if (syntax.kind !== 'claim' || syntax.head.kind !== 'expression' || syntax.head.at || syntax.steps.length !== 1) return undefined;
  const head = syntax.head.expr;
  if (head.kind !== 'name' || (head.name !== 'e' && head.name !== 'pi')) return undefined;
  return namesIn(syntax.steps[0]!).some((expr) => expr.name !== 'e' && expr.name !== 'pi') ? { name: head.name, span: head.span } : undefined;
}

/** Whether an expression mentions a name (as a variable, a function or a derivative's function). */
function mentions(expr: Expr, name: string): boolean {
  switch (expr.kind) {
    case 'number':
      return false;
    case 'name':
      return expr.name === name;
    case 'derivative':
      return expr.name === name;
    case 'call':
      return expr.name === name || expr.args.some((arg) => mentions(arg, name));
    case 'differentiate':
      return mentions(expr.expr, name);
    case 'unary':
      return mentions(expr.arg, name);
    case 'binary':
      return mentions(expr.left, name) || mentions(expr.right, name);
  }
}

/**
 * Whether a name is used by any of the lines (`f`, `2f`, `f(2)`, `df/dx`, `\frac{\partial f}{\partial x}`, `f'(x)`,
 * `\hat{y}` for yhat): as the lines were read, or in the words of a line that could not be read.
 */
function usedAfter(name: string, lines: readonly TextLine[]): boolean {
  const words = /∂?[A-Za-z_][A-Za-z0-9_]*/g; // a name starts with a letter: in 2g, g is a name
  return lines.some((line) => {
    if (!line) return false;
    if ('syntax' in line) return namesOf(line.syntax).includes(name);
    return (line.raw.match(words) ?? []).some((word) => word === name || word.replace(/^[d∂]/, '') === name);
  });
}

/** What a claim is about, from its head alone (used before the head is built). */
function headKind(head: ClaimHead): ClaimResult['kind'] {
  return head.kind === 'derivative' ? 'derivative' : 'value';
}

function valuesAt(graph: GraphBuilder['graph'], node: NodeId, points: readonly Point[]): number[] {
  const tape = new Tape(graph, [node]);
  return points.map((point) => tape.forward(point)[node]!);
}
