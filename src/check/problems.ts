/** Problem sets: problems with givens and parts that ask for derivatives, values or steps (the files of `grade` and `solve`). */
import { linesOf } from '../syntax/claim-lines.js';
import { InputError } from '../errors.js';
import { inputError } from '../build/shared.js';
import { parseProblemLine } from '../syntax/parse.js';
import type { AskSyntax } from '../syntax/problem.js';
import type { Span } from '../syntax/tree.js';
import { pointOf } from '../build/point.js';
import type { Point } from '../numeric/tape.js';
import { ClaimSession } from './claims.js';
import { declaresShape, matrixProblemSession, readMatrixProblemLine, type MatrixProblemDraft } from './matrix-problems.js';
import type { ClaimResult } from './results.js';
import { readClaimParts } from '../syntax/claim-reading.js';
import { describeWarning, type NotationWarning } from '../syntax/reading.js';

export type { Ask, Part, Problem, SourceLine } from './problem-types.js';
import type { Ask, Part, Problem, SourceLine } from './problem-types.js';

/** A problem set, read from one or more files. */
export interface ProblemSet {
  readonly problems: readonly Problem[];
  /** Instructor answers that the checker finds wrong (the set is still usable: answers are computed, not copied). */
  readonly warnings: readonly string[];
  /** How ambiguous forms were read (`sin x^2` as sin(x^2)), with line and column: for standard error only. */
  readonly readings: readonly string[];
}

