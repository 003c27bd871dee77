/**
 * Worked solutions for a problem set: every ask answered (and the answer proven by the cross-check), the answer key
 * and any number a source printed compared with the exact value, and the problem traced at its point.
 */
import type { ClaimResult } from '../check/results.js';
import type { Answer } from '../check/answer.js';
import { answerClaim, problemSession, type Ask, type Part, type Problem } from '../check/problems.js';
import { InputError } from '../errors.js';
import { parse } from '../program.js';
import type { Program } from '../graph/program.js';
import type { Point } from '../numeric/tape.js';
import { trace, type Trace } from './trace.js';

/** The solution of one ask. */
export interface AskSolution {
  readonly part: string;
  readonly ask: Ask;
  /** The computed answer; undefined when it could not be computed (see `error`). */
  readonly answer?: Answer;
  readonly error?: string;
  /** The answer key's answer, checked like a student's. */
  readonly key?: ClaimResult;
  /** The number a source printed, judged against the exact value by the precision rule. */
  readonly printed?: ClaimResult;
}

/** The solution of one problem. */
export interface ProblemSolution {
  readonly problem: Problem;
  /** The givens as a program (output: the last given). */
  readonly program: Program;
  /** Where the problem is traced: its `at` line, or the points of its asks together. */
  readonly point?: Point;
  readonly trace?: Trace;
  /** Why there is no trace, when there is none. */
  readonly traceSkipped?: string;
  readonly parts: readonly { readonly part: Part; readonly asks: readonly AskSolution[] }[];
  /** Whether every derivative in the solution passed the cross-check and every ask was answered. */
  readonly verified: boolean;
}

/** Solves every problem of a set. */
export function solveProblems(problems: readonly Problem[], sourceName?: string): ProblemSolution[] {
  return problems.map((problem) => solveProblem(problem, sourceName));
}

/** Solves one problem. */
export function solveProblem(problem: Problem, sourceName?: string): ProblemSolution {
  const session = problemSession(problem, sourceName);
  const program = parse(problem.givens.map((given) => given.raw).join('\n'), { sourceName });
  const parts = problem.parts.map((part) => ({ part, asks: part.asks.map((ask) => solveAsk(session, part, ask, sourceName)) }));
  const point = problem.point ?? mergedPoint(parts.flatMap((part) => part.asks.map((ask) => ask.answer?.point)));
  const traced = traceAt(program, point);
  // a derivative is verified only by a cross-check that ran (none ran where no point of its domain could be sampled)
  const proven = (answer: Answer) => (answer.kind !== 'derivative' || answer.checks.length > 0) && answer.checks.every((check) => check.agree);
  const answered = parts.every((part) => part.asks.every((ask) => ask.answer && proven(ask.answer)));
  const verified = answered && (traced.trace?.check.agree ?? true);
  return { problem, program, ...(point ? { point } : {}), ...traced, parts, verified };
}

function solveAsk(session: ReturnType<typeof problemSession>, part: Part, ask: Ask, sourceName?: string): AskSolution {
  const source = { text: ask.raw, name: sourceName };
  let answer: Answer;
  try {
    answer = session.answer(ask.head, source);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return { part: part.id, ask, error: error.message };
  }
  if (answer.undefinedHere !== undefined) {
    const at = Object.entries(answer.point ?? {}).map(([name, value]) => `${name} = ${value}`).join(', ');
    return { part: part.id, ask, error: `there is no value at ${at}: ${answer.undefinedHere}` };
  }
  const judge = (claim: string) => session.read(claim, ask.line).claims[0];
  const claim = answerClaim(ask.raw, ask);
  const key = claim ? judge(claim) : undefined;
  const printed = ask.printed ? judge(`${ask.text} = ${ask.printed}`) : undefined;
  return { part: part.id, ask, answer, ...(key ? { key } : {}), ...(printed ? { printed } : {}) };
}

/** The points of the asks together (the first value wins where two asks give a variable different values). */
function mergedPoint(points: readonly (Point | undefined)[]): Point | undefined {
  const merged: Record<string, number> = {};
  for (const point of points) for (const [name, value] of Object.entries(point ?? {})) if (!(name in merged)) merged[name] = value;
  return Object.keys(merged).length > 0 ? merged : undefined;
}

function traceAt(program: Program, point: Point | undefined): { trace?: Trace; traceSkipped?: string } {
  if (program.variables.length === 0) return { traceSkipped: 'the givens have no variables' };
  const missing = program.variables.filter((name) => point?.[name] === undefined);
  if (missing.length > 0) return { traceSkipped: `no value is given for ${missing.join(', ')} (add an "at" line to the problem)` };
  try {
    return { trace: trace(program, point!) };
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return { traceSkipped: error.message };
  }
}
