/**
 * A submission's grade in the formats autograding platforms read: Gradescope's `results.json` (one test per ask, the
 * feedback as Markdown) and PrairieLearn's external-grader result (a score in [0, 1] and one test per ask).
 */
import { formatValue } from '../explain/format.js';
import type { gradeJson } from './grade.js';

type Grade = ReturnType<typeof gradeJson>;

/** One ask of a grade, with its share of the part's points and the feedback line about it. */
interface AskRow {
  readonly name: string;
  readonly score: number;
  readonly max: number;
  readonly passed: boolean;
  readonly feedback: string;
}

function rows(grade: Grade): AskRow[] {
  return grade.parts.flatMap((part) => {
    const weights = part.asks.reduce((sum, ask) => sum + ask.weight, 0);
    return part.asks.map((ask, i) => {
      const max = weights === 0 ? 0 : (part.max * ask.weight) / weights;
      const passed = ask.verdict === 'correct';
      return { name: `${part.problem} ${part.part}: ${ask.ask}`, score: round(passed ? max : 0), max: round(max), passed, feedback: part.feedback[i] ?? ask.verdict };
    });
  });
}

/** Gradescope's autograder results (results.json): the total, and a test per ask with its Markdown feedback. */
export function gradescopeResults(grade: Grade, seconds: number): object {
  const errors = grade.errors.map((error) => `- ${error.line > 0 ? `line ${error.line}: ` : ''}${error.message}`);
  return {
    score: grade.total,
    execution_time: Math.round(seconds * 1000) / 1000,
    output: [`**${formatValue(grade.total)} / ${formatValue(grade.max)}** points, checked by chainrule.`, ...(errors.length > 0 ? ['', 'Lines that could not be read:', ...errors] : [])].join('\n'),
    output_format: 'md',
    visibility: 'visible',
    stdout_visibility: 'hidden',
    tests: rows(grade).map((row) => ({
      name: row.name,
      score: row.score,
      max_score: row.max,
      status: row.passed ? 'passed' : 'failed',
      output: markdown(row.feedback),
      output_format: 'md',
      visibility: 'visible',
      tags: [row.name.split(' ')[0]!],
    })),
  };
}

/** PrairieLearn's external-grader result: gradable, a score in [0, 1], a message, and a test per ask. */
export function prairielearnResults(grade: Grade): object {
  const unread = grade.errors.map((error) => `${error.line > 0 ? `line ${error.line}: ` : ''}${error.message}`);
  return {
    gradable: true,
    score: grade.max === 0 ? 0 : Math.min(1, Math.max(0, grade.total / grade.max)),
    message: `${formatValue(grade.total)} / ${formatValue(grade.max)} points, checked by chainrule.`,
    output: rows(grade).map((row) => row.feedback).join('\n'),
    format_errors: unread,
    tests: rows(grade).map((row) => ({ name: row.name, description: row.name, points: row.score, max_points: row.max, message: row.feedback, output: row.feedback })),
  };
}

/** A feedback line as Markdown: the formula parts in code, so that * and _ stay as written. */
function markdown(line: string): string {
  return line.replace(/[\\`*_[\]<>]/g, (char) => `\\${char}`);
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
