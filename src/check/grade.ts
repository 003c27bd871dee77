/**
 * Grading: a student's answers (claims, in plain syntax or LaTeX) checked against what a problem set asks.
 * Each claim is matched to an ask by what it is about (the same derivative, the same value at the same point),
 * whatever way the student wrote its head; points follow the part's credit weights.
 */
import type { CheckOptions, ClaimResult, Verdict } from './results.js';
import { problemSession, type Ask, type Part, type Problem, type ProblemSet } from './problems.js';
import { linesOf, wholeLinesWithin } from '../syntax/claim-lines.js';
import type { ClaimSession } from './claims.js';
import { matrixProblemSession } from './matrix-problems.js';

/** The grade of one ask. */
export interface AskGrade {
  /** The ask as written in the problem file. */
  readonly ask: string;
  readonly verdict: Verdict | 'missing';
  readonly weight: number;
  /** The student's claim that answered it. */
  readonly answer?: ClaimResult;
}

/** The grade of one part. */
export interface PartGrade {
  readonly problem: string;
  readonly part: string;
  readonly points: number;
  readonly max: number;
  readonly verdict: 'correct' | 'partial' | 'incorrect' | 'undetermined' | 'missing';
  readonly asks: readonly AskGrade[];
}

/** Everything about one student's submission. */
export interface StudentGrade {
  readonly student: string;
  readonly file?: string;
  readonly total: number;
  readonly max: number;
  readonly parts: readonly PartGrade[];
  /** Claims that answer nothing the problems ask. */
  readonly extra: readonly ClaimResult[];
  /** Lines that could not be read, and problems with the submission as a whole. */
  readonly errors: readonly { readonly line: number; readonly message: string }[];
}

/** Bounds on one submission (besides the per-line and per-claim bounds of checking). */
export interface GradeOptions extends CheckOptions {
  /** Longest submission, in characters: the whole lines within it are graded, and the rest is reported. */
  readonly maxSubmissionLength?: number;
}

/** The default longest submission, in characters. */
export const MAX_SUBMISSION_LENGTH = 200_000;

/** What a submission cut to its first lines says. */
export function cutMessage(lines: number, size: string, limit: number): string {
  return `only lines 1 to ${lines} were graded: the submission is ${size} long and the limit is ${limit} characters (--max-submission-length)`;
}

const HEADER = /^\s*(problem|part)\s+([A-Za-z0-9_.-]+)\s*:?\s*$/;

/** Grades one submission against a problem set. */
export function gradeSubmission(set: ProblemSet, text: string, student: string, options: GradeOptions = {}, file?: string): StudentGrade {
  const max = round(set.problems.reduce((sum, problem) => sum + problem.parts.reduce((total, part) => total + part.points, 0), 0));
  const limit = options.maxSubmissionLength ?? MAX_SUBMISSION_LENGTH;
  const within = wholeLinesWithin(text, limit);
  const cut = within.text.length < text.length ? [{ line: 0, message: cutMessage(within.lines, `${text.length} characters`, limit) }] : [];
  const { sections, errors } = splitByProblem(set, within.text);
  errors.push(...cut);
  const parts: PartGrade[] = [];
  const extra: ClaimResult[] = [];
  for (const problem of set.problems) {
    const session = problem.matrix ? matrixProblemSession(problem, file, options) : problemSession(problem, file, options);
    const source = (raw: string) => ({ text: raw, name: file });
    const keyOf = (ask: Ask) => (ask.matrix ? ask.text : (session as ClaimSession).targetOf(ask.head, source(ask.raw))); // a matrix ask's text is its target
    const asksByTarget = new Map<string, Ask[]>();
    for (const ask of problem.parts.flatMap((part) => part.asks)) {
      const key = keyOf(ask);
      asksByTarget.set(key, [...(asksByTarget.get(key) ?? []), ask]);
    }
    const answers = new Map<Ask, ClaimResult>();
    const read = session.read(sections.get(problem.id) ?? '', 1);
    errors.push(...read.errors.map(({ line, error }) => ({ line, message: error.message })));
    for (const claim of read.claims) {
      const asked = claim.target === undefined ? undefined : asksByTarget.get(claim.target);
      if (!asked) extra.push(claim);
      for (const ask of asked ?? []) answers.set(ask, worked(claim)); // a later answer to the same ask replaces an earlier one
    }
    for (const part of problem.parts) parts.push(gradePart(problem, part, answers));
  }
  const total = round(parts.reduce((sum, part) => sum + part.points, 0));
  return { student, file, total, max, parts, extra, errors: errors.sort((a, b) => a.line - b.line) };
}