/** Reads a problem file; a line it cannot read is an error (the instructor's file must be right). */
export function parseProblems(text: string, sourceName?: string): ProblemSet {
  const problems: { problem: Omit<Problem, 'givens' | 'parts' | 'point'>; givens: SourceLine[]; parts: Part[]; point?: Point; names: Set<string>; matrix?: MatrixProblemDraft }[] = [];
  const source = (raw: string) => ({ text: raw, name: sourceName });
  const notation: NotationWarning[] = []; // ambiguous forms, read as in programs (sin x^2 = sin(x²))
  linesOf(text).forEach((raw, index) => {
    const line = index + 1;
    if (/^\s*(#.*)?$/.test(raw)) return;
    const last = problems[problems.length - 1];
    if (last && !/^\s*problem\b/.test(raw) && (last.matrix || (last.givens.length === 0 && last.parts.length === 0 && declaresShape(raw)))) {
      last.matrix ??= { givens: last.givens, parts: last.parts };
      readMatrixProblemLine(raw, line, last.matrix, last.problem.id, sourceName);
      return;
    }
    const syntax = parseProblemLine(raw, line, undefined, sourceName);
    const current = problems[problems.length - 1];
    const requireProblem = (span: Span) => {
      if (!current) throw inputError('syntax', 'a problem file starts with a "problem <id>" line', source(raw), span, 'add a line such as: problem backprop "Backpropagation"');
      return current;
    };
    switch (syntax.kind) {
      case 'problem':
        if (problems.some((entry) => entry.problem.id === syntax.id)) throw inputError('syntax', `there are two problems called ${syntax.id}`, source(raw), syntax.span);
        problems.push({ problem: { id: syntax.id, title: syntax.title, ...(syntax.source ? { source: syntax.source } : {}), line, raw }, givens: [], parts: [], names: new Set() });
        return;
      case 'given': {
        const owner = requireProblem(syntax.nameSpan);
        readClaimParts(undefined, [syntax.expr], raw, (name) => owner.names.has(name), notation, sourceName);
        owner.givens.push({ line, raw });
        owner.names.add(syntax.name);
        return;
      }
      case 'point': {
        const owner = requireProblem(syntax.span);
        if (owner.point) throw inputError('syntax', `problem ${owner.problem.id} has two "at" lines`, source(raw), syntax.span, 'give one point per problem');
        owner.point = pointOf(syntax.at, source(raw));
        return;
      }
      case 'part': {
        const owner = requireProblem(syntax.span);
        if (owner.parts.some((part) => part.id === syntax.id)) throw inputError('syntax', `problem ${owner.problem.id} has two parts called ${syntax.id}`, source(raw), syntax.span);
        if (syntax.points === 0) throw inputError('syntax', `part ${syntax.id} is worth 0 points`, source(raw), syntax.span, 'leave out the points for 1, or give a number above 0');
        const asks = syntax.asks.map((ask) => {
          const { head, steps } = readClaimParts(ask.head, ask.answer ?? [], raw, (name) => owner.names.has(name), notation, sourceName);
          return askOf({ ...ask, head, ...(ask.answer ? { answer: steps } : {}) }, raw, line, 1);
        });
        owner.parts.push({ id: syntax.id, points: syntax.points ?? 1, line, raw, asks });
        return;
      }
      case 'credit': {
        const owner = requireProblem(syntax.span);
        const index = owner.parts.findIndex((part) => part.id === syntax.part);
        const part = owner.parts[index];
        if (!part) throw inputError('syntax', `credit for part ${syntax.part}, which is not above this line`, source(raw), syntax.span);
        if (part.asks.length !== syntax.weights.length) {
          throw inputError('syntax', `part ${part.id} asks ${part.asks.length} things, but ${syntax.weights.length} weights are given`, source(raw), syntax.span);
        }
        if (syntax.weights.every((weight) => weight === 0)) throw inputError('syntax', `the weights of part ${part.id} are all 0`, source(raw), syntax.span, 'give at least one ask a weight above 0');
        owner.parts[index] = { ...part, asks: part.asks.map((ask, i) => ({ ...ask, weight: syntax.weights[i]! })) };
        return;
      }
    }
  });
  if (problems.length === 0) throw new InputError('syntax', `${sourceName ?? 'the problem file'} has no problems`, undefined, 'start with a line such as: problem backprop "Backpropagation"');
  const set = problems.map(({ problem, givens, parts, point, matrix }) => ({ ...problem, givens, parts, ...(point ? { point } : {}), ...(matrix ? { matrix: matrix.point !== undefined ? { point: matrix.point } : {} } : {}) }));
  const readings = notation.map((warning) => describeWarning(warning, sourceName));
  return { problems: set, warnings: set.flatMap((problem) => validate(problem, sourceName)), readings };
}

/** Combines several problem sets (several files) into one; problem ids must stay unique. */
export function mergeProblemSets(sets: readonly ProblemSet[]): ProblemSet {
  const problems = sets.flatMap((set) => set.problems);
  const ids = problems.map((problem) => problem.id);
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice) throw new InputError('syntax', `two problem files both have a problem called ${twice}`);
  return { problems, warnings: sets.flatMap((set) => set.warnings), readings: sets.flatMap((set) => set.readings) };
}

/** A session with a problem's givens bound (every claim about the problem is read in one). */
export function problemSession(problem: Problem, sourceName?: string, options: ConstructorParameters<typeof ClaimSession>[0] = {}): ClaimSession {
  const session = new ClaimSession({ ...options, sourceName });
  for (const given of problem.givens) {
    const { errors } = session.read(given.raw, given.line);
    if (errors[0]) throw errors[0].error;
  }
  return session;
}

function askOf(syntax: AskSyntax, raw: string, line: number, weight: number): Ask {
  const text = askText(raw, syntax);
  const printed = syntax.printed ? raw.slice(syntax.printed.span.offset, syntax.printed.span.end).trim() : undefined;
  return { head: syntax.head, answer: syntax.answer, text, weight, line, raw, ...(printed ? { printed } : {}) };
}

/** What an ask asks, cut out of its line: its head, without `= ?` or the instructor's answer. */
function askText(raw: string, syntax: AskSyntax): string {
  const head = syntax.head;
  const start = head.kind === 'expression' ? head.expr.span.offset : head.span.offset;
  const last = head.at?.[head.at.length - 1];
  const end = last ? last.expr.span.end : head.kind === 'expression' ? head.expr.span.end : head.span.end;
  return raw.slice(start, end).trim();
}

/** The claim an ask makes with the instructor's answer (`df/dx = 2*x`), or undefined without one. */
export function answerClaim(raw: string, ask: Ask): string | undefined {
  if (ask.matrix) return ask.matrix.answer === undefined ? undefined : `${ask.text} = ${ask.matrix.answer}`;
  const last = ask.answer?.[ask.answer.length - 1];
  if (!last) return undefined;
  const start = ask.head.kind === 'expression' ? ask.head.expr.span.offset : ask.head.span.offset;
  return raw.slice(start, last.span.end).trim();
}

/**
 * Every ask must name something the checker can compute (an error otherwise); each instructor answer is checked like
 * a student's, and a wrong one is reported (grading uses the computed answer, never the instructor's).
 */
function validate(problem: Problem, sourceName?: string): string[] {
  if (problem.matrix) return validateMatrix(problem, sourceName);
  const warnings: string[] = [];
  const session = problemSession(problem, sourceName);
  for (const part of problem.parts) {
    for (const ask of part.asks) {
      session.targetOf(ask.head, { text: ask.raw, name: sourceName });
      const claim = answerClaim(ask.raw, ask);
      if (!claim) continue;
      const { claims } = session.read(claim, ask.line);
      const result: ClaimResult | undefined = claims[0];
      if (result && result.verdict !== 'correct') {
        const should = result.expected !== undefined ? `; it should be ${result.expected}` : result.reason ? ` (${result.reason})` : '';
        warnings.push(`problem ${problem.id}, part ${part.id}: the answer given for ${ask.text} (${claim}) is ${result.verdict}${should}`);
      }
    }
  }
  return warnings;
}

/** A matrix problem's asks must name derivatives of a scalar by what its givens declare or bind; its answers are checked. */
function validateMatrix(problem: Problem, sourceName?: string): string[] {
  const warnings: string[] = [];
  const session = matrixProblemSession(problem, sourceName);
  for (const part of problem.parts) {
    for (const ask of part.asks) {
      if (ask.matrix!.value) {
        if (problem.matrix?.point === undefined) throw new InputError('syntax', `problem ${problem.id} asks for the value of ${ask.text} but gives no point`, undefined, 'add a line "at W = [[…]], x = […]"');
        matrixProblemSession(problem, sourceName).pointAt(problem.matrix.point).value(ask.matrix!.of);
        continue;
      }
      session.answer(ask.matrix!.of, ask.matrix!.wrt, { text: ask.raw, name: sourceName });
      const claim = answerClaim(ask.raw, ask);
      if (!claim) continue;
      const { claims, errors } = session.read(claim, ask.line);
      if (errors[0]) throw errors[0].error;
      const result = claims[0];
      if (result && result.verdict !== 'correct') {
        const should = result.expected !== undefined ? `; it should be ${result.expected}` : result.reason ? ` (${result.reason})` : '';
        warnings.push(`problem ${problem.id}, part ${part.id}: the answer given for ${ask.text} (${claim}) is ${result.verdict}${should}`);
      }
    }
  }
  return warnings;
}
