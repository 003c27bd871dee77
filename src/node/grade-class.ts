/** Grading a class in this thread: every submission file, one at a time, each result handed over as soon as it is made. */
import { basename, extname } from 'node:path';
import { InputError } from '../errors.js';
import { gradeSubmission, MAX_SUBMISSION_LENGTH, studentName, type GradeOptions, type StudentGrade } from '../check/grade.js';
import type { ProblemSet } from '../check/problems.js';
import { findSubmissions, readSubmission } from './submissions.js';
import { gradeDocument } from '../check/documents.js';
import { documentFormat, readDocument } from '../syntax/documents.js';

/** Submission files: the files given, and the regular files in the folders given (sorted, hidden files left out). */
export function submissionFiles(paths: readonly string[]): string[] {
  return findSubmissions(paths).files.map((file) => file.path);
}

/** The name a submission goes by when it does not give one: its file's name. */
export function fallbackName(file: string): string {
  return basename(file, extname(file));
}

/** Grades each file not in `done`, calling `graded` with each result; a submission that fails gets a grade with the error. */
export function gradeClass(set: ProblemSet, files: readonly string[], graded: (grade: StudentGrade) => void, options: GradeOptions & { done?: ReadonlySet<string> } = {}): void {
  for (const file of files) {
    if (options.done?.has(file)) continue;
    graded(gradeFile(set, file, options));
  }
}

/** Grades one submission file; nothing it contains (or fails to contain) can throw. */
export function gradeFile(set: ProblemSet, file: string, options: GradeOptions): StudentGrade {
  try {
    const { text, cut } = readSubmission(file, options.maxSubmissionLength ?? MAX_SUBMISSION_LENGTH);
    const format = documentFormat(file);
    const student = studentName(text, fallbackName(file));
    const grade = format ? gradeDocument(set, readDocument(text, format, { headers: true }), student, options, file) : gradeSubmission(set, text, student, options, file);
    return cut === undefined ? grade : { ...grade, errors: [{ line: 0, message: cut }, ...grade.errors] };
  } catch (error) {
    const message = error instanceof InputError ? error.message : `internal error: ${(error as Error).message}`;
    return { ...gradeSubmission(set, '', fallbackName(file), options, file), errors: [{ line: 0, message }] };
  }
}
