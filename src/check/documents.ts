/**
 * A homework document's claims report, at the document's own positions: the claims of its math (read by
 * src/syntax/documents.ts into a claims text and checked as any claims text) mapped back to line and column (and
 * cell), and the math rows that are neither a claim, a definition nor a step counted as not checked, never as errors.
 */
import type { DocumentPosition, MathDocument } from '../syntax/documents.js';
import { checkClaims } from './claims.js';
import { gradeSubmission, type GradeOptions, type StudentGrade } from './grade.js';
import type { ProblemSet } from './problems.js';
import type { CheckOptions, ClaimResult, ClaimsReport } from './results.js';

/** One claim of a document, where it is. */
export interface DocumentClaim {
  readonly claim: ClaimResult;
  /** Where the line that decided the verdict is (the wrong step, or the claim). */
  readonly position: DocumentPosition;
  /** Where the claim starts. */
  readonly start: DocumentPosition;
  /** The document's line there, as written. */
  readonly source: string;
}

/** A math row that was not checked, and why. */
export interface NotChecked {
  readonly position: DocumentPosition;
  readonly reason: string;
}

/** What checking a document found. */
export interface DocumentReport {
  readonly claims: readonly DocumentClaim[];
  readonly summary: ClaimsReport['summary'];
  readonly notChecked: readonly NotChecked[];
}

/** Checks the claims of a document's math (in one session, so that definitions carry through it in order). */
export function checkDocument(document: MathDocument, options: CheckOptions = {}): DocumentReport {
  return documentReport(document, checkClaims(document.text, { ...options, document: true }));
}

/** A claims report on a document's claims text, at the document's positions. */
export function documentReport(document: MathDocument, report: ClaimsReport): DocumentReport {
  const at = (line: number): DocumentPosition => document.positions[line - 1] ?? { line, col: 1 };
  const claims = report.claims.map((claim) => ({ claim, position: at(claim.line), start: at(claim.startLine), source: document.sourceLines(at(claim.line)) }));
  const notChecked = [
    ...report.errors.map(({ line, error }) => ({ position: at(line), reason: error.message })),
    ...document.statements.map((position) => ({ position, reason: 'it states a value, which is not a claim to check' })),
  ].sort((a, b) => (a.position.cell ?? 0) - (b.position.cell ?? 0) || a.position.line - b.position.line || a.position.col - b.position.col);
  return { claims, summary: report.summary, notChecked };
}

/** Grades a document (read with its problem headers) as a submission, its lines those of the document. */
export function gradeDocument(set: ProblemSet, document: MathDocument, student: string, options: GradeOptions = {}, file?: string): StudentGrade {
  const grade = gradeSubmission(set, document.text, student, options, file);
  const line = (virtual: number) => (virtual > 0 ? (document.positions[virtual - 1]?.line ?? virtual) : virtual);
  const moved = (claim: ClaimResult): ClaimResult => ({ ...claim, line: line(claim.line), startLine: line(claim.startLine) });
  return {
    ...grade,
    parts: grade.parts.map((part) => ({ ...part, asks: part.asks.map((ask) => (ask.answer ? { ...ask, answer: moved(ask.answer) } : ask)) })),
    extra: grade.extra.map(moved),
    errors: grade.errors.map((error) => ({ ...error, line: line(error.line) })),
  };
}
