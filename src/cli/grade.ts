/** `chainrule grade`: a class's submissions against a problem set, graded in the guard's workers, results saved as each is graded. */
import { closeSync, existsSync, openSync, readSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import type { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { fallbackName } from '../node/grade-class.js';
import { gradeSubmission, MAX_SUBMISSION_LENGTH, type StudentGrade } from '../check/grade.js';
import { mergeProblemSets, parseProblems } from '../check/problems.js';
import { findSubmissions } from '../node/submissions.js';
import { InputError } from '../errors.js';
import { printable } from '../render/printable.js';
import { gradescopeResults, prairielearnResults } from '../render/autograders.js';
import { gradeJson, gradesCsv, renderGrades } from '../render/grade.js';
import { runGuarded } from './guard.js';
import { type BoundFlags, boundsFrom, EXIT, formatOf, guardFrom, withFormat, type Io, parseCount, readSource, realPath, withBounds } from './io.js';
import { fingerprint, type ResultRecord, ResultsFile } from './results-file.js';

interface GradeFlags extends BoundFlags {
  format: string;
  json?: boolean;
  csv?: string;
  results?: string;
  resume?: boolean;
  progress?: boolean;
  maxSubmissionLength: string;
  gradescope?: string;
  prairielearn?: string;
}

/** Submissions from this many on get a progress bar (on a terminal). */
const PROGRESS_FROM = 10;

/** Registers the grade command. */
export function registerGrade(program: Command, io: Io, done: (code: number) => void): void {
  withFormat(withBounds(program.command('grade')), ['text', 'json'])
    .description('grade submissions (a file per student, or folders of them) against a problem set')
    .argument('<problems>', 'the problem file')
    .argument('<submissions...>', 'submission files or folders')
    .option('--csv <file>', 'also write the grades as CSV')
    .option('--results <file>', 'JSON lines written as each submission is graded (default: <problems>.grades.jsonl beside the problem file)')
    .option('--resume', 'keep the results already in --results and grade only the rest')
    .option('--progress', 'show a progress bar on standard error even when it is not a terminal')
    .option('--gradescope <file>', "write Gradescope's results.json for the one submission graded (a test per ask, feedback in Markdown)")
    .option('--prairielearn <file>', "write PrairieLearn's external-grader result for the one submission graded (a score in [0, 1], a test per ask)")
    .option('--max-submission-length <n>', 'longest submission, in characters: the whole lines within it are graded, and the grade says where it was cut', String(MAX_SUBMISSION_LENGTH))
    .action(async (problemsFile: string, submissions: string[], flags: GradeFlags) => {
      const { source } = readSource(io, undefined, problemsFile);
      const set = mergeProblemSets([parseProblems(source, problemsFile)]);
      for (const reading of set.readings) io.err(`warning: ${reading}`);
      const options = { ...boundsFrom(flags), maxSubmissionLength: parseCount(flags.maxSubmissionLength, '--max-submission-length', 1) };
      const guard = guardFrom(flags);
      const resultsPath = flags.results ?? join(dirname(problemsFile), `${basename(problemsFile, extname(problemsFile))}.grades.jsonl`);
      checkOutput(resultsPath, 'results', problemsFile);
      checkOutput(`${resultsPath}.previous`, 'results', problemsFile);
      if (flags.csv !== undefined) checkOutput(flags.csv, 'csv', problemsFile);
      const started = performance.now();
      const outputs = [resultsPath, `${resultsPath}.previous`, `${resultsPath}.lock`, ...(flags.csv === undefined ? [] : [flags.csv])];
      const found = findSubmissions(submissions, new Set([problemsFile, ...outputs].flatMap(realPath)));
      for (const skipped of found.skipped) io.err(printable(`skipped ${skipped}`));

      const results = ResultsFile.open(resultsPath, { resume: flags.resume === true, fingerprint: fingerprint(source, options) });
      try {
        const files = found.files.filter((file) => !results.kept.has(file.key));
        const bar = progressBar(files.length, flags.progress);
        await runGuarded(
          files.map((file) => ({ kind: 'grade' as const, problems: { text: source, name: problemsFile }, file: file.path, options })),
          guard,
          (index, outcome) => {
            const file = files[index]!;
            const grade: StudentGrade = 'result' in outcome ? outcome.result : { ...gradeSubmission(set, '', fallbackName(file.path), options, file.path), errors: [{ line: 0, message: `grading was given up: ${outcome.givenUp}` }] };
            results.append({ ...gradeJson(grade), key: file.key, problems: fingerprint(source, options) });
            bar?.increment();
          },
        );
        bar?.stop();
        results.finish(found.files.map((file) => file.key));
      } finally {
        results.close();
      }
      const graded = found.files.map((file) => results.kept.get(file.key)).filter((record): record is ResultRecord => record !== undefined);
      const grades = graded.map(({ key: _key, problems: _problems, ...grade }) => grade as unknown as ReturnType<typeof gradeJson>);
      const warnings = [...set.warnings, ...sharedNames(graded)];
      if (flags.csv) writeFileSync(flags.csv, gradesCsv(grades));
      for (const [path, write] of [[flags.gradescope, (grade: (typeof grades)[number]) => gradescopeResults(grade, (performance.now() - started) / 1000)], [flags.prairielearn, prairielearnResults]] as const) {
        if (path === undefined) continue;
        // a platform grades one submission per run (each in its own container)
        if (grades.length !== 1) throw new InputError('usage', `${path} is written for one submission, and ${grades.length} were graded`, undefined, 'grade one submission folder or file per run, as the platform does');
        writeFileSync(path, `${JSON.stringify(write(grades[0]!), null, 2)}\n`);
      }
      if (formatOf(flags) === 'json') io.out(JSON.stringify({ students: grades, warnings, skipped: found.skipped }, null, 2));
      else io.out(`${renderGrades(grades, warnings)}\n${printable(`results: ${resultsPath}${flags.csv ? `, ${flags.csv}` : ''}`)}`);
      done(EXIT.ok);
    });
}

/**
 * An output file, checked before any grading: its folder exists, and it is not the problem file, nor a file that
 * chainrule did not write (a submission named as an output would be overwritten).
 */
function checkOutput(path: string, kind: 'results' | 'csv', problemsFile: string): void {
  const folder = dirname(resolve(path));
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new InputError('io', `cannot write ${path}: there is no folder ${dirname(path)}`, undefined, 'create the folder first, or write the file somewhere else');
  if (!existsSync(path)) return;
  const refuse = (what: string) => new InputError('usage', `${path} is ${what}: it would be overwritten`, undefined, 'write the grades somewhere else');
  if (realPath(path)[0] === realPath(problemsFile)[0]) throw refuse('the problem file');
  if (!statSync(path).isFile() || !writtenByGrade(path, kind)) throw refuse('not a file chainrule grade wrote (a submission?)');
}

/** Whether a file is empty or starts as a results file (a grade's JSON) or a grades CSV does. */
function writtenByGrade(path: string, kind: 'results' | 'csv'): boolean {
  const start = Buffer.alloc(4096); // only the start is looked at
  const descriptor = openSync(path, 'r');
  const head = start.subarray(0, readSync(descriptor, start, 0, start.length, 0)).toString('utf8');
  closeSync(descriptor);
  if (head.trim() === '') return true;
  if (kind === 'csv') return head.startsWith('student,file,total,max');
  try {
    return typeof (JSON.parse(head.split('\n')[0]!) as { student?: unknown }).student === 'string';
  } catch {
    return false;
  }
}


/** Warnings for students that go by the same name in different submissions. */
function sharedNames(records: readonly ResultRecord[]): string[] {
  const files = new Map<string, string[]>();
  for (const record of records) files.set(record.student, [...(files.get(record.student) ?? []), record.file ?? record.key]);
  return [...files].filter(([, named]) => named.length > 1).map(([student, named]) => `${named.length} submissions go by the name ${JSON.stringify(student)}: ${named.join(', ')}; check which is whose`);
}

/** A progress bar on standard error, for many submissions on a terminal (or when asked for). */
function progressBar(count: number, forced: boolean | undefined): SingleBar | undefined {
  if (!forced && !(process.stderr.isTTY === true && count >= PROGRESS_FROM)) return undefined;
  const { SingleBar: Bar } = createRequire(import.meta.url)('cli-progress') as typeof import('cli-progress'); // loaded only when grading shows a bar
  const bar = new Bar({ format: 'grading [{bar}] {value}/{total} submissions', stream: process.stderr, noTTYOutput: forced === true, notTTYSchedule: 1000 });
  bar.start(count, 0);
  return bar;
}
