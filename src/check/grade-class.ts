/** Grading a class: every submission file, one at a time, each result handed over as soon as it is made. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { InputError } from '../errors.js';
import { gradeSubmission, studentName, type GradeOptions, type StudentGrade } from './grade.js';
import type { ProblemSet } from './problems.js';

/** Submission files: the files given, and the files in the folders given (sorted, hidden files left out). */
export function submissionFiles(paths: readonly string[]): string[] {
  const files: string[] = [];
  for (const path of paths) {
    let stats;
    try {
      stats = statSync(path);
    } catch {
      throw new InputError('io', `cannot read ${path}: no such file or folder`);
    }
    if (stats.isDirectory()) {
      files.push(...readdirSync(path).filter((name) => !name.startsWith('.')).sort().map((name) => join(path, name)).filter((file) => statSync(file).isFile()));
    } else files.push(path);
  }
  if (files.length === 0) throw new InputError('io', 'there are no submissions to grade');
  return files;
}

/** Grades each file not in `done`, calling `graded` with each result; a submission that fails gets a grade with the error. */
export function gradeClass(set: ProblemSet, files: readonly string[], graded: (grade: StudentGrade) => void, options: GradeOptions & { done?: ReadonlySet<string> } = {}): void {
  const limit = options.maxSubmissionLength ?? 200_000;
  for (const file of files) {
    if (options.done?.has(file)) continue;
    const fallback = basename(file, extname(file));
    let grade: StudentGrade;
    try {
      const size = statSync(file).size;
      if (size > 4 * limit) throw new InputError('too-large', `the submission is ${size} bytes long; the limit is ${limit} characters`);
      const text = readFileSync(file, 'utf8');
      grade = gradeSubmission(set, text, studentName(text, fallback), options, file);
    } catch (error) {
      // nothing a submission contains may stop the class from being graded
      const message = error instanceof InputError ? error.message : `internal error: ${(error as Error).message}`;
      grade = { ...gradeSubmission(set, '', fallback, options, file), errors: [{ line: 0, message }] };
    }
    graded(grade);
  }
}
