/** Renders `chainrule check` reports as text or JSON. */
import type { ClaimResult, ClaimsReport } from '../check/results.js';
import { formatError } from '../errors.js';
import { formatPair } from '../explain/format.js';
import { printable, printableLines } from './printable.js';
import { formatWarning } from '../syntax/reading.js';

const MARKS = { correct: '✓', incorrect: '✗', undetermined: '?' } as const;

/** The report as JSON: the claims, a summary, and the lines that could not be read. */
export function checkJson(report: ClaimsReport) {
  return {
    claims: report.claims.map((claim) => ({
      line: claim.line,
      claim: claim.claim,
      verdict: claim.verdict,
      ...(claim.expected !== undefined ? { expected: claim.expected } : {}),
      ...(claim.expectedLatex !== undefined ? { expected_latex: claim.expectedLatex } : {}),
      ...(claim.counterexample ? { counterexample: claim.counterexample } : {}),
      ...(claim.diagnosis ? { diagnosis: claim.diagnosis, diagnosis_kind: claim.diagnosisKind } : {}),
      ...(claim.reason ? { reason: claim.reason } : {}),
      kind: claim.kind,
      start_line: claim.startLine,
      ...(claim.step !== undefined ? { step: claim.step } : {}),
      ...(claim.notes ? { notes: claim.notes } : {}),
    })),
    summary: report.summary,
    errors: report.errors.map(({ line, error }) => ({ line, kind: error.kind, message: error.message, ...(error.hint ? { hint: error.hint } : {}) })),
    warnings: report.warnings.map(({ span, message }) => ({ line: span.line, column: span.col, message })),
  };
}

/**
 * The report as text: one paragraph per claim, then a summary; unreadable lines and (in text) the warnings about
 * ambiguous forms are returned separately for stderr, in line order.
 */
export function renderCheck(report: ClaimsReport, format: 'text' | 'json', sourceName?: string): { out: string; err: string } {
  const errors = report.errors.map(({ line, error }) => ({ line, text: formatError(error) }));
  const warnings = format === 'json' ? [] : report.warnings.map((warning) => ({ line: warning.span.line, text: formatWarning(warning, sourceName) }));
  const err = [...warnings, ...errors]
    .sort((a, b) => a.line - b.line)
    .map((entry) => printableLines(entry.text))
    .join('\n');
  if (format === 'json') return { out: JSON.stringify(checkJson(report), null, 2), err };
  const lines = report.claims.flatMap(describe);
  const { correct, incorrect, undetermined } = report.summary;
  const total = correct + incorrect + undetermined;
  const unread = report.errors.length > 0 ? `, ${report.errors.length} line${report.errors.length === 1 ? '' : 's'} could not be read` : '';
  lines.push(`${total} claim${total === 1 ? '' : 's'}: ${correct} correct, ${incorrect} incorrect, ${undetermined} undetermined${unread}`);
  return { out: lines.map(printable).join('\n'), err };
}

function describe(claim: ClaimResult): string[] {
  const where = claim.step !== undefined && claim.startLine !== claim.line ? ` (step ${claim.step} of the claim on line ${claim.startLine})` : '';
  return [`line ${claim.line}: ${MARKS[claim.verdict]} ${claim.verdict}: ${claim.claim}${where}`, ...claimDetails(claim)];
}

/** The mark of each verdict. */
export const VERDICT_MARKS = MARKS;

/** What a report says under a claim, indented: the right answer, the counterexample, the diagnosis, the notes. */
export function claimDetails(claim: ClaimResult): string[] {
  const lines: string[] = [];
  if (claim.verdict === 'incorrect') {
    const label = claim.step !== undefined && claim.step > 1 ? 'the line before is' : claim.kind === 'identity' ? 'the left side is' : 'it should be';
    if (claim.expected !== undefined) lines.push(`    ${label} ${claim.expected}`);
    if (claim.counterexample) {
      const at = Object.entries(claim.counterexample.point).map(([name, value]) => `${name} = ${value}`).join(', ');
      const bound = Object.entries(claim.counterexample.bindings ?? {}).map(([name, value]) => `${name} = ${Number(value.toPrecision(4))}`).join(', ');
      const place = at === '' ? '' : bound === '' ? `at ${at}: ` : `at ${at} (where ${bound}): `;
      const yours = claim.counterexample.entry ? `entry ${claim.counterexample.entry} of yours` : 'yours';
      const [claimed, correct] = formatPair(claim.counterexample.claimed, claim.counterexample.correct);
      lines.push(`    ${place}${yours} is ${claimed}, the right value is ${correct}`);
    }
    if (claim.diagnosis) lines.push(`    ${claim.diagnosis}`);
  }
  if (claim.reason && claim.verdict !== 'correct') lines.push(`    ${claim.reason}`);
  if (claim.verdict === 'correct' && claim.reason?.startsWith('rounding explains')) lines.push(`    ${claim.reason}`);
  for (const note of claim.notes ?? []) lines.push(`    note: ${note}`);
  return lines;
}

/**
 * The report as one line per claim and per unreadable line, `file:line:col: severity: message` (the form editors and
 * CI problem matchers read): an incorrect or undetermined claim is an error, a correct one a note.
 */
export function compactCheck(report: ClaimsReport, name: string): { out: string; err: string } {
  const lines = report.claims.map((claim) => `${name}:${claim.line}:1: ${claim.verdict === 'correct' ? 'note' : 'error'}: ${compactMessage(claim)}`);
  const errors = report.errors.map(({ line, error }) => `${name}:${line}:${error.location?.span.col ?? 1}: error: ${error.message}`);
  return { out: [...lines, ...errors].map(printable).join('\n'), err: '' };
}

/** A claim's verdict in one line: what is wrong, and what is right. */
export function compactMessage(claim: ClaimResult, written = claim.claim): string {
  const what = `${MARKS[claim.verdict]} ${claim.verdict}: ${written}`;
  if (claim.verdict === 'correct') return what;
  const should = claim.step !== undefined && claim.step > 1 ? 'the line before is' : claim.kind === 'identity' ? 'the left side is' : 'it should be';
  const details = [claim.diagnosis, claim.expected !== undefined ? `${should} ${claim.expected}` : undefined, claim.reason].filter((detail) => detail !== undefined);
  return details.length > 0 ? `${what} (${details.join('; ')})` : what;
}
