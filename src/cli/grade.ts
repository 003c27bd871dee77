/** `chainrule grade`: a class's submissions against a problem set, results streamed to a JSON-lines file. */
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { createRequire } from 'node:module';
import type { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { gradeClass, submissionFiles } from '../check/grade-class.js';
import { mergeProblemSets, parseProblems } from '../check/problems.js';
import { InputError } from '../errors.js';
import { gradeJson, gradesCsv, renderGrades } from '../render/grade.js';
import { type BoundFlags, boundsFrom, EXIT, type Io, readSource, withBounds } from './io.js';

interface GradeFlags extends BoundFlags {
  json?: boolean;
  csv?: string;
  results?: string;
  resume?: boolean;
  progress?: boolean;
}

/** Submissions from this many on get a progress bar (on a terminal). */
const PROGRESS_FROM = 10;

/** Registers the grade command. */
export function registerGrade(program: Command, io: Io, done: (code: number) => void): void {
  withBounds(program.command('grade'))
    .description('grade submissions (a file per student, or folders of them) against a problem set')
    .argument('<problems>', 'the problem file')
    .argument('<submissions...>', 'submission files or folders')
    .option('--json', 'print every grade as one JSON document')
    .option('--csv <file>', 'also write the grades as CSV')
    .option('--results <file>', 'JSON lines written as each submission is graded (default: <problems>.grades.jsonl beside the problem file)')
    .option('--resume', 'keep the results already in --results and grade only the rest')
    .option('--progress', 'show a progress bar on standard error even when it is not a terminal')
    .action((problemsFile: string, submissions: string[], flags: GradeFlags) => {
      const { source, sourceName } = readSource(io, undefined, problemsFile);
      const set = mergeProblemSets([parseProblems(source, sourceName)]);
      for (const reading of set.readings) io.err(`warning: ${reading}`);
      const files = submissionFiles(submissions);
      const resultsFile = flags.results ?? join(dirname(problemsFile), `${basename(problemsFile, extname(problemsFile))}.grades.jsonl`);
      const previous = flags.resume && existsSync(resultsFile) ? readResults(resultsFile) : [];
      if (!flags.resume) writeFileSync(resultsFile, '');
      const already = new Set(previous.map((grade) => grade.file ?? ''));
      const grades = [...previous];
      const bar = progressBar(files.length - already.size, flags.progress);
      gradeClass(
        set,
        files,
        (grade) => {
          const json = gradeJson(grade);
          appendFileSync(resultsFile, `${JSON.stringify(json)}\n`);
          grades.push(json);
          bar?.increment();
        },
        { done: already, ...boundsFrom(flags) },
      );
      bar?.stop();
      const ordered = files.map((file) => grades.find((grade) => grade.file === file)).filter((grade) => grade !== undefined);
      if (flags.csv) writeFileSync(flags.csv, gradesCsv(ordered));
      if (flags.json) io.out(JSON.stringify({ students: ordered, warnings: set.warnings }, null, 2));
      else io.out(`${renderGrades(ordered, set.warnings)}\nresults: ${resultsFile}${flags.csv ? `, ${flags.csv}` : ''}`);
      done(EXIT.ok);
    });
}

/** The grades already in a results file (a line cut off by an interruption is dropped, and graded again). */
function readResults(file: string): ReturnType<typeof gradeJson>[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const grades: ReturnType<typeof gradeJson>[] = [];
  for (const line of lines) {
    if (line.trim() === '') continue;
    try {
      grades.push(JSON.parse(line) as ReturnType<typeof gradeJson>);
    } catch {
      if (line !== lines[lines.length - 1] && line !== lines[lines.length - 2]) throw new InputError('io', `${file} is not a results file: a line is not JSON`);
    }
  }
  writeFileSync(file, grades.map((grade) => `${JSON.stringify(grade)}\n`).join(''));
  return grades;
}

/** A progress bar on standard error, for many submissions on a terminal (or when asked for). */
function progressBar(count: number, forced: boolean | undefined): SingleBar | undefined {
  if (!forced && !(process.stderr.isTTY === true && count >= PROGRESS_FROM)) return undefined;
  const { SingleBar: Bar } = createRequire(import.meta.url)('cli-progress') as typeof import('cli-progress'); // loaded only when grading shows a bar
  const bar = new Bar({ format: 'grading [{bar}] {value}/{total} submissions', stream: process.stderr, noTTYOutput: forced === true, notTTYSchedule: 1000 });
  bar.start(count, 0);
  return bar;
}
