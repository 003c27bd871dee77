// Grammar fuzzing: inputs built from token alphabets that hit the grammars hard (plain claims, LaTeX, Unicode,
// problem files), README lines mutated token by token, deep nesting and long lines. Whatever the input, the library
// answers with verdicts and InputErrors, never a crash: no other exception, no "internal error" reason, and no
// engine error (a stack overflow, say) passed off as an InputError. Deterministic: a fixed seed, and sizes and run
// counts that keep this file to a few seconds; test/fuzz/long-run.mjs runs the same generators for longer.
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { checkClaims, gradeSubmission, InputError, parse, parseProblems, type ClaimResult, type ProblemSet } from '../../src/engines.js';
import { claimsText, expressionText, problemAndSubmission } from './arbitraries.mjs';

// With these counts the tests take about 7 s on two cores (9 s with vitest starting up); claims are the costly part.
const SEED = 20261207;
const CLAIM_RUNS = 350;
const PROBLEM_RUNS = 400;
const EXPRESSION_RUNS = 1000;

/** What an engine error says (a crash, even when it arrives wrapped in an InputError). */
const ENGINE_ERROR = /internal error|Maximum call stack size|Maximum BigInt size|Invalid array length|Invalid string length|Cannot read propert|Cannot set propert|Cannot convert|is not iterable|out of memory/;

function fail(what: string, input: unknown, error?: unknown): never {
  const shown = error instanceof Error ? `${error.name}: ${error.message}\n${error.stack?.split('\n').slice(1, 4).join('\n')}` : String(error ?? '');
  throw new Error(`${what}\ninput: ${JSON.stringify(input)}\n${shown}`);
}

/** Fails unless `error` is an InputError with a message of its own (not an engine error's). */
function expectInputError(what: string, input: unknown, error: unknown): void {
  if (!(error instanceof InputError)) fail(`${what} threw something other than an InputError`, input, error);
  if (ENGINE_ERROR.test(error.message)) fail(`${what} threw an InputError that hides a crash`, input, error);
}

function expectNoInternalError(what: string, input: unknown, claims: readonly ClaimResult[]): void {
  for (const claim of claims) {
    if (claim.reason !== undefined && /internal error/.test(claim.reason)) fail(`${what}: the claim on line ${claim.line} is undetermined with an internal error`, input, claim.reason);
  }
}

describe('grammar fuzzing (fixed seed)', () => {
  it('checkClaims never throws, never reports an internal error, and every line error is an InputError', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(claimsText(), (text) => {
        let report;
        try {
          report = checkClaims(text);
        } catch (error) {
          fail('checkClaims threw', text, error);
        }
        expectNoInternalError('checkClaims', text, report.claims);
        for (const { error } of report.errors) expectInputError('checkClaims', text, error);
      }),
      { seed: SEED, numRuns: CLAIM_RUNS },
    );
  });

  it('parseProblems throws only InputErrors, and grading a fuzzed submission against what it reads never crashes', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(problemAndSubmission(), ([problems, submission]) => {
        let set: ProblemSet;
        try {
          set = parseProblems(problems, 'fuzz.problems');
        } catch (error) {
          expectInputError('parseProblems', problems, error);
          return;
        }
        for (const warning of set.warnings) if (/internal error/.test(warning)) fail('parseProblems warned of an internal error', problems, warning);
        let grade;
        try {
          grade = gradeSubmission(set, submission, 'student');
        } catch (error) {
          fail('gradeSubmission threw', { problems, submission }, error);
        }
        for (const { line, message } of grade.errors) {
          if (ENGINE_ERROR.test(message)) fail(`gradeSubmission: line ${line} has an error that hides a crash`, { problems, submission }, message);
        }
        const answers = grade.parts.flatMap((part) => part.asks.flatMap((ask) => (ask.answer ? [ask.answer] : [])));
        expectNoInternalError('gradeSubmission', { problems, submission }, [...answers, ...grade.extra]);
      }),
      { seed: SEED, numRuns: PROBLEM_RUNS },
    );
  });

  it('parse throws only InputErrors', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(expressionText(), (text) => {
        try {
          parse(text);
        } catch (error) {
          expectInputError('parse', text, error);
        }
      }),
      { seed: SEED, numRuns: EXPRESSION_RUNS },
    );
  });
});