/** The lines of a submission for each problem (other lines blanked, so line numbers stay those of the file). */
function splitByProblem(set: ProblemSet, text: string): { sections: Map<string, string>; errors: { line: number; message: string }[] } {
  const lines = linesOf(text);
  const owner: (string | undefined)[] = [];
  const errors: { line: number; message: string }[] = [];
  let current: string | null | undefined = set.problems.length === 1 ? set.problems[0]!.id : undefined; // null: under an unknown header
  lines.forEach((raw, index) => {
    const header = HEADER.exec(raw);
    if (header) {
      const [, keyword, id] = header as unknown as [string, string, string];
      const problemId = keyword === 'problem' ? id : id.includes('.') ? id.slice(0, id.lastIndexOf('.')) : current ?? problemOfPart(set, id);
      if (problemId && set.problems.some((problem) => problem.id === problemId)) current = problemId;
      else {
        // its answers are for no problem here: never credited to (or overwriting) the problem above
        errors.push({ line: index + 1, message: `there is no ${keyword} ${id} in the problem set, so the lines under it are not graded` });
        current = null;
      }
      owner.push(undefined);
      return;
    }
    const blank = /^\s*([#%].*)?$/.test(raw);
    if (!blank && current === undefined) errors.push({ line: index + 1, message: 'say which problem this answers: put a line "problem <id>" above it' });
    owner.push(blank || current === null ? undefined : current);
  });
  const sections = new Map<string, string>();
  for (const problem of set.problems) {
    sections.set(problem.id, lines.map((raw, i) => (owner[i] === problem.id ? raw : '')).join('\n'));
  }
  return { sections, errors };
}

/** The problem whose part has this id, when exactly one has. */
function problemOfPart(set: ProblemSet, part: string): string | undefined {
  const owners = set.problems.filter((problem) => problem.parts.some((candidate) => candidate.id === part));
  return owners.length === 1 ? owners[0]!.id : undefined;
}

/**
 * An answer counts only when worked out: `dL/dz = dL/da * da/dz` or `dg/dz = sigmoid'(z)` is true but is the question
 * rewritten by the chain rule, not its answer, and earns nothing.
 */
function worked(claim: ClaimResult): ClaimResult {
  if (claim.verdict !== 'correct' || !claim.unworked?.length) return claim;
  return { ...claim, verdict: 'incorrect', reason: `your answer is not worked out: it still contains ${claim.unworked.join(', ')}; write it without derivatives` };
}

function gradePart(problem: Problem, part: Part, answers: ReadonlyMap<Ask, ClaimResult>): PartGrade {
  const asks = part.asks.map((ask): AskGrade => {
    const answer = answers.get(ask);
    return { ask: ask.text, verdict: answer?.verdict ?? 'missing', weight: ask.weight, ...(answer ? { answer } : {}) };
  });
  const weights = asks.reduce((sum, ask) => sum + ask.weight, 0);
  const earned = asks.reduce((sum, ask) => sum + (ask.verdict === 'correct' ? ask.weight : 0), 0);
  const points = round((part.points * earned) / weights);
  const verdict: PartGrade['verdict'] =
    earned === weights
      ? 'correct'
      : earned > 0
        ? 'partial'
        : asks.every((ask) => ask.verdict === 'missing')
          ? 'missing'
          : asks.some((ask) => ask.verdict === 'undetermined')
            ? 'undetermined'
            : 'incorrect';
  return { problem: problem.id, part: part.id, points, max: part.points, verdict, asks };
}

/** The student's name: a `# student: …` line (`% student: …` in LaTeX, `student:` in a Markdown front matter), or else the file's name. */
export function studentName(text: string, fallback: string): string {
  const head = text.slice(0, 10_000);
  const named = /^\s*[#%]\s*student\s*:\s*(.+?)\s*$/im.exec(head) ?? /^---\s*$[\s\S]*?^\s*student\s*:\s*["']?(.+?)["']?\s*$[\s\S]*?^---\s*$/m.exec(head);
  return named ? named[1]! : fallback;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
