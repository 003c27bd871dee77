/** Renders grades: feedback for a student, a class summary as text, JSON and CSV. */
import type { AskGrade, PartGrade, StudentGrade } from '../check/grade.js';
import { formatPair, formatValue } from '../explain/format.js';
import { printable } from './printable.js';

/** Feedback a student can act on, one line per ask. */
export function feedback(part: PartGrade): string[] {
  return part.asks.map(describeAsk);
}

function describeAsk(grade: AskGrade): string {
  const answer = grade.answer;
  if (!answer) return `missing: ${grade.ask}`;
  if (answer.verdict === 'correct') return roundedAnswer(answer.reason) ? `✓ ${answer.claim}: ${answer.reason}` : `✓ ${answer.claim}`;
  const facts = [answer.expected !== undefined ? `it should be ${answer.expected}` : undefined];
  if (answer.counterexample) {
    const at = Object.entries(answer.counterexample.point).map(([name, value]) => `${name} = ${value}`).join(', ');
    const bound = Object.entries(answer.counterexample.bindings ?? {}).map(([name, value]) => `${name} = ${Number(value.toPrecision(4))}`).join(', ');
    const [claimed, correct] = formatPair(answer.counterexample.claimed, answer.counterexample.correct);
    facts.push(`${at ? `at ${at}${bound ? ` (where ${bound})` : ''} ` : ''}yours is ${claimed}, the right value is ${correct}`);
  }
  facts.push(answer.diagnosis, answer.reason);
  const mark = answer.verdict === 'incorrect' ? '✗' : '?';
  return `${mark} ${answer.claim} (line ${answer.line}): ${facts.filter((fact) => fact !== undefined).join('; ')}`;
}

/** Whether a right answer's reason says how rounding explains it (a number judged by the precision rule). */
function roundedAnswer(reason: string | undefined): reason is string {
  return reason?.startsWith('rounding explains') ?? false;
}

/** One student's grade as a JSON-ready object (one line of the results file). */
export function gradeJson(grade: StudentGrade) {
  return {
    student: grade.student,
    ...(grade.file ? { file: grade.file } : {}),
    total: grade.total,
    max: grade.max,
    parts: grade.parts.map((part) => ({
      problem: part.problem,
      part: part.part,
      verdict: part.verdict,
      points: part.points,
      max: part.max,
      feedback: feedback(part),
      asks: part.asks.map((ask) => ({ ask: ask.ask, verdict: ask.verdict, weight: ask.weight, ...(ask.answer ? { line: ask.answer.line, answer: ask.answer.claim } : {}) })),
    })),
    ...(grade.extra.length > 0 ? { extra: grade.extra.map((claim) => ({ line: claim.line, claim: claim.claim, verdict: claim.verdict })) } : {}),
    errors: grade.errors,
  };
}

/** Errors of one submission shown in the class summary (the results file and JSON have them all). */
const SHOWN_ERRORS = 10;

/** A class's grades as text: each student's total and parts, with feedback for the parts not fully right. */
export function renderGrades(grades: readonly ReturnType<typeof gradeJson>[], warnings: readonly string[]): string {
  const lines = warnings.map((warning) => `warning: ${warning}`);
  for (const grade of grades) {
    lines.push(`${grade.student}: ${formatValue(grade.total)}/${formatValue(grade.max)}`);
    for (const part of grade.parts) {
      lines.push(`  ${part.problem} ${part.part}: ${formatValue(part.points)}/${formatValue(part.max)} ${part.verdict}`);
      // a right part says only why a rounded number was accepted; any other part gives all its feedback
      const shown = part.verdict === 'correct' ? part.feedback.filter((line) => line.includes(': rounding explains')) : part.feedback;
      lines.push(...shown.map((line) => `    ${line}`));
    }
    for (const error of grade.errors.slice(0, SHOWN_ERRORS)) lines.push(`  ! ${error.line > 0 ? `line ${error.line}: ` : ''}${error.message}`);
    if (grade.errors.length > SHOWN_ERRORS) lines.push(`  ! and ${grade.errors.length - SHOWN_ERRORS} more (the results file lists them all)`);
  }
  if (grades.length > 0) {
    const mean = grades.reduce((sum, grade) => sum + grade.total, 0) / grades.length;
    lines.push(`${grades.length} submission${grades.length === 1 ? '' : 's'}, mean ${formatValue(Math.round(mean * 100) / 100)}/${formatValue(grades[0]!.max)}`);
  }
  return lines.map(printable).join('\n');
}

/** The grades as CSV: one row per student, a column per part. */
export function gradesCsv(grades: readonly ReturnType<typeof gradeJson>[]): string {
  const columns = grades[0]?.parts.map((part) => `${part.problem}.${part.part}`) ?? [];
  const rows = [['student', 'file', 'total', 'max', ...columns, 'feedback']];
  for (const grade of grades) {
    // what a gradebook shows the student: each part not fully right, with why (one cell, parts separated by " | ")
    const notes = grade.parts.filter((part) => part.points < part.max).map((part) => `${part.problem}.${part.part}: ${part.feedback.filter((line) => !line.startsWith('✓')).join('; ')}`);
    rows.push([printable(grade.student), printable(grade.file ?? ''), String(grade.total), String(grade.max), ...grade.parts.map((part) => String(part.points)), printable(notes.join(' | '))]);
  }
  return `${rows.map((row) => row.map((field, index) => csvField(field, index === row.length - 1 ? 0 : index)).join(',')).join('\n')}\n`;
}

/** A CSV field, quoted where needed; text a spreadsheet would run as a formula (=, +, -, @ first) is prefixed with '. */
function csvField(value: string, index: number): string {
  const safe = index < 2 && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value; // names and paths come from submissions
  return /[",\n']/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

