/** A worked solution as plain JSON: answers with their values and checks, the answer key and printed numbers judged, the trace. */
import type { ClaimResult } from '../check/results.js';
import type { Picture } from './solution-doc.js';
import type { ProblemSolution } from './solve.js';
import { traceJson } from './trace.js';

/** The JSON of one problem's solution. */
export function solutionJson(solution: ProblemSolution, picture?: Picture): object {
  const { problem, program } = solution;
  return {
    id: problem.id,
    title: problem.title ?? null,
    ...(problem.source ? { source: problem.source } : {}),
    points: problem.parts.reduce((sum, part) => sum + part.points, 0),
    givens: problem.givens.map((given) => given.raw.trim()),
    variables: program.variables,
    point: solution.point ?? null,
    parts: solution.parts.map(({ part, asks }) => ({
      id: part.id,
      points: part.points,
      asks: asks.map((ask) => ({
        ask: ask.ask.text,
        kind: ask.answer?.kind ?? null,
        answer: ask.answer?.text ?? null,
        latex: ask.answer?.latex ?? null,
        ...(ask.answer?.point ? { point: ask.answer.point, value: ask.answer.value ?? null } : {}),
        ...(ask.answer && ask.answer.checks.length > 0
          ? { verified: ask.answer.checks.every((check) => check.agree), checked_at: ask.answer.checks.map((check) => check.point) }
          : {}),
        ...(ask.error ? { error: ask.error } : {}),
        ...(ask.key ? { answer_key: judged(ask.key) } : {}),
        ...(ask.printed ? { printed: { value: ask.ask.printed, ...judged(ask.printed) } } : {}),
        ...(ask.answer && ask.answer.notes.length > 0 ? { notes: ask.answer.notes } : {}),
      })),
    })),
    trace: solution.trace ? traceJson(solution.trace) : null,
    ...(solution.traceSkipped ? { trace_skipped: solution.traceSkipped } : {}),
    ...(picture ? { dot: picture.dot } : {}),
    verified: solution.verified,
  };
}

function judged(result: ClaimResult): object {
  return { verdict: result.verdict, ...(result.expected !== undefined ? { expected: result.expected } : {}), ...(result.reason ? { reason: result.reason } : {}) };
}
